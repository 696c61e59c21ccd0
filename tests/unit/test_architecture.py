"""The import rules of docs/architecture.md: a Qt-free core, and a sandbox that is the other side of the wire."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
PROJECT = ("civic", "client_api", "desktop", "fees", "printing", "sandbox")
# who may import whom (docs/architecture.md): package → project packages it may import
ALLOWED = {
    "civic": set(),
    "client_api": {"civic"},
    "fees": {"civic"},
    "printing": {"civic"},
    "sandbox": {"fees", "civic"},
}


def _modules(package: str) -> list[str]:
    folder = ROOT / package
    return sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in folder.rglob("*.py")
        if path.name != "__main__.py"
    )


def _imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", [p for p in ALLOWED if (ROOT / p).is_dir()])
def test_core_packages_import_only_what_the_design_allows(package):
    offenders = {}
    for path in (ROOT / package).rglob("*.py"):
        imported = _imported_top_levels(path)
        bad = (imported & set(PROJECT)) - ALLOWED[package] - {package}
        bad |= imported & set(QT_MODULES)
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


@pytest.mark.parametrize("package", [p for p in ALLOWED if (ROOT / p).is_dir()])
def test_importing_every_module_of_a_core_package_loads_no_qt(package):
    """Checked at run time too: an indirect import (through a library) counts."""
    code = (
        "import importlib, sys\n"
        f"for name in {_modules(package)!r}:\n"
        "    importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_only_desktop_and_the_print_service_import_qt():
    offenders = []
    for package in PROJECT:
        if package == "desktop" or not (ROOT / package).is_dir():
            continue
        for path in (ROOT / package).rglob("*.py"):
            if package == "printing" and path.stem == "print_service":
                continue
            if _imported_top_levels(path) & set(QT_MODULES):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# desktop's own layers (docs/architecture.md, "Desktop layers"): pages (desktop/ui) may use widgets and services;
# widgets (desktop/widgets) use services, never a page; services (the other modules of desktop/) use neither.
# The entry points (start-up, command line, screenshots) put everything together and may import anything.
DESKTOP_ENTRY_POINTS = {"__main__", "cli", "main", "screenshots"}


def _desktop_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("desktop"))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("desktop"):
            names.add(node.module or "")
    return names


def _layer(module: str) -> str:
    if module.startswith("desktop.ui"):
        return "page"
    if module.startswith("desktop.widgets"):
        return "widget"
    return "service"


def test_desktop_layers_point_downward_only():
    forbidden = {"service": {"page", "widget"}, "widget": {"page"}, "page": set()}
    offenders = {}
    for path in (ROOT / "desktop").rglob("*.py"):
        relative = path.relative_to(ROOT).with_suffix("")
        if relative.parent == Path("desktop") and relative.name in DESKTOP_ENTRY_POINTS:
            continue
        module = ".".join(relative.parts)
        bad = sorted(name for name in _desktop_imports(path) if _layer(name) in forbidden[_layer(module)])
        if bad:
            offenders[module] = bad
    assert offenders == {}

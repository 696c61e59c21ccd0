"""desktop/preload.py: the pages' libraries, loaded on a worker thread while the operator signs in."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from desktop.preload import LIBRARY_PACKAGES, library_modules

ROOT = Path(__file__).resolve().parents[3]


def test_the_libraries_are_every_module_of_the_qt_free_packages_but_the_command_lines():
    names = library_modules()
    assert names[0] == "civic" and len(names) == len(set(names))
    for package in LIBRARY_PACKAGES:
        assert names.index(package) < min(i for i, name in enumerate(names) if name.startswith(f"{package}."))
    assert {"printing.receipt", "printing.certificate", "fees.engine", "client_api.cashier", "civic.jalali"} <= set(
        names
    )
    assert not [name for name in names if name.rsplit(".", 1)[-1].endswith("cli")]
    on_disk = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in LIBRARY_PACKAGES
        for path in (ROOT / package).rglob("*.py")
    }
    assert set(names) == {name for name in on_disk if not name.rsplit(".", 1)[-1].endswith("cli")}


def test_loading_them_imports_each_once_and_no_qt():
    code = (
        "import json, sys\n"
        "from desktop import preload\n"
        "qt_before = {name for name in sys.modules if name.split('.')[0] in ('PySide6', 'shiboken6')}\n"
        "first = preload.load_libraries()\n"
        "again = preload.load_libraries()\n"
        "missing = [name for name in preload.library_modules() if name not in sys.modules]\n"
        "qt = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6') and n not in qt_before)\n"
        "print(json.dumps([first, again, len(preload.library_modules()), missing, qt]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    first, again, count, missing, qt = json.loads(result.stdout.splitlines()[-1])
    assert (first, again, missing, qt) == (count, 0, [], [])


def _module_level_imports(path: Path, known: set[str]) -> set[str]:
    """The project modules `path` imports when it is loaded (imports inside functions run later, one thread)."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target:
                found.add(target)
    return found


def test_their_imports_have_no_cycle_so_a_worker_and_the_ui_thread_cannot_wait_for_each_other():
    """Two threads importing at once wait for each other only along a cycle of module-level imports."""
    paths = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for package in LIBRARY_PACKAGES
        for path in (ROOT / package).rglob("*.py")
    }
    edges = {name: _module_level_imports(path, set(paths)) - {name} for name, path in paths.items()}
    done: set[str] = set()

    def cycle_from(name: str, trail: list[str]) -> list[str]:
        if name in trail:
            return [*trail[trail.index(name) :], name]
        if name in done:
            return []
        for imported in sorted(edges[name]):
            if found := cycle_from(imported, [*trail, name]):
                return found
        done.add(name)
        return []

    cycles = [found for name in sorted(paths) if (found := cycle_from(name, []))]
    assert cycles == []


def test_the_page_modules_load_one_per_turn_each_after_what_it_imports_then_the_classes_are_built_and_icons_drawn():
    """In a fresh process, on a running event loop."""
    code = (
        "import json, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from desktop import preload\n"
        "from desktop.pages import PAGES\n"
        "loader = preload.PageModuleLoader(spec.module for spec in PAGES)\n"
        "new_per_turn = []\n"
        "def turn():\n"
        "    before = set(sys.modules)\n"
        "    loader._next()\n"
        "    new_per_turn.append(sorted(n for n in set(sys.modules) - before if n.startswith('desktop.')))\n"
        "loader._timer.timeout.disconnect()\n"
        "loader._timer.timeout.connect(turn)\n"
        "loader.finished.connect(app.quit)\n"
        "app.exec()\n"
        "targets = [spec.module for spec in PAGES]\n"
        "from PySide6 import QtWidgets\n"
        "built = len(vars(QtWidgets))\n"
        "QtWidgets.QScrollArea().viewport()  # a widget whose class the binding finds out\n"
        "later = len(vars(QtWidgets)) - built\n"
        "from desktop import theme\n"
        "drawn = theme._icon.cache_info().currsize\n"
        "theme.icon('send', on_accent=True); theme.icon('home')\n"
        "again = theme._icon.cache_info().currsize - drawn\n"
        "wanted = len(theme.ICON_NAMES) + len(theme.ACCENT_ICON_NAMES)\n"
        "print(json.dumps([loader.loaded, new_per_turn, [t for t in targets if t not in sys.modules], later,\n"
        "                  [drawn, again, wanted]]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    loaded, new_per_turn, not_loaded, built_later, (drawn, drawn_later, wanted) = json.loads(
        result.stdout.splitlines()[-1]
    )
    assert not_loaded == []
    assert built_later == 0  # every widget class was built ahead, none while a page is made
    assert drawn >= wanted and drawn_later == 0  # every icon was drawn ahead, none when a page asks for it
    assert len(new_per_turn) > len(loaded) + 1  # building them took turns of their own, after the modules
    position = {name: index for index, name in enumerate(loaded)}
    wizard = position["desktop.ui.permit_wizard_page"]
    for step in ("permit_parcel_step", "permit_building_step", "permit_review_step", "permit_fee_panel"):
        assert position[f"desktop.ui.{step}"] < wizard
    assert position["desktop.print_service"] < position["desktop.ui.cashier_page"]
    # a turn loads the one module it names (what that imports came on earlier turns), besides the packages above
    # it and what a package's own __init__ loads (desktop.widgets.lists: its model and view)
    packages = {"desktop.ui", "desktop.widgets", "desktop.widgets.lists"}
    for modules in new_per_turn:
        named = [module for module in modules if module in position]
        assert len(named) <= 1, modules
        assert set(modules) - set(named) <= packages | {"desktop.widgets.lists.model", "desktop.widgets.lists.view"}
    assert [module for modules in new_per_turn for module in modules if module in position] == loaded


def test_every_icon_a_page_draws_light_is_drawn_ahead():
    """`icon(NAME, on_accent=True)` anywhere in the pages names one of theme.ACCENT_ICON_NAMES, which the loader
    draws ahead (a name missing there would be drawn while its page is made)."""
    from desktop.theme import ACCENT_ICON_NAMES, ICON_NAMES

    call = re.compile(r"""icon\(\s*"([a-z-]+)",\s*on_accent=True\s*\)""")
    used = {name for path in (ROOT / "desktop").rglob("*.py") for name in call.findall(path.read_text("utf-8"))}
    assert {"send", "check"} <= used
    assert used <= set(ACCENT_ICON_NAMES) <= set(ICON_NAMES)

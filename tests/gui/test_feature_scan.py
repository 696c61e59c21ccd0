"""PySide's import hook reads no module's source once `skip_source_reading` has run (desktop/feature_scan.py).

Each case is a fresh interpreter: the hook's table of modules lives for the whole process, and this one has
imported PySide long ago.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SELECTS_A_FEATURE = re.compile(r"^\s*(from __feature__ import|import __feature__)", re.MULTILINE)

IMPORT_A_NEW_MODULE = """
import linecache, sys
sys.path.insert(0, {folder!r})
from desktop.feature_scan import skip_source_reading
skipped = skip_source_reading() if {skip!r} else None
import PySide6.QtCore
import freshly_written
print(skipped, freshly_written.__file__ in linecache.cache)
"""


def _run(tmp_path: Path, *, skip: bool) -> str:
    (tmp_path / "freshly_written.py").write_text("from PySide6.QtCore import QObject\n\nKIND = QObject\n")
    script = IMPORT_A_NEW_MODULE.format(folder=str(tmp_path), skip=skip)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.strip()


def test_a_module_imported_after_pyside_is_not_read_once_skipped(tmp_path: Path) -> None:
    # True: this PySide has the check the function replaces (an upgrade without it fails here: measure it again)
    assert _run(tmp_path, skip=True) == "True False"


def test_without_it_pyside_reads_the_source_of_each_new_module(tmp_path: Path) -> None:
    # what the start-up is spared; should a PySide stop reading sources, this fails and the module can go
    assert _run(tmp_path, skip=False) == "None True"


def test_nothing_here_selects_a_pyside_feature() -> None:
    # the hook's answer matters only to a process where some module selects a feature: none may
    selecting = [
        str(path.relative_to(ROOT))
        for folder in ("civic", "client_api", "desktop", "fees", "printing", "sandbox", "bench", "tests")
        for path in (ROOT / folder).rglob("*.py")
        if SELECTS_A_FEATURE.search(path.read_text(encoding="utf-8"))
    ]
    assert selecting == []

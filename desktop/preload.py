"""What the operator's pages are made of, loaded while the operator signs in, so that the first show of a page
does not wait for it (ReportLab and the documents alone take about 100 ms, the permit wizard's own modules 60 ms).

- On a worker thread, `load_libraries`: the project's packages that never import Qt (`LIBRARY_PACKAGES`, and what
  they import: ReportLab, requests, keyring), but their command-line modules. Their module graph has no cycle
  (tests/unit/desktop/test_preload.py), so an import on that thread cannot wait for one on the UI thread that
  waits for it in turn.
- Then on the UI thread, `PageModuleLoader`: the pages' own modules, which load Qt's libraries (a Qt library or
  plugin is loaded on the UI thread only, desktop/print_service.py), one module per turn of the event loop and
  each after the modules it imports, so the operator's keys are handled between them; then the widget classes
  and the theme's icons (2-4 ms each to draw), a few milliseconds a turn.
"""

from __future__ import annotations

import dis
import importlib
import importlib.util
import logging
import pkgutil
import sys
import threading
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6 import QtWidgets
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.theme import ACCENT_ICON_NAMES, ICON_NAMES, icon

log = logging.getLogger(__name__)
T = TypeVar("T")

LIBRARY_PACKAGES = ("civic", "client_api", "fees", "printing")

_started = threading.Event()


def library_modules() -> list[str]:
    """The modules of `LIBRARY_PACKAGES` the pages may use: every one but the command-line ones, packages first."""
    names: list[str] = []
    for package in LIBRARY_PACKAGES:
        names.append(package)
        path = importlib.import_module(package).__path__
        for info in pkgutil.walk_packages(path, f"{package}."):
            leaf = info.name.rsplit(".", 1)[-1]
            if not (leaf.endswith("cli") or leaf == "__main__"):
                names.append(info.name)
    return names


def load_libraries() -> int:
    """Import `library_modules()` (on a worker thread), once per process; the number of modules imported by this
    call. A module that fails is logged and skipped: its page reports the same failure when it is shown."""
    if _started.is_set():
        return 0
    _started.set()
    loaded = 0
    for name in library_modules():
        try:
            importlib.import_module(name)
        except Exception:
            log.exception("%s could not be loaded ahead of its page", name)
        else:
            loaded += 1
    return loaded


def _desktop_imports(name: str) -> list[str]:
    """The `desktop` modules `name` imports when it is loaded, read from its compiled code (there is no source in
    the bundle), without loading it (only the packages above it)."""
    spec = importlib.util.find_spec(name)
    get_code = getattr(spec.loader, "get_code", None) if spec is not None else None
    code = get_code(name) if get_code is not None else None
    if code is None:
        return []
    found: list[str] = []
    fromlist: object = None
    for op in dis.get_instructions(code):
        if op.opname == "IMPORT_NAME" and isinstance(op.argval, str) and op.argval.split(".")[0] == "desktop":
            found.append(op.argval)
            # `from desktop.widgets import banner`: a module of a package
            if isinstance(fromlist, tuple) and _is_package(op.argval):
                found += [f"{op.argval}.{item}" for item in fromlist if _is_module(f"{op.argval}.{item}")]
        fromlist = op.argval if op.opname == "LOAD_CONST" else None
    return [name for name in found if name != "desktop"]


def _is_package(name: str) -> bool:
    spec = importlib.util.find_spec(name)  # loads the packages above it: on the UI thread, as the loader runs
    return spec is not None and spec.submodule_search_locations is not None


def _is_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def unbuilt_widget_types() -> list[str]:
    """The classes of QtWidgets the binding has not built yet. PySide builds a Qt class's Python type (with its
    enums) on first use; and the first time Qt hands over a widget whose class it has to find out (a scroll area's
    viewport, say), it builds every widget class it has not built yet, about 70 of them, at once: 30 ms on the UI
    thread, while whichever page is shown first is made."""
    built = vars(QtWidgets)
    return [name for name in dir(QtWidgets) if name.startswith("Q") and name not in built]


class PageModuleLoader(QObject):
    """Imports the pages' `modules` and what they are made of, on the UI thread: one module per turn of the event
    loop, `GAP_MS` apart, each after the modules it imports (read from its compiled code first, so a turn loads
    that one module alone); then has the widget classes built (`unbuilt_widget_types`) and the theme's icons drawn
    (`theme.ICON_NAMES`, and `ACCENT_ICON_NAMES` in the light colour), for at most `TYPES_MS` a turn; then
    `finished`."""

    GAP_MS = 10
    TYPES_MS = 4.0
    finished = Signal()

    def __init__(self, modules: Iterable[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack = list(reversed(list(modules)))
        self._read: set[str] = set()
        self.loaded: list[str] = []  # in the order they were loaded
        self._types: list[str] | None = None  # the widget classes left to build, once the modules are in
        self._icons: list[tuple[str, bool]] | None = None  # the icons left to draw, after the classes
        self.done = False
        self._timer = QTimer(self, interval=self.GAP_MS)
        self._timer.timeout.connect(self._next)
        self._timer.start()

    def _next(self) -> None:
        while self._stack:
            name = self._stack[-1]
            if name in sys.modules:
                self._stack.pop()
                continue
            if name not in self._read:
                self._read.add(name)
                try:
                    imported = _desktop_imports(name)
                except (ImportError, SyntaxError, ValueError) as exc:
                    log.warning("what %s imports could not be read: %s", name, exc)
                    imported = []
                first = [module for module in imported if module not in sys.modules and module not in self._read]
                if first:
                    self._stack += reversed(first)
                    continue
            self._stack.pop()
            try:
                importlib.import_module(name)
            except Exception:
                log.exception("%s could not be loaded ahead of its page", name)
            else:
                self.loaded.append(name)
            return
        if self._types is None:
            self._types = unbuilt_widget_types()
        if self._some_of(self._types, lambda name: getattr(QtWidgets, name)):
            return
        if self._icons is None:
            self._icons = [(name, True) for name in reversed(ACCENT_ICON_NAMES)]
            self._icons += [(name, False) for name in reversed(ICON_NAMES)]
        if self._some_of(self._icons, lambda item: icon(item[0], on_accent=item[1])):
            return
        self._timer.stop()
        self.done = True
        self.finished.emit()

    def _some_of(self, left: list[T], do: Callable[[T], object]) -> bool:
        """`do` the last items of `left`, taking them off, for up to `TYPES_MS`; False once none is left."""
        started = time.perf_counter()
        while left and (time.perf_counter() - started) * 1000 < self.TYPES_MS:
            do(left.pop())
        return bool(left)

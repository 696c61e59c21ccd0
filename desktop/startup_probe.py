"""Start-up marks for bench/startup.py and the start-up tests. Loaded only when PISHKHAN_STARTUP_PROBE is set
(desktop/main.py, one line); the production start-up never imports it.

It prints, on stdout, the wall-clock time of:
- `PISHKHAN_SIGN_IN_SHOWN`: the first paint of the sign-in page (its sign-in button drawn), then
  `PISHKHAN_STARTUP_LOADED` and those of `LATER` that were imported by then, and of `LATER_TYPES` that were made
  (none, in the production start), and `PISHKHAN_STARTUP_GC`: how many garbage collections ran before it, and how
  many objects were frozen, the collector passing them by (desktop/cli.py, desktop/main.py), and
  `PISHKHAN_STARTUP_ICON` (below);
- `PISHKHAN_SIGN_IN_READY`: the sign-in is usable: the page is painted, the server is known (the sign-in button is
  enabled: in `--demo`, once the training sandbox is up), and the event loop has gone back to waiting for input;
- `PISHKHAN_STARTUP_WARM`: what a sign-in needs has loaded too: the sweep of sessions an earlier run left in the
  keyring has finished (requests, keyring and the client are imported) and the workspace is made (its modules
  loaded off the UI thread), then `PISHKHAN_STARTUP_ICON` again. It says whether the window has its icon then
  (`set` or `none`): the start-up sets it once the sign-in page is painted, so `none` at the paint, `set` here.
Then it quits the application.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

ENVIRONMENT = "PISHKHAN_STARTUP_PROBE"
# what the first paint of the sign-in page does not need: each is imported when first used, after it
LATER = (
    "requests",
    "keyring",
    "reportlab",
    "fees",
    "printing",
    "client_api.client",
    "PySide6.QtPdf",
    "PySide6.QtPrintSupport",
    "PySide6.QtSvg",  # the sign-in card's emblem is a picture drawn ahead (desktop/theme.py `emblem`)
    "desktop.ui.fee_preview_page",
    "desktop.print_service",
    "client_api.local_db",
    "desktop.outbox",
    "desktop.ui.lock_screen",
    "desktop.ui.workspace",
    "logging.handlers",  # the log file opens on a worker once the window is painted
    "platform",
    "secrets",
    "datetime",  # a time is first needed at the sign-in (desktop/ui/main_window.py)
    "desktop.widgets.banner",  # the sign-in page's message strip is made with its first message
)


# PySide types whose enums the first paint does not need (desktop/qt_names.py, desktop/theme.py `with_tone`): each
# is made, with its enums, the first time something names it. A tool button is on no card a signed-out window shows
# (desktop/widgets/banner.py); the window's icon (QIcon) is set once it is painted; the workers' priority (QThread) is
# set as the first op starts (desktop/tasks.py); the emblem is a picture, not a drawing (QPainter, QByteArray:
# desktop/theme.py); the busy bar and the message strip (QProgressBar, QSizePolicy) are made when first shown.
LATER_TYPES = (
    ("PySide6.QtCore", "Qt"),
    ("PySide6.QtCore", "QByteArray"),
    ("PySide6.QtCore", "QThread"),
    ("PySide6.QtGui", "QIcon"),
    ("PySide6.QtGui", "QPainter"),
    ("PySide6.QtGui", "QPalette"),
    ("PySide6.QtWidgets", "QProgressBar"),
    ("PySide6.QtWidgets", "QSizePolicy"),
    ("PySide6.QtWidgets", "QStyle"),
    ("PySide6.QtWidgets", "QToolButton"),
)


def _loaded_early() -> list[str]:
    """What of `LATER` and `LATER_TYPES` exists already."""
    names = [name for name in LATER if name in sys.modules]
    for module, name in LATER_TYPES:
        if name in vars(sys.modules[module]):
            names.append(f"{module}.{name}")
    return names


def wanted() -> bool:
    return bool(os.environ.get(ENVIRONMENT))


def _mark(name: str) -> None:
    print(f"PISHKHAN_SIGN_IN_{name} {time.time():.6f}", flush=True)


class SignInPageLike(Protocol):
    """What the probe watches on the sign-in page (desktop.ui.sign_in_page.SignInPage)."""

    submit: QPushButton
    stale_sessions_ended: Any  # a Signal(int)


class WindowLike(Protocol):
    """What the probe watches on the window (desktop.ui.main_window.MainWindow)."""

    sign_in_page: Any  # a SignInPageLike
    workspace_prepared: Any  # a Signal()


class StartupProbe(QObject):
    def __init__(self, app: QApplication, window: WindowLike) -> None:
        super().__init__(app)
        self._app = app
        self._page: SignInPageLike = window.sign_in_page
        self._painted = self._ready = self._swept_once = self._prepared = self._done = False
        self._warm_at = 0.0
        self._page.submit.installEventFilter(self)
        self._page.stale_sessions_ended.connect(self._swept)
        window.workspace_prepared.connect(self._workspace_prepared)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint and not self._painted:
            self._painted = True
            _mark("SHOWN")
            print("PISHKHAN_STARTUP_LOADED", " ".join(_loaded_early()), flush=True)
            collections = " ".join(str(generation["collections"]) for generation in gc.get_stats())
            print(f"PISHKHAN_STARTUP_GC {collections} {gc.get_freeze_count()}", flush=True)
            self._icon()
            self._check()
        elif kind == QEvent.Type.EnabledChange:
            self._check()
        return False

    def _swept(self, _wiped: int) -> None:
        self._swept_once = True
        self._check()

    def _workspace_prepared(self) -> None:
        self._prepared = True
        self._check()

    def _check(self) -> None:
        if self._painted and not self._ready and self._page.submit.isEnabled():
            self._ready = True
            # a zero timer runs once the events already queued (the start-up's own) are handled
            QTimer.singleShot(0, lambda: _mark("READY"))
        if self._ready and self._swept_once and self._prepared and not self._done:
            self._warm_at = time.time()
            self._done = True
            QTimer.singleShot(0, self._finish)

    def _icon(self) -> None:
        print("PISHKHAN_STARTUP_ICON", "none" if self._app.windowIcon().isNull() else "set", flush=True)

    def _finish(self) -> None:
        print(f"PISHKHAN_STARTUP_WARM {self._warm_at:.6f}", flush=True)
        self._icon()
        self._app.quit()


def install(app: QApplication, window: WindowLike) -> None:
    StartupProbe(app, window)

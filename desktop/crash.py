"""The last resort for errors nobody handled: logged with the traceback, then shown once with copyable details.

`install_excepthook(app)` replaces `sys.excepthook` (errors on the UI thread, including those raised inside a slot
or a task's callback: PySide6 hands those to `sys.excepthook`, and `desktop.tasks` does so itself) and
`threading.excepthook` (errors that end a Python thread). The error is logged first, with its traceback, so the
log file holds it even if showing the dialog fails; the dialog is then shown on the UI thread (an error from
another thread is queued to it). While a dialog is open, further errors are added to its details instead of
opening a dialog each.

Nothing secret leaves through here: `scrub` removes bearer tokens, token and password fields and Authorization
headers from the details, and `SecretFilter` does the same for every record the log file receives.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from functools import cache
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication
from shiboken6 import Shiboken

from desktop import __version__

if TYPE_CHECKING:
    from desktop.crash_dialog import CrashDialog

log = logging.getLogger(__name__)

HIDDEN = "[hidden]"
_SECRET_KEYS = r"(?:access_token|refresh_token|id_token|access|refresh|token|password|passwd|pwd|secret|api_key|apikey)"


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled when first needed, not while the window starts (some 1.5 ms)."""
    return (
        # an Authorization or Cookie header, to the end of its line
        (re.compile(r"(?i)(\b(?:proxy-)?authorization\b[\"']?\s*[:=]\s*)[^\r\n]+"), rf"\1{HIDDEN}"),
        (re.compile(r"(?i)(\b(?:set-)?cookie\b[\"']?\s*[:=]\s*)[^\r\n]+"), rf"\1{HIDDEN}"),
        # a bearer token anywhere
        (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+"), rf"\1 {HIDDEN}"),
        # a token- or password-like field: "password": "…", refresh_token=…, 'access': '…'
        (
            re.compile(rf"(?i)([\"']?\b{_SECRET_KEYS}\b[\"']?\s*[:=]\s*)([\"']?)[^\"'\s,;&}}\]\)]+\2"),
            rf"\1\2{HIDDEN}\2",
        ),
        # a JSON Web Token, wherever it appears
        (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), HIDDEN),
    )


def scrub(text: str) -> str:
    """`text` with anything that looks like a token, a password or an Authorization header replaced."""
    for pattern, replacement in _patterns():
        text = pattern.sub(replacement, text)
    return text


class SecretFilter(logging.Filter):
    """Scrubs each record before a handler writes it (defence in depth: client_api never logs a secret)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: keep it readable, unformatted
            message = f"{record.msg} {record.args!r}"
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def error_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """What support needs to know about an error, free of secrets."""
    import datetime as dt  # these two only when there is an error to report
    import platform

    lines = [
        f"Pishkhan Desk {__version__}",
        f"Time: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"Platform: {platform.platform()}; Python {platform.python_version()}; PySide6 {pyside_version}",
        f"Thread: {threading.current_thread().name}",
        f"Error: {exc_type.__module__}.{exc_type.__qualname__}: {exc}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip("\n"),
    ]
    return scrub("\n".join(lines))


class _Reporter(QObject):
    """Lives on the UI thread; `report` queued from any thread shows (or extends) the one dialog."""

    report = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.dialog: CrashDialog | None = None
        # the thread it lives on, by Python's name for it: asking Qt (`QThread.currentThread()`) would make
        # QThread's Python type, with its enums, on the way to the first paint
        self.ui_thread = threading.get_ident()
        self.report.connect(self._show)

    @Slot(str)
    def _show(self, details: str) -> None:
        if self.dialog is not None:
            self.dialog.add_details(details)
            return
        from desktop.crash_dialog import CrashDialog  # loaded ahead with the pages (desktop/ui/main_window.py)

        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(details, parent)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()  # not exec(): no nested event loop inside whatever slot failed

    @Slot()
    def _closed(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()


_reporter: _Reporter | None = None  # the installed one
# every reporter made, kept until its application ends: another thread may be emitting on one while the hooks are
# given back (emitting lets go of the interpreter), and must never find it deleted nor let go of it last
_reporters: list[_Reporter] = []


def report_unexpected(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, *, where: str = "UI thread"
) -> None:
    """Log the error with its traceback, then show it (from any thread). Never raises."""
    try:
        log.critical("unhandled error on the %s", where, exc_info=(exc_type, exc, tb))
    except Exception:  # the log itself failed: the dialog is all that is left
        pass
    reporter = _reporter
    if reporter is None:
        return
    try:
        details = error_details(exc_type, exc, tb)
        if threading.get_ident() == reporter.ui_thread:
            reporter._show(details)
        else:
            reporter.report.emit(details)  # queued onto the UI thread
    except Exception:
        log.exception("the error dialog could not be shown")


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report_unexpected(exc_type, exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "?"
    report_unexpected(args.exc_type, args.exc_value, args.exc_traceback, where=f"thread {name}")


def install_excepthook(app: QApplication) -> None:
    """Route every unhandled error of this process to the log and the error dialog."""
    global _reporter
    if not _reporters or not Shiboken.isValid(_reporters[-1]) or _reporters[-1].parent() is not app:
        _reporters.append(_Reporter(app))
    _reporter = _reporters[-1]
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


def uninstall_excepthook() -> None:
    """Give the hooks back to Python (tests; the end of the application)."""
    global _reporter
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    if _reporter is not None:
        if _reporter.dialog is not None:
            _reporter.dialog.close()
        _reporter = None  # kept in `_reporters`, not deleted


def open_dialog() -> CrashDialog | None:
    """The error dialog on screen, if any."""
    return _reporter.dialog if _reporter is not None else None

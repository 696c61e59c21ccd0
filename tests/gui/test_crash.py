"""The last resort: an unexpected error in background work, in a task's callback or in a thread is logged with its
traceback, and shown once in a dialog whose details can be copied and hold no secret."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop import crash
from desktop.app import configure_logging, create_application
from desktop.crash_dialog import CrashDialog
from desktop.messages import operator_message
from desktop.tasks import TaskRunner

# pytest-qt would take these errors for test failures; here they are what is being tested
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def hooked(qapp, tmp_path: Path) -> Iterator[Path]:
    """The application's log file and exception hooks, as `pishkhan gui` installs them; the log file's path."""
    create_application("fa")
    handler = configure_logging(tmp_path / "log")
    crash.install_excepthook(qapp)
    yield tmp_path / "log" / "pishkhan.log"
    crash.uninstall_excepthook()
    logging.getLogger().removeHandler(handler)
    handler.close()


@pytest.fixture
def tasks(qtbot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    runner.shutdown()


def _dialog(qtbot) -> CrashDialog:
    qtbot.waitUntil(
        lambda: any(isinstance(w, CrashDialog) and w.isVisible() for w in QApplication.topLevelWidgets()),
        timeout=10_000,
    )
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]
    return dialog


def _close(qtbot, dialog: CrashDialog) -> None:
    dialog.reject()
    qtbot.waitUntil(lambda: crash.open_dialog() is None, timeout=5_000)


def test_an_unexpected_error_in_a_background_task_is_logged_and_shown(hooked, tasks, qtbot):
    def collect_day_totals() -> int:
        raise ZeroDivisionError("day totals divided by zero cashiers")

    shown: list[str] = []
    tasks.run(collect_day_totals, lambda _: None)  # nobody handles its failure: the last resort does
    dialog = _dialog(qtbot)
    details = dialog.details.toPlainText()
    assert "ZeroDivisionError" in details and "collect_day_totals" in details
    assert "Pishkhan Desk" in details and "Platform" in details
    logged = hooked.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "collect_day_totals" in logged
    _close(qtbot, dialog)

    # a page that handles the failure shows the operator's sentence; the traceback is in the log all the same
    def check_the_archive() -> None:
        raise LookupError("archive index out of step")

    tasks.run(check_the_archive, lambda _: None, lambda exc: shown.append(operator_message(exc)))
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "جزئیات در گزارش برنامه ثبت شد" in shown[0]
    assert "check_the_archive" in hooked.read_text(encoding="utf-8")


def test_an_error_inside_a_tasks_callback_reaches_the_dialog(hooked, tasks, qtbot):
    def show_receipt(value: int) -> None:
        raise AttributeError(f"receipt {value} has no payer")

    tasks.run(lambda: 41, show_receipt)
    dialog = _dialog(qtbot)
    assert "show_receipt" in dialog.details.toPlainText()
    assert "receipt 41 has no payer" in hooked.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5_000)  # the failed delivery still finished
    _close(qtbot, dialog)


def test_an_error_in_another_thread_is_shown_on_the_ui_thread_without_secrets(hooked, qtbot):
    def sync_worker() -> None:
        raise RuntimeError('server said {"access_token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc", "x": 1}')

    thread = threading.Thread(target=sync_worker, name="sync-worker")
    thread.start()
    thread.join()
    dialog = _dialog(qtbot)
    assert dialog.thread() is QApplication.instance().thread()
    details = dialog.details.toPlainText()
    assert "sync_worker" in details and "sync-worker" in details
    assert "eyJhbGci" not in details and "eyJhbGci" not in hooked.read_text(encoding="utf-8")

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == details

    # a second error while the dialog is open joins it instead of opening another
    crash.report_unexpected(ValueError, ValueError("second"), None)
    assert dialog.details.toPlainText().count("ValueError") >= 1
    assert len([w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]) == 1
    _close(qtbot, dialog)


def test_scrub_removes_tokens_passwords_and_authorization_headers():
    text = crash.scrub(
        "Authorization: Bearer abc123\n"
        "{'password': 'hunter2', 'username': 'counter1'}\n"
        'refresh_token="r-456"&office=PK-1001\n'
        "Cookie: session=xyz\n"
    )
    for secret in ("abc123", "hunter2", "r-456", "xyz"):
        assert secret not in text
    assert "counter1" in text and "PK-1001" in text

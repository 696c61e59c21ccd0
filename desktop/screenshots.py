"""`pishkhan screenshots`: every page of the application, rendered with demo data to PNG files."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QWidget

from desktop.app import create_application
from desktop.demo import DEMO_OFFICE_CODE, DEMO_PASSWORD, DEMO_USERNAME, DemoSandbox
from desktop.tasks import TaskRunner, UiThreadGarbageCollector
from desktop.ui.fee_preview_page import DEMO_CASE, FeePreviewPage
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig

SIZE = (1100, 720)


def _settle(predicate: object = None, timeout_s: float = 20.0) -> None:
    """Let the event loop run until `predicate()` holds (or just drain it once)."""
    deadline = time.monotonic() + timeout_s
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if predicate is None or predicate():  # type: ignore[operator]
            return
        if time.monotonic() > deadline:
            raise TimeoutError("the demo sandbox did not answer in time")
        time.sleep(0.01)


def _save(widget: QWidget, path: Path) -> Path:
    _settle()
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
    return path


def render_screenshots(out_dir: Path, language: str) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    create_application(language)
    sandbox = DemoSandbox()
    url = sandbox.start()
    tasks = TaskRunner()
    desk_dir = Path(tempfile.mkdtemp(prefix="pishkhan-screenshots-desk-"))  # never the operator's own data folder
    window = MainWindow(ServerConfig(url, None, "T-DEMO0001"), tasks, training=True, local_data_dir=desk_dir)
    paths: list[Path] = []
    try:
        window.resize(*SIZE)
        window.show()
        window.sign_in_page.fill(DEMO_USERNAME, DEMO_PASSWORD, DEMO_OFFICE_CODE)
        paths.append(_save(window, out_dir / f"01-sign-in-{language}.png"))

        window.sign_in_page.submit_form()
        _settle(lambda: window.stack.currentWidget() is window.workspace or window.sign_in_page.error_label.isVisible())
        if window.stack.currentWidget() is not window.workspace:
            raise TimeoutError(f"demo sign-in failed: {window.sign_in_page.error_label.text()}")
        paths.append(_save(window, out_dir / f"02-home-{language}.png"))

        fee_page = window.findChild(FeePreviewPage)
        window.nav.setCurrentRow(window.pages.indexOf(fee_page))
        fee_page.fill_case(DEMO_CASE)
        _settle(lambda: fee_page.books_ready and not tasks.busy)
        fee_page.view.select_line(0)  # one line's formula and inputs, as on demand
        paths.append(_save(window, out_dir / f"03-fees-{language}.png"))

        paths += _outbox_pages(window, sandbox, out_dir, language)
        window.sign_out()
        _settle(lambda: not tasks.busy)
    finally:
        window.close()
        tasks.shutdown()
        sandbox.stop()
        shutil.rmtree(desk_dir, ignore_errors=True)
        UiThreadGarbageCollector.collect_now()
    return paths


DEMO_NOTES = {
    "fa": (
        "پرونده پروانه ساختمانی پلاک ۱۲۳۴/۵۶ منتظر نقشه اصلاحی مالک است؛ فردا تماس بگیرید.",
        "صندوق ساعت ۱۴ بسته شد.",
    ),
    "en": (
        "The building permit file for plate 1234/56 waits for the owner's corrected plan; call tomorrow.",
        "The cash desk closed at 14:00.",
    ),
}


def _outbox_pages(window: MainWindow, sandbox: DemoSandbox, out_dir: Path, language: str) -> list[Path]:
    """The notes page with a note being confirmed; the outbox with it done; then, with the server gone, waiting."""
    notes, outbox = window.notes_page, window.outbox
    first, second = DEMO_NOTES[language]
    window.nav.setCurrentRow(window.pages.indexOf(notes))
    _settle(lambda: notes.ready)
    notes.editor.setPlainText(first)
    notes.ask_to_confirm()
    shots = [_save(window, out_dir / f"04-notes-{language}.png")]
    notes.confirm()
    _settle(lambda: outbox.last is not None and outbox.last.done_today >= 1)
    notes.refresh_recent()
    window.nav.setCurrentRow(window.pages.indexOf(window.outbox_page))
    window.outbox_page.select_tab("done_today")
    shots.append(_save(window, out_dir / f"05-outbox-{language}.png"))

    sandbox.stop()  # the server goes away: the next note waits, safe on this computer
    window.nav.setCurrentRow(window.pages.indexOf(notes))
    notes.editor.setPlainText(second)
    notes.confirm()
    _settle(lambda: outbox.connection == "offline" and outbox.last is not None and outbox.last.counts.queued >= 1)
    window.nav.setCurrentRow(window.pages.indexOf(window.outbox_page))
    window.outbox_page.select_tab("queued")
    shots.append(_save(window, out_dir / f"06-outbox-offline-{language}.png"))
    return shots

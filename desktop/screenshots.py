"""`pishkhan screenshots`: every page of the application, rendered with demo data to PNG files."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QWidget

from desktop.app import create_application
from desktop.demo import DEMO_OFFICE_CODE, DEMO_PASSWORD, DEMO_USERNAME, DemoSandbox
from desktop.tasks import TaskRunner
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
    window = MainWindow(ServerConfig(url, None, "T-DEMO0001"), tasks, training=True)
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

        window.sign_out()
        _settle(lambda: not tasks.busy)
    finally:
        window.close()
        tasks.shutdown()
        sandbox.stop()
    return paths

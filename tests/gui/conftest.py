from __future__ import annotations

import pytest

from desktop.app import apply_language, create_application
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig


@pytest.fixture
def make_window(qapp, qtbot):
    """A main window against the given server, in the given language; closed after the test."""
    create_application("fa")
    runners: list[TaskRunner] = []
    windows: list[MainWindow] = []  # kept alive until their background work is over

    def make(url: str, language: str = "fa") -> MainWindow:
        apply_language(qapp, language)
        tasks = TaskRunner()
        runners.append(tasks)
        window = MainWindow(ServerConfig(url, None, "T-GUI0001"), tasks)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        return window

    yield make
    for tasks in runners:
        qtbot.waitUntil(lambda tasks=tasks: not tasks.busy, timeout=10_000)
        tasks.shutdown()
    apply_language(qapp, "fa")

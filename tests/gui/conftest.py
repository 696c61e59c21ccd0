from __future__ import annotations

import pytest

from desktop.app import apply_language, create_application
from desktop.feature_scan import skip_source_reading
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig

skip_source_reading()  # as `pishkhan gui` does: the widgets are tested with PySide's import hook as it runs there


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


@pytest.fixture
def make_session(qapp, qtbot, tmp_path):
    """A signed-in `Session` against a real sandbox (the real sign-in, a memory token store, the operator's own
    local database opened by the real outbox service), for tests that drive one page without the window."""
    import datetime as dt

    from client_api import MemoryTokenStore, MunicipalClient
    from desktop import journaling
    from desktop.outbox import OutboxService
    from desktop.session import Session
    from desktop.settings import load_settings

    create_application("fa")
    made: list[Session] = []

    def make(url: str, username: str = "counter1", office_code: str = "PK-1001", language: str = "fa") -> Session:
        apply_language(qapp, language)
        tasks = TaskRunner()
        client = MunicipalClient(url, MemoryTokenStore())
        health = client.health()
        operator = client.sign_in(username, "pishkhan-demo", office_code, "T-GUI0009")
        outbox = OutboxService()
        config_dir = tmp_path / f"config-{len(made)}"
        session = Session(
            operator=operator,
            client=client,
            health=health,
            tasks=tasks,
            outbox=outbox,
            settings=load_settings(config_dir),
            config_dir=config_dir,
            language=language,
            signed_in_at=dt.datetime.now(dt.UTC),
            training=health.is_training,
        )
        data_dir = tmp_path / f"data-{len(made)}"
        outbox.open(data_dir, client, office_code, username, lambda exc: None, journaling.identity(session))
        qtbot.waitUntil(lambda: outbox.active, timeout=10_000)
        made.append(session)
        return session

    yield make
    for session in made:
        closed: list[bool] = []
        session.outbox.close(lambda closed=closed: closed.append(True))
        qtbot.waitUntil(lambda closed=closed: bool(closed), timeout=30_000)
        qtbot.waitUntil(lambda session=session: not session.tasks.busy, timeout=10_000)
        session.tasks.shutdown()
    apply_language(qapp, "fa")

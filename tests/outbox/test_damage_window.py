"""The operator is told, on today's desk, what happened to a damaged database and what to do; the backup is offered.

The whole window against the real sandbox. Before, the status bar said «در انتظار ارسال: ۰» (a zero-length file
re-created empty) or one generic line, and the notes page stayed disabled.
"""

from __future__ import annotations

import gc
import os
import sqlite3
from pathlib import Path

import pytest

from client_api.actions import note_action
from client_api.drafts import Drafts
from client_api.local_db import SCHEMA_VERSION, LocalDatabase, NewerSchemaError, profile_db_path
from client_api.outbox import Outbox, State
from client_api.profile import open_profile
from client_api.salvage import Recovered, Salvage
from desktop.app import apply_language, create_application
from desktop.local_data import damage_sentence, problem_sentence, restored_sentence
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig

WAIT_MS = 15_000


@pytest.fixture
def window(qapp, qtbot, tmp_path, secure_keyring):
    create_application("fa")
    apply_language(qapp, "fa")
    made: list[tuple[MainWindow, TaskRunner]] = []

    def open_window(url: str) -> MainWindow:
        tasks = TaskRunner()
        window = MainWindow(
            ServerConfig(url, None, "T-GUI0103"), tasks, local_data_dir=tmp_path / "data", config_dir=tmp_path / "cfg"
        )
        qtbot.addWidget(window)
        made.append((window, tasks))
        window.show()
        window.sign_in_page.fill("counter1", "pishkhan-demo", "PK-1001")
        window.sign_in_page.submit_form()
        qtbot.waitUntil(lambda: window.session is not None, timeout=WAIT_MS)
        return window

    yield open_window
    for window, tasks in made:
        window.close()
        qtbot.waitUntil(lambda tasks=tasks, window=window: not tasks.busy and not window.outbox.busy, timeout=WAIT_MS)
        tasks.shutdown()
    gc.collect()


def _profile_with_waiting_actions(data, root: str, label: str) -> list[str]:
    """Two actions confirmed while the server was away, and a clean close (the backup); returns their keys."""
    profile = open_profile(data, "PK-1001", "counter1")
    outbox = Outbox(profile.db, root)
    keys = [outbox.enqueue(note_action(f"{label} {n}")).idempotency_key for n in range(2)]
    Drafts(profile.db).save("note", {"text": "نیمه‌کاره"})
    profile.close()
    return keys


def test_a_damaged_database_is_told_on_the_desk_recovered_and_sent(window, sandbox, tmp_path, qtbot):
    server = sandbox()
    data = tmp_path / "data"
    keys = _profile_with_waiting_actions(data, f"{server.url}/api/v1", "recovered")
    path = profile_db_path(data, "PK-1001", "counter1")
    with path.open("r+b") as file:
        file.write(os.urandom(100))  # the header overwritten
    desk = window(server.url)
    home = desk.current_page()
    qtbot.waitUntil(lambda: desk.outbox.damage_text is not None, timeout=WAIT_MS)
    text = home.damage_banner.text_label.text()
    assert text == desk.outbox.damage_text and home.damage_banner.isVisible()
    assert "آسیب دیده بود" in text and ".damaged-" in text and "۲ کار در انتظار ارسال" in text
    assert "نسخه پشتیبان" in text and home.restore_button.isVisible() and home.keep_button.isVisible()
    # the two recovered actions are sent, each once, with the keys they were confirmed with
    qtbot.waitUntil(lambda: all(server.ledger().get(key) == 1 for key in keys), timeout=WAIT_MS)
    page = desk.show_page("notes")
    qtbot.waitUntil(lambda: page.ready, timeout=WAIT_MS)  # the notes page works again
    qtbot.waitUntil(lambda: page.editor.toPlainText() == "نیمه‌کاره", timeout=WAIT_MS)  # the draft recovered too


def test_a_zero_length_database_offers_the_backup_and_the_operator_restores_it(window, sandbox, tmp_path, qtbot):
    server = sandbox()
    data = tmp_path / "data"
    keys = _profile_with_waiting_actions(data, f"{server.url}/api/v1", "from the backup")
    path = profile_db_path(data, "PK-1001", "counter1")
    os.truncate(path, 0)
    desk = window(server.url)
    home = desk.current_page()
    qtbot.waitUntil(lambda: home.restore_button.isVisible(), timeout=WAIT_MS)
    assert "خالی شده بود" in home.damage_banner.text_label.text()
    home.restore_button.click()
    qtbot.waitUntil(lambda: "بازگردانده شد" in home.damage_banner.text_label.text(), timeout=WAIT_MS)
    assert not home.restore_button.isVisible()
    outbox = Outbox(LocalDatabase(path), "")
    done = dict.fromkeys(keys, State.DONE)
    qtbot.waitUntil(lambda: {e.idempotency_key: e.state for e in outbox.entries()} == done, timeout=WAIT_MS)
    assert all(server.ledger().get(key) == 1 for key in keys)  # each sent once


def test_the_sentences_say_what_happened_and_what_to_do(qapp):
    create_application("fa")
    apply_language(qapp, "fa")

    aside = Path("PK-1001-counter1.damaged-20260101-101010.sqlite3")
    with_backup = Salvage("corrupt", "x", (aside,), Recovered(waiting=3, finished=12), Path("b"), 1_767_000_000.0)
    text = damage_sentence(with_backup)
    assert "۳ کار در انتظار ارسال" in text and "۱۲ کار پایان‌یافته" in text and aside.name in text
    assert text.replace(aside.name, "").count(".") == 1 and text.endswith(".")  # one sentence
    missing = Salvage("missing", "x", (), Recovered(), None, None)
    assert "پیدا نشد" in damage_sentence(missing) and "پشتیبانی" in damage_sentence(missing)
    assert "بازگردانده شد" in restored_sentence(1_767_000_000.0)


def test_a_database_from_a_newer_version_is_left_alone_and_the_operator_told(window, sandbox, tmp_path, qtbot):
    server = sandbox()
    data = tmp_path / "data"
    _profile_with_waiting_actions(data, f"{server.url}/api/v1", "newer")
    path = profile_db_path(data, "PK-1001", "counter1")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    desk = window(server.url)
    home = desk.current_page()
    sentence = problem_sentence(NewerSchemaError(path, SCHEMA_VERSION + 1))
    qtbot.waitUntil(lambda: home.damage_banner.text_label.text() == sentence, timeout=WAIT_MS)
    assert "نسخه تازه‌تری" in sentence and not home.restore_button.isVisible()
    assert not desk.outbox.active and path.read_bytes() == before  # not opened, not set aside, not migrated
    assert not [p for p in data.iterdir() if ".damaged-" in p.name]

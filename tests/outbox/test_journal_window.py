"""The journal in the whole window, against the real sandbox over loopback and the real print queue: sign-in, a
confirmed note, a print and a reprint, a settings save and sign-out are journaled in that order; the chain verifies;
the server holds the note's head."""

from __future__ import annotations

import dataclasses
import gc
import os
import time
import uuid

import pytest
from PySide6.QtCore import Qt

from client_api.journal import read_entries, verify
from client_api.local_db import LocalDatabase, profile_db_path
from desktop import journaling
from desktop.app import apply_language, create_application
from desktop.cli import main as pishkhan
from desktop.docs_cli import sample_document
from desktop.print_service import PrintResult
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig
from printing import RECEIPT_PRINTER, render

from .test_notes_window import sign_in, type_text

WAIT_MS = 20_000


@pytest.fixture
def window(qapp, qtbot, tmp_path, secure_keyring):
    create_application("fa")
    apply_language(qapp, "fa")
    tasks = TaskRunner()
    made = MainWindow(None, tasks, local_data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    qtbot.addWidget(made)
    yield made
    made.close()
    qtbot.waitUntil(lambda: not tasks.busy and not made.outbox.busy, timeout=WAIT_MS)
    tasks.shutdown()
    gc.collect()


def _print(qtbot, window: MainWindow, doc) -> PrintResult:
    done: list[PrintResult] = []
    failed: list[BaseException] = []
    session = window.session
    session.print_service.print_in_background(session.tasks, doc, done.append, failed.append, owner=window)
    qtbot.waitUntil(lambda: bool(done or failed), timeout=60_000)
    assert not failed, failed
    return done[0]


@pytest.mark.printer
def test_the_operators_actions_are_journaled_in_order_and_the_chain_verifies(window, sandbox, qtbot, tmp_path, capsys):
    printer = os.environ.get("PISHKHAN_TEST_PRINTER")
    if not printer:
        if os.environ.get("CI"):
            pytest.fail("CI must provide the CUPS-PDF queue (scripts/test.sh sets it up)")
        pytest.skip("no CUPS-PDF queue: run the tests with scripts/test.sh")
    server = sandbox()
    window.set_server(ServerConfig(server.url, None, "T-JOURNAL1"))
    window.show()
    page = sign_in(qtbot, window)
    session = window.session
    assert session is not None

    type_text(qtbot, page.editor, "یادداشت دفتر رویداد")
    page.submit_button.click()
    page.confirm_button.click()
    qtbot.waitUntil(lambda: server.note_texts() == ["یادداشت دفتر رویداد"], timeout=WAIT_MS)

    session.print_service.archive_dir = tmp_path / "printed"
    session.print_service.set_printer(RECEIPT_PRINTER, printer)
    sample, paper = sample_document("receipt-80mm")
    doc = dataclasses.replace(render(sample, paper), number=f"J-{uuid.uuid4().hex[:8]}", reprint=False)
    result = _print(qtbot, window, doc)
    assert result.archived.name == f"{doc.number}.pdf"
    _print(qtbot, window, dataclasses.replace(doc, reprint=True))

    settings = window.show_page("settings")
    settings.idle_lock_minutes.setValue(session.settings.idle_lock_minutes + 3)
    with qtbot.waitSignal(settings.saved, timeout=WAIT_MS):
        qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)

    window.sign_out(ask=False)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.outbox.busy, timeout=WAIT_MS)

    db = LocalDatabase(profile_db_path(tmp_path / "data", "PK-1001", "counter1"))
    entries = read_entries(db)
    assert [e.kind for e in entries] == ["sign-in", "submit", "print", "reprint", "settings", "sign-out"]
    assert {(e.operator, e.office, e.terminal) for e in entries} == {("counter1", "PK-1001", "T-JOURNAL1")}
    assert all(e.server_time is not None for e in entries)  # the server's clock, from its answer at sign-in
    sign_in_entry, submit, printed, reprinted, saved, _ = entries
    assert sign_in_entry.details["roles"]
    assert submit.details["action"] == "note" and submit.details["path"] == "/me/notes"
    assert printed.details == {
        "number": doc.number,
        "document": doc.kind,
        "printer": printer,
        "pages": result.pages,
        "archived": f"{doc.number}.pdf",
    }
    assert reprinted.details["archived"] == f"{doc.number}-2.pdf"
    assert saved.details["changed"] == "idle_lock_minutes"
    assert saved.details["idle_lock_minutes"] == session.settings.idle_lock_minutes
    assert verify(db).whole

    record = server.get(f"/actions/{submit.details['key']}").json()
    assert record["journal_head"] == submit.head

    status = pishkhan(["journal", "verify", "--data", str(tmp_path / "data")])
    out, _ = capsys.readouterr()
    assert status == 0 and out.startswith("journal whole: 6 entries")


def test_a_journal_that_cannot_be_written_is_said_once(window, sandbox, qtbot):
    server = sandbox()
    window.set_server(ServerConfig(server.url, None, "T-JOURNAL1"))
    window.show()
    sign_in(qtbot, window)
    session = window.session
    told: list[str] = []
    journaling.notifier().failed.connect(told.append)
    journaling.record(session, "Not A Kind")  # refused on the database thread; the UI goes on
    journaling.record(session, "print", pages=1.5)  # type: ignore[arg-type]  # refused before it is queued
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
    time.sleep(0.2)
    qtbot.wait(200)
    assert told == [journaling.failure_message()]
    assert window.statusBar().currentMessage() == journaling.failure_message()

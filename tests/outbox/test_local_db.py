"""The operator's local database: schema version, durability settings, and rows that never disappear."""

from __future__ import annotations

import sqlite3

import pytest

from client_api.actions import note_action
from client_api.drafts import Drafts
from client_api.local_db import (
    SCHEMA_VERSION,
    DamagedDatabaseError,
    LocalDatabase,
    LocalDatabaseError,
    profile_db_path,
)
from client_api.outbox import Outbox, Settlement, State

ROOT = "http://127.0.0.1:1/api/v1"


def test_one_database_per_operator_profile_named_after_office_and_username(tmp_path):
    assert profile_db_path(tmp_path, "PK-1001", "counter1") == tmp_path / "PK-1001-counter1.sqlite3"
    assert profile_db_path(tmp_path, "NT/0042", "../x y").name == "NT_0042-.._x_y.sqlite3"


def test_new_database_is_wal_with_full_sync_and_the_current_schema(local_db):
    assert local_db.schema_version == SCHEMA_VERSION
    with local_db.connect() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert local_db.integrity_check() == "ok"


def test_a_database_from_a_newer_version_is_refused_not_guessed_at(tmp_path):
    path = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(LocalDatabaseError, match="schema version"):
        LocalDatabase(path).open()


def test_opening_again_keeps_everything(local_db):
    outbox = Outbox(local_db, ROOT)
    entry = outbox.enqueue(note_action("یادداشت"))
    again = LocalDatabase(local_db.path).open()
    assert Outbox(again, ROOT).get(entry.id) == entry


def test_outbox_rows_are_never_deleted(local_db):
    Outbox(local_db, ROOT).enqueue(note_action("x"))
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"), local_db.write() as conn:
        conn.execute("DELETE FROM outbox")
    with local_db.connect() as conn:
        assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 1


def test_a_confirmed_action_keeps_its_key_and_exact_body(local_db):
    entry = Outbox(local_db, ROOT).enqueue(note_action("x"))
    for column, value in (("body", b'{"text":"y"}'), ("idempotency_key", "other"), ("path", "/elsewhere")):
        with pytest.raises(sqlite3.IntegrityError, match="never changed"), local_db.write() as conn:
            conn.execute(f"UPDATE outbox SET {column} = ? WHERE id = ?", (value, entry.id))
    assert Outbox(local_db, ROOT).get(entry.id).body == b'{"text":"x"}'


def test_a_finished_action_never_changes_state(local_db):
    outbox = Outbox(local_db, ROOT)
    outbox.enqueue(note_action("x"))
    claimed = outbox.claim_due()
    outbox.settle(claimed, Settlement(State.DONE, "applied"))
    with pytest.raises(sqlite3.IntegrityError, match="never changes state"), local_db.write() as conn:
        conn.execute("UPDATE outbox SET state = 'queued' WHERE id = ?", (claimed.id,))
    outbox.settle(claimed, Settlement(State.IN_DOUBT, "timeout"))  # a late settle is ignored, not an error
    assert outbox.get(claimed.id).state is State.DONE


def test_each_action_gets_its_own_key_once_at_confirm(local_db):
    outbox = Outbox(local_db, ROOT)
    first, second = outbox.enqueue(note_action("a")), outbox.enqueue(note_action("a"))
    assert first.idempotency_key != second.idempotency_key
    assert len(first.idempotency_key) == 36
    claimed = outbox.claim_due()
    assert claimed.idempotency_key == first.idempotency_key and claimed.attempts == 1


def test_drafts_are_kept_restored_and_cleared_with_the_confirm(local_db):
    drafts = Drafts(local_db)
    drafts.save("note", {"text": "نیمه‌کاره"})
    assert Drafts(LocalDatabase(local_db.path).open()).load("note") == {"text": "نیمه‌کاره"}
    drafts.save("note", {"text": "کامل شد"})
    assert drafts.load("note") == {"text": "کامل شد"}
    entry = Outbox(local_db, ROOT).enqueue(note_action("کامل شد"), draft_form="note")
    assert drafts.load("note") is None
    assert entry.state is State.QUEUED


def test_an_empty_draft_is_no_draft(local_db):
    drafts = Drafts(local_db)
    drafts.save("note", {"text": "x"})
    drafts.save("note", {"text": ""})
    assert drafts.load("note") is None


def test_a_failed_confirm_keeps_the_draft(local_db):
    drafts = Drafts(local_db)
    drafts.save("note", {"text": "x"})
    outbox = Outbox(local_db, ROOT, new_key=lambda: "same-key")
    outbox.enqueue(note_action("x"), draft_form="note")
    drafts.save("note", {"text": "y"})
    with pytest.raises(sqlite3.IntegrityError):
        outbox.enqueue(note_action("y"), draft_form="note")  # same key: refused, nothing changes
    assert drafts.load("note") == {"text": "y"}


def test_crash_while_sending_is_recovered_as_in_doubt_never_as_queued(local_db):
    outbox = Outbox(local_db, ROOT)
    outbox.enqueue(note_action("x"))
    claimed = outbox.claim_due()
    assert outbox.get(claimed.id).state is State.SENDING
    # the process dies here; at the next start:
    assert Outbox(local_db, ROOT).recover() == 1
    entry = outbox.get(claimed.id)
    assert entry.state is State.IN_DOUBT and entry.last_error == "interrupted"
    assert [row["outcome"] for row in outbox.attempts_of(claimed.id)] == ["interrupted"]


def test_actions_for_another_server_wait_and_are_counted_apart(local_db):
    Outbox(local_db, "https://elsewhere.example/api/v1").enqueue(note_action("x"))
    outbox = Outbox(local_db, ROOT)
    outbox.enqueue(note_action("y"))
    counts = outbox.counts()
    assert (counts.queued, counts.other_server, counts.waiting) == (1, 1, 1)
    assert outbox.claim_due().summary == "y"
    assert outbox.claim_due() is None


def test_check_tells_first_use_from_a_file_that_vanished(tmp_path):
    path = tmp_path / "desk" / "PK-1001-counter1.sqlite3"
    assert LocalDatabase(path).check() is True  # nothing there, nothing known: first use
    LocalDatabase(path).open()
    assert LocalDatabase(path).check() is False  # sound
    path.unlink()
    with pytest.raises(DamagedDatabaseError) as caught:
        LocalDatabase(path).open()  # the marker says it existed: never re-created silently
    assert caught.value.kind == "missing" and not path.exists()


def test_integrity_check_describes_damage_instead_of_raising(tmp_path):
    path = tmp_path / "x.sqlite3"
    LocalDatabase(path).open()
    with path.open("r+b") as file:
        file.seek(4096)
        file.write(b"\xff" * 4096)
    assert LocalDatabase(path).integrity_check() != "ok"

"""The journal head travels with every outbox action to the real sandbox over loopback: the server keeps the head
that was current when each action was queued (the same on a resend), answers it from `GET /actions/{key}`, and a
local journal rewritten afterwards no longer matches it (`pishkhan journal verify --against-server`)."""

from __future__ import annotations

import io
import json
import sqlite3
import uuid

import pytest
import requests

from client_api.actions import note_action
from client_api.journal import Journal, JournalIdentity, chain_hash, read_entries, verify
from client_api.outbox import Outbox, State
from client_api.sender import OutboxSender
from desktop.cli import main as pishkhan

from .conftest import FAST, PASSWORD

IDENTITY = JournalIdentity("counter1", "PK-1001", "T-OUTBOX01", 0.0)


def journaled_sender(db, client) -> tuple[Journal, OutboxSender]:
    journal = Journal(db, IDENTITY)
    return journal, OutboxSender(Outbox(db, client.root, journal=journal), client, policy=FAST)


def test_each_action_carries_the_head_of_its_own_submit_entry_even_when_resent(sandbox, sign_in, local_db, drain):
    server = sandbox("5xx=1")
    client = sign_in(server.url)
    journal, sender = journaled_sender(local_db, client)
    journal.append("sign-in")
    first = sender.outbox.enqueue(note_action("اول"))
    entries = read_entries(local_db)
    assert [e.kind for e in entries] == ["sign-in", "submit"]
    submit = entries[1]
    assert first.journal_head == submit.head
    assert submit.details["key"] == first.idempotency_key and submit.details["action"] == first.kind

    assert sender.step()  # refused by a 5xx before anything was applied: it waits, with its head
    assert sender.outbox.get(first.id).state is State.QUEUED
    journal.append("print", {"number": "R-1"})  # the journal moves on meanwhile
    second = sender.outbox.enqueue(note_action("دوم"))
    assert second.journal_head == read_entries(local_db)[-1].head != first.journal_head

    server.restart()
    drain(sender)
    assert server.get(f"/actions/{first.idempotency_key}").json()["journal_head"] == first.journal_head
    assert server.get(f"/actions/{second.idempotency_key}").json()["journal_head"] == second.journal_head
    record = client.lookup_action(first.idempotency_key)
    assert record is not None and record.journal_head == first.journal_head
    with local_db.connect() as conn, pytest.raises(sqlite3.IntegrityError, match="never changed"):
        conn.execute("UPDATE outbox SET journal_head = ? WHERE id = ?", (second.journal_head, first.id))


def test_a_chain_gets_one_submit_entry_per_step(sandbox, sign_in, local_db, drain):
    server = sandbox()
    client = sign_in(server.url)
    _, sender = journaled_sender(local_db, client)
    steps = sender.outbox.enqueue_chain([note_action("یک"), note_action("دو")])
    entries = read_entries(local_db)
    assert [(e.kind, e.details.get("chain_step", 0)) for e in entries] == [("submit", 0), ("submit", 1)]
    assert [s.journal_head for s in steps] == [e.head for e in entries]
    drain(sender)
    assert [server.get(f"/actions/{s.idempotency_key}").json()["journal_head"] for s in steps] == [
        e.head for e in entries
    ]


def test_a_malformed_head_is_refused_and_an_action_without_one_records_none(sandbox):
    server = sandbox()
    token = server._token("counter1")
    url = f"{server.url}/api/v1/me/notes"
    for bad in ("garbage", "0:" + "a" * 64, "3:" + "A" * 64, "3:" + "a" * 63):
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4()), "Journal-Head": bad}
        answer = requests.post(url, json={"text": "x"}, headers=headers, timeout=30)
        assert answer.status_code == 400 and answer.json()["type"].endswith("/invalid-journal-head"), bad
    key = str(uuid.uuid4())
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
    assert requests.post(url, json={"text": "بی‌سر"}, headers=headers, timeout=30).status_code == 201
    assert server.get(f"/actions/{key}").json()["journal_head"] is None
    document = requests.get(f"{server.url}/api/v1/openapi.json", timeout=30).json()
    names = [p["name"] for p in document["paths"]["/api/v1/me/notes"]["post"]["parameters"]]
    assert "Journal-Head" in names


def rewrite_from(db, sequence: int, details: dict, *, outbox_too: bool) -> None:
    """What an attacker who knows the algorithm does: change one entry and recompute every hash after it (and, to
    pass a local check, the heads the outbox kept with its actions)."""
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.execute("DROP TRIGGER journal_entries_are_never_changed")
    conn.execute("DROP TRIGGER outbox_journal_head_is_immutable")
    rows = read_entries(db)
    previous = rows[sequence - 2].hash if sequence > 1 else "0" * 64
    for entry in rows[sequence - 1 :]:
        content = entry.content()
        if entry.sequence == sequence:
            content["details"] = details
        digest = chain_hash(previous, content)
        conn.execute(
            "UPDATE journal SET details = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
            (json.dumps(content["details"]), previous, digest, entry.sequence),
        )
        if outbox_too:
            conn.execute(
                "UPDATE outbox SET journal_head = ? WHERE journal_head = ?", (f"{entry.sequence}:{digest}", entry.head)
            )
        previous = digest
    conn.close()


def verify_locally(capsys, db) -> tuple[int, str]:
    status = pishkhan(["journal", "verify", "--db", str(db.path)])
    return status, capsys.readouterr().out


def verify_against(capsys, monkeypatch, db, url: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    status = pishkhan(["journal", "verify", "--db", str(db.path), "--against-server", url, "--password-stdin"])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_rewritten_journal_no_longer_matches_the_servers_heads(
    sandbox, sign_in, local_db, drain, capsys, monkeypatch
):
    server = sandbox()
    client = sign_in(server.url)
    journal, sender = journaled_sender(local_db, client)
    journal.append("sign-in")
    sender.outbox.enqueue(note_action("یک"))
    journal.append("print", {"number": "R-7", "pages": 1})
    sender.outbox.enqueue(note_action("دو"))
    journal.append("sign-out")
    drain(sender)

    status, out, err = verify_against(capsys, monkeypatch, local_db, server.url)
    assert (status, err) == (0, "")
    assert out.startswith("journal whole: 5 entries") and out.endswith("matches the 2 head(s) the server holds\n")

    rewrite_from(local_db, 1, {"note": "never signed in here"}, outbox_too=True)
    assert verify(local_db).whole  # on its own, a consistent chain again, and the outbox agrees
    assert verify_locally(capsys, local_db)[0] == 0
    status, out, _ = verify_against(capsys, monkeypatch, local_db, server.url)
    assert status == 1 and out.startswith("journal broken: entry 2: rewritten: ")
    assert "the server holds" in out


def test_a_rewrite_that_leaves_the_outbox_alone_is_caught_locally(sandbox, sign_in, local_db, drain, capsys):
    server = sandbox()
    client = sign_in(server.url)
    journal, sender = journaled_sender(local_db, client)
    journal.append("sign-in")
    sender.outbox.enqueue(note_action("یک"))
    journal.append("sign-out")
    rewrite_from(local_db, 1, {"note": "elsewhere"}, outbox_too=False)
    assert verify(local_db).whole
    status, out = verify_locally(capsys, local_db)
    assert status == 1 and out.startswith("journal broken: entry 2: rewritten: ")
    assert "the outbox (sent with an action) holds" in out


def test_a_truncated_tail_is_named_against_the_server(sandbox, sign_in, local_db, drain, capsys, monkeypatch):
    server = sandbox()
    client = sign_in(server.url)
    journal, sender = journaled_sender(local_db, client)
    journal.append("sign-in")
    sender.outbox.enqueue(note_action("یک"))
    sender.outbox.enqueue(note_action("دو"))
    drain(sender)
    conn = sqlite3.connect(local_db.path, isolation_level=None)
    conn.execute("DROP TRIGGER journal_entries_are_never_deleted")
    conn.execute("DROP TRIGGER outbox_journal_head_is_immutable")
    conn.execute("DELETE FROM journal WHERE sequence = 3")
    conn.execute("UPDATE outbox SET journal_head = NULL WHERE journal_head LIKE '3:%'")  # and the local trace of it
    conn.close()
    assert verify(local_db).whole
    assert verify_locally(capsys, local_db)[0] == 0
    status, out, _ = verify_against(capsys, monkeypatch, local_db, server.url)
    assert status == 1 and out.startswith("journal broken: entry 3: deleted: the server holds")


def test_a_wrong_password_is_one_line_and_exit_2(sandbox, sign_in, local_db, capsys, monkeypatch):
    server = sandbox()
    Journal(local_db, IDENTITY).append("sign-in")
    monkeypatch.setattr("sys.stdin", io.StringIO("not-the-password\n"))
    status = pishkhan(
        ["journal", "verify", "--db", str(local_db.path), "--against-server", server.url, "--password-stdin"]
    )
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and err.count("\n") == 1 and err.startswith("pishkhan journal verify: ")


def test_a_sandbox_database_from_before_the_head_gets_the_column_and_keeps_its_actions(tmp_path):
    from sandbox import db as sandbox_db

    path = tmp_path / "sandbox.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(sandbox_db._SCHEMA.replace(",\n    journal_head TEXT\n", "\n"))
    assert "journal_head" not in {row[1] for row in conn.execute("PRAGMA table_info(actions)")}
    conn.execute(
        "INSERT INTO actions (office_code, username, key, method, path, body_sha256, status, media_type, body,"
        " created_at) VALUES ('PK-1001', 'counter1', 'k', 'POST', '/me/notes', 'h', 201, 'application/json',"
        " x'7b7d', 0)"
    )
    conn.execute("PRAGMA user_version=5")
    conn.commit()
    conn.close()
    sandbox_db.Database(path).initialise()
    sandbox_db.Database(path).initialise()  # a second start finds nothing to do
    with sandbox_db.Database(path).connect() as conn:
        rows = conn.execute("SELECT key, status, journal_head FROM actions").fetchall()
        assert [tuple(row) for row in rows] == [("k", 201, None)]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == sandbox_db.SCHEMA_VERSION

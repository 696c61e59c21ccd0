"""Chains of actions: a permit request (create → attach → submit) sent in order against the real sandbox, a later
step never attempted while an earlier one backs off, and a refused step leaving the rest of its chain `not_sent`."""

from __future__ import annotations

import itertools
import sqlite3
import time

import pytest

from client_api.actions import (
    PreparedAction,
    encode_body,
    new_resource_id,
    note_action,
    permit_attachment_action,
    permit_create_action,
    permit_submit_action,
)
from client_api.local_db import MIGRATIONS, LocalDatabase
from client_api.outbox import Outbox, Reason, State

VALID_NID = "0012345679"
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def permit_chain(national_id: str = VALID_NID, *, attachment: PreparedAction | None = None) -> tuple[str, list]:
    rid, aid = new_resource_id(), new_resource_id()
    code = "2-14-123-45-0-0"
    create = permit_create_action(rid, national_id=national_id, applicant_name="زهرا کریمی", renovation_code=code)
    attach = attachment or permit_attachment_action(
        rid, aid, kind="deed", filename="deed.pdf", media_type="application/pdf", content=PDF
    )
    return rid, [create, attach, permit_submit_action(rid, code)]


def attempts(outbox: Outbox, entry_id: int) -> list[sqlite3.Row]:
    return outbox.attempts_of(entry_id)


def test_later_steps_wait_while_the_first_backs_off_then_all_succeed_once(
    sandbox, sign_in, local_db, make_sender, drain
):
    server = sandbox("5xx-first=3:503")
    client = sign_in(server.url)
    sender = make_sender(local_db, client)
    rid, actions = permit_chain()
    create, attach, submit = sender.outbox.enqueue_chain(actions)
    assert [e.chain_step for e in (create, attach, submit)] == [0, 1, 2]
    assert len({e.chain_id for e in (create, attach, submit)}) == 1

    while sender.outbox.get(create.id).state is not State.DONE:
        if not sender.step():
            time.sleep(0.01)
            continue
        # whatever the sender did, it never touched a later step before the first was done
        assert attempts(sender.outbox, attach.id) == [] and attempts(sender.outbox, submit.id) == []
        assert sender.outbox.get(attach.id).attempts == sender.outbox.get(submit.id).attempts == 0
    created = sender.outbox.get(create.id)
    assert created.attempts == 4
    assert [a["outcome"] for a in attempts(sender.outbox, create.id)] == ["server-error"] * 3 + ["applied"]
    assert server.faults()["5xx"] == 3

    drain(sender)
    done = [sender.outbox.get(e.id) for e in (create, attach, submit)]
    assert [e.state for e in done] == [State.DONE] * 3
    assert [e.attempts for e in done] == [4, 1, 1]
    assert done[0].finished_at <= done[1].first_sent_at and done[1].finished_at <= done[2].first_sent_at
    ledger = server.ledger()
    assert ledger == {e.idempotency_key: 1 for e in done}  # every step applied exactly once
    assert list(ledger) == [e.idempotency_key for e in done]  # and handled by the server in chain order
    request = client.permit_request(rid)
    assert request.status == "submitted" and request.tracking_number
    assert [h.status for h in request.history] == ["draft", "submitted"]
    assert [a.filename for a in request.attachments] == ["deed.pdf"]


def test_the_sender_thread_sends_a_chain_in_order_under_faults(sandbox, sign_in, local_db, make_sender):
    server = sandbox("5xx-first=2:500,drop-after-commit=0.3,seed=4")
    client = sign_in(server.url, read_s=1.0)
    sender = make_sender(local_db, client)
    rid, actions = permit_chain()
    entries = sender.outbox.enqueue_chain(actions)
    sender.start()
    try:
        deadline = time.monotonic() + 60
        while sender.outbox.counts().waiting:
            assert time.monotonic() < deadline, sender.outbox.counts()
            time.sleep(0.05)
    finally:
        assert sender.stop(10)
    done = [sender.outbox.get(e.id) for e in entries]
    assert [e.state for e in done] == [State.DONE] * 3
    for earlier, later in itertools.pairwise(done):
        assert earlier.finished_at <= later.first_sent_at
    assert server.ledger() == {e.idempotency_key: 1 for e in done}
    assert client.permit_request(rid).status == "submitted"


def test_a_refused_first_step_leaves_the_rest_not_sent_and_never_attempted(sandbox, sign_in, local_db, make_sender):
    server = sandbox()
    client = sign_in(server.url)
    sender = make_sender(local_db, client)
    _, actions = permit_chain("0012345670")  # check digit wrong
    create, attach, submit = sender.outbox.enqueue_chain(actions)
    assert sender.step()
    assert not sender.step()  # nothing else is due, ever
    refused = sender.outbox.get(create.id)
    assert refused.state is State.REJECTED and refused.last_error is Reason.REJECTED
    assert [e.field for e in refused.field_errors] == ["national_id"]
    for entry in (attach, submit):
        after = sender.outbox.get(entry.id)
        assert after.state is State.NOT_SENT and after.final
        assert after.last_error is Reason.EARLIER_STEP_REJECTED
        assert (after.blocked_by_step, after.last_error_detail) == (0, "permit-create")
        assert after.attempts == 0 and attempts(sender.outbox, entry.id) == []
    assert sender.outbox.counts().not_sent == 2 and sender.outbox.counts().waiting == 0
    assert server.ledger() == {create.idempotency_key: 0}  # its refusal recorded; nothing applied
    assert client.permit_requests().total == 0


def test_a_refused_middle_step_keeps_what_was_done_and_stops_the_rest(sandbox, sign_in, local_db, make_sender, drain):
    server = sandbox()
    client = sign_in(server.url)
    sender = make_sender(local_db, client)
    rid = new_resource_id()
    bad_file = PreparedAction(
        "permit-attach",
        "PUT",
        f"/permit-requests/{rid}/attachments/{new_resource_id()}",
        encode_body({"kind": "deed", "filename": "x.pdf", "media_type": "application/pdf", "content_base64": "*"}),
        "x.pdf",
    )
    create = permit_create_action(rid, national_id=VALID_NID, applicant_name="زهرا", renovation_code="2-14-123-45-0-0")
    entries = sender.outbox.enqueue_chain([create, bad_file, permit_submit_action(rid, "2-14-123-45-0-0")])
    drain(sender)
    states = [sender.outbox.get(e.id).state for e in entries]
    assert states == [State.DONE, State.REJECTED, State.NOT_SENT]
    assert sender.outbox.get(entries[2].id).blocked_by_step == 1
    assert client.permit_request(rid).status == "draft"  # created, never submitted
    assert server.ledger() == {entries[0].idempotency_key: 1, entries[1].idempotency_key: 0}


def test_a_waiting_chain_does_not_hold_up_other_actions(sandbox, sign_in, local_db, make_sender):
    server = sandbox("5xx-first=1")
    sender = make_sender(local_db, sign_in(server.url))
    _, actions = permit_chain()
    create, attach, _ = sender.outbox.enqueue_chain(actions)
    note = sender.outbox.enqueue(note_action("جداگانه"))
    assert sender.step()  # the first step meets the 5xx and backs off
    assert sender.outbox.get(create.id).last_error is Reason.SERVER_ERROR
    assert sender.step()  # the note is sent meanwhile; the chain's later steps are not
    assert sender.outbox.get(note.id).state is State.DONE
    assert sender.outbox.get(attach.id).attempts == 0
    assert server.note_texts() == ["جداگانه"]


def test_next_due_ignores_steps_that_wait_for_an_earlier_one(local_db):
    clock = [1000.0]
    outbox = Outbox(local_db, "http://127.0.0.1:1/api/v1", clock=lambda: clock[0])
    _, actions = permit_chain()
    first, _, _ = outbox.enqueue_chain(actions)
    claimed = outbox.claim_due()
    assert claimed is not None and claimed.id == first.id
    assert outbox.claim_due() is None  # the second step waits for the first, though it is due by time
    assert outbox.next_due_at() is None  # so nothing is due: the sender sleeps instead of spinning


def test_a_chain_is_recorded_whole_or_not_at_all(local_db):
    outbox = Outbox(local_db, "http://127.0.0.1:1/api/v1", new_key=lambda: "the-same-key")
    _, actions = permit_chain()
    with pytest.raises(sqlite3.IntegrityError):
        outbox.enqueue_chain(actions)
    assert outbox.entries() == []


def test_not_sent_is_final_and_a_step_of_a_chain_never_moves(local_db):
    outbox = Outbox(local_db, "http://127.0.0.1:1/api/v1")
    _, actions = permit_chain()
    first, second, _ = outbox.enqueue_chain(actions)
    with local_db.connect() as conn:
        with pytest.raises(sqlite3.IntegrityError, match="never changed"):
            conn.execute("UPDATE outbox SET chain_step = 5 WHERE id = ?", (second.id,))
        with pytest.raises(sqlite3.IntegrityError, match="never changed"):
            conn.execute("UPDATE outbox SET chain_id = 'other' WHERE id = ?", (second.id,))
        conn.execute("UPDATE outbox SET attempts = 1 WHERE id = ?", (first.id,))
        with pytest.raises(sqlite3.IntegrityError, match="never sent"):
            conn.execute("UPDATE outbox SET state = 'not_sent' WHERE id = ?", (first.id,))
        conn.execute("UPDATE outbox SET state = 'not_sent' WHERE id = ?", (second.id,))
        with pytest.raises(sqlite3.IntegrityError, match="never changes state"):
            conn.execute("UPDATE outbox SET state = 'queued' WHERE id = ?", (second.id,))
        with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
            conn.execute("DELETE FROM outbox WHERE id = ?", (second.id,))


def test_a_version_1_outbox_is_migrated_with_its_rows_as_chains_of_one(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version=1")
    for key, state in (("k-done", "done"), ("k-doubt", "in_doubt")):
        conn.execute(
            "INSERT INTO outbox (idempotency_key, api_root, kind, summary, method, path, content_type, body,"
            " body_sha256, state, created_at, updated_at, next_attempt_at, attempts) VALUES (?, 'r', 'note', 's',"
            " 'POST', '/me/notes', 'application/json', x'7b7d', 'h', ?, 1, 1, 1, 1)",
            (key, state),
        )
    conn.execute("INSERT INTO outbox_attempts (outbox_id, attempt, finished_at, outcome) VALUES (1, 1, 1, 'applied')")
    conn.close()

    db = LocalDatabase(path).open()
    assert db.schema_version == len(MIGRATIONS)
    assert db.integrity_check() == "ok"
    assert (tmp_path / "old.v1.bak.sqlite3").exists()
    outbox = Outbox(db, "r")
    rows = {e.idempotency_key: e for e in outbox.entries()}
    assert {k: (e.state, e.chain_id, e.chain_step) for k, e in rows.items()} == {
        "k-done": (State.DONE, "k-done", 0),
        "k-doubt": (State.IN_DOUBT, "k-doubt", 0),
    }
    assert [a["outcome"] for a in outbox.attempts_of(rows["k-done"].id)] == ["applied"]
    assert outbox.claim_due() is not None  # a single in-doubt action is due as before
    with db.connect() as check, pytest.raises(sqlite3.IntegrityError, match="never changes state"):
        check.execute("UPDATE outbox SET state = 'queued' WHERE idempotency_key = 'k-done'")

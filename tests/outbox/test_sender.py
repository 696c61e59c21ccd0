"""The outbox sender against the real sandbox (real HTTP on loopback) with real injected faults."""

from __future__ import annotations

import random
import sqlite3
import time

import pytest

from client_api.actions import ActionAnswer, PreparedAction, encode_body, note_action
from client_api.outbox import Outbox, Settlement, State
from client_api.sender import Connection, OutboxSender, RetryPolicy, SenderEvent


@pytest.mark.parametrize("fault", ["hang-after-commit=1:3", "drop-after-commit=1", "reset-mid-body=1"])
def test_lost_answer_after_commit_is_in_doubt_and_the_retry_does_not_apply_twice(
    fault, sandbox, sign_in, local_db, make_sender
):
    server = sandbox(fault)
    client = sign_in(server.url, read_s=0.5)
    sender = make_sender(local_db, client)
    entry = sender.outbox.enqueue(note_action("یک بار و فقط یک بار"))

    assert sender.step()
    doubtful = sender.outbox.get(entry.id)
    assert doubtful.state is State.IN_DOUBT
    assert doubtful.last_error in ("timeout", "answer-lost")
    assert doubtful.next_attempt_at > doubtful.first_sent_at  # backing off
    assert server.ledger() == {entry.idempotency_key: 1}  # it was applied; the desk does not know yet

    server.restart()  # the network heals
    time.sleep(max(0.0, doubtful.next_attempt_at - time.time()))
    assert sender.step()
    done = sender.outbox.get(entry.id)
    assert done.state is State.DONE and done.idempotency_key == entry.idempotency_key
    assert [a["outcome"] for a in sender.outbox.attempts_of(entry.id)][-1] == "replayed"
    assert server.ledger() == {entry.idempotency_key: 1}
    assert server.note_texts() == ["یک بار و فقط یک بار"]


def test_5xx_before_commit_keeps_the_action_queued_and_backs_off(sandbox, sign_in, local_db, make_sender):
    server = sandbox("5xx=1:503")
    clock = [time.time()]
    sender = make_sender(local_db, sign_in(server.url), clock=lambda: clock[0], policy=RetryPolicy(base_s=4))
    entry = sender.outbox.enqueue(note_action("بعداً"))
    assert sender.step()
    after = sender.outbox.get(entry.id)
    assert (after.state, after.last_error, after.response_status) == (State.QUEUED, "server-error", 503)
    assert 2 <= after.next_attempt_at - clock[0] <= 4
    assert not sender.step()  # backing off: not due yet
    server.restart()
    clock[0] += 4
    assert sender.step()
    assert sender.outbox.get(entry.id).state is State.DONE
    assert server.ledger() == {entry.idempotency_key: 1}


def test_refused_connections_pause_the_sender_and_it_resumes_when_the_server_answers(sandbox, sign_in, local_db):
    server = sandbox()
    client = sign_in(server.url)
    events: list[SenderEvent] = []
    outbox = Outbox(local_db, client.root)
    policy = RetryPolicy(base_s=0.02, probe_base_s=0.05, probe_cap_s=0.1)
    sender = OutboxSender(outbox, client, policy=policy, listener=events.append)
    server.stop()
    entry = outbox.enqueue(note_action("در قطعی نوشته شد"))
    sender.start()
    try:
        deadline = time.monotonic() + 10
        while sender.connection is not Connection.OFFLINE:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.3)  # a while offline: probes, not sends
        paused = outbox.get(entry.id)
        assert paused.state is State.QUEUED  # a refused connection proves it never arrived
        assert paused.attempts == 1 and paused.last_error == "not-delivered"
        assert sender.failed_probes >= 2
        server.start()
        while outbox.get(entry.id).state is not State.DONE:
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        assert sender.stop(10)
    assert server.ledger() == {entry.idempotency_key: 1}
    assert [e.connection for e in events if e.entry_id is None] == [Connection.OFFLINE, Connection.ONLINE]


def test_validation_errors_are_rejected_with_the_field_errors_kept(sandbox, sign_in, local_db, make_sender):
    server = sandbox()
    sender = make_sender(local_db, sign_in(server.url))
    blank = PreparedAction("note", "POST", "/me/notes", encode_body({"text": "  "}), "")
    entry = sender.outbox.enqueue(blank)
    assert sender.step()
    rejected = sender.outbox.get(entry.id)
    assert rejected.state is State.REJECTED and not rejected.defect
    assert [e.field for e in rejected.field_errors] == ["text"]
    assert rejected.response_status == 422
    assert server.ledger() == {}


def test_a_key_reused_with_another_body_is_rejected_and_flagged_as_a_defect(sandbox, sign_in, local_db, make_sender):
    server = sandbox()
    client = sign_in(server.url)
    sender = make_sender(local_db, client)
    entry = sender.outbox.enqueue(note_action("دوم"))
    client.submit_action("POST", "/me/notes", note_action("اول").body, entry.idempotency_key)  # a stray first use
    assert sender.step()
    after = sender.outbox.get(entry.id)
    assert (after.state, after.defect, after.last_error) == (State.REJECTED, True, "key-reused")
    assert server.note_texts() == ["اول"]


@pytest.mark.parametrize("reached_server", [True, False])
def test_after_the_key_lifetime_the_sender_looks_the_action_up_instead_of_resending(
    reached_server, sandbox, sign_in, local_db
):
    server = sandbox(idempotency_ttl_s=1)
    client = sign_in(server.url)
    clock = [time.time()]
    outbox = Outbox(local_db, client.root, clock=lambda: clock[0])
    policy = RetryPolicy(key_lifetime_s=2, lookup_margin_s=0.5)
    sender = OutboxSender(outbox, client, policy=policy, clock=lambda: clock[0])
    entry = outbox.enqueue(note_action("دیروز فرستاده شد"))
    claimed = outbox.claim_due()
    if reached_server:  # the first attempt was applied, but its answer was lost
        client.submit_action("POST", "/me/notes", claimed.body, claimed.idempotency_key)
        time.sleep(1.2)  # and now the server has forgotten the key
    outbox.settle(claimed, Settlement(State.IN_DOUBT, "timeout", next_attempt_at=clock[0], error="timeout"))
    clock[0] += 2  # past the key lifetime
    assert sender.step()
    assert outbox.get(entry.id).state is State.DONE
    outcomes = [a["outcome"] for a in outbox.attempts_of(entry.id)]
    assert outcomes == ["timeout", "looked-up" if reached_server else "applied"]
    assert server.ledger() == {entry.idempotency_key: 1}  # a blind resend would have made it 2


def test_an_expired_session_refreshes_once_and_the_action_goes_through(sandbox, sign_in, local_db, make_sender):
    server = sandbox(access_ttl_s=1)
    sender = make_sender(local_db, sign_in(server.url))
    entry = sender.outbox.enqueue(note_action("پس از تمدید نشست"))
    time.sleep(1.1)
    assert sender.step()
    assert sender.outbox.get(entry.id).state is State.DONE


def test_a_session_that_ended_pauses_the_sender_without_touching_the_action(sandbox, sign_in, local_db, make_sender):
    server = sandbox()
    client = sign_in(server.url)
    sender = make_sender(local_db, client)
    entry = sender.outbox.enqueue(note_action("پس از ورود دوباره"))
    client.logout()
    assert sender.step()
    assert sender.connection is Connection.SIGNED_OUT
    assert sender.outbox.get(entry.id).state is State.QUEUED
    client.sign_in("counter1", "pishkhan-demo", "PK-1001", "T-OUTBOX01")
    sender.resume()
    assert sender.step()
    assert sender.outbox.get(entry.id).state is State.DONE
    assert server.ledger() == {entry.idempotency_key: 1}


# -- how answers are judged (no server needed: the answers are what the server sends) -------------------

PROBLEM = "application/problem+json"


def judged(local_db, status: int, *, content_type: str = PROBLEM, body: bytes = b"{}", retry_after: int | None = None):
    outbox = Outbox(local_db, "http://127.0.0.1:1/api/v1")
    outbox.enqueue(note_action("x"))
    entry = outbox.claim_due()
    sender = OutboxSender(outbox, transport=None, policy=RetryPolicy(base_s=1, cap_s=8))  # type: ignore[arg-type]
    before = time.time()
    settlement = sender.judge(entry, ActionAnswer(status, content_type, body, retry_after_s=retry_after))
    return settlement, before, sender


def test_409_means_the_first_attempt_is_still_being_handled_in_doubt_and_back_off(local_db):
    settlement, before, _ = judged(local_db, 409, retry_after=5)
    assert settlement.state is State.IN_DOUBT and settlement.error == "in-progress"
    assert settlement.next_attempt_at >= before + 5


@pytest.mark.parametrize(
    ("status", "content_type", "state"),
    [
        (503, PROBLEM, State.QUEUED),
        (500, PROBLEM, State.QUEUED),
        (502, PROBLEM, State.IN_DOUBT),
        (504, "text/html", State.IN_DOUBT),
        (503, "text/html", State.IN_DOUBT),
    ],
)
def test_5xx_from_the_api_is_a_known_failure_but_from_a_gateway_it_is_unknown(local_db, status, content_type, state):
    settlement, _, _ = judged(local_db, status, content_type=content_type)
    assert settlement.state is state and settlement.error == "server-error"


def test_429_backs_off_without_changing_the_state(local_db):
    settlement, before, _ = judged(local_db, 429, retry_after=3)
    assert settlement.state is State.QUEUED and settlement.next_attempt_at >= before + 3


def test_401_after_the_refresh_pauses_the_sender(local_db):
    settlement, _, sender = judged(local_db, 401)
    assert settlement.state is State.QUEUED and sender.connection is Connection.SIGNED_OUT


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    policy, rng = RetryPolicy(base_s=1, cap_s=30), random.Random(3)
    for attempts, step in ((1, 1), (2, 2), (3, 4), (5, 16), (6, 30), (20, 30)):
        delays = [policy.backoff(attempts, rng) for _ in range(200)]
        assert step / 2 <= min(delays) and max(delays) <= step
        assert max(delays) - min(delays) > step / 4  # jittered


def test_an_outcome_the_disk_refused_is_recorded_before_anything_else_is_sent(
    sandbox, sign_in, local_db, make_sender, monkeypatch
):
    server = sandbox()
    sender = make_sender(local_db, sign_in(server.url))
    first = sender.outbox.enqueue(note_action("اول"))
    second = sender.outbox.enqueue(note_action("دوم"))
    real_settle = sender.outbox.settle

    def disk_full(entry, settlement):
        monkeypatch.setattr(sender.outbox, "settle", real_settle)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sender.outbox, "settle", disk_full)
    with pytest.raises(sqlite3.OperationalError):
        sender.step()
    assert sender.outbox.get(first.id).state is State.SENDING  # on disk: in flight (a crash now means in doubt)
    assert sender.step()  # records the kept outcome; sends nothing
    assert sender.outbox.get(first.id).state is State.DONE
    assert sender.outbox.get(second.id).state is State.QUEUED
    assert server.ledger() == {first.idempotency_key: 1}

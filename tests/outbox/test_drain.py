"""A drain of many queued actions: one commit per action, one database connection, one HTTP connection, and every
outcome on disk before the next action leaves, before a pause and before the thread ends."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import urllib3.util.connection

from client_api import MemoryTokenStore, MunicipalClient, Timeouts
from client_api.actions import ActionAnswer, note_action
from client_api.local_db import LocalDatabase
from client_api.outbox import FINAL_STATES, Outbox, State
from client_api.sender import Connection, OutboxSender, SenderEvent

from .conftest import FAST, OPERATORS, PASSWORD
from .test_local_failure import tls_sandbox  # noqa: F401  (a fixture: the sandbox over TLS)

COUNT = 12
SENDER_THREAD = "outbox-sender"


class Statements:
    """Counts, per thread name, the connections opened to a database and the COMMITs they ran."""

    def __init__(self) -> None:
        self.connections: Counter[str] = Counter()
        self.commits: Counter[str] = Counter()

    def __call__(self, conn: sqlite3.Connection) -> None:
        thread = threading.current_thread().name
        self.connections[thread] += 1

        def seen(sql: str) -> None:
            if sql.strip().upper() == "COMMIT":
                self.commits[threading.current_thread().name] += 1

        conn.set_trace_callback(seen)


def drain_on_thread(sender: OutboxSender, count: int, events: list[SenderEvent], timeout: float = 30.0) -> None:
    """Start the sender's thread and wait until `count` actions are final (told by its listener), then stop it."""
    sender.start()
    deadline = time.monotonic() + timeout
    try:
        while sum(event.state in FINAL_STATES for event in events) < count:
            assert time.monotonic() < deadline, f"not drained: {sender.outbox.counts()}"
            time.sleep(0.01)
    finally:
        assert sender.stop(10)


def test_a_drain_commits_once_per_action_on_one_database_connection(sandbox, sign_in, tmp_path):
    server = sandbox()
    client = sign_in(server.url)
    statements = Statements()
    db = LocalDatabase(tmp_path / "desk" / "PK-1001-counter1.sqlite3", on_connect=statements).open()
    outbox = Outbox(db, client.root)
    entries = [outbox.enqueue(note_action(f"یادداشت {n}")) for n in range(COUNT)]
    events: list[SenderEvent] = []
    drain_on_thread(OutboxSender(outbox, client, policy=FAST, listener=events.append), COUNT, events)

    assert {outbox.get(entry.id).state for entry in entries} == {State.DONE}
    assert server.ledger() == {entry.idempotency_key: 1 for entry in entries}
    assert statements.connections[SENDER_THREAD] == 1
    # each claim carries the outcome before it; the last outcome rides with the claim that finds nothing due
    assert statements.commits[SENDER_THREAD] <= COUNT + 2


@pytest.fixture
def opened(monkeypatch) -> Counter[str]:
    """The TCP connections made, by the name of the thread that made each."""
    made: Counter[str] = Counter()
    real_create_connection = urllib3.util.connection.create_connection

    def counting(*args, **kwargs):
        made[threading.current_thread().name] += 1
        return real_create_connection(*args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", counting)
    return made


def test_the_sender_sends_every_action_over_one_kept_connection(sandbox, sign_in, local_db, opened):
    server = sandbox()
    client = sign_in(server.url)
    outbox = Outbox(local_db, client.root)
    for n in range(COUNT):
        outbox.enqueue(note_action(f"یادداشت {n}"))
    events: list[SenderEvent] = []
    drain_on_thread(OutboxSender(outbox, client, policy=FAST, listener=events.append), COUNT, events)

    assert outbox.counts().done == COUNT
    assert opened[SENDER_THREAD] == 1


def test_over_tls_the_drain_makes_one_connection_and_one_handshake(tls_sandbox, tmp_path, opened):  # noqa: F811
    url, ca = tls_sandbox
    client = MunicipalClient(url, MemoryTokenStore(), ca_bundle=str(ca), timeouts=Timeouts(2.0, 5.0))
    client.sign_in("counter1", PASSWORD, OPERATORS["counter1"], "T-TLS0002")
    outbox = Outbox(LocalDatabase(tmp_path / "desk" / "PK-1001-counter1.sqlite3").open(), client.root)
    for n in range(COUNT):
        outbox.enqueue(note_action(f"یادداشت {n}"))
    events: list[SenderEvent] = []
    drain_on_thread(OutboxSender(outbox, client, policy=FAST, listener=events.append), COUNT, events)

    assert outbox.counts().done == COUNT
    assert opened[SENDER_THREAD] == 1  # a TLS session is set up once per connection


class Watching:
    """The real client; before each send, what the database file says (read on a connection of its own)."""

    def __init__(self, client: MunicipalClient, path: Path) -> None:
        self.client = client
        self.path = path
        self.sent: list[str] = []
        self.problems: list[str] = []
        self.after_send: list[Callable[[], object]] = []

    def states_on_disk(self) -> dict[str, str]:
        conn = sqlite3.connect(self.path)
        try:
            return dict(conn.execute("SELECT idempotency_key, state FROM outbox").fetchall())
        finally:
            conn.close()

    def submit_action(self, method, path, body, idempotency_key, **kwargs) -> ActionAnswer:
        on_disk = self.states_on_disk()
        if on_disk[idempotency_key] != State.SENDING:
            self.problems.append(f"{idempotency_key} sent while {on_disk[idempotency_key]} on disk")
        for earlier in self.sent:
            if on_disk[earlier] != State.DONE:
                self.problems.append(f"{idempotency_key} sent while {earlier} was {on_disk[earlier]} on disk")
        answer = self.client.submit_action(method, path, body, idempotency_key, **kwargs)
        self.sent.append(idempotency_key)
        for hook in self.after_send:
            hook()
        return answer

    def lookup_action(self, idempotency_key: str):
        return self.client.lookup_action(idempotency_key)

    def health(self):
        return self.client.health()


def test_every_outcome_is_on_disk_before_the_next_action_leaves(sandbox, sign_in, local_db):
    server = sandbox()
    wire = Watching(sign_in(server.url), local_db.path)
    outbox = Outbox(local_db, wire.client.root)
    for n in range(COUNT):
        outbox.enqueue(note_action(f"یادداشت {n}"))
    events: list[SenderEvent] = []
    drain_on_thread(OutboxSender(outbox, wire, policy=FAST, listener=events.append), COUNT, events)  # type: ignore[arg-type]

    assert len(wire.sent) == COUNT and wire.problems == []
    # each action is told as settled only once its outcome is on disk
    assert [event.state for event in events if event.entry_id is not None] == [State.DONE] * COUNT


def test_the_last_outcome_is_recorded_when_the_sender_stops(sandbox, sign_in, local_db):
    server = sandbox()
    wire = Watching(sign_in(server.url), local_db.path)
    outbox = Outbox(local_db, wire.client.root)
    first, second = outbox.enqueue(note_action("اول")), outbox.enqueue(note_action("دوم"))
    sender = OutboxSender(outbox, wire, policy=FAST)  # type: ignore[arg-type]
    wire.after_send.append(sender.request_stop)  # asked to stop as the first answer arrives
    sender.start()
    deadline = time.monotonic() + 15
    while sender.running:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert sender.stop(10)

    assert wire.sent == [first.idempotency_key]
    assert outbox.get(first.id).state is State.DONE  # recorded before the thread ended, not left `sending`
    assert outbox.get(second.id).state is State.QUEUED and outbox.get(second.id).attempts == 0
    assert server.ledger() == {first.idempotency_key: 1}


def test_an_outcome_is_recorded_before_the_sender_pauses_offline(sandbox, sign_in, local_db):
    server = sandbox()
    wire = Watching(sign_in(server.url), local_db.path)
    outbox = Outbox(local_db, wire.client.root)
    first, second = outbox.enqueue(note_action("اول")), outbox.enqueue(note_action("دوم"))
    wire.after_send.append(lambda: server.stop() if len(wire.sent) == 1 else None)  # down after the first answer
    sender = OutboxSender(outbox, wire, policy=FAST)  # type: ignore[arg-type]
    sender.start()
    try:
        deadline = time.monotonic() + 15
        while sender.connection is not Connection.OFFLINE:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.1)  # paused, probing
        assert outbox.get(first.id).state is State.DONE
        paused = outbox.get(second.id)
        assert (paused.state, paused.last_error, paused.attempts) == (State.QUEUED, "not-delivered", 1)
        server.start()
        while outbox.get(second.id).state is not State.DONE:
            assert time.monotonic() < deadline, outbox.get(second.id)
            time.sleep(0.01)
    finally:
        assert sender.stop(10)
    assert wire.problems == []
    assert server.ledger() == {first.idempotency_key: 1, second.idempotency_key: 1}


def test_a_held_connection_serves_its_thread_only_and_is_replaced_after_a_failed_unit(tmp_path):
    db = LocalDatabase(tmp_path / "PK-1001-counter1.sqlite3").open()
    seen_elsewhere: list[sqlite3.Connection] = []
    with db.hold():
        with db.connect() as first, db.write() as second:
            pass
        assert first is second

        def elsewhere() -> None:
            with db.connect() as conn:
                seen_elsewhere.append(conn)

        other = threading.Thread(target=elsewhere)
        other.start()
        other.join()
        assert seen_elsewhere[0] is not first  # another thread gets its own
        with pytest.raises(sqlite3.OperationalError), db.write() as conn:
            conn.execute("INSERT INTO no_such_table VALUES (1)")
        with db.connect() as after:
            assert after is not first
            after.execute("SELECT 1")
        with pytest.raises(sqlite3.ProgrammingError):
            first.execute("SELECT 1")  # the failed unit's connection was closed
    with pytest.raises(sqlite3.ProgrammingError):
        after.execute("SELECT 1")  # closed when the hold ended

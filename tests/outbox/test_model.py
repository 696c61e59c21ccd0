"""A Hypothesis state machine over the outbox: enqueue, send with a fault, acknowledge, crash, restart.

The real outbox (on disk), the real sender's judgement and the real server (the sandbox over loopback) take part;
the model only decides what the network does to each request and when the client dies. A crash drops whatever the
client held in memory (a claimed action, an answer not yet recorded); the database stays as the last commit left it.

Invariants: the server's records are a subset of the enqueued actions, none applied twice, and an action the
server applied is never shown as `queued` or `rejected`. After draining, the server's records equal the valid
enqueued actions exactly.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from client_api import AnswerLostError, NotDeliveredError, RequestTimeoutError
from client_api.actions import ActionAnswer, PreparedAction, encode_body, note_action
from client_api.local_db import LocalDatabase
from client_api.outbox import Outbox, OutboxEntry, Settlement, State
from client_api.sender import OutboxSender, RetryPolicy

FAULTS = (
    None,
    "refused",
    "5xx",
    "timeout-after-commit",
    "reset-after-commit",
    "crash-before-send",
    "crash-after-commit",
)
INJECTED_503 = b'{"type":"https://pishkhan.invalid/problems/injected-fault","title":"x","status":503,"detail":"x"}'


class SimulatedCrash(BaseException):
    """The client process dies here (BaseException: nothing in the sender may catch it)."""


class FaultyWire:
    """The real client; the model decides what the network does to the next request."""

    def __init__(self, client) -> None:
        self.client = client
        self.fault: str | None = None

    def submit_action(self, method, path, body, idempotency_key, *, content_type="application/json"):
        fault, self.fault = self.fault, None
        if fault == "refused":
            raise NotDeliveredError("connection refused (model)")
        if fault == "crash-before-send":
            raise SimulatedCrash
        if fault == "5xx":
            return ActionAnswer(503, "application/problem+json", INJECTED_503)
        answer = self.client.submit_action(method, path, body, idempotency_key, content_type=content_type)
        if fault == "timeout-after-commit":
            raise RequestTimeoutError("read timeout (model)")
        if fault == "reset-after-commit":
            raise AnswerLostError("connection reset mid-body (model)")
        if fault == "crash-after-commit":
            raise SimulatedCrash
        return answer

    def lookup_action(self, idempotency_key):
        return self.client.lookup_action(idempotency_key)

    def health(self):
        return self.client.health()


class OutboxModel(RuleBasedStateMachine):
    client = None  # set by the test
    server = None

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="outbox-model-"))
        self.clock = [1_000_000.0]
        self.wire = FaultyWire(self.client)
        self.valid: dict[str, bool] = {}  # enqueued key → whether the server accepts its body
        self.server_db = self.server.data_dir / "sandbox.sqlite3"
        self.baseline = self._server_records(0)
        self.pending: tuple[OutboxEntry, Settlement] | None = None
        self.final: dict[str, State] = {}
        self.running = False
        self._start()

    def _start(self) -> None:
        db = LocalDatabase(self.folder / "PK-1001-counter1.sqlite3").open()
        self.outbox = Outbox(db, self.client.root, clock=lambda: self.clock[0])
        policy = RetryPolicy(base_s=1, cap_s=8, key_lifetime_s=10**9)
        self.sender = OutboxSender(
            self.outbox, self.wire, policy=policy, clock=lambda: self.clock[0], rng=random.Random(0)
        )
        self.outbox.recover()
        self.pending, self.running = None, True

    def _crash(self) -> None:
        self.pending, self.running = None, False

    def _server_records(self, after_id: int) -> int:
        with sqlite3.connect(self.server_db) as conn:
            return conn.execute("SELECT COALESCE(MAX(id), 0) FROM actions WHERE id > ?", (after_id,)).fetchone()[0]

    def _new_on_server(self) -> dict[str, int]:
        """The server ledger of this example: key → times applied (read from the sandbox's own database, which
        is what `GET /training/ledger` reports, without sending a growing ledger over HTTP at every step)."""
        with sqlite3.connect(self.server_db) as conn:
            rows = conn.execute(
                "SELECT key, SUM(status < 400) FROM actions WHERE id > ? GROUP BY key", (self.baseline,)
            ).fetchall()
        return {key: applied for key, applied in rows if applied}

    # -- rules ----------------------------------------------------------------------------------------

    @precondition(lambda self: self.running and self.outbox.counts().waiting < 4)
    @rule(valid=st.sampled_from([True, True, True, False]))
    def enqueue(self, valid: bool) -> None:
        if valid:
            action = note_action(f"model {len(self.valid)} {self.folder.name}")
        else:
            action = PreparedAction("note", "POST", "/me/notes", encode_body({"text": " "}), "")
        self.valid[self.outbox.enqueue(action).idempotency_key] = valid

    @initialize(count=st.integers(1, 3))
    def some_actions_are_confirmed(self, count: int) -> None:
        for _ in range(count):
            self.enqueue(True)

    @precondition(lambda self: self.running and self.pending is None)
    @rule(fault=st.sampled_from(FAULTS))
    def send_with_fault(self, fault: str | None) -> None:
        """Claim the next action (committed) and send it; the answer is held until `acknowledge`. Time passes
        as needed for a backed-off action to come due; with nothing waiting, the operator confirms one first."""
        if not self.outbox.counts().waiting:
            self.enqueue(True)
        due = self.outbox.next_due_at()
        self.clock[0] = max(self.clock[0], due if due is not None else self.clock[0])
        claimed = self.outbox.claim_due()
        if claimed is None:  # only an action left `sending` by a crash waits: nothing to send until a restart
            return
        self.wire.fault = fault
        try:
            settlement = self.sender.deliver(claimed)
        except SimulatedCrash:
            self._crash()
            return
        self.pending = (claimed, settlement)
        self.sender.resume()  # an offline pause is the thread's business; the model sends when it likes

    @precondition(lambda self: self.running and self.pending is not None)
    @rule()
    def acknowledge(self) -> None:
        entry, settlement = self.pending
        self.outbox.settle(entry, settlement)
        self.pending = None
        if settlement.state in (State.DONE, State.REJECTED):
            self.final[entry.idempotency_key] = settlement.state

    @precondition(lambda self: self.pending is not None)
    @rule()
    def crash(self) -> None:
        """Between the answer and its record (crashes before and during a send are faults of the send)."""
        self._crash()

    @precondition(lambda self: not self.running)
    @rule()
    def restart(self) -> None:
        self._start()

    # -- invariants -----------------------------------------------------------------------------------

    @invariant()
    def the_server_holds_only_enqueued_actions_each_once(self) -> None:
        on_server = self._new_on_server()
        assert set(on_server) <= set(self.valid)
        assert set(on_server.values()) <= {1}
        states = {entry.idempotency_key: entry.state for entry in self.outbox.entries()}
        for key in on_server:  # applied there: never shown here as unsent or refused
            assert states[key] in (State.SENDING, State.IN_DOUBT, State.DONE), (key, states[key])
        for key, state in self.final.items():  # a final state is final
            assert states[key] is state

    def teardown(self) -> None:
        try:
            if not self.running:
                self._start()
            if self.pending is not None:
                self.acknowledge()
            for _ in range(10 * len(self.valid) + 10):
                if not self.outbox.counts().waiting:
                    break
                self.clock[0] += 10
                self.sender.resume()
                self.sender.step()
            entries = {entry.idempotency_key: entry.state for entry in self.outbox.entries()}
            assert entries == {key: State.DONE if ok else State.REJECTED for key, ok in self.valid.items()}
            assert self._new_on_server() == {key: 1 for key, ok in self.valid.items() if ok}
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.mark.timeout(300)
@pytest.mark.slow
def test_outbox_state_machine(module_sandbox, sign_in):
    OutboxModel.client = sign_in(module_sandbox.url)
    OutboxModel.server = module_sandbox
    run_state_machine_as_test(
        OutboxModel,
        settings=settings(
            max_examples=60,
            stateful_step_count=30,
            deadline=None,
            derandomize=True,
            database=None,
            # no shrinking: each replay talks to the server, and shrinking a failure here can outlast the test's
            # timeout; the unshrunk sequence (at most 30 steps) is printed and readable as it is
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )

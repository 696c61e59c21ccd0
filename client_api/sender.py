"""The outbox sender: one thread, its own HTTP session, nothing lost and nothing applied twice.

The loop takes the next due action (`Outbox.claim_due`: marked `sending` and committed before a byte leaves), sends
its exact bytes under its key (`deliver`), and records the outcome (`Outbox.settle`). On its thread, while online, the
sender records an outcome in the transaction that claims the next action (one commit per action, not two): the
outcome is on disk before anything else is sent, and until then the action is `sending` on disk, recovered as in
doubt after a crash and resent under its same key. The thread keeps one database connection while it runs
(`LocalDatabase.hold`). How an outcome is judged:

- 2xx: `done`, the answer kept (a replayed answer is the same answer).
- no connection could be made: nothing reached the server; the action keeps its state and its place, and the sender
  pauses: it probes `/health` with growing, jittered intervals and resumes when the server answers.
- a timeout, a dropped or reset connection: the outcome is unknown, the action is `in_doubt`; it is sent again later
  with the same key (never a new one), and the server answers from its idempotency store if it had applied it.
- 409 `idempotency-in-progress` (the same key is being handled right now): `in_doubt`, back off; a 409 of another
  problem type (a conflict of the resource, e.g. a closed cashier session) is a refusal like any other 4xx.
- 422 for a key reused with another body: `rejected`, flagged as a defect of this program (the body never changes).
- other 4xx: `rejected`, with the server's field errors kept for the operator. 429: back off, unchanged.
- 5xx: back off and send again; a gateway's 502/504 (or an answer that is not the API's problem document) leaves
  the outcome unknown, so the action is `in_doubt`.
- once an `in_doubt` action is older than the server's key lifetime, a server without an action log could apply a
  resend a second time: the sender asks `GET /actions/{key}` instead, and resends only if the server never handled
  the key (the sandbox answers late resends from its log as well).
- the session ended (refresh refused): the sender pauses until the operator signs in again.
- a failure of any other kind (on this computer: a CA file removed after sign-in, a bug): the action goes back to
  the state it was claimed from, with the error recorded (`local-failure`) and a back-off; it is never left
  `sending` while the process lives.
- after a damaged database was recovered, `start(confirm_keys=...)` first asks the server what it recorded for each
  recovered action that had been sent (`confirm`): a waiting one the server has the outcome of is settled with it.
- chains: a later step of a chain is not even claimed while an earlier one waits or backs off (`Outbox.claim_due`);
  a refused step makes the rest of its chain `not_sent` (`Outbox.settle`). A 404 of a later step is therefore a
  real refusal, never "sent before its resource existed".
Back-off is exponential with jitter, per action; other actions go on meanwhile. Nothing is ever reversed.

The sender never touches a UI. `listener` is called on the sender's thread after each change; a UI must hand the
call over to its own thread (desktop/outbox.py does).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from client_api import errors
from client_api.actions import ActionAnswer, ActionRecord
from client_api.outbox import FINAL_STATES, Outbox, OutboxEntry, Reason, Settlement, State

log = logging.getLogger(__name__)

IDLE_WAIT_S = 30.0
KEY_REUSED = "idempotency-key-reused"
BAD_KEY = "invalid-idempotency-key"
IN_PROGRESS = "idempotency-in-progress"  # 409: the same key is being handled right now


class Transport(Protocol):
    """What the sender needs of the API client (MunicipalClient has it)."""

    def submit_action(
        self,
        method: str,
        path: str,
        body: bytes,
        idempotency_key: str,
        *,
        content_type: str = ...,
        journal_head: str | None = ...,
    ) -> ActionAnswer: ...

    def lookup_action(self, idempotency_key: str) -> ActionRecord | None: ...

    def health(self) -> Any: ...


@dataclass(frozen=True)
class RetryPolicy:
    base_s: float = 1.0  # back-off of an action after its first failed attempt; doubles per attempt
    cap_s: float = 300.0
    probe_base_s: float = 2.0  # while offline: first health probe; doubles per failure
    probe_cap_s: float = 30.0
    key_lifetime_s: float = 86_400.0  # how long the server remembers a key
    lookup_margin_s: float = 3_600.0  # look up by key this long before the lifetime ends

    def backoff(self, attempts: int, rng: random.Random) -> float:
        """Exponential, with "equal jitter": half the step is fixed, half is random, so desks do not stampede."""
        step = min(self.cap_s, self.base_s * 2 ** max(0, attempts - 1))
        return step / 2 + rng.uniform(0, step / 2)

    def probe_delay(self, failures: int, rng: random.Random) -> float:
        step = min(self.probe_cap_s, self.probe_base_s * 2 ** max(0, failures))
        return step / 2 + rng.uniform(0, step / 2)


class Connection(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    SIGNED_OUT = "signed_out"  # the session ended: nothing is sent until the operator signs in again


@dataclass(frozen=True)
class Confirmation:
    """What the server said of recovered actions: `confirmed` (its record matches a finished one), `settled`
    (a waiting one took the server's outcome), `unknown` (a finished one the server has no record of), `asked`."""

    asked: int = 0
    confirmed: int = 0
    settled: int = 0
    unknown: int = 0
    reachable: bool = True


@dataclass(frozen=True)
class SenderEvent:
    connection: Connection
    entry_id: int | None = None
    state: State | None = None


class OutboxSender:
    def __init__(
        self,
        outbox: Outbox,
        transport: Transport,
        *,
        policy: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        listener: Callable[[SenderEvent], None] | None = None,
    ) -> None:
        self.outbox = outbox
        self.transport = transport
        self.policy = policy or RetryPolicy()
        self._clock = clock
        self._rng = rng or random.Random()
        self._listener = listener
        self._connection = Connection.ONLINE
        self._probe_failures = 0
        self.failed_probes = 0  # since start, for figures
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._unsettled: tuple[OutboxEntry, Settlement] | None = None  # an outcome the disk refused to record yet
        self._confirm_keys: tuple[str, ...] = ()
        self.confirmation: Confirmation | None = None  # set once `confirm` has run at start

    @property
    def connection(self) -> Connection:
        return self._connection

    # -- the thread -----------------------------------------------------------------------------------

    def start(self, *, confirm_keys: tuple[str, ...] = ()) -> OutboxSender:
        """Recover what a crash left `sending`, then send on a thread of its own (not a daemon: an exit waits
        for the attempt in flight, bounded by the client's timeouts); `confirm_keys` are looked up first."""
        if self._thread is not None:
            raise RuntimeError("the sender is already running")
        self._confirm_keys = tuple(confirm_keys)
        self.outbox.recover()
        self._thread = threading.Thread(target=self._run, name="outbox-sender")
        self._thread.start()
        return self

    def wake(self) -> None:
        """Something new is due (an action was confirmed): look now instead of at the next planned time."""
        self._wake.set()

    def resume(self) -> None:
        """The operator signed in again, or wants a retry now: leave any pause and look at once."""
        self._set_connection(Connection.ONLINE)
        self._probe_failures = 0
        self._wake.set()

    def request_stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop after the attempt in flight; True once the thread has ended."""
        self.request_stop()
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _sleep(self, seconds: float) -> None:
        if seconds > 0 and self._wake.wait(seconds):
            self._wake.clear()

    def _run(self) -> None:
        with self.outbox.db.hold():
            if self._confirm_keys:
                try:
                    self.confirmation = self.confirm(self._confirm_keys)
                except Exception:
                    log.exception("outbox sender: confirming recovered actions failed; sending goes on")
            while not self._stop.is_set():
                try:
                    if self._unsettled is not None and self._connection is not Connection.ONLINE:
                        self._settle(*self._unsettled)  # recorded before any pause
                    if self._connection is Connection.SIGNED_OUT:
                        self._sleep(IDLE_WAIT_S)
                    elif self._connection is Connection.OFFLINE:
                        self._sleep(self.policy.probe_delay(self._probe_failures, self._rng))
                        if not self._stop.is_set() and self._connection is Connection.OFFLINE:
                            self.probe()
                    elif not self._step(settle_now=False):
                        due = self.outbox.next_due_at()
                        wait = IDLE_WAIT_S if due is None else min(IDLE_WAIT_S, max(0.0, due - self._clock()))
                        self._sleep(wait)
                except Exception:  # a locked or failing disk must not end the thread: the rows wait on disk
                    log.exception("outbox sender: unexpected failure; trying again shortly")
                    self._sleep(self.policy.probe_base_s)
            if self._unsettled is not None:  # stopping: the last outcome is recorded before the thread ends
                try:
                    self._settle(*self._unsettled)
                except Exception:  # on disk the action stays `sending`: in doubt at the next start, resent by key
                    log.exception("outbox sender: the last outcome could not be recorded")

    # -- steps (the thread runs these; tests drive them one by one) -----------------------------------

    def step(self) -> bool:
        """Send the next due action and record its outcome; False if nothing was due.

        If recording fails (disk full, database locked), the outcome is kept in memory and recorded before anything
        else is sent; should the process die meanwhile, the action is `sending` on disk and recovered as in doubt."""
        return self._step(settle_now=True)

    def _step(self, *, settle_now: bool) -> bool:
        """`step`; with `settle_now=False` (the thread, while online) an outcome is kept in memory and recorded in
        the transaction that claims the next action (or finds none due)."""
        if self._unsettled is not None and settle_now:
            self._settle(*self._unsettled)
            return True
        if self._unsettled is not None:
            unsettled = self._unsettled
            entry = self.outbox.claim_due(settling=[unsettled])
            self._unsettled = None
            self._notify(SenderEvent(self._connection, unsettled[0].id, unsettled[1].state))
        else:
            entry = self.outbox.claim_due()
        if entry is None:
            return False
        try:
            settlement = self.deliver(entry)
        except Exception as exc:  # not the API's: the action goes back where it was, the error kept
            log.exception("outbox sender: the attempt on %s failed on this computer", entry.idempotency_key)
            settlement = Settlement(
                entry.state,
                Reason.LOCAL_FAILURE.value,
                next_attempt_at=self._next_time(entry),
                error=Reason.LOCAL_FAILURE,
                detail=_detail(exc, named=True),
            )
        if settle_now or self._connection is not Connection.ONLINE:
            self._settle(entry, settlement)
        else:
            self._unsettled = (entry, settlement)
        return True

    def confirm(self, keys: tuple[str, ...]) -> Confirmation:
        """Ask the server what it recorded for each key (recovered actions that had been sent): a waiting action
        whose outcome the server has is settled with it; a finished one is counted as confirmed, or as unknown to
        the server (logged). Stops at the first failure to reach the server: sending resolves the rest."""
        asked = confirmed = settled = unknown = 0
        for key in keys:
            entry = self.outbox.by_key(key)
            if entry is None or self._stop.is_set():
                continue
            try:
                record = self.transport.lookup_action(key)
            except errors.ApiError as exc:
                log.warning("outbox: recovered actions not confirmed with the server (%s)", type(exc).__name__)
                return Confirmation(asked, confirmed, settled, unknown, reachable=False)
            asked += 1
            if record is None:
                if entry.final and entry.state is not State.NOT_SENT:
                    unknown += 1
                    log.error("outbox: the server has no record of recovered action %s (%s)", key, entry.state)
                continue
            settlement = self.judge(entry, record.as_answer(), outcome="looked-up")
            if entry.final:
                confirmed += settlement.state is entry.state
                if settlement.state is not entry.state:
                    log.error(
                        "outbox: recovered action %s is %s here, %s on the server", key, entry.state, settlement.state
                    )
            elif settlement.state in FINAL_STATES:
                self._settle(entry, settlement)
                settled += 1
        log.info(
            "outbox: recovered actions confirmed: %d asked, %d confirmed, %d settled, %d unknown",
            asked,
            confirmed,
            settled,
            unknown,
        )
        return Confirmation(asked, confirmed, settled, unknown)

    def _settle(self, entry: OutboxEntry, settlement: Settlement) -> None:
        self._unsettled = (entry, settlement)
        self.outbox.settle(entry, settlement)
        self._unsettled = None
        self._notify(SenderEvent(self._connection, entry.id, settlement.state))

    def probe(self) -> bool:
        """While offline: does the server answer again?"""
        try:
            self.transport.health()
        except errors.ApiError as exc:
            self._probe_failures += 1
            self.failed_probes += 1
            log.info("outbox sender: server still unreachable (%s)", type(exc).__name__)
            return False
        self._probe_failures = 0
        self._set_connection(Connection.ONLINE)
        return True

    def deliver(self, entry: OutboxEntry) -> Settlement:
        """One attempt for a claimed entry; no database work (the caller settles)."""
        if entry.state is State.IN_DOUBT and self._key_may_have_expired(entry):
            resolved = self._look_up(entry)
            if resolved is not None:
                return resolved
        try:
            # the journal head stored with the row at confirm: every resend carries the same one
            head = {"journal_head": entry.journal_head} if entry.journal_head is not None else {}
            answer = self.transport.submit_action(
                entry.method, entry.path, entry.body, entry.idempotency_key, content_type=entry.content_type, **head
            )
        except errors.SessionExpiredError as exc:
            self._set_connection(Connection.SIGNED_OUT)
            return Settlement(entry.state, "session-expired", error=Reason.SESSION_EXPIRED, detail=_detail(exc))
        except errors.NotDeliveredError as exc:  # before ConnectTimeout's other parent, RequestTimeoutError
            self._set_connection(Connection.OFFLINE)
            return Settlement(entry.state, "not-delivered", error=Reason.NOT_DELIVERED, detail=_detail(exc))
        except errors.RequestTimeoutError as exc:
            return self._in_doubt(entry, Reason.TIMEOUT, exc)
        except errors.AnswerLostError as exc:
            return self._in_doubt(entry, Reason.ANSWER_LOST, exc)
        except errors.InsecureTransportError as exc:
            self._set_connection(Connection.OFFLINE)
            return Settlement(entry.state, "insecure", error=Reason.INSECURE, detail=_detail(exc))
        except errors.ApiError as exc:  # anything else after the request may have left: unknown
            return self._in_doubt(entry, Reason.UNEXPECTED, exc)
        self._set_connection(Connection.ONLINE)
        return self.judge(entry, answer)

    def judge(self, entry: OutboxEntry, answer: ActionAnswer, *, outcome: str | None = None) -> Settlement:
        """What an answer means for the action (see the module's docstring)."""
        status = answer.status
        if 200 <= status < 300:
            return Settlement(State.DONE, outcome or ("replayed" if answer.replayed else "applied"), answer=answer)
        slug = answer.problem_slug()
        detail = str(answer.problem().get("detail") or "") or None
        if status == 401:
            self._set_connection(Connection.SIGNED_OUT)
            return Settlement(entry.state, "session-expired", error=Reason.SESSION_EXPIRED, detail=detail)
        if status == 409 and slug in ("", IN_PROGRESS):  # another 409 (a closed cashier session) is a refusal
            return self._back_off(State.IN_DOUBT, entry, Reason.IN_PROGRESS, answer, detail)
        if status == 429:
            return self._back_off(entry.state, entry, Reason.RATE_LIMITED, answer, detail)
        if status >= 500:
            known_failure = status not in (502, 504) and answer.is_problem
            state = entry.state if known_failure else State.IN_DOUBT
            return self._back_off(state, entry, Reason.SERVER_ERROR, answer, detail)
        if 400 <= status < 500:
            defect = slug in (KEY_REUSED, BAD_KEY)
            if defect:
                log.error("outbox: the server refused key %s as a defect (%s)", entry.idempotency_key, slug)
            error = Reason.KEY_REUSED if slug == KEY_REUSED else Reason.REJECTED
            return Settlement(
                State.REJECTED,
                outcome or error.value,
                error=error,
                detail=detail,
                answer=answer,
                field_errors=answer.field_errors(),
                defect=defect,
            )
        return self._back_off(State.IN_DOUBT, entry, Reason.UNEXPECTED, answer, f"HTTP {status}")

    # -- helpers --------------------------------------------------------------------------------------

    def _key_may_have_expired(self, entry: OutboxEntry) -> bool:
        if entry.first_sent_at is None:
            return False
        age = self._clock() - entry.first_sent_at
        return age >= self.policy.key_lifetime_s - self.policy.lookup_margin_s

    def _look_up(self, entry: OutboxEntry) -> Settlement | None:
        """The outcome recorded for the key; None if the server never handled it (then it is safe to send)."""
        try:
            record = self.transport.lookup_action(entry.idempotency_key)
        except errors.SessionExpiredError as exc:
            self._set_connection(Connection.SIGNED_OUT)
            return Settlement(entry.state, "session-expired", error=Reason.SESSION_EXPIRED, detail=_detail(exc))
        except errors.NotDeliveredError as exc:
            self._set_connection(Connection.OFFLINE)
            return Settlement(entry.state, "not-delivered", error=Reason.NOT_DELIVERED, detail=_detail(exc))
        except errors.ApiError as exc:
            return self._in_doubt(entry, Reason.LOOKUP_FAILED, exc)
        if record is None:
            log.info("outbox: key %s was never handled by the server; sending it", entry.idempotency_key)
            return None
        return self.judge(entry, record.as_answer(), outcome="looked-up")

    def _next_time(self, entry: OutboxEntry, retry_after_s: int | None = None) -> float:
        delay = self.policy.backoff(entry.attempts, self._rng)
        if retry_after_s is not None:
            delay = max(delay, min(float(retry_after_s), self.policy.cap_s))
        return self._clock() + delay

    def _in_doubt(self, entry: OutboxEntry, reason: Reason, exc: BaseException) -> Settlement:
        return Settlement(
            State.IN_DOUBT, reason.value, next_attempt_at=self._next_time(entry), error=reason, detail=_detail(exc)
        )

    def _back_off(
        self, state: State, entry: OutboxEntry, error: Reason, answer: ActionAnswer, detail: str | None
    ) -> Settlement:
        return Settlement(
            state,
            error.value,
            next_attempt_at=self._next_time(entry, answer.retry_after_s),
            error=error,
            detail=detail or f"HTTP {answer.status}",
            answer=answer,
        )

    def _set_connection(self, connection: Connection) -> None:
        if connection is not self._connection:
            self._connection = connection
            log.info("outbox sender: %s", connection.value)
            self._notify(SenderEvent(connection))

    def _notify(self, event: SenderEvent) -> None:
        if self._listener is None:
            return
        try:
            self._listener(event)
        except Exception:
            log.exception("outbox sender: listener failed")


def _detail(exc: BaseException, *, named: bool = False) -> str:
    text = f"{type(exc).__name__}: {exc}" if named else str(exc)
    return text[:500]

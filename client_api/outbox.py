"""The durable outbox: every operator action that changes something on the server, from confirm to outcome.

One row per action, written when the operator confirms it, in the operator's local database (client_api/local_db.py).
The row holds the idempotency key (a UUID made here, once), the method, the path and the exact body bytes, which are
resent byte for byte and never change (a trigger refuses). Rows are never deleted (a trigger refuses that too).

States:
    queued    confirmed; not known to have reached the server (every attempt so far failed to connect)
    sending   an attempt is in flight (committed before the first byte leaves)
    in_doubt  sent at least once, outcome unknown (a timeout, a dropped or reset connection, a crash while
              sending): it is sent again with the same key, or looked up by its key, until the outcome is known;
              it is never reversed or dropped automatically
    done      the server applied it; its answer is kept
    rejected  the server refused it; its answer and field errors are kept (a key reused with another body is
              also flagged as a defect of this program)
    not_sent  never sent, and never will be: an earlier step of its chain was refused (`blocked_by_step`)
`done`, `rejected` and `not_sent` are final. A row left `sending` by a crash becomes `in_doubt` at the next start
(`recover`).

Chains: every action belongs to a chain (`chain_id`) at a step (`chain_step`, from 0); a single action is a chain of
one. A whole chain is recorded in one transaction (`enqueue_chain`), with every path known at confirm (the client
makes the ids of what the first step creates). A step is due only when every earlier step of its chain is `done`:
while an earlier step waits or backs off, the later ones are not attempted at all. When a step is refused, every
later step of its chain becomes `not_sent` in the same transaction. Why a row is where it is: `Reason`.

Every settled attempt is appended to `outbox_attempts`. The sender (client_api/sender.py) drives the states.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from client_api.actions import ActionAnswer, PreparedAction
from client_api.drafts import clear_draft
from client_api.errors import FieldError
from client_api.journal import Journal
from client_api.local_db import LocalDatabase


class State(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    IN_DOUBT = "in_doubt"
    DONE = "done"
    REJECTED = "rejected"
    NOT_SENT = "not_sent"


class Reason(StrEnum):
    """Why an action is where it is (`last_error`): what its last attempt met, or why it was never sent.
    desktop/messages.py words each one for the operator."""

    NOT_DELIVERED = "not-delivered"  # no connection could be made: nothing reached the server
    TIMEOUT = "timeout"  # no answer in time: outcome unknown
    ANSWER_LOST = "answer-lost"  # the connection broke before the answer: outcome unknown
    INTERRUPTED = "interrupted"  # the program ended while sending: outcome unknown
    IN_PROGRESS = "in-progress"  # 409: the server is handling the same key right now
    SERVER_ERROR = "server-error"  # 5xx
    RATE_LIMITED = "rate-limited"  # 429
    SESSION_EXPIRED = "session-expired"  # sign in again
    LOOKUP_FAILED = "lookup-failed"  # asking the server what became of the key failed
    INSECURE = "insecure"  # TLS verification failed
    UNEXPECTED = "unexpected"  # an answer or failure of no known kind: outcome unknown
    REJECTED = "rejected"  # the server refused the action (4xx)
    KEY_REUSED = "key-reused"  # the server saw the key with another body: a defect of this program
    EARLIER_STEP_REJECTED = "earlier-step-rejected"  # not sent: an earlier step of its chain was refused
    LOCAL_FAILURE = "local-failure"  # the attempt failed on this computer (e.g. a missing CA file): back in the queue


FINAL_STATES = frozenset({State.DONE, State.REJECTED, State.NOT_SENT})
WAITING_STATES = frozenset({State.QUEUED, State.SENDING, State.IN_DOUBT})
_DUE_STATES = (State.QUEUED.value, State.IN_DOUBT.value)
_FINAL_VALUES = tuple(sorted(state.value for state in FINAL_STATES))
# a step is due only once every earlier step of its chain is done (a single action has no earlier step)
_EARLIER_STEPS_DONE = (
    "NOT EXISTS (SELECT 1 FROM outbox AS earlier WHERE earlier.chain_id = outbox.chain_id"
    " AND earlier.chain_step < outbox.chain_step AND earlier.state <> 'done')"
)


def _reason(value: str | None) -> Reason | None:
    if value is None:
        return None
    try:
        return Reason(value)
    except ValueError:  # written by a newer version of the program
        return Reason.UNEXPECTED


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    idempotency_key: str
    api_root: str
    kind: str
    summary: str
    method: str
    path: str
    content_type: str
    body: bytes
    state: State
    created_at: float
    updated_at: float
    attempts: int
    next_attempt_at: float
    first_sent_at: float | None
    last_error: Reason | None
    last_error_detail: str | None
    response_status: int | None
    response_type: str | None
    response_body: bytes | None
    field_errors: tuple[FieldError, ...]
    defect: bool
    finished_at: float | None
    chain_id: str
    chain_step: int
    blocked_by_step: int | None  # `not_sent`: the step of its chain that was refused
    journal_head: str | None = None  # the operator's journal head when it was confirmed (client_api/journal.py)

    @property
    def final(self) -> bool:
        return self.state in FINAL_STATES

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> OutboxEntry:
        errors = tuple(FieldError(str(e["field"]), str(e["message"])) for e in json.loads(row["field_errors"] or "[]"))
        return cls(
            id=row["id"],
            idempotency_key=row["idempotency_key"],
            api_root=row["api_root"],
            kind=row["kind"],
            summary=row["summary"],
            method=row["method"],
            path=row["path"],
            content_type=row["content_type"],
            body=bytes(row["body"]),
            state=State(row["state"]),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            attempts=row["attempts"],
            next_attempt_at=row["next_attempt_at"],
            first_sent_at=row["first_sent_at"],
            last_error=_reason(row["last_error"]),
            last_error_detail=row["last_error_detail"],
            response_status=row["response_status"],
            response_type=row["response_type"],
            response_body=bytes(row["response_body"]) if row["response_body"] is not None else None,
            field_errors=errors,
            defect=bool(row["defect"]),
            finished_at=row["finished_at"],
            chain_id=row["chain_id"],
            chain_step=row["chain_step"],
            blocked_by_step=row["blocked_by_step"],
            journal_head=row["journal_head"] if "journal_head" in row.keys() else None,
        )


@dataclass(frozen=True)
class Settlement:
    """The outcome of one attempt, as the sender judged it; `outcome` names it in the attempt log."""

    state: State
    outcome: str
    next_attempt_at: float | None = None  # None: unchanged
    error: Reason | None = None  # for the operator's page (desktop/messages.py words it)
    detail: str | None = None
    answer: ActionAnswer | None = None
    field_errors: tuple[FieldError, ...] = ()
    defect: bool = False


@dataclass(frozen=True)
class OutboxCounts:
    queued: int = 0
    sending: int = 0
    in_doubt: int = 0
    done: int = 0
    rejected: int = 0
    not_sent: int = 0
    other_server: int = 0  # waiting actions confirmed against another API address

    @property
    def waiting(self) -> int:
        return self.queued + self.sending + self.in_doubt


def _entries_filter(states: Iterable[State] | None, finished_since: float | None) -> tuple[str, list[object]]:
    """The WHERE clause `Outbox.entries` and `Outbox.count_entries` share."""
    where, params = "1", []
    if states is not None:
        chosen: list[object] = [State(s).value for s in states]
        where += f" AND state IN ({', '.join('?' * len(chosen))})"
        params += chosen
    if finished_since is not None:
        where += " AND (finished_at IS NULL OR finished_at >= ?)"
        params.append(finished_since)
    return where, params


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


class Outbox:
    """The outbox rows of one operator profile, as seen from one API address (`api_root`)."""

    def __init__(
        self,
        db: LocalDatabase,
        api_root: str,
        *,
        clock: Callable[[], float] = time.time,
        new_key: Callable[[], str] = new_idempotency_key,
        journal: Journal | None = None,
    ) -> None:
        """`journal`: each confirmed action gets a `submit` entry there, in the transaction that records it, and
        carries the journal's head to the server (`journal_head`)."""
        self.db = db
        self.api_root = api_root
        self.journal = journal
        self._clock = clock
        self._new_key = new_key

    def enqueue(self, action: PreparedAction, *, draft_form: str | None = None) -> OutboxEntry:
        """Record a confirmed action, with its key made now, once; clear the form's draft in the same transaction."""
        return self.enqueue_chain([action], draft_form=draft_form)[0]

    def enqueue_chain(self, actions: Sequence[PreparedAction], *, draft_form: str | None = None) -> list[OutboxEntry]:
        """Record confirmed actions as one chain, sent in this order, each with its key made now, once; all of them
        and the cleared draft in one transaction (after a crash: the whole chain or none of it)."""
        if not actions:
            raise ValueError("a chain needs at least one action")
        now = self._clock()
        chain_id = str(uuid.uuid4())
        with self.db.write() as conn:
            ids = []
            for step, action in enumerate(actions):
                key = self._new_key()
                head = self.journal.record_submit(conn, key, action, chain_step=step) if self.journal else None
                cursor = conn.execute(
                    "INSERT INTO outbox (idempotency_key, api_root, kind, summary, method, path, content_type, body,"
                    " body_sha256, state, created_at, updated_at, next_attempt_at, chain_id, chain_step, journal_head)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        key,
                        self.api_root,
                        action.kind,
                        action.summary,
                        action.method.upper(),
                        action.path,
                        action.content_type,
                        action.body,
                        hashlib.sha256(action.body).hexdigest(),
                        State.QUEUED.value,
                        now,
                        now,
                        now,
                        chain_id,
                        step,
                        head,
                    ),
                )
                ids.append(cursor.lastrowid)
            if draft_form is not None:
                clear_draft(conn, draft_form)
            rows = [conn.execute("SELECT * FROM outbox WHERE id = ?", (row_id,)).fetchone() for row_id in ids]
        return [OutboxEntry.from_row(row) for row in rows]

    def recover(self) -> int:
        """After a crash: every row left `sending` may or may not have reached the server: it is in doubt now.
        Call before a sender starts on this database; returns how many rows it changed."""
        now = self._clock()
        with self.db.write() as conn:
            rows = conn.execute("SELECT id, attempts FROM outbox WHERE state = ?", (State.SENDING.value,)).fetchall()
            for row in rows:
                conn.execute(
                    "UPDATE outbox SET state = ?, updated_at = ?, last_error = ?, last_error_detail = NULL"
                    " WHERE id = ?",
                    (State.IN_DOUBT.value, now, Reason.INTERRUPTED.value, row["id"]),
                )
                conn.execute(
                    "INSERT INTO outbox_attempts (outbox_id, attempt, finished_at, outcome) VALUES (?, ?, ?,"
                    " 'interrupted')",
                    (row["id"], row["attempts"], now),
                )
        return len(rows)

    def claim_due(self, *, settling: Sequence[tuple[OutboxEntry, Settlement]] = ()) -> OutboxEntry | None:
        """The next due action of this API address, marked `sending` (committed before it is sent); a step of a chain
        is due only once every earlier step is done. `settling`: outcomes of earlier attempts, recorded first in the
        same transaction (as `settle` would), so a sender going from one action to the next commits once per action.

        The entry returned carries the state it had *before* this attempt, and the attempt already counted."""
        now = self._clock()
        with self.db.write() as conn:
            for entry, settlement in settling:
                self._record(conn, entry, settlement, now)
            row = conn.execute(
                "SELECT * FROM outbox WHERE api_root = ? AND state IN (?, ?) AND next_attempt_at <= ?"
                f" AND {_EARLIER_STEPS_DONE} ORDER BY next_attempt_at, id LIMIT 1",
                (self.api_root, *_DUE_STATES, now),
            ).fetchone()
            if row is None:
                return None
            conn.execute(
                "UPDATE outbox SET state = ?, attempts = attempts + 1, first_sent_at = COALESCE(first_sent_at, ?),"
                " updated_at = ? WHERE id = ?",
                (State.SENDING.value, now, now, row["id"]),
            )
            claimed = conn.execute("SELECT * FROM outbox WHERE id = ?", (row["id"],)).fetchone()
        entry = OutboxEntry.from_row(claimed)
        return replace(entry, state=State(row["state"]))

    def settle(self, entry: OutboxEntry, settlement: Settlement) -> None:
        """Record the outcome of the attempt on `entry` (one transaction: the row, the attempt log, and for a refused
        step the later steps of its chain, which become `not_sent`)."""
        now = self._clock()
        with self.db.write() as conn:
            self._record(conn, entry, settlement, now)

    @staticmethod
    def _record(conn: sqlite3.Connection, entry: OutboxEntry, settlement: Settlement, now: float) -> None:
        """`settle`'s writes, inside the caller's transaction; an outcome for a row already final is ignored."""
        answer = settlement.answer
        final = settlement.state in FINAL_STATES
        errors = json.dumps(
            [{"field": e.field, "message": e.message} for e in settlement.field_errors], ensure_ascii=False
        )
        updated = conn.execute(
            "UPDATE outbox SET state = ?, updated_at = ?, next_attempt_at = COALESCE(?, next_attempt_at),"
            " last_error = ?, last_error_detail = ?, response_status = COALESCE(?, response_status),"
            " response_type = COALESCE(?, response_type), response_body = COALESCE(?, response_body),"
            " field_errors = CASE WHEN ? THEN ? ELSE field_errors END, defect = MAX(defect, ?),"
            " finished_at = CASE WHEN ? THEN ? ELSE finished_at END"
            " WHERE id = ? AND state NOT IN (?, ?, ?)",
            (
                settlement.state.value,
                now,
                settlement.next_attempt_at,
                settlement.error,
                settlement.detail,
                answer.status if answer else None,
                answer.content_type if answer else None,
                answer.body if answer else None,
                bool(settlement.field_errors),
                errors,
                int(settlement.defect),
                final,
                now,
                entry.id,
                *_FINAL_VALUES,
            ),
        ).rowcount
        if updated:
            conn.execute(
                "INSERT INTO outbox_attempts (outbox_id, attempt, finished_at, outcome, status, detail)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    entry.id,
                    entry.attempts,
                    now,
                    settlement.outcome,
                    answer.status if answer else None,
                    settlement.detail,
                ),
            )
        if updated and settlement.state is State.REJECTED:
            conn.execute(
                "UPDATE outbox SET state = ?, updated_at = ?, finished_at = ?, last_error = ?,"
                " last_error_detail = ?, blocked_by_step = ? WHERE chain_id = ? AND chain_step > ? AND state = ?",
                (
                    State.NOT_SENT.value,
                    now,
                    now,
                    Reason.EARLIER_STEP_REJECTED.value,
                    entry.kind,
                    entry.chain_step,
                    entry.chain_id,
                    entry.chain_step,
                    State.QUEUED.value,
                ),
            )

    def next_due_at(self) -> float | None:
        """When the earliest waiting action of this API address is due (None if none waits); a step that waits for
        an earlier one is not counted (it becomes due when that one is done, which wakes the sender anyway)."""
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT MIN(next_attempt_at) FROM outbox WHERE api_root = ? AND state IN (?, ?)"
                f" AND {_EARLIER_STEPS_DONE}",
                (self.api_root, *_DUE_STATES),
            ).fetchone()
        return row[0]

    def by_key(self, idempotency_key: str) -> OutboxEntry | None:
        with self.db.connect() as conn:
            row = conn.execute("SELECT * FROM outbox WHERE idempotency_key = ?", (idempotency_key,)).fetchone()
        return OutboxEntry.from_row(row) if row is not None else None

    def get(self, entry_id: int) -> OutboxEntry | None:
        with self.db.connect() as conn:
            row = conn.execute("SELECT * FROM outbox WHERE id = ?", (entry_id,)).fetchone()
        return OutboxEntry.from_row(row) if row is not None else None

    def entries(
        self,
        states: Iterable[State] | None = None,
        *,
        finished_since: float | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[OutboxEntry]:
        """Rows of every API address, newest first; `finished_since` keeps final rows finished after it; `offset`
        skips that many (a page of a list)."""
        where, params = _entries_filter(states, finished_since)
        with self.db.connect() as conn:
            rows = conn.execute(
                f"SELECT * FROM outbox WHERE {where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
            return [OutboxEntry.from_row(row) for row in rows]

    def count_entries(
        self, states: Iterable[State] | None = None, *, finished_since: float | None = None, defect: bool = False
    ) -> int:
        """How many rows `entries` would list with these filters and no limit; `defect` counts only defects."""
        where, params = _entries_filter(states, finished_since)
        if defect:
            where += " AND defect = 1"
        with self.db.connect() as conn:
            return int(conn.execute(f"SELECT COUNT(*) FROM outbox WHERE {where}", params).fetchone()[0])

    def counts(self, *, finished_since: float | None = None) -> OutboxCounts:
        """How many rows are in each state (final ones only if finished after `finished_since`)."""
        since = finished_since if finished_since is not None else float("-inf")
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT state, api_root = ? AS ours, COUNT(*) AS n FROM outbox"
                " WHERE finished_at IS NULL OR finished_at >= ? GROUP BY state, ours",
                (self.api_root, since),
            ).fetchall()
        values = dict.fromkeys((*(state.value for state in State), "other_server"), 0)
        for row in rows:
            state = State(row["state"])
            if state in WAITING_STATES and not row["ours"]:
                values["other_server"] += row["n"]
            else:
                values[state.value] += row["n"]
        return OutboxCounts(**values)

    def chain_of(self, entry_id: int) -> list[OutboxEntry]:
        """Every step of the entry's chain, in order (one entry for a single action; none if no such entry)."""
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT * FROM outbox WHERE chain_id = (SELECT chain_id FROM outbox WHERE id = ?) ORDER BY chain_step",
                (entry_id,),
            ).fetchall()
        return [OutboxEntry.from_row(row) for row in rows]

    def attempts_of(self, entry_id: int) -> list[sqlite3.Row]:
        with self.db.connect() as conn:
            return conn.execute(
                "SELECT attempt, finished_at, outcome, status, detail FROM outbox_attempts WHERE outbox_id = ?"
                " ORDER BY id",
                (entry_id,),
            ).fetchall()

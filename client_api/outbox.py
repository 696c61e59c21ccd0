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
`done` and `rejected` are final. A row left `sending` by a crash becomes `in_doubt` at the next start (`recover`).

Every settled attempt is appended to `outbox_attempts`. The sender (client_api/sender.py) drives the states.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from client_api.actions import ActionAnswer, PreparedAction
from client_api.drafts import clear_draft
from client_api.errors import FieldError
from client_api.local_db import LocalDatabase


class State(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    IN_DOUBT = "in_doubt"
    DONE = "done"
    REJECTED = "rejected"


FINAL_STATES = frozenset({State.DONE, State.REJECTED})
WAITING_STATES = frozenset({State.QUEUED, State.SENDING, State.IN_DOUBT})
_DUE_STATES = (State.QUEUED.value, State.IN_DOUBT.value)


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
    last_error: str | None
    last_error_detail: str | None
    response_status: int | None
    response_type: str | None
    response_body: bytes | None
    field_errors: tuple[FieldError, ...]
    defect: bool
    finished_at: float | None

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
            last_error=row["last_error"],
            last_error_detail=row["last_error_detail"],
            response_status=row["response_status"],
            response_type=row["response_type"],
            response_body=bytes(row["response_body"]) if row["response_body"] is not None else None,
            field_errors=errors,
            defect=bool(row["defect"]),
            finished_at=row["finished_at"],
        )


@dataclass(frozen=True)
class Settlement:
    """The outcome of one attempt, as the sender judged it; `outcome` names it in the attempt log."""

    state: State
    outcome: str
    next_attempt_at: float | None = None  # None: unchanged
    error: str | None = None  # a reason code for the operator's page (desktop/messages.py words it)
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
    other_server: int = 0  # waiting actions confirmed against another API address

    @property
    def waiting(self) -> int:
        return self.queued + self.sending + self.in_doubt


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
    ) -> None:
        self.db = db
        self.api_root = api_root
        self._clock = clock
        self._new_key = new_key

    def enqueue(self, action: PreparedAction, *, draft_form: str | None = None) -> OutboxEntry:
        """Record a confirmed action, with its key made now, once; clear the form's draft in the same transaction."""
        now = self._clock()
        with self.db.write() as conn:
            cursor = conn.execute(
                "INSERT INTO outbox (idempotency_key, api_root, kind, summary, method, path, content_type, body,"
                " body_sha256, state, created_at, updated_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?)",
                (
                    self._new_key(),
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
                ),
            )
            if draft_form is not None:
                clear_draft(conn, draft_form)
            row = conn.execute("SELECT * FROM outbox WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return OutboxEntry.from_row(row)

    def recover(self) -> int:
        """After a crash: every row left `sending` may or may not have reached the server: it is in doubt now.
        Call before a sender starts on this database; returns how many rows it changed."""
        now = self._clock()
        with self.db.write() as conn:
            rows = conn.execute("SELECT id, attempts FROM outbox WHERE state = ?", (State.SENDING.value,)).fetchall()
            for row in rows:
                conn.execute(
                    "UPDATE outbox SET state = ?, updated_at = ?, last_error = 'interrupted', last_error_detail = NULL"
                    " WHERE id = ?",
                    (State.IN_DOUBT.value, now, row["id"]),
                )
                conn.execute(
                    "INSERT INTO outbox_attempts (outbox_id, attempt, finished_at, outcome) VALUES (?, ?, ?,"
                    " 'interrupted')",
                    (row["id"], row["attempts"], now),
                )
        return len(rows)

    def claim_due(self) -> OutboxEntry | None:
        """The next due action of this API address, marked `sending` (committed before it is sent).

        The entry returned carries the state it had *before* this attempt, and the attempt already counted."""
        now = self._clock()
        with self.db.write() as conn:
            row = conn.execute(
                "SELECT * FROM outbox WHERE api_root = ? AND state IN (?, ?) AND next_attempt_at <= ?"
                " ORDER BY next_attempt_at, id LIMIT 1",
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
        """Record the outcome of the attempt on `entry` (one transaction: the row and the attempt log)."""
        now = self._clock()
        answer = settlement.answer
        final = settlement.state in FINAL_STATES
        errors = json.dumps(
            [{"field": e.field, "message": e.message} for e in settlement.field_errors], ensure_ascii=False
        )
        with self.db.write() as conn:
            updated = conn.execute(
                "UPDATE outbox SET state = ?, updated_at = ?, next_attempt_at = COALESCE(?, next_attempt_at),"
                " last_error = ?, last_error_detail = ?, response_status = COALESCE(?, response_status),"
                " response_type = COALESCE(?, response_type), response_body = COALESCE(?, response_body),"
                " field_errors = CASE WHEN ? THEN ? ELSE field_errors END, defect = MAX(defect, ?),"
                " finished_at = CASE WHEN ? THEN ? ELSE finished_at END"
                " WHERE id = ? AND state NOT IN (?, ?)",
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
                    State.DONE.value,
                    State.REJECTED.value,
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

    def next_due_at(self) -> float | None:
        """When the earliest waiting action of this API address is due (None if none waits)."""
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT MIN(next_attempt_at) FROM outbox WHERE api_root = ? AND state IN (?, ?)",
                (self.api_root, *_DUE_STATES),
            ).fetchone()
        return row[0]

    def get(self, entry_id: int) -> OutboxEntry | None:
        with self.db.connect() as conn:
            row = conn.execute("SELECT * FROM outbox WHERE id = ?", (entry_id,)).fetchone()
        return OutboxEntry.from_row(row) if row is not None else None

    def entries(
        self, states: Iterable[State] | None = None, *, finished_since: float | None = None, limit: int = 1000
    ) -> list[OutboxEntry]:
        """Rows of every API address, newest first; `finished_since` keeps final rows finished after it."""
        sql, params = "SELECT * FROM outbox WHERE 1", []
        if states is not None:
            chosen = [State(s).value for s in states]
            sql += f" AND state IN ({', '.join('?' * len(chosen))})"
            params += chosen
        if finished_since is not None:
            sql += " AND (finished_at IS NULL OR finished_at >= ?)"
            params.append(finished_since)
        sql += " ORDER BY created_at DESC, id DESC LIMIT ?"
        params.append(limit)
        with self.db.connect() as conn:
            return [OutboxEntry.from_row(row) for row in conn.execute(sql, params)]

    def counts(self, *, finished_since: float | None = None) -> OutboxCounts:
        """How many rows are in each state (final ones only if finished after `finished_since`)."""
        since = finished_since if finished_since is not None else float("-inf")
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT state, api_root = ? AS ours, COUNT(*) AS n FROM outbox"
                " WHERE finished_at IS NULL OR finished_at >= ? GROUP BY state, ours",
                (self.api_root, since),
            ).fetchall()
        values = dict.fromkeys(("queued", "sending", "in_doubt", "done", "rejected", "other_server"), 0)
        for row in rows:
            state = State(row["state"])
            if state in WAITING_STATES and not row["ours"]:
                values["other_server"] += row["n"]
            else:
                values[state.value] += row["n"]
        return OutboxCounts(**values)

    def attempts_of(self, entry_id: int) -> list[sqlite3.Row]:
        with self.db.connect() as conn:
            return conn.execute(
                "SELECT attempt, finished_at, outcome, status, detail FROM outbox_attempts WHERE outbox_id = ?"
                " ORDER BY id",
                (entry_id,),
            ).fetchall()

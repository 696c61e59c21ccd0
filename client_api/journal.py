"""The operator's journal: append-only and hash-chained, one entry per operator action, in the local database.

Each entry holds its sequence number (1, 2, 3, ... with no gap), its kind (`sign-in`, `submit`, `print`, ...), who
made it (operator, office, terminal), when (the local clock, UTC ISO-8601; and the server's clock when known, as
estimated from the server's last answer) and its details (a flat map of short strings and integers).

The chain: `hash = SHA-256(previous entry's hash, as 64 hex digits + canonical JSON of the entry)`, where the first
entry's previous hash is 64 zeros and the canonical JSON is the entry's fields (`sequence`, `kind`, `operator`,
`office`, `terminal`, `local_time`, `server_time`, `details`) with sorted keys, no spaces, UTF-8. The table refuses
UPDATE and DELETE by triggers; whoever drops the triggers and edits, deletes, reorders or inserts rows breaks the
chain, and `verify` names the first entry that is wrong.

Anyone who can write the file can recompute every hash after rewriting it: that is why the head of the chain
(`<sequence>:<hash>`) is sent to the server with every outbox action (header `Journal-Head`) and kept there. A
rewritten journal no longer has, at those sequence numbers, the hashes the server holds (`compare_heads`).

This module is Qt-free; `desktop/journaling.py` is the application's side.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from client_api.actions import PreparedAction
    from client_api.local_db import LocalDatabase

GENESIS = "0" * 64
HEAD_HEADER = "Journal-Head"
MAX_DETAIL_LENGTH = 500
MAX_DETAILS = 32
_HEAD = re.compile(r"^([1-9][0-9]{0,17}):([0-9a-f]{64})$")
_KIND = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
_DETAIL_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

# the journal's table, its triggers, and the outbox's column for the head each action carries (schema version 3 of
# client_api/local_db.py)
SCHEMA = (
    """CREATE TABLE journal (
        sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
        kind TEXT NOT NULL,
        operator TEXT NOT NULL,
        office TEXT NOT NULL,
        terminal TEXT NOT NULL,
        local_time TEXT NOT NULL,
        server_time TEXT,
        details TEXT NOT NULL,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    """CREATE TRIGGER journal_entries_are_never_changed BEFORE UPDATE ON journal
    BEGIN SELECT RAISE(ABORT, 'journal entries are never changed'); END""",
    """CREATE TRIGGER journal_entries_are_never_deleted BEFORE DELETE ON journal
    BEGIN SELECT RAISE(ABORT, 'journal entries are never deleted'); END""",
    "ALTER TABLE outbox ADD COLUMN journal_head TEXT",
    """CREATE TRIGGER outbox_journal_head_is_immutable BEFORE UPDATE OF journal_head ON outbox
    WHEN OLD.journal_head IS NOT NEW.journal_head
    BEGIN SELECT RAISE(ABORT, 'the journal head of an action is never changed'); END""",
)

Details = Mapping[str, str | int]


class JournalError(Exception):
    """An entry could not be written (bad kind or details)."""


@dataclass(frozen=True)
class JournalIdentity:
    """Who writes the entries of one session, and how far the server's clock is from ours (None: unknown)."""

    operator: str
    office: str
    terminal: str
    server_offset_s: float | None = None


@dataclass(frozen=True)
class JournalEntry:
    sequence: int
    kind: str
    operator: str
    office: str
    terminal: str
    local_time: str
    server_time: str | None
    details: dict[str, str | int]
    previous_hash: str
    hash: str

    def content(self) -> dict[str, object]:
        """The fields the hash covers."""
        return {
            "sequence": self.sequence,
            "kind": self.kind,
            "operator": self.operator,
            "office": self.office,
            "terminal": self.terminal,
            "local_time": self.local_time,
            "server_time": self.server_time,
            "details": self.details,
        }

    @property
    def head(self) -> str:
        return format_head(self.sequence, self.hash)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> JournalEntry:
        try:
            details = json.loads(row["details"])
        except (TypeError, ValueError):
            details = {"unreadable": str(row["details"])}
        if not isinstance(details, dict):
            details = {"unreadable": str(row["details"])}
        return cls(
            sequence=int(row["sequence"]),
            kind=str(row["kind"]),
            operator=str(row["operator"]),
            office=str(row["office"]),
            terminal=str(row["terminal"]),
            local_time=str(row["local_time"]),
            server_time=None if row["server_time"] is None else str(row["server_time"]),
            details=details,
            previous_hash=str(row["previous_hash"]),
            hash=str(row["hash"]),
        )


def canonical_json(content: Mapping[str, object]) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def chain_hash(previous_hash: str, content: Mapping[str, object]) -> str:
    digest = hashlib.sha256(previous_hash.encode("ascii"))
    digest.update(canonical_json(content))
    return digest.hexdigest()


def format_head(sequence: int, digest: str) -> str:
    return f"{sequence}:{digest}"


def parse_head(text: str) -> tuple[int, str] | None:
    """`<sequence>:<sha256 hex>` → (sequence, hash); None when it is not one."""
    match = _HEAD.match(text.strip())
    return (int(match.group(1)), match.group(2)) if match else None


def _utc_iso(moment: float) -> str:
    return dt.datetime.fromtimestamp(moment, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def clean_details(details: Details) -> dict[str, str | int]:
    """The details as stored: short keys, strings (bounded, control characters removed) and integers."""
    if len(details) > MAX_DETAILS:
        raise JournalError(f"at most {MAX_DETAILS} details")
    out: dict[str, str | int] = {}
    for key, value in details.items():
        if not _DETAIL_KEY.match(key):
            raise JournalError(f"bad detail name {key!r}")
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise JournalError(f"detail {key!r} must be a string or an integer")
        if isinstance(value, str):
            value = "".join(ch if ch.isprintable() else " " for ch in value)[:MAX_DETAIL_LENGTH]
        out[key] = value
    return out


class Journal:
    """The journal of one operator profile, written with one identity."""

    def __init__(self, db: LocalDatabase, identity: JournalIdentity, *, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.identity = identity
        self._clock = clock

    def append(self, kind: str, details: Details | None = None) -> JournalEntry:
        """Write one entry in its own transaction."""
        with self.db.write() as conn:
            return self.append_in(conn, kind, details)

    def append_in(self, conn: sqlite3.Connection, kind: str, details: Details | None = None) -> JournalEntry:
        """Write one entry inside the caller's write transaction (e.g. with the outbox row it records)."""
        if not _KIND.match(kind):
            raise JournalError(f"bad journal kind {kind!r}")
        cleaned = clean_details(details or {})
        now = self._clock()
        offset = self.identity.server_offset_s
        last = conn.execute("SELECT sequence, hash FROM journal ORDER BY sequence DESC LIMIT 1").fetchone()
        sequence, previous = (1, GENESIS) if last is None else (int(last[0]) + 1, str(last[1]))
        content: dict[str, object] = {
            "sequence": sequence,
            "kind": kind,
            "operator": self.identity.operator,
            "office": self.identity.office,
            "terminal": self.identity.terminal,
            "local_time": _utc_iso(now),
            "server_time": None if offset is None else _utc_iso(now + offset),
            "details": cleaned,
        }
        digest = chain_hash(previous, content)
        conn.execute(
            "INSERT INTO journal (sequence, kind, operator, office, terminal, local_time, server_time, details,"
            " previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sequence,
                kind,
                self.identity.operator,
                self.identity.office,
                self.identity.terminal,
                content["local_time"],
                content["server_time"],
                canonical_json(cleaned).decode("utf-8"),
                previous,
                digest,
            ),
        )
        return JournalEntry(
            sequence,
            kind,
            self.identity.operator,
            self.identity.office,
            self.identity.terminal,
            str(content["local_time"]),
            None if content["server_time"] is None else str(content["server_time"]),
            cleaned,
            previous,
            digest,
        )

    def record_submit(self, conn: sqlite3.Connection, key: str, action: PreparedAction, *, chain_step: int = 0) -> str:
        """The `submit` entry of a confirmed outbox action, inside the transaction that queues it; returns the head
        the action carries to the server (this entry's)."""
        details: dict[str, str | int] = {
            "action": action.kind,
            "key": key,
            "method": action.method.upper(),
            "path": action.path,
            "body_sha256": hashlib.sha256(action.body).hexdigest(),
            "summary": action.summary,
        }
        if chain_step:
            details["chain_step"] = chain_step
        return self.append_in(conn, "submit", details).head


def read_entries(db: LocalDatabase) -> list[JournalEntry]:
    """Every entry, in sequence order."""
    with db.connect() as conn:
        return entries_of(conn)


def entries_of(conn: sqlite3.Connection) -> list[JournalEntry]:
    """Every entry, in sequence order, from a connection whose `row_factory` is `sqlite3.Row`."""
    return [JournalEntry.from_row(row) for row in conn.execute("SELECT * FROM journal ORDER BY sequence")]


def head(db: LocalDatabase) -> str | None:
    """`<sequence>:<hash>` of the last entry (None while the journal is empty)."""
    with db.connect() as conn:
        row = conn.execute("SELECT sequence, hash FROM journal ORDER BY sequence DESC LIMIT 1").fetchone()
    return None if row is None else format_head(int(row[0]), str(row[1]))


# -- verification -------------------------------------------------------------------------------------------------


class Problem(StrEnum):
    EDITED = "edited"
    DELETED = "deleted"
    REORDERED = "reordered"
    INSERTED = "inserted"
    REWRITTEN = "rewritten"  # whole and self-consistent, but not what the server was told


@dataclass(frozen=True)
class Finding:
    """The first entry that is wrong, what is wrong with it, and a sentence saying so."""

    sequence: int
    problem: Problem
    explanation: str

    def line(self) -> str:
        return f"entry {self.sequence}: {self.problem.value}: {self.explanation}"


@dataclass(frozen=True)
class Verdict:
    entries: int
    head: str | None
    finding: Finding | None

    @property
    def whole(self) -> bool:
        return self.finding is None


def _self_hash(entry: JournalEntry, sequence: int | None = None) -> str:
    content = entry.content()
    if sequence is not None:
        content["sequence"] = sequence
    return chain_hash(entry.previous_hash, content)


def _written_as(entry: JournalEntry, limit: int) -> int | None:
    """The sequence number under which the entry's stored hash was made (its content otherwise unchanged)."""
    if _self_hash(entry) == entry.hash:
        return entry.sequence
    for sequence in range(1, limit + 1):
        if sequence != entry.sequence and _self_hash(entry, sequence) == entry.hash:
            return sequence
    return None


def verify_entries(entries: Sequence[JournalEntry]) -> Verdict:
    """Walk the chain in sequence order and name the first entry that is wrong."""
    expected, previous = 1, GENESIS
    for index, entry in enumerate(entries):
        if entry.sequence == expected and entry.previous_hash == previous and _self_hash(entry) == entry.hash:
            expected, previous = expected + 1, entry.hash
            continue
        finding = _diagnose(entries, index, expected, previous)
        return Verdict(len(entries), None, finding)
    last = entries[-1] if entries else None
    return Verdict(len(entries), last.head if last else None, None)


def _diagnose(entries: Sequence[JournalEntry], index: int, expected: int, previous: str) -> Finding:
    """Why the entry at `index` breaks the chain (every entry before it is sound; `previous` is the last sound
    entry's hash). Each entry names the hash it was chained to, so where that hash now stands tells a moved entry
    (it stands after), an inserted one (the next entry was chained past it), a deleted one (a gap, or an entry
    written under a higher number) and an edited one (its content no longer gives its hash)."""
    entry = entries[index]
    limit = len(entries) + 2
    if entry.sequence > expected:
        missing = f"{expected}" if entry.sequence == expected + 1 else f"{expected} to {entry.sequence - 1}"
        return Finding(expected, Problem.DELETED, f"entry {missing} is missing before entry {entry.sequence}")
    position = {e.hash: i for i, e in enumerate(entries)}
    origin = position.get(entry.previous_hash)
    if origin is not None and origin > index:
        written = _written_as(entry, limit)
        was = f" (it was written as entry {written})" if written is not None else ""
        return Finding(entry.sequence, Problem.REORDERED, f"it stands before the entry it was chained to{was}")
    following = entries[index + 1] if index + 1 < len(entries) else None
    if following is not None and following.previous_hash == previous:
        return Finding(entry.sequence, Problem.INSERTED, f"the entry after it was chained to entry {expected - 1}")
    before_previous = entries[index - 2].hash if index >= 2 else GENESIS if index == 1 else None
    if index >= 1 and entry.previous_hash == before_previous:
        return Finding(
            entries[index - 1].sequence, Problem.INSERTED, f"entry {entry.sequence} was chained to the one before it"
        )
    if origin is not None and origin < index - 1:
        return Finding(
            entries[origin + 1].sequence,
            Problem.INSERTED,
            f"entry {entry.sequence} was chained to entry {entries[origin].sequence}",
        )
    if entry.previous_hash == previous:
        return Finding(entry.sequence, Problem.EDITED, "its content does not match its hash")
    written = _written_as(entry, limit)
    if written is not None and written > entry.sequence:
        return Finding(
            expected,
            Problem.DELETED,
            f"entry {entry.sequence} was written as entry {written}: what stood before it was removed and the rest "
            "renumbered",
        )
    if written == entry.sequence and index > 0:
        return Finding(
            entries[index - 1].sequence,
            Problem.EDITED,
            f"its hash is not the one entry {entry.sequence} was chained to (it was changed and its hash recomputed)",
        )
    if written is not None and written < entry.sequence:
        return Finding(written, Problem.INSERTED, f"entries were added before entry {written}, now {entry.sequence}")
    return Finding(entry.sequence, Problem.EDITED, "its content does not match its hash")


def verify(db: LocalDatabase) -> Verdict:
    return verify_entries(read_entries(db))


def compare_heads(entries: Sequence[JournalEntry], heads: Iterable[str], holder: str = "the server") -> Finding | None:
    """Compare the journal with heads recorded elsewhere (`<sequence>:<hash>` each; `holder` names where, for the
    sentence): the first entry whose hash is not the recorded one, or that is gone, names the rewrite."""
    by_sequence = {entry.sequence: entry for entry in entries}
    parsed = sorted({p for p in (parse_head(h) for h in heads) if p is not None})
    for sequence, digest in parsed:
        entry = by_sequence.get(sequence)
        if entry is None:
            return Finding(
                sequence,
                Problem.DELETED,
                f"{holder} holds this entry as a journal head; the journal ends before it",
            )
        if entry.hash != digest:
            return Finding(sequence, Problem.REWRITTEN, f"its hash is not the one {holder} holds ({digest[:12]}…)")
    return None


def outbox_heads(conn: sqlite3.Connection) -> list[tuple[str, str | None]]:
    """(idempotency key, journal head or None) of every outbox action, in the order they were queued."""
    rows = conn.execute("SELECT idempotency_key, journal_head FROM outbox ORDER BY id").fetchall()
    return [(str(row[0]), None if row[1] is None else str(row[1])) for row in rows]

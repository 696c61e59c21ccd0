"""The operator's local database: one SQLite file per operator profile, in the application's data folder.

It holds what must survive a crash or a power cut on this desk: form drafts and the outbox (docs/architecture.md, "Local
state"). Every connection runs in WAL mode with `synchronous=FULL` (a committed transaction is on disk before the
commit returns), and every write is `BEGIN IMMEDIATE` (the write lock is taken up front, so two writers never
deadlock: the later one waits up to the busy timeout).

The schema carries its version in `PRAGMA user_version` and moves forward by numbered migrations, each applied in
one transaction. Before an existing file is migrated, a copy is kept beside it. A file written by a newer version of
the application is refused rather than guessed at.

Connections are short-lived and belong to one thread (open one per unit of work); the database object itself may be
shared between threads.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000

# version N is reached by applying MIGRATIONS[N - 1]; statements are kept apart because triggers contain ";"
_V1 = (
    """CREATE TABLE drafts (
        form TEXT PRIMARY KEY,
        content TEXT NOT NULL,
        updated_at REAL NOT NULL
    )""",
    """CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        api_root TEXT NOT NULL,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        content_type TEXT NOT NULL,
        body BLOB NOT NULL,
        body_sha256 TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'rejected', 'in_doubt')),
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL,
        first_sent_at REAL,
        last_error TEXT,
        last_error_detail TEXT,
        response_status INTEGER,
        response_type TEXT,
        response_body BLOB,
        field_errors TEXT,
        defect INTEGER NOT NULL DEFAULT 0 CHECK (defect IN (0, 1)),
        finished_at REAL
    )""",
    "CREATE INDEX outbox_due ON outbox (api_root, state, next_attempt_at)",
    "CREATE INDEX outbox_by_state ON outbox (state, created_at)",
    """CREATE TABLE outbox_attempts (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL REFERENCES outbox (id),
        attempt INTEGER NOT NULL,
        finished_at REAL NOT NULL,
        outcome TEXT NOT NULL,
        status INTEGER,
        detail TEXT
    )""",
    "CREATE INDEX outbox_attempts_by_row ON outbox_attempts (outbox_id)",
    """CREATE TRIGGER outbox_rows_are_never_deleted BEFORE DELETE ON outbox
    BEGIN SELECT RAISE(ABORT, 'outbox rows are never deleted'); END""",
    """CREATE TRIGGER outbox_attempts_are_never_deleted BEFORE DELETE ON outbox_attempts
    BEGIN SELECT RAISE(ABORT, 'outbox attempts are never deleted'); END""",
    """CREATE TRIGGER outbox_action_is_immutable
    BEFORE UPDATE OF idempotency_key, api_root, kind, method, path, content_type, body, body_sha256, created_at
    ON outbox
    BEGIN SELECT RAISE(ABORT, 'a confirmed action is never changed'); END""",
    """CREATE TRIGGER outbox_final_state_is_final BEFORE UPDATE OF state ON outbox
    WHEN OLD.state IN ('done', 'rejected') AND NEW.state <> OLD.state
    BEGIN SELECT RAISE(ABORT, 'a finished action never changes state'); END""",
)
# v2: chains. An action belongs to a chain (`chain_id`, a UUID; a single action is a chain of one) at a step
# (`chain_step`, from 0); a new final state `not_sent` for the later steps of a chain whose step was refused
# (`blocked_by_step` names that step). SQLite cannot alter a CHECK, so the table is rebuilt (the documented way: with
# foreign keys off, see `LocalDatabase.open`); ids, rows and attempts are kept as they were.
_V2 = (
    """CREATE TABLE outbox_v2 (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        api_root TEXT NOT NULL,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        content_type TEXT NOT NULL,
        body BLOB NOT NULL,
        body_sha256 TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'rejected', 'in_doubt', 'not_sent')),
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL,
        first_sent_at REAL,
        last_error TEXT,
        last_error_detail TEXT,
        response_status INTEGER,
        response_type TEXT,
        response_body BLOB,
        field_errors TEXT,
        defect INTEGER NOT NULL DEFAULT 0 CHECK (defect IN (0, 1)),
        finished_at REAL,
        chain_id TEXT NOT NULL,
        chain_step INTEGER NOT NULL DEFAULT 0 CHECK (chain_step >= 0),
        blocked_by_step INTEGER,
        UNIQUE (chain_id, chain_step)
    )""",
    """INSERT INTO outbox_v2 (id, idempotency_key, api_root, kind, summary, method, path, content_type, body,
        body_sha256, state, created_at, updated_at, attempts, next_attempt_at, first_sent_at, last_error,
        last_error_detail, response_status, response_type, response_body, field_errors, defect, finished_at, chain_id,
        chain_step)
    SELECT id, idempotency_key, api_root, kind, summary, method, path, content_type, body, body_sha256, state,
        created_at, updated_at, attempts, next_attempt_at, first_sent_at, last_error, last_error_detail,
        response_status, response_type, response_body, field_errors, defect, finished_at, idempotency_key, 0
    FROM outbox""",
    "DROP TABLE outbox",
    "ALTER TABLE outbox_v2 RENAME TO outbox",
    "CREATE INDEX outbox_due ON outbox (api_root, state, next_attempt_at)",
    "CREATE INDEX outbox_by_state ON outbox (state, created_at)",
    """CREATE TRIGGER outbox_rows_are_never_deleted BEFORE DELETE ON outbox
    BEGIN SELECT RAISE(ABORT, 'outbox rows are never deleted'); END""",
    """CREATE TRIGGER outbox_action_is_immutable
    BEFORE UPDATE OF idempotency_key, api_root, kind, method, path, content_type, body, body_sha256, created_at,
        chain_id, chain_step
    ON outbox
    BEGIN SELECT RAISE(ABORT, 'a confirmed action is never changed'); END""",
    """CREATE TRIGGER outbox_final_state_is_final BEFORE UPDATE OF state ON outbox
    WHEN OLD.state IN ('done', 'rejected', 'not_sent') AND NEW.state <> OLD.state
    BEGIN SELECT RAISE(ABORT, 'a finished action never changes state'); END""",
    """CREATE TRIGGER outbox_not_sent_was_never_sent BEFORE UPDATE OF state ON outbox
    WHEN NEW.state = 'not_sent' AND (OLD.state <> 'queued' OR OLD.attempts > 0)
    BEGIN SELECT RAISE(ABORT, 'only an action never sent can be marked not sent'); END""",
)
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2)
SCHEMA_VERSION = len(MIGRATIONS)

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+", re.ASCII)


class LocalDatabaseError(Exception):
    """The local database cannot be used (written by a newer version, or damaged)."""


def profile_db_path(data_dir: Path, office_code: str, username: str) -> Path:
    """`<data>/<office>-<username>.sqlite3`, with anything but letters, digits, `_ . -` replaced."""
    office = _UNSAFE.sub("_", office_code.strip()) or "_"
    user = _UNSAFE.sub("_", username.strip()) or "_"
    return Path(data_dir) / f"{office}-{user}.sqlite3"


class LocalDatabase:
    def __init__(self, path: Path, *, on_connect: Callable[[sqlite3.Connection], None] | None = None) -> None:
        """`on_connect` sees every new connection (e.g. to trace its statements)."""
        self.path = Path(path)
        self._on_connect = on_connect

    def open(self) -> LocalDatabase:
        """Create the file or bring its schema up to date; returns self."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise LocalDatabaseError(
                    f"{self.path.name} has schema version {version}; this version of the application knows up to "
                    f"{SCHEMA_VERSION}"
                )
            if 0 < version < SCHEMA_VERSION:
                self._keep_copy(conn, version)
            # a migration may rebuild a table that others reference: foreign keys are off while it runs (the pragma
            # works only outside a transaction) and checked before its transaction commits
            conn.execute("PRAGMA foreign_keys=OFF")
            for target in range(version + 1, SCHEMA_VERSION + 1):
                with self._transaction(conn):
                    for statement in MIGRATIONS[target - 1]:
                        conn.execute(statement)
                    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise LocalDatabaseError(f"migration to version {target} broke {len(broken)} references")
                    conn.execute(f"PRAGMA user_version={target}")
            conn.execute("PRAGMA foreign_keys=ON")
        return self

    def _keep_copy(self, conn: sqlite3.Connection, version: int) -> None:
        copy = sqlite3.connect(self.path.with_name(f"{self.path.stem}.v{version}.bak.sqlite3"))
        try:
            conn.backup(copy)
        finally:
            copy.close()

    @property
    def schema_version(self) -> int:
        with self.connect() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A fresh connection in autocommit mode (transactions are explicit), closed afterwards."""
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            if self._on_connect is not None:
                self._on_connect(conn)
            yield conn
        finally:
            conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A connection inside `BEGIN IMMEDIATE ... COMMIT` (ROLLBACK if the block raises)."""
        with self.connect() as conn, self._transaction(conn):
            yield conn

    @staticmethod
    @contextmanager
    def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def integrity_check(self) -> str:
        """`ok`, or SQLite's description of the damage."""
        with self.connect() as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(str(row[0]) for row in rows)

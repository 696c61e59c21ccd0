"""The operator's local database: one SQLite file per operator profile, in the application's data folder.

It holds what must survive a crash or a power cut on this desk: form drafts and the outbox (docs/architecture.md, "Local
state"). Every connection runs in WAL mode with `synchronous=FULL` (a committed transaction is on disk before the
commit returns), and every write is `BEGIN IMMEDIATE` (the write lock is taken up front, so two writers never
deadlock: the later one waits up to the busy timeout).

The schema carries its version in `PRAGMA user_version` and moves forward by numbered migrations, each applied in
one transaction. Before an existing file is migrated, a copy is kept beside it. A file written by a newer version of
the application is refused rather than guessed at.

Connections belong to one thread and are short-lived (one per unit of work), except where a thread `hold`s one: a
thread that does unit after unit (the outbox sender) keeps its connection for as long as it runs, which spares it
opening one per unit and the checkpoint SQLite runs whenever the last connection to the file closes. A held connection
is still in autocommit mode between units, so it holds no lock and sees every commit of the others; it is dropped and
opened afresh after a unit that failed. The database object itself may be shared between threads.

Nothing is ever re-created silently. A marker beside the file (`<db>.present`, written at the first open) tells a
file that is missing, or empty, after it existed apart from first use. At open, `check` looks before anything is
written: the file is a regular file, SQLite can read its header, `PRAGMA quick_check` finds every page sound, the
schema holds every table, index and trigger its version should have. Anything else is a `DamagedDatabaseError`
naming the damage; client_api/salvage.py sets the file aside and recovers what can be read. The folder is made 0700,
the file (and so its WAL and shared-memory files, which SQLite creates with the database's mode) 0600.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from civic.files import ensure_private_dir, make_private
from client_api.journal import SCHEMA as JOURNAL_SCHEMA

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
# v3: the operator's journal (client_api/journal.py): an append-only, hash-chained table, and the outbox's column for
# the journal head each action carries to the server
_V3 = JOURNAL_SCHEMA
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+", re.ASCII)


class LocalDatabaseError(Exception):
    """The local database cannot be used (written by a newer version, or damaged)."""


class NewerSchemaError(LocalDatabaseError):
    """Written by a newer version of the application: left as it is, never guessed at."""

    def __init__(self, path: Path, version: int) -> None:
        super().__init__(
            f"{path.name} has schema version {version}; this version of the application knows up to {SCHEMA_VERSION}"
        )
        self.path = path
        self.version = version


class DamagedDatabaseError(LocalDatabaseError):
    """The file is missing after it existed, empty, not a file, unreadable, corrupt, or lacks part of its schema.

    `kind`: missing | empty | not-a-file | unreadable | corrupt | schema."""

    def __init__(self, path: Path, kind: str, detail: str) -> None:
        super().__init__(f"{path.name}: {kind}: {detail}")
        self.path = path
        self.kind = kind
        self.detail = detail


def sidecars(path: Path) -> tuple[Path, Path]:
    """SQLite's write-ahead log and shared-memory index beside a database file."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def marker_path(path: Path) -> Path:
    return path.with_name(path.name + ".present")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


@cache
def expected_schema(version: int) -> frozenset[tuple[str, str]]:
    """Every (type, name) the schema at `version` has (SQLite's automatic indexes included)."""
    conn = sqlite3.connect(":memory:")
    try:
        for statements in MIGRATIONS[:version]:
            for statement in statements:
                conn.execute(statement)
        return frozenset((row[0], row[1]) for row in conn.execute("SELECT type, name FROM sqlite_master"))
    finally:
        conn.close()


def profile_db_path(data_dir: Path, office_code: str, username: str) -> Path:
    """`<data>/<office>-<username>.sqlite3`, with anything but letters, digits, `_ . -` replaced."""
    office = _UNSAFE.sub("_", office_code.strip()) or "_"
    user = _UNSAFE.sub("_", username.strip()) or "_"
    return Path(data_dir) / f"{office}-{user}.sqlite3"


def _header_problem(header: bytes, has_wal: bool) -> str | None:
    """What is wrong with a database file's first 100 bytes, if anything."""
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return "file is not a database (its header is not SQLite's)"
    page_size = int.from_bytes(header[16:18], "big")
    if page_size != 1 and (page_size < 512 or page_size & (page_size - 1)):
        return f"the header names an impossible page size ({page_size})"
    if has_wal and (header[18], header[19]) != (2, 2):
        return "a write-ahead log is present but the header does not say WAL mode"
    return None


class LocalDatabase:
    def __init__(self, path: Path, *, on_connect: Callable[[sqlite3.Connection], None] | None = None) -> None:
        """`on_connect` sees every new connection (e.g. to trace its statements)."""
        self.path = Path(path)
        self._on_connect = on_connect
        self._held = threading.local()  # .conn: this thread's held connection (`hold`), .depth: how many holds

    def open(self, *, new: bool = False) -> LocalDatabase:
        """Check the file (`check`), then create it or bring its schema up to date; returns self.

        `new=True` creates a fresh file even though the marker says one existed (after the damaged one was set
        aside: client_api/salvage.py)."""
        ensure_private_dir(self.path.parent)
        first_use = self.check(new=new)
        if first_use:
            # made 0600 before SQLite opens it: its WAL and shared-memory files take the database's mode
            os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
        make_private(self.path)
        with self.connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NewerSchemaError(self.path, version)
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
        for path in (self.path, *sidecars(self.path)):
            make_private(path)
        marker = marker_path(self.path)
        if not marker.exists():
            os.close(os.open(marker, os.O_WRONLY | os.O_CREAT, 0o600))
        return self

    def check(self, *, new: bool = False) -> bool:
        """Look at the file without writing to it: True if it is first use (no file, or an empty one never known
        to have held data), False when the file is sound; raises `DamagedDatabaseError` or `NewerSchemaError`."""
        path = self.path
        wal = sidecars(path)[0]
        known = marker_path(path).exists() or backup_path(path).exists()
        try:
            info = path.lstat()
        except FileNotFoundError:
            if known and not new:
                raise DamagedDatabaseError(path, "missing", "the file is gone though this profile had one") from None
            if wal.exists() and wal.stat().st_size > 0 and not new:
                raise DamagedDatabaseError(path, "missing", "a write-ahead log without its database") from None
            return True
        if not stat.S_ISREG(info.st_mode):
            raise DamagedDatabaseError(path, "not-a-file", f"not a regular file (mode {oct(info.st_mode)})")
        if info.st_size == 0:
            if known or (wal.exists() and wal.stat().st_size > 0):
                raise DamagedDatabaseError(path, "empty", "the file is empty though it held data")
            return True
        # the header is read here first: SQLite, finding no valid WAL-mode header, would delete the WAL at close
        with path.open("rb") as file:
            header = file.read(100)
        problem = _header_problem(header, wal.exists() and wal.stat().st_size > 0)
        if problem:
            raise DamagedDatabaseError(path, "unreadable", problem)
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, isolation_level=None)
        except sqlite3.Error as exc:
            raise DamagedDatabaseError(path, "unreadable", str(exc)) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
            present = {(row[0], row[1]) for row in conn.execute("SELECT type, name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            kind = "unreadable" if "not a database" in str(exc) else "corrupt"
            raise DamagedDatabaseError(path, kind, str(exc)) from exc
        finally:
            conn.close()
        if problems != ["ok"]:
            raise DamagedDatabaseError(path, "corrupt", "; ".join(problems)[:1000])
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(path, version)
        if version == 0 and known:
            raise DamagedDatabaseError(path, "schema", "the file holds no schema though this profile had one")
        lacking = expected_schema(version) - present
        if lacking:
            names = ", ".join(sorted(name for _, name in lacking))
            raise DamagedDatabaseError(path, "schema", f"missing from the schema: {names}")
        return False

    def _keep_copy(self, conn: sqlite3.Connection, version: int) -> None:
        target = self.path.with_name(f"{self.path.stem}.v{version}.bak.sqlite3")
        os.close(os.open(target, os.O_RDWR | os.O_CREAT, 0o600))
        copy = sqlite3.connect(target)
        try:
            conn.backup(copy)
        finally:
            copy.close()
        make_private(target)

    @property
    def schema_version(self) -> int:
        with self.connect() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def _new_connection(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            if self._on_connect is not None:
                self._on_connect(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection in autocommit mode (transactions are explicit): this thread's held one (`hold`), or a fresh
        one closed afterwards."""
        if getattr(self._held, "depth", 0):
            conn = getattr(self._held, "conn", None)
            if conn is None:
                conn = self._held.conn = self._new_connection()
            try:
                yield conn
            except BaseException:
                self._held.conn = None  # whatever state the failure left it in, the next unit starts afresh
                conn.close()
                raise
            return
        conn = self._new_connection()
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Keep one connection open for this thread until the block ends: `connect` and `write` on this thread use
        it meanwhile (see the module's docstring). Holds nest; the outermost closes the connection."""
        self._held.depth = getattr(self._held, "depth", 0) + 1
        try:
            yield
        finally:
            self._held.depth -= 1
            conn = getattr(self._held, "conn", None)
            if not self._held.depth and conn is not None:
                self._held.conn = None
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
        try:
            with self.connect() as conn:
                rows = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return "; ".join(str(row[0]) for row in rows)

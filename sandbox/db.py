"""The SQLite database of one sandbox: schema, connections, transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sandbox.bills_store import SCHEMA as BILLS_SCHEMA
from sandbox.documents import SCHEMA as DOCUMENTS_SCHEMA
from sandbox.inquiry_tables import SCHEMA as INQUIRIES_SCHEMA

SCHEMA_VERSION = 7
BUSY_TIMEOUT_MS = 5000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS offices (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('counter', 'notary', 'municipality'))
);
CREATE TABLE IF NOT EXISTS operators (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    office_code TEXT NOT NULL REFERENCES offices (code),
    roles TEXT NOT NULL,
    password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sign_in_throttle (
    scope TEXT NOT NULL CHECK (scope IN ('username', 'address')),
    key TEXT NOT NULL,
    failures INTEGER NOT NULL,
    window_started_at REAL NOT NULL,
    last_failure_at REAL NOT NULL,
    locked_until REAL NOT NULL,
    lockouts INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL REFERENCES operators (username),
    office_code TEXT NOT NULL REFERENCES offices (code),
    terminal_id TEXT NOT NULL,
    created_at REAL NOT NULL,
    access_hash TEXT NOT NULL UNIQUE,
    access_expires_at REAL NOT NULL,
    refresh_hash TEXT NOT NULL UNIQUE,
    refresh_expires_at REAL NOT NULL,
    revoked_at REAL
);
CREATE TABLE IF NOT EXISTS used_refresh_tokens (
    refresh_hash TEXT PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    used_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY,
    office_code TEXT NOT NULL,
    username TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS notes_by_author ON notes (office_code, username, created_at);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    office_code TEXT NOT NULL,
    username TEXT NOT NULL,
    key TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    status INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (office_code, username, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys (created_at);
CREATE TABLE IF NOT EXISTS actions (
    id INTEGER PRIMARY KEY,
    office_code TEXT NOT NULL,
    username TEXT NOT NULL,
    key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    status INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    body BLOB NOT NULL,
    created_at REAL NOT NULL,
    journal_head TEXT
);
CREATE INDEX IF NOT EXISTS actions_by_key ON actions (office_code, username, key);
CREATE TABLE IF NOT EXISTS permit_requests (
    id TEXT PRIMARY KEY,
    office_code TEXT NOT NULL,
    username TEXT NOT NULL,
    national_id TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    mobile TEXT,
    renovation_code TEXT NOT NULL,
    power_of_attorney TEXT,
    building TEXT,
    fields_sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    tracking_number TEXT UNIQUE,
    created_at REAL NOT NULL,
    submitted_at REAL
);
CREATE INDEX IF NOT EXISTS permit_requests_by_office ON permit_requests (office_code, created_at);
CREATE TABLE IF NOT EXISTS permit_attachments (
    request_id TEXT NOT NULL REFERENCES permit_requests (id),
    attachment_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (request_id, attachment_id)
);
CREATE TABLE IF NOT EXISTS permit_request_history (
    id INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES permit_requests (id),
    status TEXT NOT NULL,
    at REAL NOT NULL,
    note TEXT
);
CREATE INDEX IF NOT EXISTS permit_requests_by_status ON permit_requests (office_code, status, created_at);
CREATE TABLE IF NOT EXISTS permit_assessments (
    request_id TEXT PRIMARY KEY REFERENCES permit_requests (id),
    total_rials INTEGER NOT NULL,
    document TEXT NOT NULL,
    computed_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS permit_rejections (
    request_id TEXT PRIMARY KEY REFERENCES permit_requests (id),
    reasons TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS training_faults (
    kind TEXT PRIMARY KEY,
    injected INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS zones (
    code TEXT PRIMARY KEY,
    land_use TEXT NOT NULL,
    density_percent TEXT NOT NULL,
    coverage_percent TEXT NOT NULL,
    max_floors INTEGER NOT NULL,
    front_setback_m TEXT NOT NULL,
    back_setback_m TEXT NOT NULL,
    side_setback_m TEXT NOT NULL,
    geometry TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS parcels (
    renovation_code TEXT PRIMARY KEY,
    region INTEGER NOT NULL,
    district INTEGER NOT NULL,
    block TEXT NOT NULL,
    number INTEGER NOT NULL,
    postal_code TEXT NOT NULL UNIQUE,
    registration_plate TEXT NOT NULL UNIQUE,
    registry_section TEXT NOT NULL,
    address TEXT NOT NULL,
    street_name TEXT NOT NULL,
    street_width_m TEXT NOT NULL,
    street_edge INTEGER NOT NULL,
    land_area_m2 TEXT NOT NULL,
    geometry TEXT NOT NULL,
    owners TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS parcels_in_order ON parcels (region, district, CAST(block AS INTEGER), number);
"""


class Database:
    """One SQLite file; hands out short-lived connections (one per request or thread)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def initialise(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = self._open()
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=OFF")  # only while a table is rebuilt (`_migrate`); not in a transaction
            with transaction(conn):
                _migrate(conn)
                _create_schema(conn)
                _add_column(conn, "actions", "journal_head", "TEXT")  # version 6: the client's journal head
                if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise sqlite3.IntegrityError("the migrated database breaks a foreign key")
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        finally:
            conn.close()

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        conn = self._open()
        try:
            yield conn
        finally:
            conn.close()

    def _open(self) -> sqlite3.Connection:
        # Autocommit mode: every transaction is an explicit BEGIN IMMEDIATE ... COMMIT (see `transaction`).
        # A connection may be opened in one worker thread and used in the next, never concurrently.
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn


def _create_schema(conn: sqlite3.Connection) -> None:
    # executescript() would COMMIT the open transaction first, so run the statements one by one.
    # Version 7 adds the issued documents (sandbox/documents.py), the bills, payments and cashier sessions, and the
    # inquiries; each part keeps its tables beside its code.
    for schema in _part_schemas():
        for statement in schema.split(";"):
            if statement.strip():
                conn.execute(statement)


def _part_schemas() -> tuple[str, ...]:
    return (_SCHEMA, DOCUMENTS_SCHEMA, BILLS_SCHEMA, INQUIRIES_SCHEMA)


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring a database made by an earlier version up to this schema, keeping its rows (inside a transaction,
    foreign keys off). Version 4 lets an office be of kind `municipality`: SQLite cannot change a CHECK in place, so
    the offices table is rebuilt (create the new one, copy, drop the old one, rename), as SQLite documents.
    Version 5 counts sign-in failures by username and by client address (`sign_in_throttle`, replacing
    `sign_in_failures`) and remembers rotated refresh tokens (`used_refresh_tokens`); both tables are new, so
    `_create_schema` makes them."""
    conn.execute("DROP TABLE IF EXISTS sign_in_failures")
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'offices'").fetchone()
    if row is None or "'municipality'" in row[0]:
        return
    conn.execute(
        "CREATE TABLE offices_v4 (code TEXT PRIMARY KEY, name TEXT NOT NULL,"
        " kind TEXT NOT NULL CHECK (kind IN ('counter', 'notary', 'municipality')))"
    )
    conn.execute("INSERT INTO offices_v4 (code, name, kind) SELECT code, name, kind FROM offices")
    conn.execute("DROP TABLE offices")
    conn.execute("ALTER TABLE offices_v4 RENAME TO offices")


def _add_column(conn: sqlite3.Connection, table: str, column: str, declaration: str) -> None:
    """Add a column a table made by an earlier version lacks (a no-op when it is there)."""
    if column not in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}:
        conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK if the block raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def savepoint(conn: sqlite3.Connection, name: str = "step") -> Iterator[sqlite3.Connection]:
    """A nested unit inside an open transaction: released on success, rolled back to on error."""
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield conn
    except BaseException:
        conn.execute(f"ROLLBACK TO {name}")
        conn.execute(f"RELEASE {name}")
        raise
    conn.execute(f"RELEASE {name}")

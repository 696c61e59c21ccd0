"""A damaged profile database: set aside, what can be read recovered, a backup kept, and the backup restored.

- `set_aside`: the damaged file (or whatever stands in its place) and its WAL and shared-memory files are renamed
  `<name>.damaged-<YYYYmmdd-HHMMSS>.sqlite3` (+ `-wal`, `-shm`): nothing is deleted, and SQLite can still open the
  set-aside file with its own log.
- `recover_rows`: reads a copy of the set-aside file (the evidence is never written to): each table in one pass if
  it can, else in ranges of rows, halving a range that fails down to single rows; an overwritten header is rebuilt
  in the copy. An action is kept only if its body still matches its SHA-256 (a row from a damaged page that merely
  parses is not an action the operator confirmed).
- `merge_rows`: inserts what was read into another database: actions whose key it lacks (each keeps its key, body,
  state and attempts), their attempt log, drafts (the newer wins) and the rows of any other table by its columns.
- `write_backup`: at a clean close, a sound database is copied with SQLite's backup API to `<db>.bak` (0600).
- `salvage` and `restore_backup` put these together; the desktop tells the operator and offers the backup.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
import struct
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civic.files import make_private
from client_api.local_db import (
    SCHEMA_VERSION,
    DamagedDatabaseError,
    LocalDatabase,
    LocalDatabaseError,
    backup_path,
    expected_schema,
    sidecars,
)

log = logging.getLogger(__name__)

STAMP = "%Y%m%d-%H%M%S"
CHUNK = 256
_STATES = frozenset({"queued", "sending", "in_doubt", "done", "rejected", "not_sent"})
_WAITING = frozenset({"queued", "sending", "in_doubt"})
_NEEDED = ("idempotency_key", "api_root", "kind", "summary", "method", "path", "content_type", "body", "state")


@dataclass(frozen=True)
class Recovered:
    """What was read from one file and merged into another."""

    waiting: int = 0  # actions that still wait to be sent
    finished: int = 0  # actions with their outcome (done, rejected, not sent)
    drafts: int = 0
    attempts: int = 0
    other_rows: int = 0  # rows of other tables (e.g. the journal)
    unreadable: int = 0  # rows, or rows in ranges, that could not be read or failed their check
    lost_tables: tuple[str, ...] = ()  # tables that could not be found or read at all
    sent_keys: tuple[str, ...] = ()  # actions that had been sent: their keys are confirmed with the server


@dataclass(frozen=True)
class Salvage:
    """A damaged profile database and what became of it."""

    kind: str  # DamagedDatabaseError.kind
    detail: str
    set_aside: tuple[Path, ...]  # where the damaged file and its WAL now are
    recovered: Recovered
    backup: Path | None  # a sound backup that can be restored
    backup_at: float | None  # when it was written (Unix time)


@dataclass(frozen=True)
class Restored:
    backup_at: float
    set_aside: tuple[Path, ...]  # the file the backup replaced, kept
    merged: Recovered  # rows of the replaced file the backup lacked
    waiting_keys: tuple[str, ...] = field(default=())


def set_aside(path: Path, when: float, label: str = "damaged") -> tuple[Path, ...]:
    """Rename the file (or directory) at `path` and its WAL and shared-memory files; returns the new paths,
    the main one first (if there was one)."""
    stamp = time.strftime(STAMP, time.localtime(when))
    suffix = path.suffix or ".sqlite3"
    base, serial = path.with_name(f"{path.stem}.{label}-{stamp}{suffix}"), 2
    while any(p.exists() or p.is_symlink() for p in (base, *sidecars(base))):
        base, serial = path.with_name(f"{path.stem}.{label}-{stamp}-{serial}{suffix}"), serial + 1
    moved: list[Path] = []
    for source, target in ((path, base), *zip(sidecars(path), sidecars(base), strict=True)):
        if source.exists() or source.is_symlink():
            os.rename(source, target)
            if target.is_file() and not target.is_symlink():
                make_private(target)
            moved.append(target)
    log.warning("local database %s set aside as %s", path.name, ", ".join(p.name for p in moved) or "(nothing)")
    return tuple(moved)


def _repair_header(copy: Path) -> bool:
    """Rebuild an overwritten 100-byte header in a scratch copy: the first page size that shows a schema wins."""
    size = copy.stat().st_size
    for page_size in (4096, 1024, 2048, 8192, 16384, 32768, 65536):
        if size < page_size or size % page_size:
            continue
        wal = 2 if sidecars(copy)[0].exists() else 1
        header = bytearray(100)
        header[0:16] = b"SQLite format 3\x00"
        struct.pack_into(">HBBBBBB", header, 16, page_size if page_size < 65536 else 1, wal, wal, 0, 64, 32, 32)
        struct.pack_into(">IIIIIIIIIIII", header, 24, 1, size // page_size, 0, 0, 1, 4, 0, 0, 1, 0, 0, 0)
        struct.pack_into(">II", header, 92, 1, 3_045_000)
        with copy.open("r+b") as file:
            file.write(header)
        try:
            conn = sqlite3.connect(copy)
            try:
                conn.execute("SELECT name FROM sqlite_master").fetchall()
                return True
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            continue
    return False


def _read_table(conn: sqlite3.Connection, table: str) -> tuple[list[dict[str, Any]], int]:
    """Every row that can be read (with its rowid as `_rowid`), and how many rowids failed."""
    sql = f'SELECT rowid AS _rowid, * FROM "{table}" NOT INDEXED'
    try:
        return [dict(row) for row in conn.execute(sql)], 0
    except sqlite3.DatabaseError:
        pass
    try:
        top = int(conn.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0)
    except sqlite3.DatabaseError:
        top = 0
    page_count = int(conn.execute("PRAGMA page_count").fetchone()[0] or 0)
    top = max(top, min(page_count * 64, 1_000_000))
    rows: list[dict[str, Any]] = []
    failed = 0

    def scan(low: int, high: int) -> None:
        nonlocal failed
        try:
            rows.extend(dict(row) for row in conn.execute(f"{sql} WHERE rowid BETWEEN ? AND ?", (low, high)))
        except sqlite3.DatabaseError:
            if low == high:
                failed += 1
                return
            middle = (low + high) // 2
            scan(low, middle)
            scan(middle + 1, high)

    for low in range(1, top + 1, CHUNK):
        scan(low, min(top, low + CHUNK - 1))
    return rows, failed


def recover_rows(damaged: Path) -> tuple[dict[str, list[dict[str, Any]]], int, tuple[str, ...]]:
    """Read what can be read of a database file (never writing to it): rows per table, rows that failed, tables
    that could not be read at all."""
    wanted = sorted(name for kind, name in expected_schema(SCHEMA_VERSION) if kind == "table")
    if not damaged.is_file() or damaged.stat().st_size == 0:
        return {}, 0, tuple(wanted)
    with tempfile.TemporaryDirectory(prefix="pishkhan-salvage-") as scratch:
        copy = Path(scratch) / "damaged.sqlite3"
        shutil.copyfile(damaged, copy)
        wal = sidecars(damaged)[0]
        if wal.is_file():
            shutil.copyfile(wal, sidecars(copy)[0])
        try:
            conn = sqlite3.connect(copy)
            present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            conn.close()
            if not _repair_header(copy):
                log.error("salvage: %s cannot be read at all (%s)", damaged.name, exc)
                return {}, 0, tuple(wanted)
            conn = sqlite3.connect(copy)
            present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        try:
            conn.row_factory = sqlite3.Row
            tables: dict[str, list[dict[str, Any]]] = {}
            failed, lost = 0, []
            for table in wanted:
                if table not in present:
                    lost.append(table)
                    continue
                try:
                    tables[table], bad = _read_table(conn, table)
                except sqlite3.DatabaseError as exc:
                    log.error("salvage: table %s of %s is unreadable (%s)", table, damaged.name, exc)
                    lost.append(table)
                    continue
                failed += bad
            return tables, failed, tuple(lost)
        finally:
            conn.close()


def _sound_action(row: dict[str, Any]) -> bool:
    body = row.get("body")
    return (
        all(row.get(name) is not None for name in _NEEDED)
        and isinstance(body, bytes)
        and row.get("state") in _STATES
        and hashlib.sha256(body).hexdigest() == row.get("body_sha256")
    )


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any], columns: list[str], verb: str = "INSERT") -> int:
    names = [name for name in columns if name in row]
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = f'{verb} INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(names))})'
    return int(conn.execute(sql, [row[name] for name in names]).lastrowid or 0)


def merge_rows(
    db: LocalDatabase, tables: dict[str, list[dict[str, Any]]], failed: int, lost: tuple[str, ...]
) -> Recovered:
    """Insert rows read from another file into `db`, in one transaction: actions whose key `db` lacks (keeping
    their id when it is free), their attempts, drafts (the newer wins), and any other table's rows."""
    waiting = finished = drafts = attempts = others = 0
    sent: list[str] = []
    ids: dict[int, int] = {}
    with db.write() as conn:
        keys = {row[0] for row in conn.execute("SELECT idempotency_key FROM outbox")}
        taken = {row[0] for row in conn.execute("SELECT id FROM outbox")}
        columns = _columns(conn, "outbox")
        for row in sorted(tables.get("outbox", []), key=lambda r: r["_rowid"]):
            if not _sound_action(row):
                failed += 1
                continue
            if row["idempotency_key"] in keys:
                continue
            row = dict(row)
            row.setdefault("chain_id", row["idempotency_key"])
            row.setdefault("chain_step", 0)
            old_id = row.get("id", row["_rowid"])
            if old_id in taken:
                row.pop("id", None)
            else:
                row["id"] = old_id
            try:
                ids[old_id] = _insert(conn, "outbox", row, columns)
            except sqlite3.IntegrityError as exc:
                log.error("salvage: action %s not recovered (%s)", row["idempotency_key"], exc)
                failed += 1
                continue
            keys.add(row["idempotency_key"])
            if row["state"] in _WAITING:
                waiting += 1
            else:
                finished += 1
            if row["state"] not in ("queued", "not_sent") or int(row.get("attempts") or 0) > 0:
                sent.append(row["idempotency_key"])
        columns = _columns(conn, "outbox_attempts")
        for row in tables.get("outbox_attempts", []):
            if row.get("outbox_id") in ids:
                _insert(conn, "outbox_attempts", {**row, "outbox_id": ids[row["outbox_id"]], "id": None}, columns)
                attempts += 1
        for row in tables.get("drafts", []):
            if not isinstance(row.get("content"), str) or not isinstance(row.get("form"), str):
                failed += 1
                continue
            conn.execute(
                "INSERT INTO drafts (form, content, updated_at) VALUES (?, ?, ?) ON CONFLICT (form) DO UPDATE SET"
                " content = excluded.content, updated_at = excluded.updated_at"
                " WHERE excluded.updated_at > drafts.updated_at",
                (row["form"], row["content"], float(row.get("updated_at") or 0)),
            )
            drafts += 1
        for table, rows in tables.items():
            if table in ("outbox", "outbox_attempts", "drafts"):
                continue
            columns = [name for name in _columns(conn, table) if name != "_rowid"]
            for row in rows:
                try:
                    _insert(conn, table, row, columns, "INSERT OR IGNORE")
                    others += 1
                except sqlite3.DatabaseError:
                    failed += 1
    return Recovered(waiting, finished, drafts, attempts, others, failed, lost, tuple(sent))


def usable_backup(path: Path) -> tuple[Path, float] | None:
    """The profile's backup and when it was written, if it is there and sound."""
    backup = backup_path(path)
    try:
        if not backup.is_file() or LocalDatabase(backup).check():
            return None
    except LocalDatabaseError as exc:
        log.error("the backup %s is not usable: %s", backup.name, exc)
        return None
    return backup, backup.stat().st_mtime


def salvage(error: DamagedDatabaseError, *, clock: Callable[[], float] = time.time) -> tuple[LocalDatabase, Salvage]:
    """Set the damaged file aside, start a new one, and recover into it what can be read."""
    path = error.path
    moved = set_aside(path, clock())
    db = LocalDatabase(path).open(new=True)
    main = moved[0] if moved and not moved[0].name.endswith(("-wal", "-shm")) else None
    if main is not None and main.is_file():
        recovered = merge_rows(db, *recover_rows(main))
    else:
        recovered = Recovered(lost_tables=("outbox", "outbox_attempts", "drafts") if error.kind == "missing" else ())
    backup = usable_backup(path)
    log.warning("local database %s salvaged: %s", path.name, recovered)
    salvaged = Salvage(
        error.kind, error.detail, moved, recovered, backup[0] if backup else None, backup[1] if backup else None
    )
    return db, salvaged


def write_backup(db: LocalDatabase) -> Path | None:
    """At a clean close: a copy of a sound database (SQLite's backup API) at `<db>.bak`, 0600; None if the
    database is not sound (a damaged file never replaces a good backup)."""
    with db.connect() as conn:
        sound = [str(row[0]) for row in conn.execute("PRAGMA quick_check")] == ["ok"]
    if not sound:
        log.error("no backup of %s: it is not sound", db.path.name)
        return None
    target = backup_path(db.path)
    scratch = target.with_name(target.name + ".tmp")
    scratch.unlink(missing_ok=True)
    os.close(os.open(scratch, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    copy = sqlite3.connect(scratch)
    try:
        with db.connect() as conn:
            conn.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
    os.replace(scratch, target)
    make_private(target)
    return target


def restore_backup(path: Path, *, clock: Callable[[], float] = time.time) -> tuple[LocalDatabase, Restored]:
    """Put the backup in place of the profile's file: the file it replaces is set aside, and its actions the backup
    lacks (recovered ones, or confirmed since) are merged in, so restoring never loses what the file held."""
    backup = usable_backup(path)
    if backup is None:
        raise LocalDatabaseError("there is no sound backup to restore")
    moved = set_aside(path, clock(), "replaced")
    os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    source, target = sqlite3.connect(backup[0]), sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    db = LocalDatabase(path).open()
    main = moved[0] if moved and moved[0].is_file() else None
    merged = merge_rows(db, *recover_rows(main)) if main is not None else Recovered()
    with db.connect() as conn:
        waiting = tuple(
            row[0] for row in conn.execute("SELECT idempotency_key FROM outbox WHERE state IN ('sending', 'in_doubt')")
        )
    return db, Restored(backup[1], moved, merged, waiting)

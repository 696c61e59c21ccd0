"""A damaged or missing operator database is never replaced silently.

Each test first fills a profile the way the application does (actions confirmed, some sent to the real sandbox over
loopback, a draft, a clean close that keeps a backup), then damages the real SQLite file the way a disk, a clumsy hand
or another program would, and opens the profile again. Before, every case below either re-created the file empty
(«در انتظار ارسال: ۰»), opened it and failed later, or raised one generic error; now the damaged file and its WAL are
set aside with a timestamp, what can be read is recovered into the new file, and the backup is offered.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from client_api.actions import note_action
from client_api.drafts import Drafts
from client_api.local_db import SCHEMA_VERSION, LocalDatabase, NewerSchemaError, backup_path, profile_db_path
from client_api.outbox import Outbox, State
from client_api.profile import Profile, open_profile
from client_api.salvage import restore_backup
from client_api.sender import OutboxSender

from .conftest import FAST

ROOT = Path(__file__).resolve().parents[2]
OFFICE, USER = "PK-1001", "counter1"
ASIDE = re.compile(r"^PK-1001-counter1\.damaged-\d{8}-\d{6}(-\d+)?\.sqlite3$")


@dataclass
class Filled:
    data: Path
    path: Path
    keys: dict[str, State]  # every confirmed action's key → its state at close
    bodies: dict[str, bytes]


def fill(tmp_path: Path, client, drain, *, sent: int = 3, waiting: int = 2, close: bool = True) -> Filled:
    """A profile with `sent` actions done on the server and `waiting` still queued, a draft, closed cleanly."""
    data = tmp_path / "data"
    profile = open_profile(data, OFFICE, USER)
    outbox = Outbox(profile.db, client.root)
    for n in range(sent):
        outbox.enqueue(note_action(f"sent {tmp_path.name}/{n}"))
    drain(OutboxSender(outbox, client, policy=FAST))
    # later actions wait: confirmed for an address no sender here serves
    waiting_outbox = Outbox(profile.db, "http://127.0.0.1:9/api/v1")
    for n in range(waiting):
        waiting_outbox.enqueue(note_action(f"waiting {tmp_path.name}/{n}"))
    Drafts(profile.db).save("note", {"text": "نیمه‌کاره"})
    entries = outbox.entries()
    if close:
        profile.close()
    return Filled(
        data,
        profile.db.path,
        {e.idempotency_key: e.state for e in entries},
        {e.idempotency_key: e.body for e in entries},
    )


def rows(db: LocalDatabase) -> dict[str, tuple[str, bytes]]:
    with db.connect() as conn:
        return {r[0]: (r[1], bytes(r[2])) for r in conn.execute("SELECT idempotency_key, state, body FROM outbox")}


def reopen(filled: Filled) -> Profile:
    profile = open_profile(filled.data, OFFICE, USER)
    assert profile.salvage is not None, "the damage went unnoticed"
    return profile


def assert_set_aside(profile: Profile, filled: Filled) -> Path:
    aside = profile.salvage.set_aside[0]
    assert ASIDE.match(aside.name), aside.name
    assert aside.parent == filled.path.parent
    assert profile.db.path == filled.path and profile.db.integrity_check() == "ok"
    return aside


def page_of(path: Path, name: str) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        return int(root), int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def client(module_sandbox, sign_in):
    return sign_in(module_sandbox.url)


def test_a_zero_length_file_is_set_aside_and_the_backup_offered_not_recreated_empty(tmp_path, client, drain):
    filled = fill(tmp_path, client, drain)
    os.truncate(filled.path, 0)
    profile = reopen(filled)
    assert profile.salvage.kind == "empty"
    aside = assert_set_aside(profile, filled)
    assert aside.stat().st_size == 0
    assert profile.salvage.backup == backup_path(filled.path) and profile.salvage.backup_at is not None
    profile.lock.release()
    # the operator takes the backup: every action comes back, with its key, body and state
    db, restored = restore_backup(filled.path)
    assert {k: v[0] for k, v in rows(db).items()} == {k: s.value for k, s in filled.keys.items()}
    assert Drafts(db).load("note") == {"text": "نیمه‌کاره"}
    assert restored.set_aside and restored.set_aside[0].name.startswith("PK-1001-counter1.replaced-")


def test_a_missing_file_after_it_existed_is_told_apart_from_first_use(tmp_path, client, drain):
    first = open_profile(tmp_path / "fresh", OFFICE, USER)
    assert first.salvage is None  # first use: nothing to tell
    first.close()
    filled = fill(tmp_path, client, drain)
    filled.path.unlink()
    profile = reopen(filled)
    assert profile.salvage.kind == "missing" and profile.salvage.set_aside == ()
    assert profile.salvage.backup is not None
    assert rows(profile.db) == {}
    profile.lock.release()
    db, _ = restore_backup(filled.path)
    assert set(rows(db)) == set(filled.keys)


def test_a_corrupted_index_page_is_found_at_open_and_every_row_recovered(
    tmp_path, client, drain, module_sandbox, sign_in
):
    filled = fill(tmp_path, client, drain)
    page, size = page_of(filled.path, "outbox_by_state")
    with filled.path.open("r+b") as file:  # garbage over one whole page of the index, at its page-size offset
        file.seek((page - 1) * size)
        file.write(os.urandom(size))
    conn = sqlite3.connect(filled.path)  # the file still opens and its table reads: only a check at open finds it
    assert conn.execute("SELECT COUNT(*) FROM outbox NOT INDEXED").fetchone()[0] == 5
    conn.close()
    assert LocalDatabase(filled.path).integrity_check() != "ok"
    profile = reopen(filled)
    assert profile.salvage.kind == "corrupt"
    assert_set_aside(profile, filled)
    recovered = profile.salvage.recovered
    assert (recovered.finished, recovered.waiting, recovered.drafts) == (3, 2, 1)
    assert {k: v[1] for k, v in rows(profile.db).items()} == filled.bodies  # byte for byte
    # the sent keys are confirmed against the server's own record; new confirms work and are sent
    outbox = Outbox(profile.db, client.root)
    sender = OutboxSender(outbox, client, policy=FAST)
    confirmation = sender.confirm(recovered.sent_keys)
    assert (confirmation.asked, confirmation.confirmed, confirmation.unknown) == (3, 3, 0)
    entry = outbox.enqueue(note_action(f"after repair {tmp_path.name}"))
    drain(sender)
    assert outbox.get(entry.id).state is State.DONE
    assert module_sandbox.ledger()[entry.idempotency_key] == 1
    profile.close()


def test_a_half_truncated_file_gives_back_only_sound_rows(tmp_path, client, drain):
    filled = fill(tmp_path, client, drain, sent=2, waiting=40)
    os.truncate(filled.path, filled.path.stat().st_size // 2)
    profile = reopen(filled)
    assert profile.salvage.kind in ("corrupt", "unreadable")
    assert_set_aside(profile, filled)
    recovered = rows(profile.db)
    for key, (_, body) in recovered.items():  # nothing invented: every recovered action is one that was confirmed
        assert filled.bodies[key] == body
    assert profile.salvage.recovered.waiting + profile.salvage.recovered.finished == len(recovered)
    assert profile.salvage.backup is not None
    profile.close(backup=False)


def test_an_overwritten_header_is_rebuilt_in_a_copy_and_everything_read(tmp_path, client, drain):
    filled = fill(tmp_path, client, drain)
    with filled.path.open("r+b") as file:
        file.write(b"\xde\xad" * 50)
    evidence = filled.path.read_bytes()
    profile = reopen(filled)
    assert profile.salvage.kind == "unreadable"
    aside = assert_set_aside(profile, filled)
    assert aside.read_bytes() == evidence  # the set-aside file itself is never written to
    assert {k: v[1] for k, v in rows(profile.db).items()} == filled.bodies
    assert Drafts(profile.db).load("note") == {"text": "نیمه‌کاره"}
    profile.close()


def test_a_directory_in_its_place_is_moved_aside(tmp_path, client, drain):
    filled = fill(tmp_path, client, drain)
    filled.path.unlink()
    filled.path.mkdir()
    (filled.path / "something").write_text("x")
    profile = reopen(filled)
    assert profile.salvage.kind == "not-a-file"
    aside = assert_set_aside(profile, filled)
    assert (aside / "something").read_text() == "x"
    assert filled.path.is_file()
    profile.close()


def test_a_newer_schema_is_left_untouched_and_refused(tmp_path, client, drain):
    filled = fill(tmp_path, client, drain)
    conn = sqlite3.connect(filled.path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = filled.path.read_bytes()
    with pytest.raises(NewerSchemaError):
        open_profile(filled.data, OFFICE, USER)
    assert filled.path.read_bytes() == before
    assert not [p for p in filled.data.iterdir() if "damaged" in p.name]
    with pytest.raises(NewerSchemaError):  # the lock was let go: asking again gives the same answer
        open_profile(filled.data, OFFICE, USER)


@pytest.mark.parametrize("table", ["drafts", "outbox"])
def test_a_dropped_table_is_found_and_the_rest_recovered(tmp_path, client, drain, table):
    filled = fill(tmp_path, client, drain)
    conn = sqlite3.connect(filled.path)
    conn.execute(f"DROP TABLE {table}")  # the triggers refuse a DELETE of its rows, not a DROP of the table
    conn.close()
    profile = reopen(filled)
    assert profile.salvage.kind == "schema" and table in profile.salvage.detail
    assert_set_aside(profile, filled)
    assert table in profile.salvage.recovered.lost_tables
    if table == "drafts":
        assert {k: v[1] for k, v in rows(profile.db).items()} == filled.bodies
    else:
        assert Drafts(profile.db).load("note") == {"text": "نیمه‌کاره"} and rows(profile.db) == {}
        assert profile.salvage.backup is not None  # what the file lost, the backup has
    profile.close(backup=False)


CRASH = """
import os, signal, sqlite3, sys
sys.path.insert(0, {root!r})
from client_api.actions import note_action
from client_api.outbox import Outbox
from client_api.profile import open_profile
profile = open_profile({data!r}, "PK-1001", "counter1")
keep = sqlite3.connect(profile.db.path)  # another connection open (a page reading, the sender): no checkpoint
keep.execute("SELECT COUNT(*) FROM outbox").fetchone()
outbox = Outbox(profile.db, "http://127.0.0.1:9/api/v1")
for n in range(5):
    outbox.enqueue(note_action("in the log only %d" % n))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_wal_is_set_aside_with_its_file_and_read_with_it(tmp_path, client, drain):
    filled = fill(tmp_path, client, drain)
    process = subprocess.run(
        [sys.executable, "-c", CRASH.format(root=str(ROOT), data=str(filled.data))], cwd=ROOT, capture_output=True
    )
    assert process.returncode == -signal.SIGKILL, process.stderr
    wal = filled.path.with_name(filled.path.name + "-wal")
    assert wal.stat().st_size > 0  # the five actions are in the write-ahead log, not yet in the file
    with filled.path.open("r+b") as file:
        file.write(b"\x00" * 100)
    profile = reopen(filled)
    names = [p.name for p in profile.salvage.set_aside]
    assert len(names) >= 2 and names[1] == names[0] + "-wal"
    texts = {body.decode() for _, body in rows(profile.db).values()}
    assert sum("in the log only" in text for text in texts) == 5
    assert set(filled.bodies.values()) <= {body for _, body in rows(profile.db).values()}
    profile.close()


def test_first_use_makes_a_fresh_file_and_a_marker_but_no_report(tmp_path):
    profile = open_profile(tmp_path, OFFICE, USER)
    assert profile.salvage is None
    assert profile_db_path(tmp_path, OFFICE, USER).with_suffix(".sqlite3.present").exists()
    profile.close()
    again = open_profile(tmp_path, OFFICE, USER)
    assert again.salvage is None
    again.close()

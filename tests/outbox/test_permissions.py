"""Every file the desk writes about its operator is 0600 and every folder it makes 0700, under the usual umask 022.

Before, the database, its WAL, the log and the printed archive were created 0644 in 0755 folders: readable by every
account on a shared counter computer.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from client_api.actions import note_action
from client_api.local_db import LocalDatabase, profile_db_path
from client_api.outbox import Outbox
from client_api.profile import open_profile
from desktop.app import configure_logging
from desktop.print_service import PrintService
from desktop.settings import Settings
from printing import Rendered

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_profile_database_its_log_backup_marker_and_lock_are_private(tmp_path):
    data = tmp_path / "home" / "share" / "data"
    profile = open_profile(data, "PK-1001", "counter1")
    path = profile.db.path
    keep = sqlite3.connect(path)  # a connection open, as while the application runs: the WAL stays
    keep.execute("SELECT COUNT(*) FROM outbox").fetchone()
    Outbox(profile.db, "http://127.0.0.1:9/api/v1").enqueue(note_action("x"))
    wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
    assert wal.exists() and shm.exists()
    for made in (tmp_path / "home", tmp_path / "home" / "share", data):
        assert mode(made) == 0o700, made
    for file in (path, wal, shm, path.with_name(path.name + ".present"), path.with_name(path.name + ".lock")):
        assert mode(file) == 0o600, file
    keep.close()
    profile.close()
    assert mode(path.with_name(path.name + ".bak")) == 0o600


def test_an_older_world_readable_database_and_folder_are_made_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    path = profile_db_path(data, "PK-1001", "counter1")
    LocalDatabase(path).open()
    path.chmod(0o644)
    data.chmod(0o755)
    open_profile(data, "PK-1001", "counter1").close()
    assert (mode(data), mode(path)) == (0o700, 0o600)


def test_a_set_aside_damaged_file_stays_private(tmp_path):
    data = tmp_path / "data"
    open_profile(data, "PK-1001", "counter1").close()
    path = profile_db_path(data, "PK-1001", "counter1")
    path.write_bytes(b"not a database at all" * 10)
    path.chmod(0o644)
    profile = open_profile(data, "PK-1001", "counter1")
    assert profile.salvage is not None
    assert [mode(p) for p in profile.salvage.set_aside] == [0o600]
    profile.close()


def test_the_log_and_its_rotated_files_are_private(tmp_path):
    folder = tmp_path / "log"
    handler = configure_logging(folder)
    try:
        logging.getLogger("pishkhan.test").warning("a line")
        handler.flush()
        assert mode(folder) == 0o700 and mode(folder / "pishkhan.log") == 0o600
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        handler.doRollover()
        logging.getLogger("pishkhan.test").warning("another line")
        assert mode(folder / "pishkhan.log.1") == 0o600 and mode(folder / "pishkhan.log") == 0o600
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_the_printed_archive_is_private(tmp_path):
    service = PrintService(Settings(), None, archive_dir=tmp_path / "data" / "printed")
    archived = service.archive(Rendered(b"%PDF-1.4\n", "R-1", "receipt", "roll-80mm", False))
    assert mode(tmp_path / "data" / "printed") == 0o700 and mode(archived) == 0o600

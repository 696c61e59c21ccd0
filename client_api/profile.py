"""One operator profile on this computer: its lock, its database opened or salvaged, and its backup at close.

Only one process at a time may use a profile: two senders on one outbox would take each other's in-flight actions
for interrupted ones. The profile is held by a lock file beside the database (`<db>.lock`, 0600, holding the
process id), locked with `fcntl.flock` (POSIX) or `msvcrt.locking` (Windows). The operating system releases it when
the process ends, however it ends, so a crash never leaves a profile locked.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from civic.files import ensure_private_dir, make_private
from client_api.local_db import (
    DamagedDatabaseError,
    LocalDatabase,
    LocalDatabaseError,
    profile_db_path,
)
from client_api.salvage import Salvage, salvage, write_backup

log = logging.getLogger(__name__)


class ProfileInUseError(LocalDatabaseError):
    """Another running copy of the application holds this operator's profile."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"{path.name} is in use by another process ({holder or 'unknown'})")
        self.path = path
        self.holder = holder


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class ProfileLock:
    """An exclusive, non-blocking lock on `<db>.lock` for the life of this object (or until `release`)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> ProfileLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        make_private(self.path)
        try:
            _lock(fd)
        except OSError:
            holder = ""
            try:
                holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() if hasattr(os, "pread") else ""
            finally:
                os.close(fd)
            raise ProfileInUseError(self.path, holder) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                _unlock(fd)
            finally:
                os.close(fd)


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@dataclass
class Profile:
    """An operator's open profile: the database (sound, or new with what could be recovered), the lock, and what
    was found damaged at open (None when nothing was)."""

    db: LocalDatabase
    lock: ProfileLock
    salvage: Salvage | None = None

    def close(self, *, backup: bool = True) -> None:
        """Keep a backup of the sound database (SQLite's backup API), then release the lock."""
        try:
            if backup:
                write_backup(self.db)
        except Exception as exc:  # a failed backup must not keep the profile locked
            log.error("the backup of %s was not written: %s", self.db.path.name, exc)
        finally:
            self.lock.release()


def open_profile(data_dir: Path, office_code: str, username: str, *, clock: Callable[[], float] = time.time) -> Profile:
    """Lock the operator's profile (`ProfileInUseError` if another copy holds it), then open its database; a damaged
    or missing one is set aside and salvaged (`Profile.salvage` says what happened). A database written by a newer
    version raises `NewerSchemaError` and is left as it is."""
    path = profile_db_path(data_dir, office_code, username)
    ensure_private_dir(path.parent)
    lock = ProfileLock(lock_path(path)).acquire()
    try:
        try:
            return Profile(LocalDatabase(path).open(), lock)
        except DamagedDatabaseError as exc:
            log.error("the local database of %s is damaged: %s", username, exc)
            db, salvaged = salvage(exc, clock=clock)
            return Profile(db, lock, salvaged)
    except BaseException:
        lock.release()
        raise

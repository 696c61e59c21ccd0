"""Reading a file whose size is checked before a byte of it is read.

`read_bounded(path, limit)` opens without blocking (a FIFO with no writer does not hang the caller), looks at what
it opened (a regular file only: never a folder, FIFO, socket or device such as /dev/zero), refuses a file larger
than `limit` from its size on disk (a 5 GB file is not read at all), then reads at most `limit + 1` bytes (a file
that grows while it is read is refused too). Every refusal is an `UnsafeFileError`, an OSError whose `strerror`
says in one line what is wrong, so callers that already report OSErrors report these as well.

`write_atomically` writes a file whole or not at all. `ensure_private_dir` and `make_private` keep the application's
own folders 0700 and files 0600 (POSIX).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class UnsafeFileError(OSError):
    """The file is not one to read: not a regular file, or larger than the limit. `strerror` is the reason."""

    def __init__(self, code: int, reason: str, path: str) -> None:
        super().__init__(code, reason, path)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bounded(path: Path | str, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; raises UnsafeFileError (an OSError) for
    anything else, or the OSError of opening it. With `follow_symlinks=False` a symbolic link is refused."""
    name = os.fspath(path)
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | (0 if follow_symlinks else _NOFOLLOW)
    try:
        fd = os.open(name, flags)
    except OSError as exc:
        if not follow_symlinks and exc.errno == errno.ELOOP:
            raise UnsafeFileError(errno.ELOOP, "a symbolic link, which is not followed", name) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            code = errno.EISDIR if stat.S_ISDIR(info.st_mode) else errno.EINVAL
            raise UnsafeFileError(code, f"{_kind(info.st_mode)}, not a file", name)
        if info.st_size > limit:
            raise UnsafeFileError(errno.EFBIG, f"larger than {limit} bytes ({info.st_size} bytes)", name)
        if _NONBLOCK:
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        if remaining <= 0:
            raise UnsafeFileError(errno.EFBIG, f"larger than {limit} bytes", name)
        return b"".join(chunks)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes, *, suffix: str = ".part") -> None:
    """Write `path` whole or not at all: a new file (0600, as `tempfile.mkstemp` makes it) in the same folder,
    synced, then renamed over the old one; a link in its place is replaced, never written through. Raises OSError
    (a full or read-only folder); nothing half-written stays."""
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=suffix, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def make_private(path: Path) -> None:
    """Make an existing file 0600 (POSIX); a missing one is left missing."""
    if os.name != "posix":
        return
    try:
        if stat.S_IMODE(path.stat().st_mode) != 0o600:
            path.chmod(0o600)
    except FileNotFoundError:
        pass


def ensure_private_dir(path: Path) -> Path:
    """Create the folder and any missing parents, 0700 (POSIX); an existing folder itself is made 0700."""
    path = Path(path)
    missing = [path, *(parent for parent in path.parents if not parent.exists())] if not path.exists() else []
    for folder in reversed(missing):  # the ones made here are 0700 too (mkdir's `parents` would not make them so)
        folder.mkdir(mode=0o700, exist_ok=True)
        if os.name == "posix":
            folder.chmod(0o700)
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) != 0o700:
        path.chmod(0o700)
    return path

"""The application's folders: platformdirs defaults, each overridable by an environment variable.

`PISHKHAN_HOME` puts all four under one folder (tests, portable installs); `PISHKHAN_CONFIG_DIR`,
`PISHKHAN_DATA_DIR`, `PISHKHAN_CACHE_DIR` and `PISHKHAN_LOG_DIR` override one each.

Every folder the application makes for itself is 0700 and every file it writes there 0600 (POSIX): they hold
citizens' cases and the operator's work (`private_dir`; files: `civic.files.make_private`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import platformdirs

from civic.files import ensure_private_dir

APP_NAME = "pishkhan-desk"


class AppDirs(NamedTuple):
    """The four folders. A named tuple, not a frozen dataclass: it is made on the way to the first paint
    (client_api/errors.py `FieldError` says why)."""

    config: Path
    data: Path
    cache: Path
    log: Path

    def all(self) -> tuple[Path, ...]:
        return (self.config, self.data, self.cache, self.log)

    def make_private(self) -> AppDirs:
        """Create the four folders, each 0700."""
        for path in self.all():
            private_dir(path)
        return self


def private_dir(path: Path) -> Path:
    """Create the folder (and any missing parents); the folder itself is made 0700."""
    return ensure_private_dir(path)


def app_dirs() -> AppDirs:
    home = os.environ.get("PISHKHAN_HOME")
    if home:
        root = Path(home)
        defaults = AppDirs(root / "config", root / "data", root / "cache", root / "log")
    else:
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        defaults = AppDirs(
            Path(dirs.user_config_dir), Path(dirs.user_data_dir), Path(dirs.user_cache_dir), Path(dirs.user_log_dir)
        )
    return AppDirs(
        Path(os.environ.get("PISHKHAN_CONFIG_DIR") or defaults.config),
        Path(os.environ.get("PISHKHAN_DATA_DIR") or defaults.data),
        Path(os.environ.get("PISHKHAN_CACHE_DIR") or defaults.cache),
        Path(os.environ.get("PISHKHAN_LOG_DIR") or defaults.log),
    )

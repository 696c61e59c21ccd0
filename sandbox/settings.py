"""Settings of one sandbox instance and the small time helpers every module shares."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sandbox.faults import FaultSpec

DB_FILENAME = "sandbox.sqlite3"


@dataclass(frozen=True)
class SandboxSettings:
    """How one sandbox behaves. Durations are in seconds; `clock` returns Unix time (tests inject their own)."""

    data_dir: Path
    access_ttl_s: int = 900
    refresh_ttl_s: int = 43200
    lockout_threshold: int = 5  # failed sign-ins of one username in a window before it is locked
    address_lockout_threshold: int = 20  # failed sign-ins from one client address (any usernames) in a window
    lockout_s: int = 300  # the first lock; each further lock in a row lasts twice the last (sandbox/lockout.py)
    lockout_max_s: int = 3600
    lockout_window_s: int = 900  # failures older than this window are not counted
    lockout_forget_s: int = 86400  # a key quiet this long starts its back-off over
    idempotency_ttl_s: int = 86400
    faults: FaultSpec | None = None  # `--faults SPEC`: network faults for training and tests (sandbox/faults.py)
    tariff_book: Path | None = None  # `--tariff-book FILE`: the current book instead of the bundled latest one
    inquiry_delay_s: float = 3.0  # `--inquiry-delay S`: how long an inquiry waits for its reply
    clock: Callable[[], float] = field(default=time.time, compare=False, repr=False)

    @property
    def db_path(self) -> Path:
        return Path(self.data_dir) / DB_FILENAME


def iso_utc(timestamp: float) -> str:
    """Unix time as UTC ISO-8601 with a `Z`, whole seconds: `2025-03-21T08:30:00Z`."""
    moment = datetime.fromtimestamp(int(timestamp), tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

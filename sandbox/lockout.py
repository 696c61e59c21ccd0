"""Sign-in lock-out, counted by username and by client address, with a gentle back-off.

Each key (a username, a client address) has a window of `lockout_window_s` seconds in which failed sign-ins are
counted. When a key reaches its threshold it is locked: the first time for `lockout_s`, each further time in a row
for twice as long as the last, up to `lockout_max_s`. A key that stays quiet for `lockout_forget_s` starts over.
The username's threshold is low (one person mistyping); the address's is higher (an office behind one router has many
desks) and catches one client trying many usernames. A successful sign-in clears its username, never its address,
so a valid account cannot be used to wash away the failures of a spray.

The answer to a failure that leaves one try says so (`attempts_left: 1` in the problem), so the operator is warned
before the lock, not after it.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sandbox.problems import ProblemError
from sandbox.settings import SandboxSettings

USERNAME = "username"
ADDRESS = "address"


@dataclass(frozen=True)
class Key:
    scope: str  # USERNAME | ADDRESS
    value: str


def keys_for(username: str, client_address: str) -> tuple[Key, Key]:
    return (Key(USERNAME, username), Key(ADDRESS, client_address))


class SignInProblem(ProblemError):
    """A problem with members beyond RFC 9457's (`attempts_left`, `scope`), as RFC 9457 allows."""

    def __init__(self, status: int, slug: str, detail: str, *, members: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(status, slug, detail, **kwargs)
        self.members = dict(members)

    def body(self) -> dict[str, Any]:
        return {**super().body(), **self.members}


def threshold(settings: SandboxSettings, key: Key) -> int:
    return settings.lockout_threshold if key.scope == USERNAME else settings.address_lockout_threshold


def locked_out(locked_until: float, now: float, scope: str) -> SignInProblem:
    wait = max(1, math.ceil(locked_until - now))
    who = "this username" if scope == USERNAME else "this client address"
    return SignInProblem(
        429,
        "too-many-sign-in-attempts",
        f"Too many failed sign-ins for {who}. Try again in {wait} seconds.",
        members={"scope": scope},
        headers={"Retry-After": str(wait)},
    )


def check_not_locked(conn: sqlite3.Connection, keys: tuple[Key, ...], now: float) -> None:
    """Raise the 429 problem of the key locked longest, if any is locked now."""
    worst: tuple[float, str] | None = None
    for key in keys:
        row = conn.execute(
            "SELECT locked_until FROM sign_in_throttle WHERE scope = ? AND key = ?", (key.scope, key.value)
        ).fetchone()
        if row is not None and row["locked_until"] > now and (worst is None or row["locked_until"] > worst[0]):
            worst = (row["locked_until"], key.scope)
    if worst is not None:
        raise locked_out(worst[0], now, worst[1])


def clear_username(conn: sqlite3.Connection, username: str) -> None:
    conn.execute("DELETE FROM sign_in_throttle WHERE scope = ? AND key = ?", (USERNAME, username))


@dataclass(frozen=True)
class Outcome:
    """After a failure was counted: the lock it caused (if any) and the tries left before the next lock."""

    locked_until: float
    locked_scope: str
    attempts_left: int
    next_lock_s: int  # how long the lock that the next failure would cause lasts


def record_failure(conn: sqlite3.Connection, settings: SandboxSettings, keys: tuple[Key, ...], now: float) -> Outcome:
    """Count one failed sign-in against each key (inside the caller's transaction)."""
    locked_until, locked_scope = 0.0, ""
    attempts_left, next_lock_s = math.inf, 0
    for key in keys:
        row = conn.execute(
            "SELECT failures, window_started_at, last_failure_at, locked_until, lockouts FROM sign_in_throttle"
            " WHERE scope = ? AND key = ?",
            (key.scope, key.value),
        ).fetchone()
        failures, window_started, lockouts = 0, now, 0
        if row is not None:
            failures, window_started, lockouts = row["failures"], row["window_started_at"], row["lockouts"]
            if now - max(row["last_failure_at"], row["locked_until"]) >= settings.lockout_forget_s:
                lockouts = 0
            if now - window_started >= settings.lockout_window_s:
                failures, window_started = 0, now
        failures += 1
        key_locked_until = 0.0
        limit = threshold(settings, key)
        period = min(settings.lockout_max_s, settings.lockout_s * 2 ** min(lockouts, 30))
        if failures >= limit:
            key_locked_until = now + period
            lockouts += 1
            failures, window_started = 0, now
            if key_locked_until > locked_until:
                locked_until, locked_scope = key_locked_until, key.scope
        elif limit - failures < attempts_left:
            attempts_left, next_lock_s = limit - failures, period
        elif limit - failures == attempts_left:
            next_lock_s = max(next_lock_s, period)
        conn.execute(
            "INSERT INTO sign_in_throttle (scope, key, failures, window_started_at, last_failure_at, locked_until,"
            " lockouts) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET"
            " failures = excluded.failures, window_started_at = excluded.window_started_at,"
            " last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until,"
            " lockouts = excluded.lockouts",
            (key.scope, key.value, failures, window_started, now, key_locked_until, lockouts),
        )
    left = 0 if locked_until else int(attempts_left) if attempts_left != math.inf else 0
    return Outcome(locked_until, locked_scope, left, next_lock_s)

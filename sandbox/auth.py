"""Sign-in, token sessions with rotating refresh tokens, lock-out, and the bearer-token dependency."""

from __future__ import annotations

import hashlib
import json
import math
import secrets
import sqlite3
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sandbox.context import Context, SandboxContext
from sandbox.db import transaction
from sandbox.passwords import dummy_hash, verify_password
from sandbox.problems import ProblemError

BAD_CREDENTIALS = "The username, password or office code is wrong."
_bearer = HTTPBearer(auto_error=False, description="The access token from /auth/token or /auth/refresh.")


@dataclass(frozen=True)
class Operator:
    """The operator behind a valid access token, with the office and desk of that session."""

    username: str
    display_name: str
    roles: tuple[str, ...]
    office_code: str
    office_name: str
    office_kind: str
    terminal_id: str
    session_id: int

    @property
    def scope(self) -> tuple[str, str]:
        """What idempotency keys are unique within: (office code, username)."""
        return (self.office_code, self.username)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def unauthorized(detail: str, *, expired: bool = False) -> ProblemError:
    if expired:
        challenge = 'Bearer error="invalid_token", error_description="The access token expired"'
        return ProblemError(401, "token-expired", detail, headers={"WWW-Authenticate": challenge})
    return ProblemError(401, "unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})


def _locked_out(locked_until: float, now: float) -> ProblemError:
    wait = max(1, math.ceil(locked_until - now))
    return ProblemError(
        429,
        "too-many-sign-in-attempts",
        f"Too many failed sign-ins for this username. Try again in {wait} seconds.",
        headers={"Retry-After": str(wait)},
    )


def _issue(ctx: SandboxContext, conn: sqlite3.Connection, session_id: int | None, **new: Any) -> dict[str, Any]:
    """New access + refresh tokens; stored as hashes in a new session row or in place of the session's old ones."""
    now = ctx.now()
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    access_expires = now + ctx.settings.access_ttl_s
    if session_id is None:
        conn.execute(
            "INSERT INTO sessions (username, office_code, terminal_id, created_at, access_hash, access_expires_at,"
            " refresh_hash, refresh_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new["username"],
                new["office_code"],
                new["terminal_id"],
                now,
                token_hash(access),
                access_expires,
                token_hash(refresh),
                now + ctx.settings.refresh_ttl_s,
            ),
        )
    else:
        conn.execute(
            "UPDATE sessions SET access_hash = ?, access_expires_at = ?, refresh_hash = ? WHERE id = ?",
            (token_hash(access), access_expires, token_hash(refresh), session_id),
        )
    return {
        "access_token": access,
        "refresh_token": refresh,
        "token_type": "Bearer",
        "expires_in": ctx.settings.access_ttl_s,
    }


def sign_in(ctx: SandboxContext, username: str, password: str, office_code: str, terminal_id: str) -> dict[str, Any]:
    settings = ctx.settings
    with ctx.db.connect() as conn:
        row = conn.execute("SELECT locked_until FROM sign_in_failures WHERE username = ?", (username,)).fetchone()
        if row is not None and row["locked_until"] > ctx.now():
            raise _locked_out(row["locked_until"], ctx.now())
        operator = conn.execute(
            "SELECT office_code, password_hash FROM operators WHERE username = ?", (username,)
        ).fetchone()
        # Verify even for unknown users, so timing does not tell which usernames exist.
        password_ok = verify_password(password, operator["password_hash"] if operator else dummy_hash())
        accepted = operator is not None and password_ok and operator["office_code"] == office_code
        with transaction(conn):
            now = ctx.now()
            row = conn.execute(
                "SELECT failures, locked_until FROM sign_in_failures WHERE username = ?", (username,)
            ).fetchone()
            if row is not None and row["locked_until"] > now:
                raise _locked_out(row["locked_until"], now)
            if accepted:
                conn.execute("DELETE FROM sign_in_failures WHERE username = ?", (username,))
                return _issue(ctx, conn, None, username=username, office_code=office_code, terminal_id=terminal_id)
            failures = (row["failures"] if row is not None else 0) + 1
            locked_until = now + settings.lockout_s if failures >= settings.lockout_threshold else 0.0
            conn.execute(
                "INSERT INTO sign_in_failures (username, failures, locked_until) VALUES (?, ?, ?)"
                " ON CONFLICT (username) DO UPDATE SET failures = excluded.failures,"
                " locked_until = excluded.locked_until",
                (username, 0 if locked_until else failures, locked_until),
            )
        if locked_until:
            raise _locked_out(locked_until, now)
        raise ProblemError(401, "invalid-credentials", BAD_CREDENTIALS, headers={"WWW-Authenticate": "Bearer"})


def refresh(ctx: SandboxContext, refresh_token: str) -> dict[str, Any]:
    with ctx.db.connect() as conn, transaction(conn):
        session = conn.execute(
            "SELECT id, refresh_expires_at, revoked_at FROM sessions WHERE refresh_hash = ?",
            (token_hash(refresh_token),),
        ).fetchone()
        if session is None or session["revoked_at"] is not None or session["refresh_expires_at"] <= ctx.now():
            raise unauthorized("The refresh token is unknown, revoked or expired; sign in again.")
        return _issue(ctx, conn, session["id"])


def logout(ctx: SandboxContext, operator: Operator) -> None:
    with ctx.db.connect() as conn, transaction(conn):
        conn.execute(
            "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (ctx.now(), operator.session_id)
        )


def authenticate(ctx: SandboxContext, access_token: str) -> Operator:
    with ctx.db.connect() as conn:
        row = conn.execute(
            "SELECT s.id, s.username, s.office_code, s.terminal_id, s.access_expires_at, s.revoked_at,"
            " o.display_name, o.roles, f.name AS office_name, f.kind AS office_kind"
            " FROM sessions s JOIN operators o ON o.username = s.username JOIN offices f ON f.code = s.office_code"
            " WHERE s.access_hash = ?",
            (token_hash(access_token),),
        ).fetchone()
    if row is None or row["revoked_at"] is not None:
        raise unauthorized("The access token is unknown or revoked.")
    if row["access_expires_at"] <= ctx.now():
        raise unauthorized("The access token expired; refresh it or sign in again.", expired=True)
    return Operator(
        username=row["username"],
        display_name=row["display_name"],
        roles=tuple(json.loads(row["roles"])),
        office_code=row["office_code"],
        office_name=row["office_name"],
        office_kind=row["office_kind"],
        terminal_id=row["terminal_id"],
        session_id=row["id"],
    )


def current_operator(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ctx: Context,
) -> Operator:
    """FastAPI dependency: the operator of the `Authorization: Bearer` access token, or a 401 problem."""
    if credentials is None:
        raise unauthorized("An `Authorization: Bearer <access token>` header is required.")
    return authenticate(ctx, credentials.credentials)


CurrentOperator = Annotated[Operator, Depends(current_operator)]

"""Sign-in, token sessions with rotating refresh tokens (a reused one revokes its session), lock-out by username and
client address (sandbox/lockout.py), revocation, and the bearer-token dependency."""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sandbox import lockout
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


def client_address(request: Request) -> str:
    """The address the request came from, as the lock-out counts it."""
    return request.client.host if request.client is not None else "unknown"


def _refuse_nul(password: str) -> None:
    if "\x00" in password:
        raise ProblemError(
            422,
            "validation-failed",
            "The request has invalid or missing fields.",
            errors=[{"field": "password", "message": "The password must not contain NUL characters."}],
        )


def check_credentials(ctx: SandboxContext, username: str, password: str, office_code: str, client_address: str) -> None:
    """Return when the password is the operator's at that office; else count the failure against the username and
    the client address and raise 401 (`attempts_left: 1` when one try is left) or 429 (locked, with Retry-After).

    Sign-in and every other password check (re-authentication at the lock screen) go through here, so each
    counts toward the same lock-out."""
    _refuse_nul(password)
    keys = lockout.keys_for(username, client_address)
    with ctx.db.connect() as conn:
        lockout.check_not_locked(conn, keys, ctx.now())
        operator = conn.execute(
            "SELECT office_code, password_hash FROM operators WHERE username = ?", (username,)
        ).fetchone()
        # Verify even for unknown users, so timing does not tell which usernames exist.
        password_ok = verify_password(password, operator["password_hash"] if operator else dummy_hash())
        accepted = operator is not None and password_ok and operator["office_code"] == office_code
        with transaction(conn):
            now = ctx.now()
            lockout.check_not_locked(conn, keys, now)
            if accepted:
                lockout.clear_username(conn, username)
                return
            outcome = lockout.record_failure(conn, ctx.settings, keys, now)
    if outcome.locked_until:
        raise lockout.locked_out(outcome.locked_until, now, outcome.locked_scope)
    if outcome.attempts_left == 1:
        raise lockout.SignInProblem(
            401,
            "invalid-credentials",
            f"{BAD_CREDENTIALS} One try is left before sign-in is locked for {outcome.next_lock_s} seconds.",
            members={"attempts_left": 1, "lockout_seconds": outcome.next_lock_s},
            headers={"WWW-Authenticate": "Bearer"},
        )
    raise ProblemError(401, "invalid-credentials", BAD_CREDENTIALS, headers={"WWW-Authenticate": "Bearer"})


def sign_in(
    ctx: SandboxContext,
    username: str,
    password: str,
    office_code: str,
    terminal_id: str,
    client_address: str = "unknown",
) -> dict[str, Any]:
    check_credentials(ctx, username, password, office_code, client_address)
    with ctx.db.connect() as conn, transaction(conn):
        return _issue(ctx, conn, None, username=username, office_code=office_code, terminal_id=terminal_id)


def refresh(ctx: SandboxContext, refresh_token: str) -> dict[str, Any]:
    """New tokens for the refresh token of a live session; the old refresh token is kept as used. Presenting a used
    one again means it was copied (or an answer was lost and replayed): the whole session (every token it has
    given since sign-in) is revoked."""
    presented = token_hash(refresh_token)
    with ctx.db.connect() as conn:
        with transaction(conn):
            session = conn.execute(
                "SELECT id, refresh_expires_at, revoked_at FROM sessions WHERE refresh_hash = ?", (presented,)
            ).fetchone()
            if session is not None:
                if session["revoked_at"] is not None or session["refresh_expires_at"] <= ctx.now():
                    raise unauthorized("The refresh token is unknown, revoked or expired; sign in again.")
                conn.execute(
                    "INSERT INTO used_refresh_tokens (refresh_hash, session_id, used_at) VALUES (?, ?, ?)",
                    (presented, session["id"], ctx.now()),
                )
                return _issue(ctx, conn, session["id"])
            reused = _revoke_family_of_used(ctx, conn, presented)
    if reused:
        raise ProblemError(
            401,
            "refresh-token-reused",
            "This refresh token was already used; the session is revoked. Sign in again.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    raise unauthorized("The refresh token is unknown, revoked or expired; sign in again.")


def _revoke_family_of_used(ctx: SandboxContext, conn: sqlite3.Connection, presented: str) -> bool:
    """If `presented` is a refresh token already rotated away, revoke its session; whether it was one."""
    used = conn.execute("SELECT session_id FROM used_refresh_tokens WHERE refresh_hash = ?", (presented,)).fetchone()
    if used is None:
        return False
    conn.execute(
        "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (ctx.now(), used["session_id"])
    )
    return True


def revoke(ctx: SandboxContext, refresh_token: str) -> None:
    """End the session a refresh token belongs to (RFC 7009 style: an unknown token is no error). The desktop uses
    it for a session left behind by a crash, whose access token has long expired."""
    presented = token_hash(refresh_token)
    with ctx.db.connect() as conn, transaction(conn):
        conn.execute(
            "UPDATE sessions SET revoked_at = ? WHERE refresh_hash = ? AND revoked_at IS NULL", (ctx.now(), presented)
        )
        _revoke_family_of_used(ctx, conn, presented)


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

"""Idempotency keys for every POST that creates or changes something.

An endpoint hands its effect to `idempotent(request, scope, handler)`. The handler gets an open SQLite connection
inside a transaction and returns `(status, body)`, or raises `ProblemError`. The response is stored in the same
transaction as the effect, so either both are committed or neither is. A retry with the same key and the same exact
body bytes gets the stored response again (with `Idempotency-Replayed: true`), errors included; the same key with
another body is 422; a retry while the first is still being handled is 409. Keys are unique per scope
(office code, username). The stored responses live `idempotency_ttl_s` seconds; after that a resend is answered
from the permanent action log (`actions`), so a key is never applied twice.

Every outcome is also appended, in that same transaction, to the `actions` log, which outlives the key: a client
whose key has expired asks `GET /actions/{key}` what became of its action instead of sending it again
(sandbox/actions.py), and the training ledger counts from it how often each key was applied.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from sandbox.context import get_context
from sandbox.db import Database, savepoint, transaction
from sandbox.problems import PROBLEM_MEDIA_TYPE, ProblemError, encode_json

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotency-Replayed"
# the client's journal head when the action was confirmed (`<sequence>:<sha256 hex>`), kept with the action in the
# `actions` log and answered by `GET /actions/{key}`: the municipality's proof of what the local journal held then
JOURNAL_HEAD_HEADER = "Journal-Head"
_JOURNAL_HEAD = re.compile(r"^[1-9][0-9]{0,17}:[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)

Scope = tuple[str, str]
Handler = Callable[[sqlite3.Connection], tuple[int, dict[str, Any]]]


def _bad_key(detail: str, message: str) -> ProblemError:
    return ProblemError(400, "invalid-idempotency-key", detail, errors=[{"field": HEADER, "message": message}])


def parse_journal_head(raw: str | None) -> str | None:
    """The journal head as sent (None when there is none), or a 400 problem."""
    if raw is None:
        return None
    if not _JOURNAL_HEAD.match(raw.strip()):
        raise ProblemError(
            400,
            "invalid-journal-head",
            f"The {JOURNAL_HEAD_HEADER} header is not a journal head.",
            errors=[{"field": JOURNAL_HEAD_HEADER, "message": "Must be <sequence>:<SHA-256 in 64 lower-case hex>."}],
        )
    return raw.strip()


def parse_key(raw: str | None) -> str:
    """The key in canonical (lower-case) form, or a 400 problem."""
    if raw is None or not raw.strip():
        raise _bad_key(
            f"This request changes something, so it needs an {HEADER} header.",
            "Required: a UUID made by the client for this one action.",
        )
    if not _UUID.match(raw.strip()):
        raise _bad_key(f"The {HEADER} header is not a UUID.", "Must be a UUID such as 3f2c8a4e-…-… (8-4-4-4-12 hex).")
    return raw.strip().lower()


def resource_id(raw: str, field: str = "id") -> str:
    """A client-made UUID from the path (`PUT /…/{id}`), or 404: no resource can live at any other address."""
    try:
        return parse_key(raw)
    except ProblemError:
        raise ProblemError(
            404, "not-found", "No resource at this address.", errors=[{"field": field, "message": "Must be a UUID."}]
        ) from None


class IdempotencyStore:
    """Stored responses in SQLite plus the in-process set of keys being handled right now."""

    def __init__(self, db: Database, ttl_s: int, clock: Callable[[], float]) -> None:
        self._db = db
        self._ttl_s = ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._in_flight: dict[tuple[str, str, str], str] = {}

    def execute(
        self,
        scope: Scope,
        raw_key: str | None,
        body: bytes,
        handler: Handler,
        *,
        method: str = "POST",
        path: str = "",
        journal_head: str | None = None,
    ) -> Response:
        """Run `handler` once per (scope, key); answer retries from the stored response. `journal_head` is kept with
        the action when it is first handled."""
        key = parse_key(raw_key)
        body_sha256 = hashlib.sha256(body).hexdigest()
        slot = (scope[0], scope[1], key)
        with self._lock:
            running_sha256 = self._in_flight.get(slot)
            if running_sha256 is None:
                self._in_flight[slot] = body_sha256
        if running_sha256 is not None:
            return self._answer_while_running(scope, key, body_sha256, running_sha256)
        try:
            return self._run(scope, key, body_sha256, handler, (method, path), journal_head)
        finally:
            with self._lock:
                del self._in_flight[slot]

    def _answer_while_running(self, scope: Scope, key: str, body_sha256: str, running_sha256: str) -> Response:
        with self._db.connect() as conn:
            stored = self._lookup(conn, scope, key)
        if stored is not None:  # the first one finished in the meantime
            return _replay(stored, body_sha256)
        if running_sha256 != body_sha256:
            raise _reused()
        raise ProblemError(
            409,
            "idempotency-in-progress",
            "A request with this Idempotency-Key is still being processed; retry in a moment.",
            headers={"Retry-After": "1"},
        )

    def _run(
        self,
        scope: Scope,
        key: str,
        body_sha256: str,
        handler: Handler,
        target: tuple[str, str],
        journal_head: str | None = None,
    ) -> Response:
        with self._db.connect() as conn, transaction(conn):
            now = self._clock()
            conn.execute("DELETE FROM idempotency_keys WHERE created_at <= ?", (now - self._ttl_s,))
            stored = self._lookup(conn, scope, key)
            if stored is not None:
                return _replay(stored, body_sha256)
            try:
                with savepoint(conn, "idempotent_effect"):
                    status, content = handler(conn)
                media_type, headers = "application/json", {}
            except ProblemError as problem:  # recorded and replayed like a success; its effect is rolled back
                status, content = problem.status, problem.body()
                media_type, headers = PROBLEM_MEDIA_TYPE, problem.headers
            encoded = encode_json(content)
            conn.execute(
                "INSERT INTO idempotency_keys (office_code, username, key, body_sha256, status, media_type, headers,"
                " body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (scope[0], scope[1], key, body_sha256, status, media_type, json.dumps(headers), encoded, now),
            )
            conn.execute(
                "INSERT INTO actions (office_code, username, key, method, path, body_sha256, status, media_type,"
                " body, created_at, journal_head) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    *(scope[0], scope[1], key, target[0], target[1], body_sha256),
                    *(status, media_type, encoded, now, journal_head),
                ),
            )
        return Response(content=encoded, status_code=status, media_type=media_type, headers=headers)

    def _lookup(self, conn: sqlite3.Connection, scope: Scope, key: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = conn.execute(
            "SELECT body_sha256, status, media_type, headers, body FROM idempotency_keys"
            " WHERE office_code = ? AND username = ? AND key = ? AND created_at > ?",
            (scope[0], scope[1], key, self._clock() - self._ttl_s),
        ).fetchone()
        if row is None:
            # Past its lifetime the key is still in the permanent action log: one action, one effect, however
            # late the resend (a counter that was offline for days must not pay a bill twice)
            row = conn.execute(
                "SELECT body_sha256, status, media_type, '{}' AS headers, body FROM actions"
                " WHERE office_code = ? AND username = ? AND key = ? ORDER BY id LIMIT 1",
                (scope[0], scope[1], key),
            ).fetchone()
        return row


def _reused() -> ProblemError:
    return ProblemError(
        422,
        "idempotency-key-reused",
        "This Idempotency-Key was already used with a different request body.",
        errors=[{"field": HEADER, "message": "Use a new key for a new action."}],
    )


def _replay(stored: sqlite3.Row, body_sha256: str) -> Response:
    if stored["body_sha256"] != body_sha256:
        raise _reused()
    headers: Mapping[str, str] = json.loads(stored["headers"])
    return Response(
        content=bytes(stored["body"]),
        status_code=stored["status"],
        media_type=stored["media_type"],
        headers={**headers, REPLAYED_HEADER: "true"},
    )


async def idempotent(request: Request, scope: Scope, handler: Handler) -> Response:
    """Run `handler(conn) -> (status, body)` under the request's Idempotency-Key, within `scope`."""
    store = get_context(request).idempotency
    journal_head = parse_journal_head(request.headers.get(JOURNAL_HEAD_HEADER))
    body = await request.body()
    return await run_in_threadpool(
        store.execute,
        scope,
        request.headers.get(HEADER),
        body,
        handler,
        method=request.method,
        path=request.url.path,
        journal_head=journal_head,
    )


def _document_key_header(
    key: Annotated[
        str | None,
        Header(
            alias=HEADER,
            description="A UUID made by the client for this one action; a retry sends the same key and body.",
        ),
    ] = None,
) -> None:
    """Only puts the header in the OpenAPI document; `idempotent` reads and checks it."""


IDEMPOTENCY_KEY_HEADER = Depends(_document_key_header)


def mark_key_required(openapi_schema: dict[str, Any]) -> dict[str, Any]:
    """The header is declared optional so that `idempotent` answers a missing key with its own 400 problem;
    in the published document it is required, as it is in practice. Every operation that takes the key also takes
    an optional `Journal-Head` (`idempotent` reads it)."""
    for operations in openapi_schema.get("paths", {}).values():
        for operation in operations.values():
            parameters = operation.get("parameters", []) if isinstance(operation, dict) else []
            for parameter in parameters:
                if parameter.get("in") == "header" and parameter.get("name") == HEADER:
                    parameter["required"] = True
                    parameter["schema"] = {"type": "string", "format": "uuid", "title": HEADER}
                    if not any(p.get("name") == JOURNAL_HEAD_HEADER for p in parameters):
                        parameters.append(_JOURNAL_HEAD_PARAMETER)
                    break
    return openapi_schema


_JOURNAL_HEAD_PARAMETER: dict[str, Any] = {
    "name": JOURNAL_HEAD_HEADER,
    "in": "header",
    "required": False,
    "description": "The client's journal head when the action was confirmed; kept with the action (GET /actions/{key})",
    "schema": {"type": "string", "pattern": _JOURNAL_HEAD.pattern, "title": JOURNAL_HEAD_HEADER},
}

"""The endpoints: health, auth, the operator (`/me`) and the operator's hand-over notes."""

from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from sandbox import auth
from sandbox.auth import CurrentOperator
from sandbox.context import Context
from sandbox.idempotency import IDEMPOTENCY_KEY_HEADER, idempotent
from sandbox.problems import PROBLEM_MEDIA_TYPE
from sandbox.schemas import Health, Me, Note, NoteIn, NoteList, Problem, RefreshRequest, SignIn, Tokens
from sandbox.settings import iso_utc

API_PREFIX = "/api/v1"
API_VERSION = "1"

router = APIRouter(prefix=API_PREFIX)


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem responses an endpoint may give beyond those every endpoint of its kind gives
    (401, 413, 422: sandbox/openapi_doc.py adds them)."""
    return {status: {"model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}}} for status in statuses}


# A client-made UUID in a path (`Path(**UUID_PATH)`): documented as one; a route answers another string itself (404)
UUID_PATH: dict[str, Any] = {"json_schema_extra": {"format": "uuid"}}
PAGE_MAX = 1_000_000  # the highest page number a list accepts (an offset past it would overflow SQLite's integers)


@router.get("/health", response_model=Health, tags=["system"])
def health(ctx: Context) -> dict[str, Any]:
    return {"status": "ok", "environment": "training", "api_version": API_VERSION, "server_time": iso_utc(ctx.now())}


@router.post("/auth/token", response_model=Tokens, tags=["auth"], responses=problems(401, 422, 429))
def sign_in(body: SignIn, request: Request, ctx: Context) -> dict[str, Any]:
    address = auth.client_address(request)
    return auth.sign_in(ctx, body.username, body.password, body.office_code, body.terminal_id, address)


@router.post("/auth/refresh", response_model=Tokens, tags=["auth"], responses=problems(401, 422))
def refresh(body: RefreshRequest, ctx: Context) -> dict[str, Any]:
    return auth.refresh(ctx, body.refresh_token)


@router.post("/auth/revoke", status_code=204, response_class=Response, tags=["auth"], responses=problems(422))
def revoke(body: RefreshRequest, ctx: Context) -> Response:
    """End the session of a refresh token (an unknown one is no error): for a session a crash left behind."""
    auth.revoke(ctx, body.refresh_token)
    return Response(status_code=204)


@router.post("/auth/logout", status_code=204, response_class=Response, tags=["auth"], responses=problems(401))
def logout(operator: CurrentOperator, ctx: Context) -> Response:
    auth.logout(ctx, operator)
    return Response(status_code=204)


@router.get("/me", response_model=Me, tags=["operator"], responses=problems(401))
def me(operator: CurrentOperator) -> dict[str, Any]:
    return {
        "username": operator.username,
        "display_name": operator.display_name,
        "office": {"code": operator.office_code, "name": operator.office_name, "kind": operator.office_kind},
        "roles": list(operator.roles),
        "terminal_id": operator.terminal_id,
    }


@router.get("/me/notes", response_model=NoteList, tags=["operator"], responses=problems(401))
def list_notes(operator: CurrentOperator, ctx: Context) -> dict[str, Any]:
    with ctx.db.connect() as conn:
        rows = conn.execute(
            "SELECT id, text, created_at FROM notes WHERE office_code = ? AND username = ?"
            " ORDER BY created_at DESC, id DESC",
            operator.scope,
        ).fetchall()
    return {"items": [{"id": r["id"], "text": r["text"], "created_at": iso_utc(r["created_at"])} for r in rows]}


@router.post(
    "/me/notes",
    status_code=201,
    response_model=Note,
    tags=["operator"],
    dependencies=[IDEMPOTENCY_KEY_HEADER],
    responses=problems(400, 401, 409, 422),
)
async def create_note(request: Request, body: NoteIn, operator: CurrentOperator, ctx: Context) -> Response:
    def write(conn: sqlite3.Connection) -> tuple[int, dict[str, Any]]:
        now = ctx.now()
        cursor = conn.execute(
            "INSERT INTO notes (office_code, username, text, created_at) VALUES (?, ?, ?, ?)",
            (*operator.scope, body.text, now),
        )
        return 201, {"id": cursor.lastrowid, "text": body.text, "created_at": iso_utc(now)}

    return await idempotent(request, operator.scope, write)

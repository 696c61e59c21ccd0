"""Notary inquiries: sent by the notary office under the client's UUID, answered by the municipality after a delay.

`PUT /inquiries/{id}` goes through the idempotency store like every changing call; beyond that it is idempotent by
its address: the same fields again answer the inquiry as it is now (200), other fields are refused (422
`inquiry-exists`: final, where a 409 would tell the outbox the same thing is still being handled and to retry, as
for permit requests). Inquiries belong to the office that sent them (another office's id is 404); only the notary
role may use them. The reply is made on the first read after the delay: sandbox/inquiry_reply.py.
"""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from fees.errors import CaseError
from sandbox.auth import CurrentOperator
from sandbox.case_schema import CODE_PATTERN
from sandbox.context import Context
from sandbox.idempotency import IDEMPOTENCY_KEY_HEADER, idempotent, resource_id
from sandbox.inquiry_reply import answer_due, answer_if_due
from sandbox.inquiry_schemas import Inquiry, InquiryIn, InquiryPage
from sandbox.inquiry_store import (
    SELECT_INQUIRY,
    STATUSES,
    canonical_code,
    checked_fields,
    fields_digest,
    inquiry_json,
    inquiry_row,
    insert_inquiry,
)
from sandbox.problems import DAY, ProblemError
from sandbox.problems import day_start as _day_start
from sandbox.problems import validation_failed as invalid
from sandbox.roles import NOTARY, require_roles
from sandbox.routes import PAGE_MAX, UUID_PATH, problems
from sandbox.tariff_routes import Shelf

router = APIRouter(tags=["inquiries"], dependencies=[require_roles(NOTARY)])
MAX_PAGE_SIZE = 200
InquiryId = Annotated[str, Path(**UUID_PATH)]
_CREATED: dict[int | str, dict[str, Any]] = {201: {"model": Inquiry, "description": "Made under the client's id."}}


def _not_found() -> ProblemError:
    return ProblemError(404, "inquiry-not-found", "No inquiry with this id exists for this office.")


@router.put(
    "/inquiries/{inquiry_id}",
    response_model=Inquiry,
    responses={**_CREATED, **problems(400, 401, 403, 404, 409, 422)},
    dependencies=[IDEMPOTENCY_KEY_HEADER],
)
async def put_inquiry(
    request: Request, inquiry_id: InquiryId, body: InquiryIn, operator: CurrentOperator, ctx: Context, shelf: Shelf
) -> Response:
    """Send the inquiry under the client's UUID (201); the same fields again answer it as it is now (200)."""
    iid = resource_id(inquiry_id)
    asked = body.model_dump()

    def write(conn: sqlite3.Connection) -> tuple[int, dict[str, Any]]:
        now = ctx.now()
        fields, parcel = checked_fields(conn, asked)
        existing = conn.execute("SELECT office_code, fields_sha256 FROM inquiries WHERE id = ?", (iid,)).fetchone()
        if existing is not None:
            if existing["office_code"] != operator.office_code or existing["fields_sha256"] != fields_digest(fields):
                raise ProblemError(
                    422,
                    "inquiry-exists",
                    "An inquiry with this id already exists with other fields; a new inquiry needs a new id.",
                    errors=[{"field": "id", "message": "Already used for another inquiry."}],
                )
            status = 200
        else:
            code = parcel["renovation_code"]
            insert_inquiry(conn, iid, operator.scope, fields, code, now, ctx.settings.inquiry_delay_s)
            status = 201
        answer_due(conn, shelf, now, operator.office_code, iid)
        row = inquiry_row(conn, iid, operator.office_code)
        assert row is not None
        return status, inquiry_json(conn, row)

    return await idempotent(request, operator.scope, write)


@router.get("/inquiries/{inquiry_id}", response_model=Inquiry, responses=problems(401, 403, 404))
def get_inquiry(inquiry_id: InquiryId, operator: CurrentOperator, ctx: Context, shelf: Shelf) -> dict[str, Any]:
    """One inquiry of this office; once its delay has passed, with its sealed reply."""
    iid = resource_id(inquiry_id)
    with ctx.db.connect() as conn:
        answer_if_due(conn, shelf, ctx.now(), operator.office_code, iid)
        row = inquiry_row(conn, iid, operator.office_code)
        if row is None:
            raise _not_found()
        return inquiry_json(conn, row)


@router.get("/inquiries", response_model=InquiryPage, responses=problems(401, 403, 422))
def list_inquiries(
    operator: CurrentOperator,
    ctx: Context,
    shelf: Shelf,
    status: Annotated[str | None, Query(json_schema_extra={"enum": list(STATUSES)})] = None,
    renovation_code: Annotated[str | None, Query(max_length=40, json_schema_extra={"pattern": CODE_PATTERN})] = None,
    from_: Annotated[str | None, Query(alias="from", description="Sent on or after this UTC date.", **DAY)] = None,
    to: Annotated[str | None, Query(description="Sent on or before this UTC date.", **DAY)] = None,
    page: Annotated[int, Query(ge=1, le=PAGE_MAX)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
) -> dict[str, Any]:
    """The office's inquiries, newest first, filtered and paged (`total` counts every match)."""
    where: list[str] = ["i.office_code = ?"]
    params: list[Any] = [operator.office_code]
    if status is not None:
        if status not in STATUSES:
            raise invalid([{"field": "status", "message": f"Must be one of: {', '.join(STATUSES)}."}])
        where.append("i.reply_number IS NOT NULL" if status == "answered" else "i.reply_number IS NULL")
    if renovation_code is not None:
        try:
            params.append(canonical_code(renovation_code))
        except CaseError as exc:
            raise invalid([{"field": "renovation_code", "message": exc.reason_en}]) from None
        where.append("i.renovation_code = ?")
    if from_ is not None:
        where.append("i.created_at >= ?")
        params.append(_day_start(from_, "from"))
    if to is not None:
        where.append("i.created_at < ?")
        params.append(_day_start(to, "to") + 86_400)
    clause = " AND ".join(where)
    with ctx.db.connect() as conn:
        answer_if_due(conn, shelf, ctx.now(), operator.office_code)
        total = conn.execute(f"SELECT COUNT(*) FROM inquiries i WHERE {clause}", params).fetchone()[0]
        rows = conn.execute(
            f"{SELECT_INQUIRY} WHERE {clause} ORDER BY i.created_at DESC, i.number DESC LIMIT ? OFFSET ?",
            (*params, page_size, (page - 1) * page_size),
        ).fetchall()
        items = [inquiry_json(conn, row) for row in rows]
    return {"items": items, "total": total, "page": page, "page_size": page_size}

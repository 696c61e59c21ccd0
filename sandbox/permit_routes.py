"""Building-permit requests: made by the client under its own UUID, given attachments, then submitted.

Every changing call goes through the idempotency store (sandbox/idempotency.py). Beyond that, each is idempotent by
its address: `PUT /permit-requests/{id}` with the same fields again is the same request (200), with other fields it is
refused (422 `permit-request-exists`: final, where a 409 would tell a client that the same thing is still being
handled and to retry); the same holds for an attachment id; submitting a submitted request answers its
current state. Attaching to or submitting a request that does not exist is 404: a client must create it first (the
outbox sends such a chain in order). Requests belong to the office that made them; only the counter role may use them.

A request is checked against the city when it is made: its renovation code names a parcel of the demo city, the
applicant is one of the parcel's owners or gives a power-of-attorney number, and its building parses as the building
part of a fee case (`fees.permit_case`). The municipality's reviewer moves it on: sandbox/review_routes.py.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import sqlite3
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from civic.errors import CivicValueError
from civic.ids import mobile as parse_mobile
from civic.ids import national_id as parse_national_id
from civic.text import normalize_digits
from fees import parse_case, permit_case
from fees.errors import CaseError
from fees.fields import renovation_code as parse_renovation_code
from sandbox.auth import CurrentOperator, Operator
from sandbox.case_schema import CODE_PATTERN
from sandbox.context import Context
from sandbox.idempotency import IDEMPOTENCY_KEY_HEADER, idempotent
from sandbox.idempotency import resource_id as _request_id
from sandbox.parcels import find_parcel
from sandbox.permit_lifecycle import jalali_day
from sandbox.permit_schemas import (
    ATTACHMENT_MAX_BYTES,
    STATUSES,
    AttachmentIn,
    PermitRequest,
    PermitRequestIn,
    PermitRequestPage,
)
from sandbox.permit_store import (
    SELECT_REQUEST,
    add_history,
    fields_digest,
    full_json,
    next_tracking_number,
    summary_json,
)
from sandbox.permit_store import (
    tracking_number as tracking_text,
)
from sandbox.problems import DAY, ProblemError
from sandbox.problems import day_start as _day_start
from sandbox.problems import validation_failed as _invalid
from sandbox.roles import COUNTER, require_roles
from sandbox.routes import PAGE_MAX, UUID_PATH, problems

router = APIRouter(tags=["permit requests"], dependencies=[require_roles(COUNTER)])
MAX_PAGE_SIZE = 200


def _counter(operator: Operator) -> None:
    if "counter" not in operator.roles:
        raise ProblemError(403, "forbidden", "Only a counter operator may file or read permit requests.")


def _canonical(body: PermitRequestIn) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The request's fields as stored (normalised), and the errors of the fields that can be checked alone."""
    errors: list[dict[str, str]] = []
    fields: dict[str, Any] = {"applicant_name": " ".join(body.applicant_name.split()), "building": body.building}
    try:
        fields["national_id"] = parse_national_id(body.national_id)
    except CivicValueError as exc:
        errors.append({"field": "national_id", "message": exc.message("en")})
    try:
        fields["mobile"] = parse_mobile(body.mobile) if body.mobile else None
    except CivicValueError as exc:
        errors.append({"field": "mobile", "message": exc.message("en")})
    try:
        fields["renovation_code"] = parse_renovation_code(body.renovation_code)[0]
    except CaseError as exc:
        errors.append({"field": "renovation_code", "message": exc.reason_en})
    fields["power_of_attorney"] = body.power_of_attorney.strip() if body.power_of_attorney else None
    if not fields["applicant_name"]:
        errors.append({"field": "applicant_name", "message": "must not be blank"})
    return fields, errors


def _checked(conn: sqlite3.Connection, body: PermitRequestIn, now: float) -> dict[str, Any]:
    """The canonical fields once they hold against the city, or a 422 naming every bad field: the parcel exists,
    the applicant owns it or gives a power of attorney, the building parses as a fee case on that parcel."""
    fields, errors = _canonical(body)
    code = fields.get("renovation_code")
    parcel = find_parcel(conn, code) if code is not None else None
    if code is not None and parcel is None:
        errors.append({"field": "renovation_code", "message": "No parcel with this renovation code."})
    nid = fields.get("national_id")
    if parcel is not None and nid is not None and nid not in parcel.owners and not fields["power_of_attorney"]:
        errors.append(
            {
                "field": "power_of_attorney",
                "message": "The applicant is not an owner of the parcel: a power-of-attorney number is needed.",
            }
        )
    if body.building is not None:
        land_area = parcel.land_area_m2 if parcel is not None else Decimal(0)
        try:
            parse_case(permit_case(body.building, code or "0-0-0-0-0-0", land_area, jalali_day(now)))
        except CaseError as exc:
            field = f"building.{exc.field}" if exc.field else "building"
            errors.append({"field": field, "message": exc.reason_en})
    if errors:
        raise _invalid(errors)
    return fields


def _row(conn: sqlite3.Connection, operator: Operator, request_id: str) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(
        f"{SELECT_REQUEST} WHERE r.id = ? AND r.office_code = ?", (request_id, operator.office_code)
    ).fetchone()
    if row is None:
        raise ProblemError(404, "permit-request-not-found", "No permit request with this id exists for this office.")
    return row


_CHANGES = problems(400, 401, 403, 404, 409, 422)
_CREATED: dict[int | str, dict[str, Any]] = {
    201: {"model": PermitRequest, "description": "Made under the client's id."}
}
RequestId = Annotated[str, Path(**UUID_PATH)]
AttachmentId = Annotated[str, Path(**UUID_PATH)]
KEYED = IDEMPOTENCY_KEY_HEADER


@router.put(
    "/permit-requests/{request_id}",
    response_model=PermitRequest,
    responses={**_CREATED, **_CHANGES},
    dependencies=[KEYED],
)
async def put_permit_request(
    request: Request, request_id: RequestId, body: PermitRequestIn, operator: CurrentOperator, ctx: Context
) -> Response:
    """Create the request under the client's UUID (201); the same fields again answer it as it is now (200)."""
    _counter(operator)
    rid = _request_id(request_id)

    def write(conn: sqlite3.Connection) -> tuple[int, dict[str, Any]]:
        now = ctx.now()
        fields = _checked(conn, body, now)
        digest = fields_digest(fields)
        existing = conn.execute(f"{SELECT_REQUEST} WHERE r.id = ?", (rid,)).fetchone()
        if existing is not None:
            if existing["office_code"] != operator.office_code or existing["fields_sha256"] != digest:
                raise ProblemError(
                    422,
                    "permit-request-exists",
                    "A permit request with this id already exists with other fields; a new request needs a new id.",
                    errors=[{"field": "id", "message": "Already used for another request."}],
                )
            return 200, full_json(conn, existing)
        conn.execute(
            "INSERT INTO permit_requests (id, office_code, username, national_id, applicant_name, mobile,"
            " renovation_code, power_of_attorney, building, fields_sha256, status, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?)",
            (
                rid,
                *operator.scope,
                fields["national_id"],
                fields["applicant_name"],
                fields["mobile"],
                fields["renovation_code"],
                fields["power_of_attorney"],
                json.dumps(fields["building"], ensure_ascii=False) if fields["building"] is not None else None,
                digest,
                now,
            ),
        )
        add_history(conn, rid, "draft", now)
        return 201, full_json(conn, _row(conn, operator, rid))

    return await idempotent(request, operator.scope, write)


@router.put(
    "/permit-requests/{request_id}/attachments/{attachment_id}",
    response_model=PermitRequest,
    responses={**_CREATED, **_CHANGES, **problems(413)},
    dependencies=[KEYED],
)
async def put_attachment(
    request: Request,
    request_id: RequestId,
    attachment_id: AttachmentId,
    body: AttachmentIn,
    operator: CurrentOperator,
    ctx: Context,
) -> Response:
    """Attach a file (base64) under the client's UUID to a draft request; the same file again is one attachment."""
    _counter(operator)
    rid, aid = _request_id(request_id), _request_id(attachment_id, "attachment_id")

    def write(conn: sqlite3.Connection) -> tuple[int, dict[str, Any]]:
        row = _row(conn, operator, rid)
        try:
            content = base64.b64decode(body.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise _invalid([{"field": "content_base64", "message": "Must be base64."}]) from None
        if len(content) > ATTACHMENT_MAX_BYTES:
            raise ProblemError(
                413,
                "attachment-too-large",
                f"An attachment may be at most {ATTACHMENT_MAX_BYTES} bytes.",
                errors=[{"field": "content_base64", "message": f"At most {ATTACHMENT_MAX_BYTES} bytes."}],
            )
        if not content:
            raise _invalid([{"field": "content_base64", "message": "The file is empty."}])
        sha = hashlib.sha256(content).hexdigest()
        existing = conn.execute(
            "SELECT * FROM permit_attachments WHERE request_id = ? AND attachment_id = ?", (rid, aid)
        ).fetchone()
        if existing is not None:
            stored = (existing["kind"], existing["filename"], existing["media_type"], existing["sha256"])
            if stored != (body.kind, body.filename, body.media_type, sha):
                raise ProblemError(
                    422,
                    "attachment-exists",
                    "An attachment with this id already exists with another file; a new file needs a new id.",
                    errors=[{"field": "attachment_id", "message": "Already used for another file."}],
                )
            return 200, full_json(conn, row)
        if row["status"] != "draft":
            raise ProblemError(422, "permit-request-not-draft", "Files can be attached only before submitting.")
        conn.execute(
            "INSERT INTO permit_attachments (request_id, attachment_id, kind, filename, media_type, size, sha256,"
            " content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rid, aid, body.kind, body.filename, body.media_type, len(content), sha, content, ctx.now()),
        )
        return 201, full_json(conn, row)

    return await idempotent(request, operator.scope, write)


@router.post(
    "/permit-requests/{request_id}/submit", response_model=PermitRequest, responses=_CHANGES, dependencies=[KEYED]
)
async def submit_permit_request(
    request: Request, request_id: RequestId, operator: CurrentOperator, ctx: Context
) -> Response:
    """Submit a draft: it gets its tracking number. Submitting it again answers it as it is."""
    _counter(operator)
    rid = _request_id(request_id)

    def write(conn: sqlite3.Connection) -> tuple[int, dict[str, Any]]:
        row = _row(conn, operator, rid)
        if row["status"] == "draft":
            now = ctx.now()
            tracking = tracking_text(next_tracking_number(conn))
            conn.execute(
                "UPDATE permit_requests SET status = 'submitted', submitted_at = ?, tracking_number = ? WHERE id = ?",
                (now, tracking, rid),
            )
            add_history(conn, rid, "submitted", now)
            row = _row(conn, operator, rid)
        return 200, full_json(conn, row)

    return await idempotent(request, operator.scope, write)


@router.get("/permit-requests/{request_id}", response_model=PermitRequest, responses=problems(401, 403, 404))
def get_permit_request(request_id: RequestId, operator: CurrentOperator, ctx: Context) -> dict[str, Any]:
    """One request of this office, with its attachments (metadata) and its status history."""
    _counter(operator)
    rid = _request_id(request_id)
    with ctx.db.connect() as conn:
        return full_json(conn, _row(conn, operator, rid))


@router.get("/permit-requests", response_model=PermitRequestPage, responses=problems(401, 403, 422))
def list_permit_requests(
    operator: CurrentOperator,
    ctx: Context,
    status: Annotated[str | None, Query(json_schema_extra={"enum": list(STATUSES)})] = None,
    from_: Annotated[str | None, Query(alias="from", description="Created on or after this UTC date.", **DAY)] = None,
    to: Annotated[str | None, Query(description="Created on or before this UTC date.", **DAY)] = None,
    national_id: str | None = None,
    renovation_code: Annotated[str | None, Query(json_schema_extra={"pattern": CODE_PATTERN})] = None,
    tracking_number: str | None = None,
    page: Annotated[int, Query(ge=1, le=PAGE_MAX)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
) -> dict[str, Any]:
    """The office's requests, newest first, filtered and paged (`total` counts every match)."""
    _counter(operator)
    where: list[str] = ["r.office_code = ?"]
    params: list[Any] = [operator.office_code]
    if status is not None:
        if status not in STATUSES:
            raise _invalid([{"field": "status", "message": f"Must be one of: {', '.join(STATUSES)}."}])
        where.append("r.status = ?")
        params.append(status)
    if from_ is not None:
        where.append("r.created_at >= ?")
        params.append(_day_start(from_, "from"))
    if to is not None:
        where.append("r.created_at < ?")
        params.append(_day_start(to, "to") + 86_400)
    for column, value in (("national_id", national_id), ("tracking_number", tracking_number)):
        if value:
            where.append(f"r.{column} = ?")
            params.append(normalize_digits(value).strip().upper())
    if renovation_code is not None:
        try:
            code = parse_renovation_code(renovation_code)[0]
        except CaseError as exc:
            raise _invalid([{"field": "renovation_code", "message": exc.reason_en}]) from None
        where.append("r.renovation_code = ?")
        params.append(code)
    clause = " AND ".join(where)
    with ctx.db.connect() as conn:
        total = conn.execute(f"SELECT COUNT(*) FROM permit_requests r WHERE {clause}", params).fetchone()[0]
        rows = conn.execute(
            f"{SELECT_REQUEST} WHERE {clause} ORDER BY r.created_at DESC, r.id LIMIT ? OFFSET ?",
            (*params, page_size, (page - 1) * page_size),
        ).fetchall()
    return {"items": [summary_json(r) for r in rows], "total": total, "page": page, "page_size": page_size}

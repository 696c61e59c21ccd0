"""Parcels of the demo city: one by renovation code, with its rules derived from the zoning layer; or a page of them,
found by renovation code, postal code or registration plate. Counter and notary operators may read them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from starlette.responses import Response

from civic.errors import CivicValueError
from civic.geo import GeometryError
from civic.ids import postal_code as parse_postal_code
from civic.text import normalize_text
from fees.errors import CaseError
from fees.fields import renovation_code as parse_renovation_code
from sandbox.auth import CurrentOperator, Operator
from sandbox.case_schema import CODE_PATTERN
from sandbox.context import Context
from sandbox.parcel_schemas import Parcel, ParcelPage
from sandbox.parcels import ORDER, ParcelNotZoned, parcel_json, parcel_row, summary_json, zoning_layer
from sandbox.problems import ProblemError, json_response
from sandbox.roles import COUNTER, NOTARY, require_roles
from sandbox.routes import PAGE_MAX, problems
from sandbox.tariff_routes import Shelf

router = APIRouter(tags=["parcels"], dependencies=[require_roles(COUNTER, NOTARY)])
MAX_PAGE_SIZE = 200
READERS = (COUNTER, NOTARY)
# the shapes the parsers accept (digits in any script are read too, so a form may send what the operator typed)
CODE_SCHEMA: dict[str, Any] = {"json_schema_extra": {"pattern": CODE_PATTERN}, "examples": ["2-14-123-45-0-0"]}
POSTAL_SCHEMA: dict[str, Any] = {"json_schema_extra": {"pattern": "^[0-9]{10}$"}}


def _reader(operator: Operator) -> None:
    if not any(role in operator.roles for role in READERS):
        raise ProblemError(403, "forbidden", "Only a counter or notary operator may read parcels.")


def _invalid(field: str, message: str) -> ProblemError:
    return ProblemError(
        422,
        "validation-failed",
        "The request has invalid or missing fields.",
        errors=[{"field": field, "message": message}],
    )


def _code(raw: str) -> str:
    try:
        return parse_renovation_code(raw)[0]
    except CaseError as exc:
        raise _invalid("renovation_code", exc.reason_en) from None


@router.get("/parcels/{renovation_code}", response_model=Parcel, responses=problems(401, 403, 404, 422))
def get_parcel(
    renovation_code: Annotated[str, Path(**CODE_SCHEMA)], operator: CurrentOperator, ctx: Context, shelf: Shelf
) -> Response:
    """The parcel, its owners, its polygon and the rules the zoning layer gives it now."""
    _reader(operator)
    code = _code(renovation_code)
    with ctx.db.connect() as conn:
        row = parcel_row(conn, code)
        if row is None:
            raise ProblemError(404, "parcel-not-found", f"No parcel has the renovation code {code}.")
        try:
            zones = zoning_layer(conn)
        except (ValueError, ArithmeticError) as exc:  # a zone row edited by hand (GeometryError is one)
            raise ProblemError(500, "zoning-layer-invalid", f"The zoning layer cannot be read: {exc}.") from None
    p_value = shelf.current.book.regional_value(row["block"])
    rials = int(p_value.to_integral_value(ROUND_HALF_UP)) if p_value is not None else None
    try:
        return json_response(200, parcel_json(row, zones, rials))
    except ParcelNotZoned:
        raise ProblemError(
            500, "parcel-not-zoned", f"No zone of the zoning layer covers the parcel {code}; its rules are unknown."
        ) from None
    except GeometryError as exc:  # a zone row edited by hand into something that is not a convex polygon
        raise ProblemError(500, "zoning-layer-invalid", f"The zoning layer cannot be read: {exc}.") from None


@router.get("/parcels", response_model=ParcelPage, responses=problems(401, 403, 422))
def list_parcels(
    operator: CurrentOperator,
    ctx: Context,
    renovation_code: Annotated[str | None, Query(**CODE_SCHEMA)] = None,
    postal_code: Annotated[str | None, Query(**POSTAL_SCHEMA)] = None,
    plate: Annotated[str | None, Query(description="The registration plate, main/sub, e.g. 1234/56.")] = None,
    page: Annotated[int, Query(ge=1, le=PAGE_MAX)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
) -> Response:
    """Parcels ordered by renovation code, filtered (each filter an exact match, any digits) and paged."""
    _reader(operator)
    where: list[str] = []
    params: list[Any] = []
    if renovation_code is not None:  # an empty one is a malformed code (422): a client leaves an unused filter out
        where.append("renovation_code = ?")
        params.append(_code(renovation_code))
    if postal_code is not None:
        try:
            params.append(parse_postal_code(postal_code))
        except CivicValueError as exc:
            raise _invalid("postal_code", exc.message("en")) from None
        where.append("postal_code = ?")
    if plate:
        where.append("registration_plate = ?")
        params.append(normalize_text(plate).replace(" ", ""))
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    with ctx.db.connect() as conn:
        total = conn.execute(f"SELECT COUNT(*) FROM parcels {clause}", params).fetchone()[0]
        rows = conn.execute(
            f"SELECT * FROM parcels {clause} ORDER BY {ORDER} LIMIT ? OFFSET ?",
            (*params, page_size, (page - 1) * page_size),
        ).fetchall()
    return json_response(
        200, {"items": [summary_json(r) for r in rows], "total": total, "page": page, "page_size": page_size}
    )

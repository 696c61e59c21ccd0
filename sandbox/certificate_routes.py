"""Certificates a notary office requests for a parcel, issued at once when their conditions hold:

- clearance «مفاصاحساب»: the parcel has no unpaid bill; valid three months;
- completion «پایان کار»: the building is completed and no violation waits for the ماده ۱۰۰ commission; never expires;
- no-violation «عدم خلاف»: the building is under construction and has no violation; valid three months.

Otherwise the request is refused with 422 naming the condition (its `type` slug says which). `PUT /certificates/{id}`
is idempotent by its address like an inquiry: the same kind and parcel again answer the same certificate (200).
The content is `printing.model.Certificate`, field for field.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from civic.text import to_persian_digits
from fees.errors import CaseError
from sandbox.auth import CurrentOperator
from sandbox.bills_store import bills_of_parcel, unpaid_bills
from sandbox.context import Context
from sandbox.documents import issue_document
from sandbox.idempotency import IDEMPOTENCY_KEY_HEADER, idempotent, resource_id
from sandbox.inquiry_routes import InquiryId
from sandbox.inquiry_schemas import CertificateIn, CertificateRecord
from sandbox.inquiry_store import canonical_code, certificate_json, fields_digest
from sandbox.issuer import (
    COMPLETED,
    MUNICIPALITY,
    SIGNATORY_NAME,
    SIGNATORY_TITLE,
    UNDER_CONSTRUCTION,
    ParcelFacts,
    issued_instant,
    jalali_year,
    next_document_number,
    parcel_facts,
    rials_text,
    valid_until,
)
from sandbox.parcels import parcel_row
from sandbox.problems import ProblemError
from sandbox.problems import validation_failed as invalid
from sandbox.roles import NOTARY, require_roles
from sandbox.routes import problems

router = APIRouter(tags=["certificates"], dependencies=[require_roles(NOTARY)])
NOTES = {
    "clearance": "این گواهی نبود بدهی ملک به شهرداری را تا تاریخ صدور گواهی می‌کند.",
    "completion": "ساختمان مطابق پروانه به پایان رسیده است؛ این گواهی برای نقل و انتقال قطعی ارائه می‌شود.",
    "no-violation": "تا تاریخ بازدید، تخلفی از مفاد پروانه در ساختمان در حال احداث مشاهده نشده است.",
}
_CREATED: dict[int | str, dict[str, Any]] = {
    201: {"model": CertificateRecord, "description": "Issued under the client's id."}
}


def _refused(slug: str, message: str) -> ProblemError:
    return ProblemError(
        422,
        slug,
        f"The certificate cannot be issued: {message}",
        errors=[{"field": "renovation_code", "message": message}],
    )


def check_condition(conn: sqlite3.Connection, kind: str, facts: ParcelFacts) -> None:
    """Nothing when the certificate may be issued; else the 422 problem naming the condition that does not hold."""
    if kind == "clearance" and unpaid_bills(conn, facts.renovation_code):
        raise _refused("parcel-has-debts", "The parcel has unpaid bills: a clearance needs every bill paid.")
    if kind == "completion":
        if facts.building != COMPLETED:
            raise _refused("building-not-completed", "The parcel has no completed building.")
        if facts.violation_pending:
            raise _refused("violation-pending", "A violation of the building waits for the Article 100 commission.")
    if kind == "no-violation":
        if facts.building != UNDER_CONSTRUCTION:
            raise _refused("building-not-under-construction", "The parcel has no building under construction.")
        if facts.violations:
            raise _refused("parcel-has-violations", "The building has a recorded violation.")


def _permit_number(facts: ParcelFacts, now: float) -> str:
    year = jalali_year(now) - 2 - facts.number % 3
    return f"{year}/{facts.number * 37 % 9000 + 1000}"


def _facts(conn: sqlite3.Connection, kind: str, facts: ParcelFacts, now: float) -> list[list[str]]:
    if kind == "clearance":
        return [["بدهی عوارض نوسازی", "ندارد"], ["بدهی عوارض کسب و پیشه", "ندارد"], ["بدهی عوارض پسماند", "ندارد"]]
    built = int(facts.land_area_m2 * facts.floors * 6 / 10)
    permit = _permit_number(facts, now)
    if kind == "completion":
        return [
            ["شماره پروانه ساختمانی", permit],
            ["تعداد طبقات", f"{facts.floors} طبقه روی پیلوت"],
            ["زیربنای کل", f"{built} متر مربع"],
        ]
    return [["شماره پروانه ساختمانی", permit], ["مرحله ساخت", "اسکلت و سقف طبقه اول"]]


def _persian_facts(facts: list[list[str]]) -> list[list[str]]:
    return [[label, to_persian_digits(value)] for label, value in facts]


def certificate_content(
    conn: sqlite3.Connection, kind: str, facts: ParcelFacts, now: float, number: str
) -> dict[str, Any]:
    """`printing.model.Certificate`, field for field (its "kind" is the certificate kind, as its seal's)."""
    paid = sum(int(b["amount_rials"]) for b in bills_of_parcel(conn, facts.renovation_code) if b["status"] == "paid")
    notes = NOTES[kind]
    if kind == "clearance" and paid:
        notes = f"{notes} جمع پرداخت‌های ثبت‌شده: {rials_text(paid)} ریال."
    return {
        "kind": kind,
        "number": number,
        "issued_at": issued_instant(now),
        "certificate_kind": kind,
        "municipality": MUNICIPALITY,
        "owner_name": facts.owner_name,
        "owner_national_id": facts.owner_national_id,
        "parcel": facts.parcel_content(),
        "valid_until": None if kind == "completion" else valid_until(now),
        "facts": _persian_facts(_facts(conn, kind, facts, now)),
        "fees_paid_rials": paid if kind == "clearance" else 0,
        "notes": notes,
        "signatory_name": SIGNATORY_NAME,
        "signatory_title": SIGNATORY_TITLE,
    }


@router.put(
    "/certificates/{certificate_id}",
    response_model=CertificateRecord,
    responses={**_CREATED, **problems(400, 401, 403, 404, 409, 422)},
    dependencies=[IDEMPOTENCY_KEY_HEADER],
)
async def put_certificate(
    request: Request, certificate_id: InquiryId, body: CertificateIn, operator: CurrentOperator, ctx: Context
) -> Response:
    """Issue the certificate under the client's UUID when its condition holds (201); the same again answers it."""
    cid = resource_id(certificate_id)

    def write(conn: sqlite3.Connection) -> tuple[int, dict[str, Any]]:
        now = ctx.now()
        try:
            code = canonical_code(body.renovation_code)
        except CaseError as exc:
            raise invalid([{"field": "renovation_code", "message": exc.reason_en}]) from None
        parcel = parcel_row(conn, code)
        if parcel is None:
            raise invalid([{"field": "renovation_code", "message": "No parcel with this renovation code."}])
        digest = fields_digest({"kind": body.kind, "renovation_code": code})
        existing = conn.execute("SELECT * FROM certificates WHERE id = ?", (cid,)).fetchone()
        if existing is not None:
            if existing["office_code"] != operator.office_code or existing["fields_sha256"] != digest:
                raise ProblemError(
                    422,
                    "certificate-exists",
                    "A certificate with this id already exists for another kind or parcel; a new one needs a new id.",
                    errors=[{"field": "id", "message": "Already used for another certificate."}],
                )
            return 200, certificate_json(conn, existing)
        facts = parcel_facts(conn, parcel)
        check_condition(conn, body.kind, facts)
        number = next_document_number(conn, body.kind, now)
        content = certificate_content(conn, body.kind, facts, now, number)
        issue_document(
            conn,
            content=content,
            office_code=operator.office_code,
            holder=facts.owner_name,
            amount_rials=content["fees_paid_rials"],
            expires=content["valid_until"],
            now=now,
        )
        conn.execute(
            "INSERT INTO certificates (id, office_code, username, kind, renovation_code, fields_sha256, created_at,"
            " document_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (cid, *operator.scope, body.kind, code, digest, now, number),
        )
        row = conn.execute("SELECT * FROM certificates WHERE id = ?", (cid,)).fetchone()
        return 201, certificate_json(conn, row)

    return await idempotent(request, operator.scope, write)


@router.get("/certificates/{certificate_id}", response_model=CertificateRecord, responses=problems(401, 403, 404))
def get_certificate(certificate_id: InquiryId, operator: CurrentOperator, ctx: Context) -> dict[str, Any]:
    """One certificate this office requested, with its sealed document."""
    cid = resource_id(certificate_id)
    with ctx.db.connect() as conn:
        row = conn.execute(
            "SELECT * FROM certificates WHERE id = ? AND office_code = ?", (cid, operator.office_code)
        ).fetchone()
        if row is None:
            raise ProblemError(404, "certificate-not-found", "No certificate with this id exists for this office.")
        return certificate_json(conn, row)

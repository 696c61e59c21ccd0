"""Payments of bills at the cashier's counter, and their voids (cashier role only).

- `PUT /payments/{id}` (the client's UUID) pays one or several bills with a card in the operator's open cashier
  session: the server checks each bill id and payment id (422 naming `bills[i].bill_id` / `bills[i].payment_id`),
  refuses an amount that is not the bills' total (422 `amount_rials`), a bill that is already paid (409 naming it)
  and a session that is not open or not the operator's (409); otherwise it records the payment, takes the bills,
  and issues the sealed receipt with the next receipt number (sandbox/cashier_store.py) — all in one transaction.
  The same id with the same body again answers the same payment (200): a payment is never recorded twice, however
  often the desk resends it, and the receipt number is the one given the first time. The same id with another body
  is 422 `payment-exists`.
- `POST /payments/{id}/void` `{"reason"}`: a linked correction, never a delete. Only while the payment's session is
  open and by its operator (else 409 `cashier-session-closed`); the payment stays, marked voided with the time, the
  reason and who; its bills are unpaid again; its receipt is revoked (it appears in `GET /revocations`). Voiding a
  voided payment again with the same reason answers it as it is; with another reason, 409 `payment-voided`.
- `GET /payments/{id}`: a payment of this office.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from civic.bills import BillIdError, parse_bill
from civic.errors import CivicValueError
from civic.ids import national_id as parse_national_id
from sandbox.auth import CurrentOperator, Operator
from sandbox.bills_store import bill_row, mark_paid, mark_unpaid
from sandbox.cashier_routes import CONFLICT
from sandbox.cashier_schemas import Payment, PaymentIn, VoidIn
from sandbox.cashier_store import (
    business_date,
    issue_receipt,
    next_receipt_number,
    payment_json,
    payment_row,
    receipt_content,
    session_row,
)
from sandbox.context import Context
from sandbox.documents import revoke_document
from sandbox.idempotency import IDEMPOTENCY_KEY_HEADER, idempotent, resource_id
from sandbox.permit_bills import permit_paid, permit_unpaid
from sandbox.problems import ProblemError, validation_failed
from sandbox.roles import CASHIER, require_roles
from sandbox.routes import UUID_PATH, problems

router = APIRouter(tags=["cashier"], dependencies=[require_roles(CASHIER)])
PaymentId = Annotated[str, Path(**UUID_PATH)]
KEYED = IDEMPOTENCY_KEY_HEADER
_CHANGES = problems(400, 401, 403, 404, 409, 422)
SESSION_CLOSED = "The cashier session is closed."


def _canonical(body: PaymentIn) -> dict[str, Any]:
    """The payment's fields as stored, or a 422 naming every field that is wrong on its own."""
    errors: list[dict[str, str]] = []
    refs: list[tuple[str, str]] = []
    for i, bill in enumerate(body.bills):
        try:
            ref = parse_bill(bill.bill_id, bill.payment_id)
        except BillIdError as exc:
            errors.append({"field": f"bills[{i}].{exc.field}", "message": exc.message("en")})
            continue
        if (ref.bill_id, ref.payment_id) in refs:
            errors.append({"field": f"bills[{i}]", "message": "The same bill is listed twice."})
        refs.append((ref.bill_id, ref.payment_id))
    try:
        payer_national_id = parse_national_id(body.payer_national_id)
    except CivicValueError as exc:
        errors.append({"field": "payer_national_id", "message": exc.message("en")})
        payer_national_id = ""
    if errors:
        raise validation_failed(errors)
    return {
        "cashier_session_id": body.cashier_session_id.lower(),
        "bills": refs,
        "amount_rials": body.amount_rials,
        "method": body.method,
        "rrn": body.rrn,
        "trace": body.trace,
        "card_mask": body.card_mask,
        "payer_name": " ".join(body.payer_name.split()),
        "payer_national_id": payer_national_id,
    }


def _digest(fields: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _open_session(conn: sqlite3.Connection, operator: Operator, session_id: str) -> sqlite3.Row:
    row = session_row(conn, session_id)
    field = [{"field": "cashier_session_id", "message": "Must be the operator's open cashier session."}]
    if row is None or (row["office_code"], row["username"]) != operator.scope:
        raise ProblemError(
            CONFLICT, "cashier-session-not-yours", "This is not a cashier session of this operator.", errors=field
        )
    if row["status"] != "open":
        raise ProblemError(CONFLICT, "cashier-session-closed", SESSION_CLOSED, errors=field)
    return row


def _bills(conn: sqlite3.Connection, refs: list[tuple[str, str]]) -> list[sqlite3.Row]:
    rows = []
    for i, (bill_id, pay_id) in enumerate(refs):
        row = bill_row(conn, bill_id, pay_id)
        if row is None:
            raise validation_failed([{"field": f"bills[{i}]", "message": f"No bill {bill_id} / {pay_id}."}])
        if row["status"] != "unpaid":
            raise ProblemError(
                CONFLICT,
                "bill-paid",
                f"The bill {bill_id} / {pay_id} is already paid.",
                errors=[{"field": f"bills[{i}]", "message": f"Bill {bill_id} / {pay_id} is already paid."}],
            )
        rows.append(row)
    return rows


def _record(
    conn: sqlite3.Connection, operator: Operator, pid: str, fields: dict[str, Any], digest: str, now: float
) -> None:
    session = _open_session(conn, operator, fields["cashier_session_id"])
    bills = _bills(conn, fields["bills"])
    total = sum(int(b["amount_rials"]) for b in bills)
    if fields["amount_rials"] != total:
        raise validation_failed([{"field": "amount_rials", "message": f"Must equal the bills' total, {total} rials."}])
    number, serial = next_receipt_number(conn, operator.office_code, now)
    tracking = business_date(now).replace("/", "") + f"{serial:06d}"
    conn.execute(
        "INSERT INTO payments (id, fields_sha256, office_code, username, cashier_session_id, receipt_number,"
        " amount_rials, method, rrn, trace, card_mask, payer_name, payer_national_id, paid_at, business_date,"
        " status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'paid')",
        (
            pid,
            digest,
            *operator.scope,
            session["id"],
            number,
            total,
            *(fields["method"], fields["rrn"], fields["trace"], fields["card_mask"]),
            *(fields["payer_name"], fields["payer_national_id"]),
            now,
            session["business_date"],
        ),
    )
    for position, bill in enumerate(bills):
        conn.execute(
            "INSERT INTO payment_bills (payment, position, bill_id, payment_id, kind, amount_rials)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (pid, position, bill["bill_id"], bill["payment_id"], bill["kind"], bill["amount_rials"]),
        )
        if not mark_paid(conn, bill["bill_id"], bill["payment_id"], pid):
            raise ProblemError(CONFLICT, "bill-paid", f"The bill {bill['bill_id']} is already paid.")
        if bill["permit_request_id"] is not None:
            permit_paid(conn, bill["permit_request_id"], number, now)
    content = receipt_content(
        number=number,
        issued_at=now,
        office_code=operator.office_code,
        office_name=operator.office_name,
        operator_name=operator.display_name,
        terminal_id=session["terminal_id"],
        payer_name=fields["payer_name"],
        payer_national_id=fields["payer_national_id"],
        bills=bills,
        card_mask=fields["card_mask"],
        rrn=fields["rrn"],
        tracking_code=tracking,
    )
    issue_receipt(conn, content, operator.office_code, now)


@router.put(
    "/payments/{payment_id}",
    response_model=Payment,
    responses={201: {"model": Payment, "description": "Recorded under the client's id."}, **_CHANGES},
    dependencies=[KEYED],
)
async def put_payment(
    request: Request, payment_id: PaymentId, body: PaymentIn, operator: CurrentOperator, ctx: Context
) -> Response:
    """Pay bills with a card in the operator's open session (201, with the sealed receipt); the same body again
    answers the same payment (200)."""
    pid = resource_id(payment_id)

    def write(conn: sqlite3.Connection) -> tuple[int, dict[str, Any]]:
        fields = _canonical(body)
        digest = _digest(fields)
        existing = payment_row(conn, pid)
        if existing is not None:
            if existing["office_code"] != operator.office_code or existing["fields_sha256"] != digest:
                raise ProblemError(
                    422,
                    "payment-exists",
                    "A payment with this id already exists with other fields; a new payment needs a new id.",
                    errors=[{"field": "id", "message": "Already used for another payment."}],
                )
            return 200, payment_json(conn, existing)
        _record(conn, operator, pid, fields, digest, ctx.now())
        row = payment_row(conn, pid)
        assert row is not None
        return 201, payment_json(conn, row)

    return await idempotent(request, operator.scope, write)


def _office_payment(conn: sqlite3.Connection, operator: Operator, pid: str) -> sqlite3.Row:
    row = payment_row(conn, pid)
    if row is None or row["office_code"] != operator.office_code:
        raise ProblemError(404, "payment-not-found", "No payment with this id exists for this office.")
    return row


@router.get("/payments/{payment_id}", response_model=Payment, responses=problems(401, 403, 404))
def get_payment(payment_id: PaymentId, operator: CurrentOperator, ctx: Context) -> dict[str, Any]:
    """One payment of this office, with its bills, its receipt and its void if any."""
    pid = resource_id(payment_id)
    with ctx.db.connect() as conn:
        return payment_json(conn, _office_payment(conn, operator, pid))


@router.post("/payments/{payment_id}/void", response_model=Payment, responses=_CHANGES, dependencies=[KEYED])
async def void_payment(
    request: Request, payment_id: PaymentId, body: VoidIn, operator: CurrentOperator, ctx: Context
) -> Response:
    """Void a payment of the operator's open session with a reason: its bills are unpaid again and its receipt is
    revoked; the payment itself stays, marked voided."""
    pid = resource_id(payment_id)
    reason = body.reason.strip()

    def write(conn: sqlite3.Connection) -> tuple[int, dict[str, Any]]:
        row = _office_payment(conn, operator, pid)
        if row["status"] == "voided":
            if row["void_reason"] == reason:
                return 200, payment_json(conn, row)
            raise ProblemError(CONFLICT, "payment-voided", "This payment is already voided.")
        session = session_row(conn, row["cashier_session_id"])
        if session is None or session["status"] != "open":
            raise ProblemError(CONFLICT, "cashier-session-closed", SESSION_CLOSED)
        if session["username"] != operator.username:
            raise ProblemError(
                CONFLICT, "cashier-session-not-yours", "Only the operator of the payment's session may void it."
            )
        now = ctx.now()
        conn.execute(
            "UPDATE payments SET status = 'voided', void_at = ?, void_reason = ?, void_by = ? WHERE id = ?",
            (now, reason, operator.username, pid),
        )
        permits = conn.execute(
            "SELECT DISTINCT b.permit_request_id FROM payment_bills pb JOIN bills b ON b.bill_id = pb.bill_id"
            " AND b.payment_id = pb.payment_id WHERE pb.payment = ? AND b.permit_request_id IS NOT NULL",
            (pid,),
        ).fetchall()
        mark_unpaid(conn, pid)
        for permit in permits:
            permit_unpaid(conn, permit[0], row["receipt_number"], now)
        revoke_document(conn, row["receipt_number"], reason, now)
        return 200, payment_json(conn, _office_payment(conn, operator, pid))

    return await idempotent(request, operator.scope, write)

"""The municipality's reply to an inquiry: computed from the parcel once the inquiry's delay has passed, sealed and
issued in one transaction, never twice.

The reply states the parcel's unpaid bills (sandbox/bills_store.py), for a transfer the transfer fee of the tariff
book in force that day (computed by `fees`, as `pishkhan fees preview` does for a transfer case), the parcel's
violations and their commission status, its plan status, and whether the transaction may proceed: not while a
violation waits for the ماده ۱۰۰ commission; on condition of paying the debts when there are any; otherwise without
condition. Its content is `printing.model.InquiryReply`, field for field.

A reply is made on the first read after `answer_due_at` (or at once when the delay is 0): every reader takes the
write lock (`BEGIN IMMEDIATE`) before it looks again, so two readers at once get the same reply.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from sandbox.bills_store import unpaid_bills
from sandbox.db import transaction
from sandbox.documents import issue_document
from sandbox.issuer import (
    MUNICIPALITY,
    SIGNATORY_NAME,
    SIGNATORY_TITLE,
    ParcelFacts,
    issued_instant,
    next_document_number,
    office_name,
    parcel_facts,
    rials_text,
    valid_until,
)
from sandbox.parcels import parcel_row
from sandbox.permit_lifecycle import jalali_day
from sandbox.tariff_routes import TariffShelf

REPLY_KIND = "inquiry-reply"
TYPE_TITLES = {
    "transfer": "استعلام نقل و انتقال (تبصره ۸ ماده ۱۰۰)",
    "mortgage": "استعلام رهن بانکی",
}
UTILITY_TITLES = {"water": "استعلام انشعاب آب", "gas": "استعلام انشعاب گاز", "power": "استعلام انشعاب برق"}
WHAT = {"transfer": "نقل و انتقال", "mortgage": "تنظیم سند رهنی", "utility": "واگذاری انشعاب"}
BEFORE = {"transfer": "پیش از تنظیم سند", "mortgage": "پیش از تنظیم سند", "utility": "پیش از واگذاری انشعاب"}


def inquiry_title(inquiry_type: str, utility: str | None) -> str:
    if inquiry_type == "utility":
        return UTILITY_TITLES.get(utility or "", "استعلام انشعاب")
    return TYPE_TITLES[inquiry_type]


def transfer_fee(shelf: TariffShelf, facts: ParcelFacts, now: float) -> int:
    """The transfer fee of the parcel under the book in force on the day of `now` (the fees engine's figure)."""
    case = {
        "renovation_code": facts.renovation_code,
        "date": jalali_day(now),
        "purpose": "transfer",
        "land_area_m2": format(facts.land_area_m2, "f"),
        "renovation_years": 0,
    }
    return shelf.assess(json.dumps(case).encode("utf-8")).total_rials


def decision(inquiry_type: str, facts: ParcelFacts, debts_rials: int) -> tuple[bool, str]:
    """(may the transaction proceed, its condition or the reason it may not); no condition when nothing is owed."""
    if facts.violation_pending:
        what = WHAT[inquiry_type]
        return False, (f"به علت تخلف ساختمانی در انتظار رسیدگی کمیسیون ماده ۱۰۰، {what} تا صدور رأی کمیسیون مجاز نیست")
    if debts_rials > 0:
        return True, f"پرداخت بدهی‌ها به مبلغ {rials_text(debts_rials)} ریال {BEFORE[inquiry_type]}"
    return True, ""


def reply_content(
    conn: sqlite3.Connection, inquiry: sqlite3.Row, shelf: TariffShelf, now: float, number: str
) -> dict[str, Any]:
    """The content of the reply to `inquiry` (a row of `inquiries`), as `printing.model.InquiryReply`."""
    parcel = parcel_row(conn, inquiry["renovation_code"])
    assert parcel is not None  # an inquiry is made only for a parcel of the city
    facts = parcel_facts(conn, parcel)
    bills = unpaid_bills(conn, facts.renovation_code)
    debts = [{"title": str(b["title"]), "amount_rials": int(b["amount_rials"])} for b in bills]
    owed = sum(int(b["amount_rials"]) for b in bills)
    fee = transfer_fee(shelf, facts, now) if inquiry["type"] == "transfer" else 0
    allowed, condition = decision(inquiry["type"], facts, owed)
    requester = office_name(conn, inquiry["office_code"])
    return {
        "kind": REPLY_KIND,
        "number": number,
        "issued_at": issued_instant(now),
        "municipality": MUNICIPALITY,
        "inquiry_number": inquiry["number"],
        "inquiry_type": inquiry_title(inquiry["type"], inquiry["utility"]),
        "requester": requester,
        "owner_name": facts.owner_name,
        "parcel": facts.parcel_content(),
        "plan_status": facts.plan_status,
        "debts": debts,
        "violations": [
            {"description": v.description, "commission_status": v.commission_status} for v in facts.violations
        ],
        "transfer_fee_rials": fee,
        "transfer_allowed": allowed,
        "condition": condition,
        "valid_until": valid_until(now),
        "owner_national_id": facts.owner_national_id,
        "addressee": f"سردفتر محترم {requester}",
        "signatory_name": SIGNATORY_NAME,
        "signatory_title": SIGNATORY_TITLE,
    }


def issue_reply(conn: sqlite3.Connection, inquiry: sqlite3.Row, shelf: TariffShelf, now: float) -> str:
    """Compute, seal and keep the reply, and mark the inquiry answered (inside the caller's transaction)."""
    number = next_document_number(conn, REPLY_KIND, now)
    content = reply_content(conn, inquiry, shelf, now, number)
    total = sum(d["amount_rials"] for d in content["debts"]) + content["transfer_fee_rials"]
    issue_document(
        conn,
        content=content,
        office_code=inquiry["office_code"],
        holder=content["owner_name"],
        amount_rials=total,
        expires=content["valid_until"],
        now=now,
    )
    conn.execute("UPDATE inquiries SET answered_at = ?, reply_number = ? WHERE id = ?", (now, number, inquiry["id"]))
    return number


_DUE = "SELECT * FROM inquiries WHERE answered_at IS NULL AND answer_due_at <= ? AND office_code = ?"


def answer_due(
    conn: sqlite3.Connection, shelf: TariffShelf, now: float, office_code: str, inquiry_id: str | None = None
) -> int:
    """Answer the office's inquiries whose time has come (inside the caller's transaction); how many were."""
    query, params = _DUE, [now, office_code]
    if inquiry_id is not None:
        query, params = f"{_DUE} AND id = ?", [*params, inquiry_id]
    rows = conn.execute(f"{query} ORDER BY answer_due_at, id", params).fetchall()
    for row in rows:
        issue_reply(conn, row, shelf, now)
    return len(rows)


def answer_if_due(
    conn: sqlite3.Connection, shelf: TariffShelf, now: float, office_code: str, inquiry_id: str | None = None
) -> None:
    """Before a read: answer what is due, in a transaction of its own; no write lock when nothing is."""
    query, params = _DUE, [now, office_code]
    if inquiry_id is not None:
        query, params = f"{_DUE} AND id = ?", [*params, inquiry_id]
    if conn.execute(f"SELECT EXISTS ({query})", params).fetchone()[0]:
        with transaction(conn):
            answer_due(conn, shelf, now, office_code, inquiry_id)

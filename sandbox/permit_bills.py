"""A permit request's assessment as a bill the cashier takes, and the request's status as it is paid or voided.

Once the municipality has assessed a permit request (sandbox/permit_lifecycle.py), its fees are owed: the request
appears as a bill of kind `permit`, billed to the applicant, «عوارض صدور پروانه ساختمانی» with its tracking number,
for the assessment's total. The bill is made when bills are next looked up (`sync_permit_bills`, idempotent). Its
bill id's file number is the tracking number's digits and the kind digit 4 (PR-100123 → 1001234). An assessment
whose total is not a whole number of thousands of rials is not billed (a payment id carries thousands).

Paying the bill moves the request from «assessed» to «paid» (with the receipt number in its history); voiding that
payment moves it back to «assessed», also in its history.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from civic.bills import MAX_AMOUNT_RIALS, make_bill_id, make_payment_id
from civic.jalali import TEHRAN, to_jalali
from sandbox.bills_seed import KIND_DIGITS
from sandbox.bills_store import BILL_TITLES
from sandbox.permit_store import add_history

ASSESSED = "assessed"
PAID = "paid"


def sync_permit_bills(conn: sqlite3.Connection) -> int:
    """Make the bill of every assessed request that has none yet (inside the caller's transaction); how many."""
    rows = conn.execute(
        "SELECT r.id, r.tracking_number, r.applicant_name, r.national_id, r.renovation_code, a.total_rials,"
        " a.computed_at FROM permit_requests r JOIN permit_assessments a ON a.request_id = r.id"
        " WHERE r.status = ? AND r.tracking_number IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.permit_request_id = r.id)",
        (ASSESSED,),
    ).fetchall()
    made = 0
    for row in rows:
        total = int(row["total_rials"])
        digits = "".join(ch for ch in row["tracking_number"] if ch.isascii() and ch.isdigit())
        if total <= 0 or total % 1000 or total > MAX_AMOUNT_RIALS or not digits or len(digits) > 7:
            continue
        year = to_jalali(dt.datetime.fromtimestamp(row["computed_at"], TEHRAN))[0]
        bill_id = make_bill_id(int(digits) * 10 + KIND_DIGITS["permit"])
        conn.execute(
            "INSERT OR IGNORE INTO bills (bill_id, payment_id, kind, title, period, renovation_code, payer_name,"
            " payer_national_id, amount_rials, permit_request_id) VALUES (?, ?, 'permit', ?, ?, ?, ?, ?, ?, ?)",
            (
                bill_id,
                make_payment_id(bill_id, total, year=year),
                f"{BILL_TITLES['permit']} {row['tracking_number']}",
                str(year),
                row["renovation_code"],
                row["applicant_name"],
                row["national_id"],
                total,
                row["id"],
            ),
        )
        made += 1
    return made


def permit_paid(conn: sqlite3.Connection, request_id: str, receipt_number: str, now: float) -> None:
    """The request whose bill a payment took is «paid» (if it is still «assessed»)."""
    moved = conn.execute(
        "UPDATE permit_requests SET status = ? WHERE id = ? AND status = ?", (PAID, request_id, ASSESSED)
    ).rowcount
    if moved:
        add_history(conn, request_id, PAID, now, f"رسید پرداخت {receipt_number}")


def permit_unpaid(conn: sqlite3.Connection, request_id: str, receipt_number: str, now: float) -> None:
    """The payment of the request's bill was voided: it is «assessed» again (if it is still «paid»)."""
    moved = conn.execute(
        "UPDATE permit_requests SET status = ? WHERE id = ? AND status = ?", (ASSESSED, request_id, PAID)
    ).rowcount
    if moved:
        add_history(conn, request_id, ASSESSED, now, f"پرداخت {receipt_number} باطل شد")

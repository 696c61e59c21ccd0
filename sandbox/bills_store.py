"""Municipal bills, cashier sessions and payments in the sandbox database.

A bill is one amount a citizen owes the municipality for one thing and one period: the renovation fee of a year
(عوارض نوسازی), the waste fee (عوارض پسماند), the business fee of a shop (عوارض صنفی), or a permit's assessment.
It is known by the pair printed on it, the bill id and the payment id (شناسه قبض / شناسه پرداخت, civic/bills.py),
and it is `unpaid` until a payment takes it (`payment` names that payment); a void of that payment makes it `unpaid`
again. Bills are never deleted.

Other parts read a parcel's debts with `unpaid_bills(conn, renovation_code)` (the inquiry replies list them).
The demo bills are written by `sandbox/bills_seed.py`; the cashier endpoints live in sandbox/cashier_routes.py,
sandbox/payment_routes.py and sandbox/day_routes.py.
"""

from __future__ import annotations

import sqlite3
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS bills (
    bill_id TEXT NOT NULL,
    payment_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('renovation', 'waste', 'business', 'permit')),
    title TEXT NOT NULL,
    period TEXT NOT NULL,
    renovation_code TEXT NOT NULL,
    payer_name TEXT NOT NULL,
    payer_national_id TEXT NOT NULL,
    amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
    status TEXT NOT NULL DEFAULT 'unpaid' CHECK (status IN ('unpaid', 'paid')),
    payment TEXT,
    permit_request_id TEXT,
    PRIMARY KEY (bill_id, payment_id)
);
CREATE INDEX IF NOT EXISTS bills_by_parcel ON bills (renovation_code, status);
CREATE INDEX IF NOT EXISTS bills_by_payer ON bills (payer_national_id, status);
CREATE TABLE IF NOT EXISTS cashier_sessions (
    id TEXT PRIMARY KEY,
    office_code TEXT NOT NULL,
    username TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    float_rials INTEGER NOT NULL CHECK (float_rials >= 0),
    opened_at REAL NOT NULL,
    business_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    closed_at REAL,
    counted TEXT,
    close_sha256 TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS cashier_sessions_one_open ON cashier_sessions (office_code, username)
    WHERE status = 'open';
CREATE TABLE IF NOT EXISTS payments (
    id TEXT PRIMARY KEY,
    fields_sha256 TEXT NOT NULL,
    office_code TEXT NOT NULL,
    username TEXT NOT NULL,
    cashier_session_id TEXT NOT NULL REFERENCES cashier_sessions (id),
    receipt_number TEXT NOT NULL UNIQUE,
    amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
    method TEXT NOT NULL,
    rrn TEXT NOT NULL,
    trace TEXT NOT NULL,
    card_mask TEXT NOT NULL,
    payer_name TEXT NOT NULL,
    payer_national_id TEXT NOT NULL,
    paid_at REAL NOT NULL,
    business_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('paid', 'voided')),
    void_at REAL,
    void_reason TEXT,
    void_by TEXT
);
CREATE INDEX IF NOT EXISTS payments_by_day ON payments (office_code, business_date, paid_at);
CREATE INDEX IF NOT EXISTS payments_by_session ON payments (cashier_session_id);
CREATE TABLE IF NOT EXISTS payment_bills (
    payment TEXT NOT NULL REFERENCES payments (id),
    position INTEGER NOT NULL,
    bill_id TEXT NOT NULL,
    payment_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount_rials INTEGER NOT NULL,
    PRIMARY KEY (payment, position),
    FOREIGN KEY (bill_id, payment_id) REFERENCES bills (bill_id, payment_id)
)
"""

BILL_KINDS = ("renovation", "waste", "business", "permit")
BILL_TITLES = {
    "renovation": "عوارض نوسازی",
    "waste": "عوارض پسماند",
    "business": "عوارض صنفی",
    "permit": "عوارض صدور پروانه ساختمانی",
}


def unpaid_bills(conn: sqlite3.Connection, renovation_code: str) -> list[sqlite3.Row]:
    """A parcel's unpaid bills, oldest period first: each row has `bill_id`, `payment_id`, `kind`, `title` (Persian,
    with its period, e.g. «عوارض نوسازی سال ۱۴۰۳»), `period`, `payer_name`, `payer_national_id` and
    `amount_rials` (int). An empty list means the parcel owes nothing."""
    return conn.execute(
        "SELECT * FROM bills WHERE renovation_code = ? AND status = 'unpaid' ORDER BY period, kind, bill_id",
        (renovation_code,),
    ).fetchall()


def bills_of_payer(conn: sqlite3.Connection, national_id: str) -> list[sqlite3.Row]:
    """Every bill (paid or not) whose payer has this national id."""
    return conn.execute(
        "SELECT * FROM bills WHERE payer_national_id = ? ORDER BY renovation_code, period, kind, bill_id",
        (national_id,),
    ).fetchall()


def bills_of_parcel(conn: sqlite3.Connection, renovation_code: str) -> list[sqlite3.Row]:
    """Every bill (paid or not) of one parcel."""
    return conn.execute(
        "SELECT * FROM bills WHERE renovation_code = ? ORDER BY period, kind, bill_id", (renovation_code,)
    ).fetchall()


def bills_by_id(conn: sqlite3.Connection, bill_id: str, payment_id: str | None = None) -> list[sqlite3.Row]:
    """The bill with this pair, or every bill with this bill id (its periods) when no payment id is given."""
    if payment_id is not None:
        return conn.execute(
            "SELECT * FROM bills WHERE bill_id = ? AND payment_id = ?", (bill_id, payment_id)
        ).fetchall()
    return conn.execute("SELECT * FROM bills WHERE bill_id = ? ORDER BY period, payment_id", (bill_id,)).fetchall()


def bill_row(conn: sqlite3.Connection, bill_id: str, payment_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM bills WHERE bill_id = ? AND payment_id = ?", (bill_id, payment_id)
    ).fetchone()
    return row


def bill_json(row: sqlite3.Row) -> dict[str, Any]:
    """The API's shape of a bill."""
    return {
        "bill_id": row["bill_id"],
        "payment_id": row["payment_id"],
        "kind": row["kind"],
        "title": row["title"],
        "period": row["period"],
        "renovation_code": row["renovation_code"],
        "payer_name": row["payer_name"],
        "payer_national_id": row["payer_national_id"],
        "amount_rials": int(row["amount_rials"]),
        "status": row["status"],
        "payment": row["payment"],
    }


def mark_paid(conn: sqlite3.Connection, bill_id: str, payment_id: str, payment: str) -> bool:
    """Take an unpaid bill for `payment` (inside the caller's transaction); False when it is not unpaid."""
    cursor = conn.execute(
        "UPDATE bills SET status = 'paid', payment = ? WHERE bill_id = ? AND payment_id = ? AND status = 'unpaid'",
        (payment, bill_id, payment_id),
    )
    return cursor.rowcount == 1


def mark_unpaid(conn: sqlite3.Connection, payment: str) -> int:
    """Give back every bill a voided payment took; the number of bills."""
    cursor = conn.execute("UPDATE bills SET status = 'unpaid', payment = NULL WHERE payment = ?", (payment,))
    return cursor.rowcount

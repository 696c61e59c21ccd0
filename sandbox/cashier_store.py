"""Cashier sessions and payments in the sandbox database: their JSON, their totals, receipt numbers and receipts.

Receipt number: `R-<Jalali year>-<office digits>-<serial>`, e.g. `R-1404-1001-000017`: the Jalali year (Tehran) of the
payment, the digits of the office code (PK-1001 → 1001), and a 6-digit serial that runs per office and year from
000001. Only the server gives it, in the transaction that records the payment; a voided payment keeps its number
(numbers are never reused). The payment's tracking code (کد پیگیری) on the receipt is the Jalali date and the same
serial, `YYYYMMDD` + 6 digits, e.g. `14040911000017`.

The receipt is a sealed document (sandbox/documents.py) whose content is exactly the fields of
`printing.model.PaymentReceipt`: one line per bill (its title, amount and bill id), the bank the card belongs to
(`bank_name`, from the card number's first six digits), the card mask, the RRN and the tracking code.

A payment belongs to the business day of its cashier session (the Jalali day in Tehran when the session opened), so
a session's payments are all in one day list.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections import defaultdict
from typing import Any

from civic.jalali import TEHRAN, to_jalali
from sandbox.bills_store import bill_json
from sandbox.documents import IssuedDocument, get_document, issue_document
from sandbox.settings import iso_utc

RECEIPT_PREFIX = "R"
SERIAL_DIGITS = 6
# the card's first six digits (the issuer's BIN) -> the bank, as card terminals print it
BANKS = {
    "603799": "بانک ملی ایران",
    "589210": "بانک سپه",
    "627648": "بانک توسعه صادرات",
    "627961": "بانک صنعت و معدن",
    "603770": "بانک کشاورزی",
    "628023": "بانک مسکن",
    "627760": "پست بانک ایران",
    "502908": "بانک توسعه تعاون",
    "627412": "بانک اقتصاد نوین",
    "622106": "بانک پارسیان",
    "502229": "بانک پاسارگاد",
    "621986": "بانک سامان",
    "639346": "بانک سینا",
    "639607": "بانک سرمایه",
    "636214": "بانک آینده",
    "603769": "بانک صادرات ایران",
    "610433": "بانک ملت",
    "991975": "بانک ملت",
    "627353": "بانک تجارت",
    "585983": "بانک تجارت",
    "589463": "بانک رفاه کارگران",
}
OTHER_BANK = "بانک عضو شبکه شتاب"
_OFFICE_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def business_date(now: float) -> str:
    """The Jalali day in Tehran, YYYY/MM/DD (ASCII digits)."""
    y, m, d = to_jalali(dt.datetime.fromtimestamp(now, TEHRAN))
    return f"{y:04d}/{m:02d}/{d:02d}"


def bank_name(card_mask: str) -> str:
    return BANKS.get(card_mask[:6], OTHER_BANK)


def office_digits(office_code: str) -> str:
    return "".join(_OFFICE_DIGITS.findall(office_code)) or "0"


def next_receipt_number(conn: sqlite3.Connection, office_code: str, now: float) -> tuple[str, int]:
    """The next receipt number of the office in the Jalali year of `now`, and its serial."""
    year = business_date(now)[:4]
    prefix = f"{RECEIPT_PREFIX}-{year}-{office_digits(office_code)}-"
    row = conn.execute(
        "SELECT MAX(CAST(SUBSTR(receipt_number, ?) AS INTEGER)) FROM payments WHERE receipt_number LIKE ?",
        (len(prefix) + 1, prefix + "%"),
    ).fetchone()
    serial = (int(row[0]) if row is not None and row[0] is not None else 0) + 1
    return f"{prefix}{serial:0{SERIAL_DIGITS}d}", serial


def receipt_content(
    *,
    number: str,
    issued_at: float,
    office_code: str,
    office_name: str,
    operator_name: str,
    terminal_id: str,
    payer_name: str,
    payer_national_id: str,
    bills: list[sqlite3.Row],
    card_mask: str,
    rrn: str,
    tracking_code: str,
) -> dict[str, Any]:
    """The content of a payment receipt: `printing.model.PaymentReceipt`'s fields, every one, by hand."""
    codes = {b["renovation_code"] for b in bills}
    return {
        "kind": "receipt",
        "number": number,
        "issued_at": dt.datetime.fromtimestamp(int(issued_at), dt.UTC),
        "office_code": office_code,
        "office_name": office_name,
        "operator_name": operator_name,
        "terminal_id": terminal_id,
        "payer_name": payer_name,
        "payer_national_id": payer_national_id,
        "lines": [
            {"title": b["title"], "amount_rials": int(b["amount_rials"]), "reference": b["bill_id"]} for b in bills
        ],
        "bank_name": bank_name(card_mask),
        "card_mask": card_mask,
        "rrn": rrn,
        "tracking_code": tracking_code,
        "renovation_code": codes.pop() if len(codes) == 1 else "",
    }


def issue_receipt(conn: sqlite3.Connection, content: dict[str, Any], office_code: str, now: float) -> IssuedDocument:
    """Seal and keep the receipt: holder = the payer, amount = the total of its lines, no expiry."""
    total = sum(int(line["amount_rials"]) for line in content["lines"])
    return issue_document(
        conn,
        content=content,
        office_code=office_code,
        holder=str(content["payer_name"]),
        amount_rials=total,
        expires=None,
        now=now,
    )


def _bill_kinds(conn: sqlite3.Connection, payment: str) -> list[tuple[str, int]]:
    rows = conn.execute(
        "SELECT kind, amount_rials FROM payment_bills WHERE payment = ? ORDER BY position", (payment,)
    ).fetchall()
    return [(r["kind"], int(r["amount_rials"])) for r in rows]


def _void_json(row: sqlite3.Row) -> dict[str, Any] | None:
    if row["void_at"] is None:
        return None
    return {"at": iso_utc(row["void_at"]), "reason": row["void_reason"], "by": row["void_by"]}


def payment_row(conn: sqlite3.Connection, payment: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute("SELECT * FROM payments WHERE id = ?", (payment,)).fetchone()
    return row


def payment_json(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """The whole payment: its bills as they are now, its sealed receipt (revoked once voided), its void."""
    bills = conn.execute(
        "SELECT b.* FROM payment_bills pb JOIN bills b ON b.bill_id = pb.bill_id AND b.payment_id = pb.payment_id"
        " WHERE pb.payment = ? ORDER BY pb.position",
        (row["id"],),
    ).fetchall()
    receipt = get_document(conn, row["receipt_number"])
    assert receipt is not None, "a payment's receipt is issued with it"
    return {
        "id": row["id"],
        "receipt_number": row["receipt_number"],
        "status": row["status"],
        "cashier_session_id": row["cashier_session_id"],
        "bills": [bill_json(b) for b in bills],
        "amount_rials": int(row["amount_rials"]),
        "method": row["method"],
        "rrn": row["rrn"],
        "trace": row["trace"],
        "card_mask": row["card_mask"],
        "payer_name": row["payer_name"],
        "payer_national_id": row["payer_national_id"],
        "paid_at": iso_utc(row["paid_at"]),
        "receipt": receipt.as_json(),
        "void": _void_json(row),
    }


def day_entry_json(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    kinds: list[str] = []
    for kind, _ in _bill_kinds(conn, row["id"]):
        if kind not in kinds:
            kinds.append(kind)
    return {
        "id": row["id"],
        "receipt_number": row["receipt_number"],
        "kind": "payment",
        "status": row["status"],
        "amount_rials": int(row["amount_rials"]),
        "bill_kinds": kinds,
        "at": iso_utc(row["paid_at"]),
        "session_id": row["cashier_session_id"],
        "username": row["username"],
        "void": _void_json(row),
    }


def totals_of(conn: sqlite3.Connection, payments: list[sqlite3.Row]) -> tuple[int, int, int, int, dict[str, int]]:
    """(payments that stand, their rials, voided payments, their rials, rials that stand by bill kind)."""
    paid = voided = paid_rials = voided_rials = 0
    by_kind: dict[str, int] = defaultdict(int)
    for row in payments:
        if row["status"] == "paid":
            paid += 1
            paid_rials += int(row["amount_rials"])
            for kind, amount in _bill_kinds(conn, row["id"]):
                by_kind[kind] += amount
        else:
            voided += 1
            voided_rials += int(row["amount_rials"])
    return paid, paid_rials, voided, voided_rials, dict(sorted(by_kind.items()))


def session_row(conn: sqlite3.Connection, session_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute("SELECT * FROM cashier_sessions WHERE id = ?", (session_id,)).fetchone()
    return row


def session_json(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """The session with its totals (and, once closed, what was counted and the differences)."""
    payments = conn.execute(
        "SELECT * FROM payments WHERE cashier_session_id = ? ORDER BY paid_at, id", (row["id"],)
    ).fetchall()
    paid, paid_rials, voids, voided_rials, by_kind = totals_of(conn, payments)
    counted = json.loads(row["counted"]) if row["counted"] is not None else None
    totals = {
        "payments": paid,
        "paid_rials": paid_rials,
        "voids": voids,
        "voided_rials": voided_rials,
        "by_kind": by_kind,
        "expected_card_rials": paid_rials,
        "expected_cash_rials": int(row["float_rials"]),
        "card_difference_rials": counted["card_rials"] - paid_rials if counted is not None else None,
        "cash_difference_rials": counted["cash_rials"] - int(row["float_rials"]) if counted is not None else None,
    }
    return {
        "id": row["id"],
        "office_code": row["office_code"],
        "username": row["username"],
        "terminal_id": row["terminal_id"],
        "opened_at": iso_utc(row["opened_at"]),
        "business_date": row["business_date"],
        "float_rials": int(row["float_rials"]),
        "status": row["status"],
        "closed_at": iso_utc(row["closed_at"]) if row["closed_at"] is not None else None,
        "counted": counted,
        "totals": totals,
    }

"""The cashier's side of the municipal API: bills, cashier sessions, payments and the office's day list, as the client
reads them, and the four outbox actions that change them.

Reading: `bills(client, national_id=..|renovation_code=..|bill_id=.., payment_id=..)`, `cashier_session(client, id)`,
`open_cashier_sessions(client)`, `payment(client, id)`, `day_list(client, office_code, jalali_date)`.
Changing (each an outbox action under an id the client makes, so a retry never charges twice):
`cashier_open_action` (PUT /cashier-sessions/{id}), `payment_action` (PUT /payments/{id}), `payment_void_action`
(POST /payments/{id}/void) and `cashier_close_action` (POST /cashier-sessions/{id}/close).

Two words that look alike: a bill's `payment_id` is the «شناسه پرداخت» printed on it (digits, civic/bills.py); a
payment's `id` is the UUID the client made for the payment (a bill's `payment` names it once the bill is paid).
Money is an int number of rials throughout.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from urllib.parse import quote

from civic.money import format_rials
from client_api import actions
from client_api.actions import PreparedAction, encode_body, path_segment
from client_api.cashier_models import (
    BILL_KINDS,
    CARD,
    CLOSED,
    COMPLETED,
    DECISIONS,
    NOT_TAKEN,
    OPEN,
    PAID,
    RRN_DIGITS,
    TRACE_DIGITS,
    UNPAID,
    VOIDED,
    Bill,
    CashierSession,
    Counted,
    DayEntry,
    DayList,
    DayTotals,
    Decision,
    Payment,
    SessionTotals,
    Void,
)
from client_api.client import MunicipalClient
from client_api.errors import ProtocolError
from client_api.wire import json_list as _list

__all__ = [
    "BILL_KINDS",
    "CARD",
    "CLOSED",
    "COMPLETED",
    "DECISIONS",
    "NOT_TAKEN",
    "OPEN",
    "PAID",
    "RRN_DIGITS",
    "TRACE_DIGITS",
    "UNPAID",
    "VOIDED",
    "Bill",
    "CashierSession",
    "Counted",
    "DayEntry",
    "DayList",
    "DayTotals",
    "Decision",
    "Payment",
    "SessionTotals",
    "Void",
    "bills",
    "cashier_close_action",
    "cashier_open_action",
    "cashier_session",
    "day_list",
    "open_cashier_sessions",
    "payment",
    "payment_action",
    "payment_void_action",
]


# -- reading ---------------------------------------------------------------------------------------------------


def bills(
    client: MunicipalClient,
    *,
    national_id: str | None = None,
    renovation_code: str | None = None,
    bill_id: str | None = None,
    payment_id: str | None = None,
) -> list[Bill]:
    """Bills by one key: a payer's national id, a parcel's renovation code, or a bill id (with its payment id for one
    bill). A bad check digit is a ValidationError naming `bill_id` or `payment_id`."""
    params: dict[str, str | int | None] = {
        "national_id": national_id,
        "renovation_code": renovation_code,
        "bill_id": bill_id,
        "payment_id": payment_id,
    }
    answer = client.get_json("/bills", params)
    try:
        return [Bill.from_json(item) for item in _list(answer.get("items"))]
    except (KeyError, ValueError, TypeError) as exc:
        raise ProtocolError(f"unexpected bill list: {exc}") from exc


def cashier_session(client: MunicipalClient, session_id: str) -> CashierSession:
    return CashierSession.from_json(client.get_json(f"/cashier-sessions/{path_segment(session_id)}"))


def open_cashier_sessions(client: MunicipalClient) -> list[CashierSession]:
    """The signed-in operator's open cashier sessions (at most one)."""
    answer = client.get_json("/cashier-sessions", {"status": OPEN})
    items = answer.get("items")
    if not isinstance(items, list):
        raise ProtocolError("the cashier session list has no item list")
    return [CashierSession.from_json(item) for item in items]


def payment(client: MunicipalClient, payment_id: str) -> Payment:
    """One payment (by the UUID the client made for it), with its receipt document."""
    return Payment.from_json(client.get_json(f"/payments/{path_segment(payment_id)}"))


def day_list(client: MunicipalClient, office_code: str, jalali_date: str) -> DayList:
    """Every transaction of the office on a Jalali day ("YYYY-MM-DD" or "YYYY/MM/DD"), by id, with totals."""
    day = jalali_date.strip().replace("/", "-")
    return DayList.from_json(client.get_json(f"/offices/{quote(office_code, safe='')}/day/{quote(day, safe='')}"))


# -- changing (outbox actions) ----------------------------------------------------------------------------------


def _whole_rials(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} is an int number of rials")
    return value


def cashier_open_action(session_id: str, float_rials: int) -> PreparedAction:
    """Open a cashier session with its float: `PUT /cashier-sessions/{id}`."""
    body = encode_body({"float_rials": _whole_rials(float_rials, "float_rials")})
    path = f"/cashier-sessions/{path_segment(session_id)}"
    return PreparedAction(actions.CASHIER_OPEN, "PUT", path, body, format_rials(float_rials))


def payment_action(
    payment_id: str,
    *,
    cashier_session_id: str,
    bills: Sequence[Bill | tuple[str, str]],
    amount_rials: int,
    rrn: str,
    trace: str,
    card_mask: str,
    payer_name: str,
    payer_national_id: str,
    method: str = CARD,
) -> PreparedAction:
    """Pay bills (each a Bill or a (bill id, payment id) pair) with a card: `PUT /payments/{id}`. The summary names
    the bill ids, so the outbox shows what was paid."""
    refs = [b.ref if isinstance(b, Bill) else (str(b[0]), str(b[1])) for b in bills]
    if not refs:
        raise ValueError("a payment pays at least one bill")
    payload = {
        "cashier_session_id": str(uuid.UUID(cashier_session_id)),
        "bills": [{"bill_id": bill_id, "payment_id": pay_id} for bill_id, pay_id in refs],
        "amount_rials": _whole_rials(amount_rials, "amount_rials"),
        "method": method,
        "rrn": rrn,
        "trace": trace,
        "card_mask": card_mask,
        "payer_name": payer_name,
        "payer_national_id": payer_national_id,
    }
    summary = "، ".join(bill_id for bill_id, _ in refs)
    path = f"/payments/{path_segment(payment_id)}"
    return PreparedAction(actions.PAYMENT, "PUT", path, encode_body(payload), actions._shorten(summary))


def payment_void_action(payment_id: str, reason: str) -> PreparedAction:
    """Void a payment with a reason (a linked correction; only inside its open session): `POST /payments/{id}/void`."""
    if not reason.strip():
        raise ValueError("a void needs a reason")
    path = f"/payments/{path_segment(payment_id)}/void"
    return PreparedAction(actions.PAYMENT_VOID, "POST", path, encode_body({"reason": reason}), actions._shorten(reason))


def cashier_close_action(
    session_id: str,
    *,
    counted_card_rials: int,
    counted_cash_rials: int,
    decisions: Sequence[Decision] = (),
    note: str = "",
) -> PreparedAction:
    """Close the session with what was counted and a decision for each payment in doubt:
    `POST /cashier-sessions/{id}/close`."""
    for d in decisions:
        if d.decision not in DECISIONS:
            raise ValueError(f"unknown decision {d.decision!r}")
    payload = {
        "counted_card_rials": _whole_rials(counted_card_rials, "counted_card_rials"),
        "counted_cash_rials": _whole_rials(counted_cash_rials, "counted_cash_rials"),
        "decisions": [d.as_json() for d in decisions],
        "note": note,
    }
    path = f"/cashier-sessions/{path_segment(session_id)}/close"
    summary = note or f"{format_rials(counted_card_rials)} / {format_rials(counted_cash_rials)}"
    return PreparedAction(actions.CASHIER_CLOSE, "POST", path, encode_body(payload), actions._shorten(summary))

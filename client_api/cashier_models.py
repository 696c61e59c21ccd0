"""The cashier's resources as the client reads them (client_api/cashier.py has the reading calls and the actions):
bills, cashier sessions with their totals, payments with their sealed receipts, the office's day list. Money is an
int number of rials; a field of another type is a ProtocolError, never a silent conversion."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from client_api.errors import ProtocolError
from client_api.inquiries import IssuedDoc
from client_api.wire import instant as _instant
from client_api.wire import json_list as _list
from client_api.wire import json_object as _object
from client_api.wire import optional_instant as _optional_instant
from client_api.wire import optional_text as _optional_text
from client_api.wire import text as _text

BILL_KINDS = ("renovation", "waste", "business", "permit")
UNPAID = "unpaid"
PAID = "paid"
VOIDED = "voided"
OPEN = "open"
CLOSED = "closed"
COMPLETED = "completed"  # a day-close decision: the payment in doubt was taken (the citizen paid)
NOT_TAKEN = "not-taken"  # a day-close decision: it was not taken
DECISIONS = (COMPLETED, NOT_TAKEN)
CARD = "card"
RRN_DIGITS = 12  # the card terminal's retrieval reference number
TRACE_DIGITS = 6  # the terminal's trace (audit) number


def _rials(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"not a whole number of rials: {value!r}")
    return value


@dataclass(frozen=True)
class Bill:
    bill_id: str  # شناسه قبض
    payment_id: str  # شناسه پرداخت
    kind: str  # renovation, waste, business or permit
    title: str  # Persian, e.g. «عوارض نوسازی سال ۱۴۰۳»
    period: str
    renovation_code: str
    payer_name: str
    payer_national_id: str
    amount_rials: int
    status: str  # unpaid or paid
    payment: str | None  # the id of the payment that took it

    @property
    def paid(self) -> bool:
        return self.status == PAID

    @property
    def ref(self) -> tuple[str, str]:
        """The pair that names the bill: (bill id, payment id)."""
        return (self.bill_id, self.payment_id)

    @classmethod
    def from_json(cls, data: Any) -> Bill:
        data = _object(data)
        return cls(
            bill_id=_text(data["bill_id"]),
            payment_id=_text(data["payment_id"]),
            kind=_text(data["kind"]),
            title=_text(data["title"]),
            period=_text(data["period"]),
            renovation_code=_text(data["renovation_code"]),
            payer_name=_text(data["payer_name"]),
            payer_national_id=_text(data["payer_national_id"]),
            amount_rials=_rials(data["amount_rials"]),
            status=_text(data["status"]),
            payment=_optional_text(data.get("payment")),
        )


@dataclass(frozen=True)
class Decision:
    """The operator's decision about a payment the counter holds in doubt at the day close."""

    payment_id: str  # the payment's UUID
    decision: str  # completed or not-taken
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"payment_id": self.payment_id, "decision": self.decision, "reason": self.reason}

    @classmethod
    def from_json(cls, data: Any) -> Decision:
        data = _object(data)
        return cls(_text(data["payment_id"]), _text(data["decision"]), _text(data["reason"]))


@dataclass(frozen=True)
class Counted:
    """What the operator counted at the close."""

    card_rials: int
    cash_rials: int
    decisions: tuple[Decision, ...]
    note: str

    @classmethod
    def from_json(cls, data: Any) -> Counted:
        data = _object(data)
        return cls(
            _rials(data["card_rials"]),
            _rials(data["cash_rials"]),
            tuple(Decision.from_json(d) for d in _list(data.get("decisions", []))),
            _text(data.get("note", "")),
        )


@dataclass(frozen=True)
class SessionTotals:
    """The server's totals of a cashier session (voided payments are counted apart, never in `paid_rials`)."""

    payments: int  # paid payments (not voided)
    paid_rials: int
    voids: int
    voided_rials: int
    by_kind: dict[str, int]  # bill kind -> rials of paid payments
    expected_card_rials: int  # what the card terminal should show: paid_rials
    expected_cash_rials: int  # the float (this counter takes cards only)
    card_difference_rials: int | None  # counted − expected, once closed
    cash_difference_rials: int | None

    @classmethod
    def from_json(cls, data: Any) -> SessionTotals:
        data = _object(data)
        by_kind = _object(data.get("by_kind", {}))
        card_diff, cash_diff = data.get("card_difference_rials"), data.get("cash_difference_rials")
        return cls(
            payments=_rials(data["payments"]),
            paid_rials=_rials(data["paid_rials"]),
            voids=_rials(data["voids"]),
            voided_rials=_rials(data["voided_rials"]),
            by_kind={_text(k): _rials(v) for k, v in by_kind.items()},
            expected_card_rials=_rials(data["expected_card_rials"]),
            expected_cash_rials=_rials(data["expected_cash_rials"]),
            card_difference_rials=None if card_diff is None else _rials(card_diff),
            cash_difference_rials=None if cash_diff is None else _rials(cash_diff),
        )


@dataclass(frozen=True)
class CashierSession:
    id: str
    office_code: str
    username: str
    terminal_id: str
    opened_at: dt.datetime
    business_date: str  # Jalali, Tehran: "YYYY/MM/DD"
    float_rials: int
    status: str  # open or closed
    closed_at: dt.datetime | None
    counted: Counted | None  # once closed
    totals: SessionTotals

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    @classmethod
    def from_json(cls, data: Any) -> CashierSession:
        try:
            data = _object(data)
            counted = data.get("counted")
            return cls(
                id=_text(data["id"]),
                office_code=_text(data["office_code"]),
                username=_text(data["username"]),
                terminal_id=_text(data["terminal_id"]),
                opened_at=_instant(data["opened_at"]),
                business_date=_text(data["business_date"]),
                float_rials=_rials(data["float_rials"]),
                status=_text(data["status"]),
                closed_at=_optional_instant(data.get("closed_at")),
                counted=Counted.from_json(counted) if counted is not None else None,
                totals=SessionTotals.from_json(data["totals"]),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected cashier session: {exc}") from exc


@dataclass(frozen=True)
class Void:
    at: dt.datetime
    reason: str
    by: str  # the username who voided it

    @classmethod
    def from_json(cls, data: Any) -> Void:
        data = _object(data)
        return cls(_instant(data["at"]), _text(data["reason"]), _text(data["by"]))


def _optional_void(value: Any) -> Void | None:
    return None if value is None else Void.from_json(value)


@dataclass(frozen=True)
class Payment:
    id: str
    receipt_number: str  # issued by the server only: R-<jalali year>-<office digits>-<6-digit serial>
    status: str  # paid or voided
    cashier_session_id: str
    bills: tuple[Bill, ...]
    amount_rials: int
    method: str
    rrn: str
    trace: str
    card_mask: str
    payer_name: str
    payer_national_id: str
    paid_at: dt.datetime
    receipt: IssuedDoc  # the sealed receipt (printing.model.PaymentReceipt content); revoked once voided
    void: Void | None

    @property
    def voided(self) -> bool:
        return self.status == VOIDED

    @classmethod
    def from_json(cls, data: Any) -> Payment:
        try:
            data = _object(data)
            return cls(
                id=_text(data["id"]),
                receipt_number=_text(data["receipt_number"]),
                status=_text(data["status"]),
                cashier_session_id=_text(data["cashier_session_id"]),
                bills=tuple(Bill.from_json(b) for b in _list(data["bills"])),
                amount_rials=_rials(data["amount_rials"]),
                method=_text(data.get("method", CARD)),
                rrn=_text(data["rrn"]),
                trace=_text(data["trace"]),
                card_mask=_text(data.get("card_mask", "")),
                payer_name=_text(data.get("payer_name", "")),
                payer_national_id=_text(data.get("payer_national_id", "")),
                paid_at=_instant(data["paid_at"]),
                receipt=IssuedDoc.from_json(data["receipt"]),
                void=_optional_void(data.get("void")),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected payment: {exc}") from exc


@dataclass(frozen=True)
class DayEntry:
    """One transaction of the office's day as the municipality records it."""

    id: str  # the payment's UUID
    receipt_number: str
    kind: str  # "payment"
    status: str  # paid or voided
    amount_rials: int
    bill_kinds: tuple[str, ...]
    at: dt.datetime
    session_id: str
    username: str
    void: Void | None

    @classmethod
    def from_json(cls, data: Any) -> DayEntry:
        data = _object(data)
        return cls(
            id=_text(data["id"]),
            receipt_number=_text(data["receipt_number"]),
            kind=_text(data["kind"]),
            status=_text(data["status"]),
            amount_rials=_rials(data["amount_rials"]),
            bill_kinds=tuple(_text(k) for k in _list(data["bill_kinds"])),
            at=_instant(data["at"]),
            session_id=_text(data["session_id"]),
            username=_text(data["username"]),
            void=_optional_void(data.get("void")),
        )


@dataclass(frozen=True)
class DayTotals:
    paid: int  # rials of the day's payments that stand
    voided: int  # rials of the day's voided payments
    by_kind: dict[str, int]  # bill kind -> rials of payments that stand

    @classmethod
    def from_json(cls, data: Any) -> DayTotals:
        data = _object(data)
        by_kind = _object(data.get("by_kind", {}))
        return cls(_rials(data["paid"]), _rials(data["voided"]), {_text(k): _rials(v) for k, v in by_kind.items()})


@dataclass(frozen=True)
class DayList:
    office_code: str
    date: str  # Jalali, "YYYY-MM-DD"
    transactions: tuple[DayEntry, ...]
    totals: DayTotals

    def entry(self, payment_id: str) -> DayEntry | None:
        return next((e for e in self.transactions if e.id == payment_id), None)

    @classmethod
    def from_json(cls, data: Any) -> DayList:
        try:
            data = _object(data)
            return cls(
                office_code=_text(data["office_code"]),
                date=_text(data["date"]),
                transactions=tuple(DayEntry.from_json(e) for e in _list(data["transactions"])),
                totals=DayTotals.from_json(data["totals"]),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected day list: {exc}") from exc

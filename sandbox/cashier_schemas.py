"""Bodies and answers of the cashier's endpoints: bills, cashier sessions, payments, the office's day list (they make
their part of the OpenAPI document). Money is a whole number of rials: JSON integers only, never a fraction or a
boolean."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, StrictInt

MAX_RIALS = 10**15
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
NOT_BLANK = r"\S"  # at least one character that is not white space
RRN_PATTERN = r"^[0-9]{12}$"
TRACE_PATTERN = r"^[0-9]{6}$"
CARD_MASK_PATTERN = r"^[0-9]{6}\*{2,9}[0-9]{4}$"
MAX_BILLS = 20

BillKind = Literal["renovation", "waste", "business", "permit"]
Decision = Literal["completed", "not-taken"]


class Bill(BaseModel):
    bill_id: str = Field(description="شناسه قبض: 6 to 13 digits, the last a check digit (civic/bills.py).")
    payment_id: str = Field(description="شناسه پرداخت: 6 to 13 digits, the last two check digits.")
    kind: BillKind
    title: str
    period: str
    renovation_code: str
    payer_name: str
    payer_national_id: str
    amount_rials: int
    status: Literal["unpaid", "paid"]
    payment: str | None = Field(description="The id of the payment that took the bill, while it stands.")


class BillList(BaseModel):
    items: list[Bill]


class CashierSessionIn(BaseModel):
    float_rials: StrictInt = Field(ge=0, le=MAX_RIALS, description="The cash in the drawer when the session opens.")


class DecisionIn(BaseModel):
    payment_id: str = Field(pattern=UUID_PATTERN, description="The id of a payment the counter holds in doubt.")
    decision: Decision
    reason: str = Field(min_length=1, max_length=500, pattern=NOT_BLANK)


class CloseIn(BaseModel):
    counted_card_rials: StrictInt = Field(ge=0, le=MAX_RIALS)
    counted_cash_rials: StrictInt = Field(ge=0, le=MAX_RIALS)
    decisions: list[DecisionIn] = Field(default_factory=list, max_length=500)
    note: str = Field(default="", max_length=1000)


class Counted(BaseModel):
    card_rials: int
    cash_rials: int
    decisions: list[DecisionIn]
    note: str


class SessionTotals(BaseModel):
    payments: int = Field(description="Payments of the session that stand (not voided).")
    paid_rials: int
    voids: int
    voided_rials: int
    by_kind: dict[str, int] = Field(description="Rials of the payments that stand, by bill kind.")
    expected_card_rials: int
    expected_cash_rials: int = Field(description="The float: this counter takes cards only.")
    card_difference_rials: int | None = Field(description="Counted minus expected, once closed.")
    cash_difference_rials: int | None


class CashierSession(BaseModel):
    id: str
    office_code: str
    username: str
    terminal_id: str
    opened_at: str
    business_date: str = Field(description="The Jalali day in Tehran when the session opened, YYYY/MM/DD.")
    float_rials: int
    status: Literal["open", "closed"]
    closed_at: str | None
    counted: Counted | None
    totals: SessionTotals


class CashierSessionList(BaseModel):
    items: list[CashierSession]


class BillRefIn(BaseModel):
    bill_id: str = Field(min_length=1, max_length=40, examples=["10099146562"])
    payment_id: str = Field(min_length=1, max_length=40, examples=["874240065"])


class PaymentIn(BaseModel):
    cashier_session_id: str = Field(pattern=UUID_PATTERN)
    bills: list[BillRefIn] = Field(min_length=1, max_length=MAX_BILLS)
    amount_rials: StrictInt = Field(gt=0, le=MAX_RIALS, description="Must equal the bills' total.")
    method: Literal["card"]
    rrn: str = Field(pattern=RRN_PATTERN, description="The card terminal's retrieval reference number.")
    trace: str = Field(pattern=TRACE_PATTERN, description="The card terminal's trace number.")
    card_mask: str = Field(pattern=CARD_MASK_PATTERN, examples=["610433******1234"])
    payer_name: str = Field(min_length=1, max_length=120, pattern=NOT_BLANK)
    payer_national_id: str = Field(min_length=1, max_length=20, description="Checked as a national ID (کد ملی).")


class VoidIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500, pattern=NOT_BLANK)


class Revoked(BaseModel):
    at: str
    reason: str


class IssuedDocument(BaseModel):
    number: str
    kind: str
    content: dict[str, Any]
    seal: str
    issued_at: str
    expires: str | None
    revoked: Revoked | None


class Void(BaseModel):
    at: str
    reason: str
    by: str


class Payment(BaseModel):
    id: str
    receipt_number: str = Field(description="R-<Jalali year>-<office digits>-<6-digit serial>, issued here only.")
    status: Literal["paid", "voided"]
    cashier_session_id: str
    bills: list[Bill]
    amount_rials: int
    method: str
    rrn: str
    trace: str
    card_mask: str
    payer_name: str
    payer_national_id: str
    paid_at: str
    receipt: IssuedDocument
    void: Void | None


class DayEntry(BaseModel):
    id: str
    receipt_number: str
    kind: Literal["payment"]
    status: Literal["paid", "voided"]
    amount_rials: int
    bill_kinds: list[str]
    at: str
    session_id: str
    username: str
    void: Void | None


class DayTotals(BaseModel):
    paid: int
    voided: int
    by_kind: dict[str, int]


class DayList(BaseModel):
    office_code: str
    date: str = Field(description="The Jalali day, YYYY-MM-DD.")
    transactions: list[DayEntry]
    totals: DayTotals

"""Plain data of every printed document: frozen dataclasses of text, int rials, Decimal measures and dates.

Builders take these and nothing else (no API objects, no fee-engine objects), so the desktop fills them from whatever
it holds and the sandbox can compute the same content hash for the seal. Money is int rials everywhere.

Presentation is not content: `seal`, `reprint` and `training` say how a copy is printed, and are left out of
`document_content`, the data whose hash a seal carries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

CLEARANCE = "clearance"
COMPLETION = "completion"
NO_VIOLATION = "no-violation"
CERTIFICATE_KINDS = (CLEARANCE, COMPLETION, NO_VIOLATION)
PRESENTATION_FIELDS = frozenset({"seal", "reprint", "training"})


@dataclass(frozen=True, kw_only=True)
class Document:
    """What every printed document has: the server's number, when it was issued, and how this copy is printed."""

    kind: ClassVar[str] = "document"
    number: str
    issued_at: dt.datetime  # aware; printed as a Jalali date in Tehran
    seal: str | None = None  # the server-signed seal text (civic.seal), printed as a QR code
    reprint: bool = False  # a duplicate: prints «المثنی»
    training: bool = False  # from the sandbox or a demo: prints «آموزشی» across every page

    @property
    def seal_kind(self) -> str:
        return self.kind


def document_content(doc: Document) -> dict[str, Any]:
    """The data a seal's content hash covers: every field but the presentation ones, plus the kind."""
    content: dict[str, Any] = {"kind": doc.seal_kind}
    for f in dataclasses.fields(doc):
        if f.name not in PRESENTATION_FIELDS:
            content[f.name] = getattr(doc, f.name)
    return content


@dataclass(frozen=True)
class ReceiptLine:
    title: str
    amount_rials: int
    reference: str = ""  # bill id, request number or fee code


@dataclass(frozen=True, kw_only=True)
class PaymentReceipt(Document):
    kind: ClassVar[str] = "receipt"
    office_code: str
    office_name: str
    operator_name: str
    terminal_id: str
    payer_name: str
    payer_national_id: str
    lines: tuple[ReceiptLine, ...]
    bank_name: str  # as the card terminal reports it, e.g. «بانک ملت (شعبه بوعلی)»
    card_mask: str
    rrn: str  # the card terminal's retrieval reference number
    tracking_code: str  # the municipality's payment tracking code
    renovation_code: str = ""

    @property
    def total_rials(self) -> int:
        return sum(line.amount_rials for line in self.lines)


PERMIT_REQUEST_TITLE = "درخواست پروانه ساختمانی"


@dataclass(frozen=True, kw_only=True)
class RequestReceipt(Document):
    """The application receipt «رسید ثبت درخواست» a citizen takes home once the municipality has the request.

    `number` is the request's tracking number (the server's), which the receipt prints large and as a QR code.
    """

    kind: ClassVar[str] = "request-receipt"
    office_code: str
    office_name: str
    operator_name: str
    applicant_name: str
    applicant_national_id: str
    renovation_code: str
    request_title: str = PERMIT_REQUEST_TITLE
    attachments: tuple[str, ...] = ()  # the file names, as handed over
    fee_preview_rials: int | None = None  # the offline preview's total: an estimate, never what is charged
    fee_book_version: str = ""  # the tariff book the preview used


@dataclass(frozen=True)
class Parcel:
    """The parcel a certificate, reply or sheet is about."""

    renovation_code: str  # region-district-block-parcel-building-apartment, e.g. 2-14-123-45-0-0
    registration_plate: str  # main/sub, e.g. 1234/56
    registry_section: str  # بخش ثبتی
    address: str
    land_area_m2: Decimal
    land_use: str


@dataclass(frozen=True, kw_only=True)
class Certificate(Document):
    kind: ClassVar[str] = "certificate"
    certificate_kind: str  # clearance, completion or no-violation
    municipality: str
    owner_name: str
    owner_national_id: str
    parcel: Parcel
    valid_until: dt.date | None
    facts: tuple[tuple[str, str], ...] = ()  # labelled details: permit number, floors, built area, ...
    fees_paid_rials: int = 0
    notes: str = ""
    signatory_name: str = ""  # who signs for the municipality, e.g. «مهندس سعید محمدی»
    signatory_title: str = ""  # their post, e.g. «معاون شهرسازی و معماری»

    @property
    def seal_kind(self) -> str:
        return self.certificate_kind


@dataclass(frozen=True)
class Debt:
    title: str
    amount_rials: int


@dataclass(frozen=True)
class Violation:
    description: str
    commission_status: str  # e.g. «رأی کمیسیون ماده ۱۰۰ صادر و اجرا شده»


@dataclass(frozen=True, kw_only=True)
class InquiryReply(Document):
    kind: ClassVar[str] = "inquiry-reply"
    municipality: str
    inquiry_number: str
    inquiry_type: str  # «استعلام نقل و انتقال», «استعلام بانکی», ...
    requester: str  # the notary office or bank that asked
    owner_name: str
    parcel: Parcel
    plan_status: str  # street widening, plan lines
    debts: tuple[Debt, ...]
    violations: tuple[Violation, ...]
    transfer_fee_rials: int
    transfer_allowed: bool
    condition: str  # the condition for a transfer, or why it may not proceed
    valid_until: dt.date
    owner_national_id: str = ""
    addressee: str = ""  # whom the reply is addressed to, e.g. «سردفتر محترم دفتر اسناد رسمی شماره ۴۲ همدان»
    signatory_name: str = ""
    signatory_title: str = ""

    @property
    def total_due_rials(self) -> int:
        return sum(d.amount_rials for d in self.debts) + self.transfer_fee_rials


@dataclass(frozen=True)
class ZoningRules:
    land_use: str
    density_percent: Decimal  # تراکم: gross floor area as a share of the land area
    coverage_percent: Decimal  # سطح اشغال: largest footprint as a share of the land area
    max_floors: int
    front_setback_m: Decimal  # from the street edge
    rear_setback_m: Decimal
    side_setback_m: Decimal


@dataclass(frozen=True, kw_only=True)
class ZoningSheet(Document):
    kind: ClassVar[str] = "zoning"
    municipality: str
    parcel: Parcel
    geometry: dict[str, Any]  # GeoJSON Polygon (or a Feature holding one), WGS84 longitude/latitude
    street_edge: int  # index of the polygon edge on the street (edge i runs from vertex i to vertex i+1)
    street_name: str
    street_width_m: Decimal
    rules: ZoningRules
    signatory_name: str = ""  # who signs the sheet; "" leaves a line to sign on
    signatory_title: str = ""


@dataclass(frozen=True)
class FeeLine:
    code: str
    title: str
    formula: str  # exactly as printed in the tariff book
    inputs: str  # the bound inputs, e.g. «S = ۱۸۰ ، P = ۱۲٬۰۰۰٬۰۰۰»
    notes: str  # minimum, cap, discount and rounding applied
    amount_rials: int


@dataclass(frozen=True, kw_only=True)
class FeePreviewSheet(Document):
    kind: ClassVar[str] = "fee-preview"
    office_name: str
    book_title: str
    book_version: str
    book_sha256: str
    case_title: str
    renovation_code: str
    lines: tuple[FeeLine, ...]

    @property
    def total_rials(self) -> int:
        return sum(line.amount_rials for line in self.lines)


PAID = "paid"
VOIDED = "voided"
# how one transaction of the day stands between the counter's record and the municipality's day list
MATCHED = "matched"  # both have it, with the same status
MISSING_ON_SERVER = "missing-on-server"  # the counter has it as answered; the municipality's list does not
UNKNOWN_TO_COUNTER = "unknown-to-counter"  # the municipality lists it; the counter has no record of it
IN_DOUBT = "in-doubt"  # the counter sent it and has no answer yet (the outbox holds it)
CATEGORIES = (MATCHED, MISSING_ON_SERVER, UNKNOWN_TO_COUNTER, IN_DOUBT)
COMPLETED = "completed"  # the operator's decision on a payment in doubt: the citizen paid, it stands
NOT_TAKEN = "not-taken"  # the operator's decision: no money was taken for it
DECISIONS = (COMPLETED, NOT_TAKEN)


@dataclass(frozen=True)
class DayTransaction:
    at: dt.datetime
    receipt_number: str  # the server's number; "" when none was issued (in doubt, or unknown)
    transaction_id: str
    title: str
    amount_rials: int
    status: str  # paid or voided, as the counter recorded it; "" when the counter has no record of it
    server_status: str | None  # as the municipality recorded it; None: the server has no such transaction
    category: str = ""  # one of CATEGORIES; "" derives it from the two statuses
    kinds: tuple[str, ...] = ()  # the kinds of the bills it paid (renovation, waste, business, permit)

    @property
    def reconciliation(self) -> str:
        if self.category:
            return self.category
        if self.server_status is None:
            return MISSING_ON_SERVER
        if not self.status:
            return UNKNOWN_TO_COUNTER
        return MATCHED if self.server_status == self.status else MISSING_ON_SERVER


@dataclass(frozen=True)
class KindTotal:
    """The paid total of one kind of bill, as each side counts it, to the rial."""

    kind: str
    title: str
    counter_rials: int
    server_rials: int

    @property
    def difference_rials(self) -> int:
        return self.counter_rials - self.server_rials


@dataclass(frozen=True)
class DoubtDecision:
    """What the operator recorded for a payment in doubt before closing, and why."""

    transaction_id: str
    decision: str  # COMPLETED or NOT_TAKEN
    reason: str


@dataclass(frozen=True, kw_only=True)
class DayCloseReport(Document):
    kind: ClassVar[str] = "day-close"
    office_code: str
    office_name: str
    operator_name: str
    cashier_session: str
    business_date: dt.date
    opened_at: dt.datetime
    closed_at: dt.datetime
    transactions: tuple[DayTransaction, ...]
    float_rials: int = 0
    counted_card_rials: int | None = None
    counted_cash_rials: int | None = None
    kind_totals: tuple[KindTotal, ...] = ()
    decisions: tuple[DoubtDecision, ...] = ()
    note: str = ""

    def total(self, status: str) -> int:
        """The counter's own total of its transactions with `status` (the ones it has no record of are left out)."""
        return sum(t.amount_rials for t in self.transactions if t.status == status and t.reconciliation != IN_DOUBT)

    def server_total(self, status: str) -> int:
        return sum(t.amount_rials for t in self.transactions if t.server_status == status)

    def in_category(self, category: str) -> tuple[DayTransaction, ...]:
        return tuple(t for t in self.transactions if t.reconciliation == category)

    @property
    def mismatches(self) -> tuple[DayTransaction, ...]:
        return tuple(t for t in self.transactions if t.reconciliation != MATCHED)

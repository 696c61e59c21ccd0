"""Realistic demo content for every document kind, sealed with the public training key (so it prints «آموزشی»).

Used by `pishkhan docs sample`, the tests and the benchmark. A sample is dated on the day it is made (Tehran), or on
the day `on` given to its maker, so a fresh sample verifies as genuine and valid today; made on the same day, a sample
is byte-identical. Every fee figure comes from the fee engine and the bundled tariff book in force on that day (the
fee preview, the transfer fee and unpaid renovation fee of the inquiry reply, the estimate on the request receipt);
names, numbers and bills are invented; the parcel sits in Hamedan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from decimal import Decimal
from typing import Any, TypeVar

from civic.jalali import TEHRAN, format_jalali_date, to_jalali
from civic.keys import TRAINING_KEY_ID, training_private_key
from civic.seal import SealPayload, content_digest, sign, tehran_today
from civic.text import to_persian_digits
from printing.model import (
    CLEARANCE,
    COMPLETION,
    NO_VIOLATION,
    PAID,
    VOIDED,
    Certificate,
    DayCloseReport,
    DayTransaction,
    Debt,
    Document,
    FeePreviewSheet,
    InquiryReply,
    KindTotal,
    Parcel,
    PaymentReceipt,
    ReceiptLine,
    RequestReceipt,
    Violation,
    ZoningRules,
    ZoningSheet,
    document_content,
)

D = TypeVar("D", bound=Document)

MUNICIPALITY = "شهرداری همدان"
OFFICE = ("PK-1001", "دفتر پیشخوان دولت شماره ۱۰۰۱ همدان")
SIGNATORY = ("مهندس سعید محمدی", "معاون شهرسازی و معماری شهرداری همدان")
NOTARY = "دفتر اسناد رسمی شماره ۴۲ همدان"
VALIDITY = dt.timedelta(days=90)
# the kinds of bills a counter takes, as the day-close report names them (desktop/ui/day_close_report.py)
DAY_CLOSE_KINDS = {
    "renovation": "عوارض نوسازی",
    "waste": "عوارض پسماند",
    "business": "عوارض صنفی",
    "permit": "عوارض پروانه ساختمانی",
}  # clearance, no-violation and inquiry replies: three months

PARCEL = Parcel(
    renovation_code="2-14-123-45-0-0",
    registration_plate="1234/56",
    registry_section="بخش ۲ همدان",
    address="همدان، خیابان بوعلی، کوچه شهید رجایی (نسترن)، پلاک ۱۸",
    land_area_m2=Decimal("306.42"),
    land_use="مسکونی",
)


def seal_terms(doc: Document) -> tuple[str, int, dt.date | None]:
    """(holder, amount in rials, expiry) that a seal of `doc` carries."""
    if isinstance(doc, PaymentReceipt):
        return doc.payer_name, doc.total_rials, None
    if isinstance(doc, Certificate):
        return doc.owner_name, doc.fees_paid_rials, doc.valid_until
    if isinstance(doc, InquiryReply):
        return doc.owner_name, doc.total_due_rials, doc.valid_until
    if isinstance(doc, FeePreviewSheet):
        return doc.office_name, doc.total_rials, None
    if isinstance(doc, DayCloseReport):
        return doc.operator_name, doc.total(PAID), None
    if isinstance(doc, RequestReceipt):
        return doc.applicant_name, 0, None  # the fee on it is an estimate: a seal vouches for no amount
    if isinstance(doc, ZoningSheet):
        return doc.parcel.renovation_code, 0, None
    raise TypeError(f"no seal terms for {type(doc).__name__}")


def with_training_seal(doc: D) -> D:
    """`doc` sealed by the training key, as the sandbox seals what it issues."""
    holder, amount, expires = seal_terms(doc)
    payload = SealPayload(
        key_id=TRAINING_KEY_ID,
        number=doc.number,
        kind=doc.seal_kind,
        issued=doc.issued_at.astimezone(TEHRAN).date(),
        expires=expires,
        holder=holder,
        amount_rials=amount,
        content_sha256=content_digest(document_content(doc)),
        training=True,
    )
    return dataclasses.replace(doc, seal=sign(payload, training_private_key()), training=True)


# --- dates and numbers --------------------------------------------------------------------------------------------


def sample_day(on: dt.date | None = None) -> dt.date:
    """The day a sample is dated: `on`, or today in Tehran."""
    return on if on is not None else tehran_today()


def issued_at(on: dt.date | None = None, minutes: int = 0) -> dt.datetime:
    """09:10 in Tehran on the sample's day (plus `minutes`), as an aware UTC instant."""
    local = dt.datetime.combine(sample_day(on), dt.time(9, 10), tzinfo=TEHRAN) + dt.timedelta(minutes=minutes)
    return local.astimezone(dt.UTC)


def _year(on: dt.date | None) -> int:
    return to_jalali(sample_day(on))[0]


def _ymd(on: dt.date | None) -> str:
    return "{:04d}{:02d}{:02d}".format(*to_jalali(sample_day(on)))


def _fa(value: str | int) -> str:
    return to_persian_digits(value)


# --- the kinds ----------------------------------------------------------------------------------------------------


def receipt(serial: int = 123, *, sealed: bool = True, on: dt.date | None = None) -> PaymentReceipt:
    year = _year(on)
    doc = PaymentReceipt(
        number=f"R-{year}-1001-{serial:06d}",
        issued_at=issued_at(on, serial % 600),
        office_code=OFFICE[0],
        office_name=OFFICE[1],
        operator_name="مریم احمدی",
        terminal_id="40291780",
        payer_name="زهرا کریمی",
        payer_national_id="3871234567",
        renovation_code=PARCEL.renovation_code,
        lines=(
            ReceiptLine(f"عوارض نوسازی سال {_fa(year - 1)}", 4_850_000, "9104512"),
            ReceiptLine("عوارض پسماند", 1_275_000 + serial * 1000, "9104513"),
            ReceiptLine("کارمزد خدمات دفتر پیشخوان", 120_000),
        ),
        bank_name="بانک ملت (شعبه بوعلی)",
        card_mask="6104-33**-****-7781",
        rrn=f"4051{serial:08d}",
        tracking_code=f"PK-1001-{_ymd(on)}-{serial:06d}",
    )
    return with_training_seal(doc) if sealed else doc


_NOTES = {
    CLEARANCE: "این مفاصاحساب برای انتقال شش‌دانگ ملک صادر شده است.",
    COMPLETION: "چهار واحد پارکینگ در طبقه پیلوت مطابق پروانه تأمین شده است.",
    NO_VIOLATION: "این گواهی جایگزین گواهی پایان کار نیست.",
}


def certificate(kind: str = CLEARANCE, *, on: dt.date | None = None) -> Certificate:
    day = sample_day(on)
    year = _year(on)
    visit = format_jalali_date(day - dt.timedelta(days=9))
    facts = {
        CLEARANCE: (
            (f"بدهی عوارض نوسازی تا پایان سال {_fa(year - 1)}", "ندارد"),
            ("بدهی عوارض کسب و پیشه", "ندارد"),
        ),
        COMPLETION: (
            ("شماره پروانه ساختمانی", _fa(f"{year - 4}/2345")),
            ("تعداد طبقات", "۴ طبقه روی پیلوت"),
            ("زیربنای کل", "۷۲۰ متر مربع"),
            ("تعداد واحد", "۴ واحد مسکونی"),
            ("تاریخ بازدید پایان کار", visit),
        ),
        NO_VIOLATION: (
            ("شماره پروانه ساختمانی", _fa(f"{year - 2}/881")),
            ("مرحله ساخت", "اسکلت و سقف طبقه سوم"),
            ("بازدید مهندس ناظر", visit),
        ),
    }[kind]
    serial = {CLEARANCE: "000871", COMPLETION: "000219", NO_VIOLATION: "000532"}[kind]
    prefix = {CLEARANCE: "CL", COMPLETION: "CP", NO_VIOLATION: "NV"}[kind]
    doc = Certificate(
        number=f"{prefix}-{year}-{serial}",
        issued_at=issued_at(on),
        certificate_kind=kind,
        municipality=MUNICIPALITY,
        owner_name="علی رضایی",
        owner_national_id="0041239873",
        parcel=PARCEL,
        valid_until=None if kind == COMPLETION else day + VALIDITY,  # a completion certificate never expires
        facts=facts,
        fees_paid_rials=2_460_000 if kind == CLEARANCE else 0,
        notes=_NOTES[kind],
        signatory_name=SIGNATORY[0],
        signatory_title=SIGNATORY[1],
    )
    return with_training_seal(doc)


def inquiry_reply(*, on: dt.date | None = None) -> InquiryReply:
    """A transfer inquiry answered «allowed on condition»: the transfer fee and the unpaid renovation fee are the fee
    engine's figures for this parcel under the book in force on the day."""
    from desktop.doc_sample_fees import transfer_assessment

    day = sample_day(on)
    year = _year(on)
    assessment = transfer_assessment(PARCEL, renovation_years=3, on=day)
    amounts = {line["code"]: int(line["amount_rials"]) for line in assessment["lines"]}
    renovation, transfer = amounts["601"], amounts["701"]
    debts = (
        Debt(f"عوارض نوسازی سال‌های {_fa(year - 3)} تا {_fa(year - 1)}", renovation),
        Debt("عوارض پسماند", 3_825_000),
    )
    total = sum(d.amount_rials for d in debts) + transfer
    doc = InquiryReply(
        number=f"IR-{year}-004417",
        issued_at=issued_at(on),
        municipality=MUNICIPALITY,
        inquiry_number=f"NT-0042-{year}-0311",
        inquiry_type="استعلام نقل و انتقال (تبصره ۸ ماده ۱۰۰)",
        requester=NOTARY,
        owner_name="علی رضایی",
        parcel=PARCEL,
        plan_status="مشمول ۲ متر تعریض از بَر جنوبی (خیابان ۱۲ متری)",
        debts=debts,
        violations=(
            Violation("اضافه بنا در طبقه چهارم به مساحت ۱۲ متر مربع", "رأی کمیسیون ماده ۱۰۰ صادر و جریمه پرداخت شده"),
        ),
        transfer_fee_rials=transfer,
        transfer_allowed=True,
        condition=f"پرداخت بدهی‌ها و عوارض نقل و انتقال به مبلغ {_fa(f'{total:,}').replace(',', '٬')} ریال "
        "پیش از تنظیم سند",
        valid_until=day + VALIDITY,
        owner_national_id="0041239873",
        addressee=f"سردفتر محترم {NOTARY}",
        signatory_name=SIGNATORY[0],
        signatory_title=SIGNATORY[1],
    )
    return with_training_seal(doc)


def _parcel_geojson() -> dict[str, Any]:
    lat0, lon0 = 34.79841, 48.51492
    metres = [(0.0, 0.0), (12.4, 0.6), (12.0, 25.3), (-0.3, 24.8)]
    ring = [
        [round(lon0 + x / (111_320 * math.cos(math.radians(lat0))), 7), round(lat0 + y / 110_574, 7)] for x, y in metres
    ]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def zoning_sheet(*, on: dt.date | None = None) -> ZoningSheet:
    doc = ZoningSheet(
        number=f"ZN-{_year(on)}-002961",
        issued_at=issued_at(on),
        municipality=MUNICIPALITY,
        parcel=PARCEL,
        geometry=_parcel_geojson(),
        street_edge=0,
        street_name="کوچه شهید رجایی (نسترن)",
        street_width_m=Decimal("12"),
        rules=ZoningRules(
            land_use="مسکونی با تراکم متوسط (R2)",
            density_percent=Decimal("180"),
            coverage_percent=Decimal("60"),
            max_floors=3,
            front_setback_m=Decimal("2"),
            rear_setback_m=Decimal("0"),
            side_setback_m=Decimal("0"),
        ),
        signatory_name=SIGNATORY[0],
        signatory_title=SIGNATORY[1],
    )
    return with_training_seal(doc)


def fee_preview(*, on: dt.date | None = None) -> FeePreviewSheet:
    """The preview of `sample_fees.permit_case` under the bundled book in force: every line from the engine."""
    from desktop.doc_sample_fees import permit_assessment, permit_case_title
    from printing.fee_sheet import fee_lines

    assessment, book_title = permit_assessment(PARCEL, on=sample_day(on))
    book = assessment["book"]
    return FeePreviewSheet(
        number=f"FP-1001-{_ymd(on)}-07",
        issued_at=issued_at(on),
        office_name=OFFICE[1],
        book_title=book_title,
        book_version=book["version"],
        book_sha256=book["sha256"],
        case_title=permit_case_title(PARCEL, on=sample_day(on)),
        renovation_code=PARCEL.renovation_code,
        lines=fee_lines(assessment),
        training=True,
    )


def day_close(*, on: dt.date | None = None) -> DayCloseReport:
    day = sample_day(on)
    year = _year(on)
    opened = dt.datetime.combine(day, dt.time(8, 0), tzinfo=TEHRAN).astimezone(dt.UTC)
    kinds = tuple(DAY_CLOSE_KINDS)
    transactions = []
    for i in range(14):
        status = VOIDED if i == 5 else PAID
        server = None if i == 9 else status  # one payment the municipality's list lacks: a mismatch to show
        kind = kinds[i % len(kinds)]
        transactions.append(
            DayTransaction(
                at=opened + dt.timedelta(minutes=30 + 23 * i),
                receipt_number=f"R-{year}-1001-{100 + i:06d}",
                transaction_id=f"TX-7Q{4100 + 37 * i:05d}",
                title=DAY_CLOSE_KINDS[kind],
                amount_rials=1_250_000 + 375_000 * (i % 5) + 10_000 * i,
                status=status,
                server_status=server,
                kinds=(kind,),
            )
        )
    totals = tuple(
        KindTotal(
            kind,
            title,
            sum(t.amount_rials for t in transactions if kind in t.kinds and t.status == PAID),
            sum(t.amount_rials for t in transactions if kind in t.kinds and t.server_status == PAID),
        )
        for kind, title in DAY_CLOSE_KINDS.items()
    )
    doc = DayCloseReport(
        number=f"DC-1001-{_ymd(on)}",
        issued_at=opened + dt.timedelta(hours=7, minutes=35),
        office_code=OFFICE[0],
        office_name=OFFICE[1],
        operator_name="مریم احمدی",
        cashier_session=f"CS-1001-{_ymd(on)}-1",
        business_date=day,
        opened_at=opened,
        closed_at=opened + dt.timedelta(hours=7, minutes=30),
        transactions=tuple(transactions),
        counted_card_rials=sum(t.amount_rials for t in transactions if t.status == PAID),  # the terminal's total
        counted_cash_rials=0,
        kind_totals=totals,
    )
    return with_training_seal(doc)


def request_receipt(*, on: dt.date | None = None) -> RequestReceipt:
    """A permit request as the demo sandbox confirms it: tracking number from the server, training, not sealed (the
    municipality signs what it issues, and a request receipt is not an issued document). The estimate on it is the
    fee preview sample's total, under the same book."""
    preview = fee_preview(on=on)
    return RequestReceipt(
        number="PR-100042",
        issued_at=issued_at(on),
        office_code=OFFICE[0],
        office_name=OFFICE[1],
        operator_name="مریم احمدی",
        applicant_name="رضا کریمی",
        applicant_national_id="0012345679",
        renovation_code=PARCEL.renovation_code,
        attachments=("سند مالکیت تک‌برگ.pdf", "کارت ملی.jpg", "نقشه معماری-طبقات.pdf"),
        fee_preview_rials=preview.total_rials,
        fee_book_version=preview.book_version,
        training=True,
    )

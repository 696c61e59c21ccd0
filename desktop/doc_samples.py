"""Realistic demo content for every document kind, sealed with the public training key (so it prints «آموزشی»).

Used by `pishkhan docs sample`, the tests and the benchmark. Dates are fixed, so a sample is byte-identical on every
run. Names, numbers and amounts are invented; the parcel sits in Hamedan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from decimal import Decimal
from typing import Any, TypeVar

from civic.jalali import TEHRAN
from civic.keys import TRAINING_KEY_ID, training_private_key
from civic.seal import SealPayload, content_digest, sign
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
    FeeLine,
    FeePreviewSheet,
    InquiryReply,
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

ISSUED = dt.datetime(2025, 8, 3, 7, 40, tzinfo=dt.UTC)  # ۱۴۰۴/۰۵/۱۲ ۱۱:۱۰ in Tehran
MUNICIPALITY = "شهرداری همدان"
OFFICE = ("PK-1001", "دفتر پیشخوان دولت شماره ۱۰۰۱ همدان")

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


def receipt(serial: int = 123, *, sealed: bool = True) -> PaymentReceipt:
    doc = PaymentReceipt(
        number=f"R-1404-1001-{serial:06d}",
        issued_at=ISSUED + dt.timedelta(minutes=serial % 600),
        office_code=OFFICE[0],
        office_name=OFFICE[1],
        operator_name="مریم احمدی",
        terminal_id="T-4F2A91C0",
        payer_name="زهرا کریمی",
        payer_national_id="3871234567",
        renovation_code="2-14-123-45-0-0",
        lines=(
            ReceiptLine("عوارض نوسازی سال ۱۴۰۳", 4_850_000, "9104512"),
            ReceiptLine("عوارض پسماند", 1_275_000 + serial * 1000, "9104513"),
            ReceiptLine("کارمزد خدمات دفتر پیشخوان", 120_000),
        ),
        bank_name="بانک ملت (شعبه بوعلی)",
        card_mask="6104-33**-****-7781",
        rrn=f"4051{serial:08d}",
        tracking_code=f"PK-1001-14040512-{serial:06d}",
    )
    return with_training_seal(doc) if sealed else doc


def certificate(kind: str = CLEARANCE) -> Certificate:
    facts = {
        CLEARANCE: (("بدهی عوارض نوسازی تا پایان ۱۴۰۳", "ندارد"), ("بدهی عوارض کسب و پیشه", "ندارد")),
        COMPLETION: (
            ("شماره پروانه ساختمانی", "۱۴۰۱/۲۳۴۵"),
            ("تعداد طبقات", "۴ طبقه روی پیلوت"),
            ("زیربنای کل", "۷۲۰ متر مربع"),
            ("تعداد واحد", "۴ واحد مسکونی"),
        ),
        NO_VIOLATION: (
            ("شماره پروانه ساختمانی", "۱۴۰۲/۸۸۱"),
            ("مرحله ساخت", "اسکلت و سقف طبقه سوم"),
            ("بازدید مهندس ناظر", "۱۴۰۴/۰۵/۰۵"),
        ),
    }[kind]
    number = {CLEARANCE: "CL-1404-000871", COMPLETION: "CP-1404-000219", NO_VIOLATION: "NV-1404-000532"}[kind]
    doc = Certificate(
        number=number,
        issued_at=ISSUED,
        certificate_kind=kind,
        municipality=MUNICIPALITY,
        owner_name="علی رضایی",
        owner_national_id="0041239873",
        parcel=PARCEL,
        valid_until=dt.date(2025, 11, 1),
        facts=facts,
        fees_paid_rials=2_460_000 if kind == CLEARANCE else 0,
        notes="این گواهی فقط برای ارائه به دفاتر اسناد رسمی صادر شده است.",
    )
    return with_training_seal(doc)


def inquiry_reply() -> InquiryReply:
    doc = InquiryReply(
        number="IR-1404-004417",
        issued_at=ISSUED,
        municipality=MUNICIPALITY,
        inquiry_number="NT-0042-1404-0311",
        inquiry_type="استعلام نقل و انتقال (تبصره ۸ ماده ۱۰۰)",
        requester="دفتر اسناد رسمی شماره ۴۲ همدان",
        owner_name="علی رضایی",
        parcel=PARCEL,
        plan_status="مشمول ۲ متر تعریض از بر جنوبی (خیابان ۱۲ متری)",
        debts=(Debt("عوارض نوسازی ۱۴۰۱ تا ۱۴۰۳", 14_550_000), Debt("عوارض پسماند", 3_825_000)),
        violations=(
            Violation("اضافه بنا در طبقه چهارم به مساحت ۱۲ متر مربع", "رأی کمیسیون ماده ۱۰۰ صادر و جریمه پرداخت شده"),
        ),
        transfer_fee_rials=73_540_800,
        transfer_allowed=True,
        condition="نقل و انتقال پس از پرداخت بدهی‌های بالا و عوارض نقل و انتقال بلامانع است.",
        valid_until=dt.date(2025, 9, 2),
    )
    return with_training_seal(doc)


def _parcel_geojson() -> dict[str, Any]:
    lat0, lon0 = 34.79841, 48.51492
    metres = [(0.0, 0.0), (12.4, 0.6), (12.0, 25.3), (-0.3, 24.8)]
    ring = [
        [round(lon0 + x / (111_320 * math.cos(math.radians(lat0))), 7), round(lat0 + y / 110_574, 7)] for x, y in metres
    ]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def zoning_sheet() -> ZoningSheet:
    doc = ZoningSheet(
        number="ZN-1404-002961",
        issued_at=ISSUED,
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
    )
    return with_training_seal(doc)


def fee_preview() -> FeePreviewSheet:
    lines = (
        FeeLine(
            "1-1",
            "عوارض زیربنای مسکونی تک‌واحدی",
            "T = S × P × K",
            "S = ۱۸۰ m² ، P = ۱۲٬۰۰۰٬۰۰۰ ، K = ۳۰٪ (زیربنای ۱۵۰ تا ۲۰۰ متر)",
            "گرد کردن به پایین تا ۱٬۰۰۰ ریال",
            648_000_000,
        ),
        FeeLine(
            "2-4",
            "عوارض کسری پارکینگ (یک واحد)",
            "T = M × P × S",
            "M = ۵۰ ، P = ۱۲٬۰۰۰٬۰۰۰ ، S = ۲۵ m²",
            "حداقل ۷۰۰٬۰۰۰ ریال (اعمال نشد) ؛ تخفیف ۵۰٪ منع پارکینگ",
            150_000_000,
        ),
        FeeLine("3-2", "عوارض بالکن و پیش‌آمدگی", "T = 3 × P × S", "P = ۱۲٬۰۰۰٬۰۰۰ ، S = ۶ m²", "—", 216_000_000),
        FeeLine(
            "5-1",
            "عوارض نوسازی معوق",
            "T = n × 1.5% × P × A",
            "n = ۳ ، P = ۱۲٬۰۰۰٬۰۰۰ ، A = ۳۰۶٫۴۲ m²",
            "گرد کردن به پایین تا ۱٬۰۰۰ ریال",
            165_466_000,
        ),
    )
    return FeePreviewSheet(
        number="FP-1001-14040512-07",
        issued_at=ISSUED,
        office_name=OFFICE[1],
        book_title="دفترچه تعرفه عوارض محلی شهرداری همدان ۱۴۰۴ (نمونه)",
        book_version="1404.2",
        book_sha256="5b0c2e9a41f7d3c8e6a19b04d2f87c3a9e1d5b6f0a4c8e2d7b3f91a6c5e0d842",
        case_title="پروانه ساختمانی مسکونی، ۱۸۰ متر مربع زیربنا",
        renovation_code="2-14-123-45-0-0",
        lines=lines,
        training=True,
    )


def day_close() -> DayCloseReport:
    titles = ("عوارض نوسازی", "قبض آب", "عوارض پسماند", "پروانه ساختمانی", "قبض برق", "مفاصاحساب")
    transactions = []
    for i in range(14):
        status = VOIDED if i == 5 else PAID
        server = None if i == 9 else status
        transactions.append(
            DayTransaction(
                at=dt.datetime(2025, 8, 3, 5, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=23 * i),
                receipt_number=f"R-1404-1001-{100 + i:06d}",
                transaction_id=f"TX-7Q{4100 + 37 * i:05d}",
                title=titles[i % len(titles)],
                amount_rials=1_250_000 + 375_000 * (i % 5) + 10_000 * i,
                status=status,
                server_status=server,
            )
        )
    doc = DayCloseReport(
        number="DC-1001-14040512",
        issued_at=dt.datetime(2025, 8, 3, 12, 5, tzinfo=dt.UTC),
        office_code=OFFICE[0],
        office_name=OFFICE[1],
        operator_name="مریم احمدی",
        cashier_session="CS-1001-14040512-1",
        business_date=dt.date(2025, 8, 3),
        opened_at=dt.datetime(2025, 8, 3, 4, 30, tzinfo=dt.UTC),
        closed_at=dt.datetime(2025, 8, 3, 12, 0, tzinfo=dt.UTC),
        transactions=tuple(transactions),
    )
    return with_training_seal(doc)


def request_receipt() -> RequestReceipt:
    """A permit request as the demo sandbox confirms it: tracking number from the server, training, not sealed (the
    municipality signs what it issues, and a request receipt is not an issued document)."""
    return RequestReceipt(
        number="PR-100042",
        issued_at=ISSUED,
        office_code=OFFICE[0],
        office_name=OFFICE[1],
        operator_name="مریم احمدی",
        applicant_name="رضا کریمی",
        applicant_national_id="0012345679",
        renovation_code="2-14-123-45-0-0",
        attachments=("سند مالکیت تک‌برگ.pdf", "کارت ملی.jpg", "نقشه معماری-طبقات.pdf"),
        fee_preview_rials=1_179_466_000,
        fee_book_version="1404.2",
        training=True,
    )

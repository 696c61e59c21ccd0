"""What the document builders share: digits, money and dates as printed, the seal block, the A4 header."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from civic.jalali import format_jalali_date, format_jalali_datetime
from civic.money import format_rials
from civic.seal import SealPayload, content_digest, read_unverified
from civic.text import to_persian_digits
from printing.layout import GREY, SHADE, Meta, Sheet
from printing.model import Document, Parcel, document_content
from printing.qr import QrMatrix, qr_matrix

A4_MARGIN = 15 * mm
RIAL = "ریال"


class SealMismatchError(ValueError):
    """The seal given with a document was not made for this document's number, kind or content."""


def fa(value: str | int) -> str:
    return to_persian_digits(value)


def rials(amount: int, *, unit: bool = True) -> str:
    return format_rials(amount) + (f" {RIAL}" if unit else "")


def measure(value: Decimal, unit: str = "") -> str:
    """A measure such as an area or a length: Persian digits, «٫» as the decimal separator, trailing zeros dropped."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(".", "\u066b")
    return fa(text) + (f" {unit}" if unit else "")


def jdate(day: dt.date | dt.datetime | None) -> str:
    return "—" if day is None else format_jalali_date(day)


def jdatetime(instant: dt.datetime) -> str:
    return format_jalali_datetime(instant)


def sealed(doc: Document) -> tuple[QrMatrix, SealPayload] | None:
    """The QR of the document's seal, after checking that the seal belongs to this document.

    The signature is not checked here (the client has no business trusting or distrusting at print time, and the
    sandbox's seals verify against the trust list anyway); what is checked is that the seal names this document's
    number and kind and carries the hash of this document's content, so a seal can never be printed on the wrong page.
    """
    if doc.seal is None:
        return None
    payload, _, _ = read_unverified(doc.seal)
    if payload.number != doc.number:
        raise SealMismatchError(f"the seal is for document {payload.number}, not {doc.number}")
    if payload.kind != doc.seal_kind:
        raise SealMismatchError(f"the seal is for a {payload.kind}, not a {doc.seal_kind}")
    if payload.content_sha256 != content_digest(document_content(doc)):
        raise SealMismatchError(f"the seal of {doc.number} was made for other content")
    return qr_matrix(doc.seal), payload


def is_training(doc: Document, payload: SealPayload | None) -> bool:
    return doc.training or (payload is not None and (payload.training or payload.key_id == "pishkhan-training-1"))


def meta(doc: Document, title: str, paper: str, *, training: bool) -> Meta:
    marks = (paper, "duplicate" if doc.reprint else "original", *(("training",) if training else ()))
    return Meta(title=f"{title} {doc.number}", number=doc.number, kind=doc.seal_kind, keywords=marks)


def a4_sheet() -> Sheet:
    width, height = A4
    return Sheet(width, height, A4_MARGIN, size=10)


def a4_header(sheet: Sheet, doc: Document, authority: str, title: str, extra: tuple[tuple[str, str], ...] = ()) -> None:
    """Authority at the right, number and dates at the left, the title centred under them."""
    top = sheet.y
    sheet.text_at(authority, sheet.right, top + 14, size=13, bold=True)
    sheet.text_at("جمهوری اسلامی ایران", sheet.right, top + 30, size=9, color=GREY)
    rows = (("شماره:", doc.number), ("تاریخ:", jdate(doc.issued_at)), *extra)
    label_x = sheet.left + 66 * mm
    value_x = label_x - sheet.label_width([label for label, _ in rows], 9)
    for i, (label, value) in enumerate(rows):
        baseline = top + 12 + i * 14
        sheet.text_at(label, label_x, baseline, size=9, color=GREY)
        sheet.text_at(value, value_x, baseline, size=9, bold=True)
    sheet.y = top + max(38, 14 * len(rows) + 6)
    if doc.reprint:
        sheet.banner("المثنی")
    sheet.heading(title, size=16)
    sheet.rule(weight=1.0)
    sheet.gap(2 * mm)


def seal_block(sheet: Sheet, matrix: QrMatrix | None, *, side: float = 34 * mm) -> None:
    """The QR and how to check it, at the foot of the content."""
    if matrix is None:
        return
    sheet.gap(3 * mm)
    sheet.ensure(side + 24 * mm)
    sheet.qr(matrix, side)
    sheet.line("مهر الکترونیکی سند: اصالت را با خواندن این کد در سامانه شهرداری یا", size=8, align="center")
    sheet.line("با فرمان «pishkhan docs verify» بررسی کنید.", size=8, align="center")


def section(sheet: Sheet, title: str) -> None:
    """A section title on a shaded bar."""
    size = sheet.size + 1
    height = sheet.leading(size) + 2
    sheet.ensure(height + sheet.leading(sheet.size) * 2)
    sheet.gap(2 * mm)
    sheet.rect(sheet.left, sheet.y, sheet.inner, height, fill=SHADE)
    sheet.text_at(title, sheet.right - 2 * mm, sheet.y + size * 1.2, size=size, bold=True)
    sheet.y += height + 1.5 * mm


def parcel_fields(sheet: Sheet, parcel: Parcel) -> None:
    sheet.fields(
        [
            ("کد نوسازی:", parcel.renovation_code),
            ("پلاک ثبتی:", fa(parcel.registration_plate)),
            ("بخش ثبتی:", parcel.registry_section),
            ("مساحت عرصه:", measure(parcel.land_area_m2, "متر مربع")),
            ("کاربری:", parcel.land_use),
        ],
        columns=2,
    )
    sheet.field("نشانی:", parcel.address)

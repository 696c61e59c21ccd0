"""What the document builders share: digits, money and dates as printed, and the official design of every document:
the letterhead (`official_header`, `a4_header`), the closing band of signatures and seal at the foot of the last page
(`signature_area`, `seal_block`), the page footer with the verification hint and the issuer's address, and their
compact versions on the 80 mm roll (`receipt_header`, `receipt_footer`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm

from civic.jalali import format_jalali_date, format_jalali_datetime
from civic.money import format_rials
from civic.seal import SealPayload, content_digest, read_unverified
from civic.text import to_persian_digits
from printing.fonts import BOLD, REGULAR
from printing.layout import GREY, LIGHT, SHADE, FootPart, Meta, Sheet
from printing.letterhead import draw_emblem, issuer
from printing.model import Document, Parcel, document_content
from printing.qr import QrMatrix, qr_matrix
from printing.rtl import ltr, text_width, wrap

A4_MARGIN = 15 * mm
A5_MARGIN = 12 * mm
ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm
RIAL = "ریال"
BISMILLAH = "بسمه تعالی"
NO_ATTACHMENT = "ندارد"
SEAL_CAPTION = "مهر الکترونیکی سند"


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


def a5_sheet() -> Sheet:
    width, height = A5
    return Sheet(width, height, A5_MARGIN, size=9.5)


def roll_sheet() -> Sheet:
    """The 80 mm receipt roll: as tall as its content."""
    return Sheet(ROLL_WIDTH, None, ROLL_MARGIN, size=8)


def verification_hint(*, receipt: bool = False) -> str:
    """Where anyone checks a printed seal: any office's verification page, or the municipality's web address."""
    where = "هر دفتر پیشخوان" if receipt else "هر دفتر پیشخوان یا دفتر اسناد رسمی"
    thing = "این رسید" if receipt else "این سند"
    return f"اصالت {thing} را در صفحه «بررسی اصالت سند» {where}، یا در نشانی {ltr(issuer().verify_url)} بررسی کنید."


def _address_line() -> str:
    body = issuer()
    phone = f" — تلفن: {ltr(body.phone)}" if body.phone else ""
    return f"نشانی: {body.address}{phone}"


def official_header(
    sheet: Sheet,
    doc: Document,
    title: str,
    extra: tuple[tuple[str, str], ...] = (),
    *,
    unit: str = "",
    attachment: str = NO_ATTACHMENT,
) -> None:
    """The letterhead of an official document, as Iranian official letters lay it out.

    «بسمه تعالی» centred at the top; at the right the emblem and under it country, ministry and organisation (then
    `unit`, a department or an office, when given) in one centred column, the organisation the most prominent; at the
    left number, date, attachment and the `extra` rows; «المثنی» on a reprint; then the title, centred and large.
    It also sets the page footer to the issuer's address.
    """
    body = issuer()
    top = sheet.y
    sheet.text_at(BISMILLAH, (sheet.left + sheet.right) / 2, top + 8, size=10, bold=True, align="center")

    column = 58 * mm if sheet.inner > 150 * mm else 46 * mm
    centre = sheet.right - column / 2
    emblem = 15 * mm if sheet.inner > 150 * mm else 12 * mm
    sheet.custom(0, lambda canvas, to_pdf_y: draw_emblem(canvas, centre, to_pdf_y(0), emblem))
    names = [(body.country, 8.5, False), (body.ministry, 8.5, False), (body.organisation, 11, True)]
    if unit:
        names += [(part, 9, True) for part in wrap(unit, BOLD, 9, column)]
    y = top + emblem + 2 * mm
    for name, size, bold in names:
        y += sheet.leading(size) * 0.85
        sheet.text_at(name, centre, y, size=size, bold=bold, align="center")
    right_bottom = y + 2 * mm

    rows = (("شماره:", fa(doc.number)), ("تاریخ:", jdate(doc.issued_at)), ("پیوست:", attachment), *extra)
    label_x = sheet.left + 62 * mm if sheet.inner > 150 * mm else sheet.left + 46 * mm
    value_x = label_x - sheet.label_width([label for label, _ in rows], 9)
    step = 14.0
    first = top + 24
    for i, (label, value) in enumerate(rows):
        baseline = first + i * step
        sheet.text_at(label, label_x, baseline, size=9, color=GREY)
        sheet.text_at(value, value_x, baseline, size=9, bold=True)
    left_bottom = first + (len(rows) - 1) * step + 6

    sheet.y = max(right_bottom, left_bottom)
    if doc.reprint:
        sheet.banner("المثنی")
    sheet.heading(title, size=16)
    sheet.rule(weight=1.0)
    sheet.gap(2 * mm)
    hint = [line for line in sheet.footer_source if line == verification_hint()]
    sheet.set_footer_lines([*hint, _address_line()])


def a4_header(sheet: Sheet, doc: Document, authority: str, title: str, extra: tuple[tuple[str, str], ...] = ()) -> None:
    """The official letterhead (`official_header`); an `authority` other than the issuing municipality (an office)
    is printed as the unit under it."""
    unit = "" if authority == issuer().organisation else authority
    official_header(sheet, doc, title, extra, unit=unit)


def _signature_part(sheet: Sheet, name: str, title: str, caption: str, stamp: bool) -> FootPart:
    width = 62 * mm if sheet.inner > 150 * mm else 52 * mm
    size = 9.0
    step = sheet.leading(size)
    titles = wrap(title, REGULAR, size - 0.5, width) if title else []
    box = 20 * mm if stamp else 14 * mm
    lines = (1 if caption else 0) + 1 + len(titles)
    height = lines * step + box + 1.5 * mm

    def draw(sheet: Sheet, x_right: float, top: float) -> None:
        centre = x_right - width / 2
        y = top
        if caption:
            sheet.text_at(caption, centre, y + size * 1.1, size=size - 0.5, color=GREY, align="center")
            y += step
        shown = name or "نام و نام خانوادگی: ............................"
        sheet.text_at(shown, centre, y + size * 1.1, size=size + 0.5, bold=bool(name), align="center")
        y += step
        for part in titles:
            sheet.text_at(part, centre, y + size * 1.1, size=size - 0.5, align="center")
            y += step
        y += 1.5 * mm
        sheet.box(x_right - width, y, width, box, color=LIGHT, weight=0.8, dashed=True)
        label = "محل امضا و مهر" if stamp else "محل امضا"
        sheet.text_at(label, centre, y + box - 2.5 * mm, size=7, color=GREY, align="center")

    return FootPart(width, height, draw)


def signature_area(sheet: Sheet, name: str, title: str, *, stamp: bool = True, caption: str = "") -> None:
    """A signatory's name and post and a signature-and-stamp box, in the closing band at the foot of the last page
    (inline on a roll). `name` empty: a line to write the name on. `caption` above, e.g. «متصدی صندوق»."""
    sheet.add_to_foot(_signature_part(sheet, name, title, caption, stamp))


def seal_block(sheet: Sheet, matrix: QrMatrix | None, *, side: float = 30 * mm, inline: bool = False) -> None:
    """The seal's QR with its caption in the closing band (`inline`: here, centred, in the flow of the content),
    and the verification hint in every page's footer."""
    if matrix is None:
        return
    if inline:
        sheet.qr(matrix, side)
        sheet.line(SEAL_CAPTION, size=7.5, align="center", color=GREY)
        add_verification_hint(sheet)
        return
    quiet = side / matrix.size * 4
    caption = 7.5
    width = max(side + 2 * quiet, text_width(SEAL_CAPTION, REGULAR, caption) + 4 * mm)
    height = quiet + side + quiet * 0.6 + caption * 1.3  # the caption sits in the lower quiet zone's margin

    def draw(sheet: Sheet, x_right: float, top: float) -> None:
        centre = x_right - width / 2
        sheet.ops.append(("q", centre - side / 2, top + quiet, side, matrix))
        sheet.text_at(SEAL_CAPTION, centre, top + height - caption * 0.3, size=caption, color=GREY, align="center")

    sheet.add_to_foot(FootPart(width, height, draw))
    add_verification_hint(sheet)


def add_verification_hint(sheet: Sheet) -> None:
    """The verification hint in every page's footer, above the address (for a seal drawn elsewhere, e.g. on a map)."""
    if sheet.height is not None and verification_hint() not in sheet.footer_source:
        sheet.set_footer_lines([verification_hint(), *sheet.footer_source])


def receipt_header(sheet: Sheet, doc: Document, title: str, office_name: str, office_code: str) -> None:
    """The roll's compact letterhead: a small emblem and the municipality, the office and its code, «المثنی» on a
    reprint, then the title."""
    emblem = 11 * mm
    top = sheet.y
    centre = (sheet.left + sheet.right) / 2
    sheet.custom(emblem + 1 * mm, lambda canvas, to_pdf_y: draw_emblem(canvas, centre, to_pdf_y(0), emblem))
    sheet.y = top + emblem + 1 * mm
    sheet.line(issuer().organisation, align="center", bold=True, size=sheet.size + 1)
    sheet.line(office_name, align="center", size=sheet.size - 0.5)
    sheet.line(f"کد دفتر: {fa(office_code)}", align="center", size=sheet.size - 1, color=GREY)
    sheet.rule(dashed=True)
    if doc.reprint:
        sheet.banner("المثنی", size=11)
    sheet.heading(title, size=sheet.size + 4)


def receipt_footer(sheet: Sheet, matrix: QrMatrix | None, *, side: float = 30 * mm) -> None:
    """The roll's compact foot: a dashed rule, the seal's QR centred and where to check it (inline, nothing at the
    foot of a page). On an A5 sheet the QR joins the closing band and the hint the page footer instead."""
    if sheet.height is not None:
        seal_block(sheet, matrix, side=side)
        return
    sheet.rule(dashed=True)
    if matrix is None:
        return
    sheet.qr(matrix, side)
    small = sheet.size - 1.5
    sheet.paragraph(verification_hint(receipt=True), size=small, align="center", color=GREY)


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
            ("کد نوسازی:", fa(parcel.renovation_code)),
            ("پلاک ثبتی:", fa(parcel.registration_plate)),
            ("بخش ثبتی:", parcel.registry_section),
            ("مساحت عرصه:", measure(parcel.land_area_m2, "متر مربع")),
            ("کاربری:", parcel.land_use),
        ],
        columns=2,
    )
    sheet.field("نشانی:", parcel.address)

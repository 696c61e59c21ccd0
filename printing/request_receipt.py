"""The application receipt «رسید ثبت درخواست» on the 80 mm roll, printed once the municipality has confirmed a
request: the tracking number large and as a QR code (a scanner at any counter types it into the requests page),
who filed what for which parcel, the files handed over, the offline fee estimate marked as an estimate, and what
the citizen does next."""

from __future__ import annotations

from reportlab.lib.units import mm

from printing.common import fa, is_training, jdatetime, meta, receipt_footer, receipt_header, rials, roll_sheet, sealed
from printing.layout import GREY, Sheet
from printing.model import RequestReceipt
from printing.qr import qr_matrix
from printing.receipt import ROLL

TITLE = "رسید ثبت درخواست"
ESTIMATE_NOTE = "برآورد؛ مبلغ قطعی پس از بررسی شهرداری اعلام می‌شود."
NEXT_STEP = (
    "شهرداری درخواست را بررسی و عوارض آن را محاسبه می‌کند و نتیجه را با پیامک به شماره همراه شما خبر می‌دهد. "
    "برای پیگیری، شماره پیگیری این رسید را در همین دفتر یا در سامانه شهرداری الکترونیک همدان بدهید."
)


def build_request_receipt(doc: RequestReceipt, paper: str = ROLL) -> bytes:
    """The receipt as PDF bytes on the 80 mm roll, exactly as tall as its content."""
    if paper != ROLL:
        raise ValueError(f"a {doc.kind} is printed on the {ROLL} roll only")
    seal = sealed(doc)
    sheet = roll_sheet()
    receipt_header(sheet, doc, TITLE, doc.office_name, doc.office_code)
    _draw(sheet, doc)
    if seal is not None:
        receipt_footer(sheet, seal[0])
    training = is_training(doc, seal[1] if seal else None)
    return sheet.render(meta(doc, TITLE, ROLL, training=training), training=training)


def _draw(sheet: Sheet, r: RequestReceipt) -> None:
    small = sheet.size - 1
    sheet.line(r.request_title, align="center", bold=True, size=sheet.size + 1)
    sheet.line("شماره پیگیری", align="center", size=small, color=GREY)
    sheet.line(fa(r.number), align="center", bold=True, size=17)
    sheet.qr(qr_matrix(r.number), 22 * mm)
    sheet.rule(dashed=True)
    sheet.fields(
        [
            ("تاریخ و ساعت", jdatetime(r.issued_at)),
            ("متقاضی", r.applicant_name),
            ("کد ملی", fa(r.applicant_national_id)),
            ("کد نوسازی", fa(r.renovation_code)),
            ("متصدی", r.operator_name),
        ]
    )
    if r.attachments:
        sheet.gap(1 * mm)
        sheet.line(f"پیوست‌ها ({fa(len(r.attachments))} فایل):", size=small, color=GREY)
        for name in r.attachments:
            sheet.paragraph(f"• {name}", size=small)
    if r.fee_preview_rials is not None:
        sheet.rule(dashed=True)
        sheet.fields([("برآورد عوارض", rials(r.fee_preview_rials))])
        sheet.paragraph(ESTIMATE_NOTE, size=small, bold=True)
        if r.fee_book_version:
            sheet.line(f"دفترچه تعرفه: نسخه {fa(r.fee_book_version)}", size=small - 0.5, color=GREY)
    sheet.rule(dashed=True)
    sheet.line("گام بعد", size=small, bold=True)
    sheet.paragraph(NEXT_STEP, size=small)

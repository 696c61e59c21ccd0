"""The payment receipt: an 80 mm roll exactly as tall as its content, or an A5 sheet."""

from __future__ import annotations

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm

from civic.money import rials_in_words
from printing.common import fa, is_training, jdatetime, meta, rials, sealed
from printing.layout import GREY, Column, Sheet
from printing.model import PaymentReceipt

ROLL_WIDTH = 80 * mm
ROLL = "roll-80mm"
A5_PAPER = "a5"
PAPERS = (ROLL, A5_PAPER)
TITLE = "رسید پرداخت"


def build_receipt(receipt: PaymentReceipt, paper: str = ROLL) -> bytes:
    """The receipt as PDF bytes on `paper` ("roll-80mm" or "a5")."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}")
    roll = paper == ROLL
    seal = sealed(receipt)
    if roll:
        sheet = Sheet(ROLL_WIDTH, None, 4 * mm, size=8)
    else:
        sheet = Sheet(*A5, 12 * mm, size=9.5)
    _draw(sheet, receipt, roll, seal[0] if seal else None)
    footer = "المثنی" if receipt.reprint else ""
    training = is_training(receipt, seal[1] if seal else None)
    return sheet.render(meta(receipt, TITLE, paper, training=training), training=training, footer=footer)


def _draw(sheet: Sheet, r: PaymentReceipt, roll: bool, matrix: object) -> None:
    small = sheet.size - 1
    if r.reprint:
        sheet.banner("المثنی", size=11)
    sheet.heading(TITLE, size=sheet.size + 4)
    sheet.line(r.office_name, align="center", bold=True)
    sheet.line(f"کد دفتر: {r.office_code}", align="center", size=small, color=GREY)
    sheet.rule(dashed=True)
    pairs = [
        ("شماره رسید", r.number),
        ("تاریخ و ساعت", jdatetime(r.issued_at)),
        ("پرداخت‌کننده", r.payer_name),
        ("کد ملی", fa(r.payer_national_id)),
    ]
    if r.renovation_code:
        pairs.append(("کد نوسازی", r.renovation_code))
    sheet.fields(pairs, columns=1 if roll else 2)
    sheet.gap(1.5 * mm)
    columns = [Column("شرح", 62), Column("مبلغ (ریال)", 38, align="left")]
    rows = [
        [line.title + (f" ({fa(line.reference)})" if line.reference else ""), rials(line.amount_rials, unit=False)]
        for line in r.lines
    ]
    sheet.table(columns, rows, total=["جمع کل", rials(r.total_rials, unit=False)])
    sheet.gap(1 * mm)
    sheet.paragraph(f"به حروف: {rials_in_words(r.total_rials)}", size=small, bold=True)
    sheet.rule(dashed=True)
    payment = [
        ("بانک", r.bank_name),
        ("شماره کارت", fa(r.card_mask)),
        ("شماره مرجع", fa(r.rrn)),
        ("کد رهگیری", r.tracking_code),
        ("متصدی", r.operator_name),
        ("پایانه", r.terminal_id),
    ]
    sheet.fields(payment, columns=1 if roll else 2, size=small)
    if matrix is not None:
        sheet.gap(1 * mm)
        sheet.qr(matrix, 36 * mm if roll else 34 * mm)  # type: ignore[arg-type]
        sheet.line("اصالت این رسید را با خواندن کد بالا بررسی کنید.", size=small - 0.5, align="center", color=GREY)
    sheet.line("از پرداخت شما سپاسگزاریم.", size=small, align="center")

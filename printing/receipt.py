"""The payment receipt: an 80 mm roll exactly as tall as its content, or an A5 sheet with the official header."""

from __future__ import annotations

from reportlab.lib.units import mm

from civic.money import rials_in_words
from printing.common import (
    a5_sheet,
    fa,
    is_training,
    jdatetime,
    meta,
    official_header,
    receipt_footer,
    receipt_header,
    rials,
    roll_sheet,
    seal_block,
    sealed,
)
from printing.layout import Column, Sheet
from printing.model import PaymentReceipt

ROLL_WIDTH = 80 * mm
ROLL = "roll-80mm"
A5_PAPER = "a5"
PAPERS = (ROLL, A5_PAPER)
TITLE = "رسید پرداخت"
THANKS = "از پرداخت شما سپاسگزاریم."


def build_receipt(receipt: PaymentReceipt, paper: str = ROLL) -> bytes:
    """The receipt as PDF bytes on `paper` ("roll-80mm" or "a5")."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}")
    roll = paper == ROLL
    seal = sealed(receipt)
    matrix = seal[0] if seal else None
    if roll:
        sheet = roll_sheet()
        receipt_header(sheet, receipt, TITLE, receipt.office_name, receipt.office_code)
    else:
        sheet = a5_sheet()
        official_header(sheet, receipt, TITLE, unit=receipt.office_name)
    _draw(sheet, receipt, roll)
    if roll:
        receipt_footer(sheet, matrix)
        sheet.line(THANKS, size=sheet.size - 1, align="center")
    else:
        sheet.gap(2 * mm)
        sheet.line(THANKS, size=sheet.size - 1, align="center")
        seal_block(sheet, matrix)
    footer = "" if roll else ("المثنی — " if receipt.reprint else "") + fa(receipt.number)  # a roll has no foot
    training = is_training(receipt, seal[1] if seal else None)
    return sheet.render(meta(receipt, TITLE, paper, training=training), training=training, footer=footer)


def amount_columns(roll: bool) -> list[Column]:
    """Description and amount; amounts right-aligned in their own column, so units sit under units."""
    return [Column("شرح", 64 if roll else 70), Column("مبلغ (ریال)", 36 if roll else 30, align="right", tabular=True)]


def _draw(sheet: Sheet, r: PaymentReceipt, roll: bool) -> None:
    small = sheet.size - 1
    pairs = [
        *((("شماره رسید", fa(r.number)),) if roll else ()),  # on A5 the letterhead carries the number
        ("تاریخ و ساعت", jdatetime(r.issued_at)),
        ("پرداخت‌کننده", r.payer_name),
        ("کد ملی", fa(r.payer_national_id)),
    ]
    if r.renovation_code:
        pairs.append(("کد نوسازی", fa(r.renovation_code)))
    sheet.fields(pairs, columns=1 if roll else 2)
    sheet.gap(1.5 * mm)
    rows = [
        [line.title + (f" ({fa(line.reference)})" if line.reference else ""), rials(line.amount_rials, unit=False)]
        for line in r.lines
    ]
    sheet.table(amount_columns(roll), rows, total=["جمع کل", rials(r.total_rials, unit=False)])
    sheet.gap(1 * mm)
    sheet.paragraph(f"به حروف: {rials_in_words(r.total_rials)}", size=small, bold=True)
    sheet.rule(dashed=True)
    payment = [
        ("بانک", r.bank_name),
        ("شماره کارت", fa(r.card_mask)),
        ("شماره مرجع", fa(r.rrn)),
        ("کد رهگیری", fa(r.tracking_code)),
        ("متصدی", r.operator_name),
        ("پایانه", fa(r.terminal_id)),
    ]
    sheet.fields(payment, columns=1 if roll else 2, size=small)

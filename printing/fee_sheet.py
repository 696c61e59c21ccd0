"""The fee preview sheet «پیش‌نمایش عوارض» on A4: each line item with its formula as printed in the tariff book,
the inputs bound to it, the minimum, cap, discount and rounding applied, and the amount.

It takes plain `FeeLine`s: the desktop turns a fee assessment into them, so printing never imports the fee module.
"""

from __future__ import annotations

from civic.money import rials_in_words
from printing.common import a4_header, a4_sheet, fa, is_training, meta, rials, seal_block, sealed
from printing.layout import GREY, Column
from printing.model import FeePreviewSheet

TITLE = "پیش‌نمایش عوارض (برآورد)"


def build_fee_preview(doc: FeePreviewSheet) -> bytes:
    """The fee preview as PDF bytes (A4)."""
    seal = sealed(doc)
    sheet = a4_sheet()
    a4_header(sheet, doc, doc.office_name, TITLE, (("نسخه دفترچه:", doc.book_version),))
    sheet.fields(
        [
            ("دفترچه تعرفه:", doc.book_title),
            ("موضوع:", doc.case_title),
            ("کد نوسازی:", doc.renovation_code),
        ]
    )
    sheet.gap(4)
    columns = [
        Column("کد", 7, align="center"),
        Column("عنوان عوارض", 21, bold=True),
        Column("روش محاسبه", 30),
        Column("توضیحات محاسبه", 24),
        Column("مبلغ (ریال)", 18, align="left"),
    ]
    rows = [
        [fa(line.code), line.title, f"{line.formula}\n{line.inputs}", line.notes, rials(line.amount_rials, unit=False)]
        for line in doc.lines
    ]
    if rows:
        total = ["", "جمع کل", "", "", rials(doc.total_rials, unit=False)]
        sheet.table(columns, rows, size=9, total=total)
        sheet.field("به حروف:", rials_in_words(doc.total_rials))
    else:
        sheet.line("هیچ ردیفی از عوارض به این مورد تعلق نمی‌گیرد.", bold=True)
    sheet.gap(6)
    sheet.paragraph(
        "این برگه برآوردی است که با دفترچه تعرفه همراه برنامه و بدون اتصال به سامانه محاسبه شده است؛ "
        "مبلغ قطعی را شهرداری پس از بررسی پرونده اعلام می‌کند و این برگه قابل پرداخت نیست.",
        size=9,
    )
    sheet.line(f"SHA-256: {doc.book_sha256}", size=7, align="left", color=GREY, rtl=False)
    seal_block(sheet, seal[0] if seal else None)
    training = is_training(doc, seal[1] if seal else None)
    footer = ("المثنی — " if doc.reprint else "") + doc.number
    return sheet.render(meta(doc, TITLE, "a4", training=training), training=training, footer=footer)

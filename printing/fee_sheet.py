"""The fee preview sheet «پیش‌نمایش عوارض» on A4: each line item with its formula as printed in the tariff book,
the inputs bound to it, the minimum, cap, discount and rounding applied, and the amount.

It takes plain `FeeLine`s. `fee_lines` makes them from an assessment in the `--json` shape of `pishkhan fees preview`
(`fees.Assessment.to_json_dict()`), word for word and figure for figure, so printing never imports the fee module and
the sheet says exactly what the engine computed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from reportlab.lib.units import mm

from civic.money import rials_in_words
from printing.common import a4_header, a4_sheet, fa, is_training, meta, rials, seal_block, sealed
from printing.fonts import REGULAR
from printing.layout import GREY, Column
from printing.model import FeeLine, FeePreviewSheet
from printing.rtl import text_width

TITLE = "پیش‌نمایش عوارض (برآورد)"

# The book's names for what a formula reads, in the words of the fee preview page.
INPUT_NAMES = {
    "region": "منطقه",
    "district": "ناحیه",
    "block": "بلوک",
    "land_area": "مساحت عرصه (م²)",
    "parking_provided": "پارکینگ تأمین‌شده",
    "parking_required": "پارکینگ لازم",
    "parking_shortfall": "کسری پارکینگ",
    "parking_exemption": "محدودیت پارکینگ",
    "balcony_area": "مساحت بالکن (م²)",
    "extra_floor_area": "مساحت اضافه طبقه (م²)",
    "renovation_years": "سال‌های پرداخت‌نشده",
    "residential_area": "زیربنای مسکونی (م²)",
    "residential_units": "واحدهای مسکونی",
    "commercial_area": "زیربنای تجاری (م²)",
    "office_area": "زیربنای اداری (م²)",
    "industrial_area": "زیربنای صنعتی (م²)",
    "storage_area": "زیربنای انبار (م²)",
    "total_area": "کل زیربنا (م²)",
    "total_units": "کل واحدها",
    "floor_count": "تعداد طبقات",
    "floor_no": "ردیف طبقه",
    "level": "طبقه",
    "mezzanine": "نیم‌طبقه",
    "use": "کاربری",
    "serves": "کاربری‌ای که انبار به آن خدمت می‌دهد",
    "area": "زیربنای طبقه (م²)",
    "units": "واحدهای طبقه",
    "height": "ارتفاع (م)",
    "frontage": "بَر (م)",
    "parking_deduction_m2": "کسر زیربنا برای هر پارکینگ (م²)",
    "parking_space_m2": "مساحت هر پارکینگ (م²)",
    "cap_extra_per_m2": "سقف برای هر متر مربع (ریال)",
    "minimum_per_m2": "حداقل برای هر متر مربع (ریال)",
    "renovation_rate": "نرخ سالانه نوسازی",
    "transfer_rate": "نرخ نقل و انتقال",
    "row": "ردیف جدول",
    "kind": "گروه کاربری",
}
VALUE_NAMES = {
    "none": "ندارد",
    "restricted": "محدودیت طرح ترافیکی",
    "forbidden": "ممانعت از احداث",
    "basement": "زیرزمین",
    "ground": "همکف",
    "first": "طبقه اول",
    "second": "طبقه دوم",
    "third_up": "طبقه سوم و بالاتر",
    "storage": "انبار",
    "mezzanine": "نیم‌طبقه",
    "residential": "مسکونی",
    "commercial": "تجاری",
    "office": "اداری",
    "industrial": "صنعتی",
    "residential_single": "مسکونی تک‌واحدی",
    "residential_several": "مسکونی چندواحدی",
    "office_industrial": "اداری یا صنعتی",
    "True": "بله",
    "False": "خیر",
}
ROUNDING_MODES = {"down": "به پایین", "up": "به بالا", "half_up": "به نزدیک‌ترین", "half_even": "به نزدیک‌ترین"}
SKIPPED_INPUTS = frozenset({"purpose"})  # the kind of case: the sheet's subject already says it
_SYMBOL = re.compile(r"[A-Za-z][A-Za-z]?[0-9]?", re.ASCII)  # a formula's own letter: P, S, K, L0, x
_FORMULA_DIGITS = re.compile(r"(?<![A-Za-z0-9])[0-9]+(?:\.[0-9]+)?", re.ASCII)  # a number, not L0's 0
_FLOOR = re.compile(r"floors\[([0-9]+)\]", re.ASCII)


def number_text(value: Any) -> str:
    """A figure of the engine for a Persian page: grouped, «٫» as the decimal point, trailing zeros dropped."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return VALUE_NAMES.get(str(value), str(value))
    if number == number.to_integral_value():
        return fa(f"{int(number):,}".replace(",", "\u066c"))
    text = format(number.normalize(), ",f")
    return fa(text.replace(",", "\u066c").replace(".", "\u066b"))


def formula_text(formula: str) -> str:
    """The book's formula with Persian digits; a symbol's own digit (L0, H0) stays part of the symbol."""
    return _FORMULA_DIGITS.sub(lambda m: fa(m.group(0).replace(".", "\u066b")), formula)


def binding(name: str, value: Any) -> str:
    """«name = value» as printed: a formula's symbol as is, any other name in words."""
    label = name if _SYMBOL.fullmatch(name) else INPUT_NAMES.get(name, name)
    return f"{label} = {number_text(value)}"


def _shown(name: str, value: Any) -> bool:
    """A formula's own symbols always; a case value the item read only to choose a branch (a zero area of another
    use) is left out when it is zero, as it adds nothing to the amount."""
    if name in SKIPPED_INPUTS or value is None:
        return False
    if _SYMBOL.fullmatch(name):
        return True
    try:
        return Decimal(str(value)) != 0
    except InvalidOperation:
        return True


def pack(parts: Sequence[str], width: float, *, size: float, separator: str = " ؛ ") -> str:
    """`parts` joined on as few lines as fit `width` points, never breaking inside a part (a line per part that is
    wider on its own)."""
    lines: list[str] = []
    for part in parts:
        if lines and text_width(lines[-1] + separator + part, REGULAR, size) <= width:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return "\n".join(lines)


def _notes(line: Mapping[str, Any]) -> str:
    notes = [f"محاسبه: {number_text(line['base'])}"]
    minimum, cap, discount = line.get("minimum"), line.get("cap"), line.get("discount")
    if minimum is not None:
        notes.append(f"حداقل {number_text(minimum['value'])} ({'اعمال شد' if minimum['applied'] else 'اعمال نشد'})")
    if cap is not None:
        notes.append(f"سقف {number_text(cap['value'])} ({'اعمال شد' if cap['applied'] else 'اعمال نشد'})")
    if discount is not None:
        rate = number_text(Decimal(str(discount["rate"])) * 100)
        notes.append(f"تخفیف {rate}٪: {discount['reason']}")
    mode, _, unit = str(line["rounding"]["rule"]).rpartition("_")
    notes.append(f"گرد کردن {ROUNDING_MODES.get(mode, mode)} به مضرب {number_text(unit)} ریال")
    return "\n".join(notes)


def fee_lines(assessment: Mapping[str, Any], floor_names: Sequence[str] = ()) -> tuple[FeeLine, ...]:
    """The printed lines of an assessment in the `pishkhan fees preview --json` shape, in its order.

    `floor_names` names the case's floors (e.g. «همکف»); a per-floor line's title ends with its floor's name, or with
    «ردیف طبقه N» when it has none.
    """
    printed = []
    for line in assessment["lines"]:
        title = str(line["title"])
        floor = _FLOOR.fullmatch(str(line.get("scope", "")))
        if floor is not None:
            index = int(floor.group(1))
            name = floor_names[index] if index < len(floor_names) else f"ردیف طبقه {fa(index + 1)}"
            title = f"{title} — {name}"
        values = {"P": line["inputs"].get("P"), **line.get("intermediate", {}), **line["inputs"]}
        inputs = "\n".join(binding(k, v) for k, v in values.items() if _shown(k, v))
        printed.append(
            FeeLine(
                code=str(line["code"]),
                title=title,
                formula=str(line["formula"]),
                inputs=inputs,
                notes=_notes(line),
                amount_rials=int(line["amount_rials"]),
            )
        )
    return tuple(printed)


def build_fee_preview(doc: FeePreviewSheet) -> bytes:
    """The fee preview as PDF bytes (A4)."""
    seal = sealed(doc)
    sheet = a4_sheet()
    a4_header(sheet, doc, doc.office_name, TITLE, (("نسخه دفترچه:", fa(doc.book_version)),))
    sheet.fields(
        [
            ("دفترچه تعرفه:", doc.book_title),
            ("موضوع:", doc.case_title),
            ("کد نوسازی:", fa(doc.renovation_code)),
        ]
    )
    sheet.gap(4)
    columns = [
        Column("کد", 5, align="center"),
        Column("عنوان عوارض", 17, bold=True),
        Column("روش محاسبه و ورودی‌ها", 40),
        Column("توضیحات محاسبه", 23),
        Column("مبلغ (ریال)", 15, align="right", tabular=True),
    ]
    size = 8.5
    room = sheet.inner * columns[2].width / sum(c.width for c in columns) - 5 * mm  # the cell's padding and a margin
    rows = [
        [
            fa(line.code),
            line.title,
            "\n".join(part.strip() for part in formula_text(line.formula).split("؛"))
            + ("\n" + pack(line.inputs.split("\n"), room, size=size) if line.inputs else ""),
            line.notes,
            rials(line.amount_rials, unit=False),
        ]
        for line in doc.lines
    ]
    if rows:
        total = ["", "جمع کل", "", "", rials(doc.total_rials, unit=False)]
        sheet.table(columns, rows, size=size, total=total)
        sheet.field("به حروف:", rials_in_words(doc.total_rials))
    else:
        sheet.line("هیچ ردیفی از عوارض به این مورد تعلق نمی‌گیرد.", bold=True)
    sheet.gap(6)
    sheet.paragraph(
        "این برگه برآوردی است که با دفترچه تعرفه همراه برنامه و بدون اتصال به سامانه محاسبه شده است؛ "
        "مبلغ قطعی را شهرداری پس از بررسی پرونده اعلام می‌کند و این برگه قابل پرداخت نیست.",
        size=9,
    )
    sheet.line("اثر انگشت دفترچه (SHA-256):", size=7, color=GREY)
    sheet.line(doc.book_sha256, size=7, align="left", color=GREY, rtl=False)
    seal_block(sheet, seal[0] if seal else None)
    training = is_training(doc, seal[1] if seal else None)
    footer = ("المثنی — " if doc.reprint else "") + fa(doc.number)
    return sheet.render(meta(doc, TITLE, "a4", training=training), training=training, footer=footer)

"""A readable plain-text assessment for the terminal: Persian (Persian digits and separators) or English."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from civic.money import format_rials, rials_in_words
from civic.text import to_persian_digits
from fees.engine import Assessment, Line

_TEXT = {
    "fa": {
        "heading": "پیش‌نمایش عوارض",
        "book": "دفترچه",
        "version": "نسخه",
        "sample": "نمونه/آموزشی",
        "date": "تاریخ",
        "code": "کد نوسازی",
        "inputs": "ورودی‌ها",
        "intermediate": "مقادیر میانی",
        "minimum": "حداقل",
        "cap": "سقف",
        "applied": "اعمال شد",
        "discount": "تخفیف",
        "total": "جمع کل",
        "words": "به حروف",
        "rial": "ریال",
        "none": "هیچ ردیفی از عوارض به این مورد تعلق نمی‌گیرد.",
    },
    "en": {
        "heading": "Fee preview",
        "book": "Book",
        "version": "version",
        "sample": "SAMPLE / training",
        "date": "Date",
        "code": "Renovation code",
        "inputs": "inputs",
        "intermediate": "intermediate",
        "minimum": "minimum",
        "cap": "cap",
        "applied": "applied",
        "discount": "discount",
        "total": "Total",
        "words": "In words",
        "rial": "rials",
        "none": "No fee item applies to this case.",
    },
}


def _value(value: Any, fa: bool) -> str:
    if isinstance(value, Decimal):
        approx = value.as_tuple().exponent < -6  # type: ignore[operator]
        if approx:  # display only: a long quotient is shown to 6 places, the JSON keeps every digit
            value = value.quantize(Decimal("0.000001"))
        text = format(value, ",f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        text = ("≈" if approx else "") + text
        return to_persian_digits(text.replace(",", "\u066c").replace(".", "\u066b")) if fa else text
    if isinstance(value, bool):
        return ("بله" if value else "خیر") if fa else ("yes" if value else "no")
    return str(value)


def _digits(text: str, fa: bool) -> str:
    return to_persian_digits(text) if fa else text


def render_assessment(assessment: Assessment, book_title: str, lang: str = "fa") -> str:
    """The assessment as lines of text, one block per fee line, then the total in digits and in words."""
    fa = lang == "fa"
    t = _TEXT["fa" if fa else "en"]
    case = assessment.case
    out = [
        f"{t['heading']} — {book_title}",
        f"{t['book']}: {assessment.book_code} {t['version']} {assessment.book_version}"
        f" · SHA-256 {assessment.book_sha256}",
        f"{t['date']}: {_digits(case.date_text, fa)} · {t['code']}: {case.renovation_code}",
        "─" * 72,
    ]
    if not assessment.lines:
        out.append(t["none"])
    for line in assessment.lines:
        out.extend(_line_block(line, t, fa))
    total = format_rials(assessment.total_rials, persian_digits=fa)
    out.append("─" * 72)
    out.append(f"{t['total']}: {total} {t['rial']}")
    words = rials_in_words(assessment.total_rials) if fa else english_words(assessment.total_rials) + " rials"
    out.append(f"{t['words']}: {words}")
    return "\n".join(out) + "\n"


def _line_block(line: Line, t: dict[str, str], fa: bool) -> list[str]:
    item = line.item
    title = item.title if fa or not item.title_en else item.title_en
    scope = "" if line.floor is None else f" [floors[{line.floor}]]"
    amount = format_rials(line.amount_rials, persian_digits=fa)
    block = [
        f"{_digits(item.code, fa)}  {title}{scope}".ljust(58) + f"{amount:>14} {t['rial']}",
        f"      {item.formula}",
    ]
    sep = "؛ " if fa else "; "
    inputs = sep.join(f"{k} = {_value(v, fa)}" for k, v in line.inputs.items() if k != "purpose")
    block.append(f"      {t['inputs']}: {inputs}")
    if line.intermediate:
        block.append(
            f"      {t['intermediate']}: " + "; ".join(f"{k} = {_value(v, fa)}" for k, v in line.intermediate.items())
        )
    notes = [f"T = {_value(line.base, fa)}"]
    if line.minimum is not None:
        notes.append(
            f"{t['minimum']} {_value(line.minimum, fa)}" + (f" ({t['applied']})" if line.minimum_applied else "")
        )
    if line.cap is not None:
        notes.append(f"{t['cap']} {_value(line.cap, fa)}" + (f" ({t['applied']})" if line.cap_applied else ""))
    if line.discount is not None:
        reason = line.discount.reason if fa or not line.discount.reason_en else line.discount.reason_en
        rate = _value(line.discount.rate * 100, fa)
        notes.append(f"{t['discount']} {rate}% — {reason}")
    notes.append(_digits(item.rounding.describe("fa" if fa else "en"), fa))
    block.append("      " + " · ".join(notes))
    return block


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
    "seventeen eighteen nineteen".split()  # fmt: skip
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        parts.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest:
        parts.append(_ONES[rest])
    return " ".join(parts)


def english_words(n: int) -> str:
    """An integer in English words (short scale): 5_000_000_000 → "five billion"."""
    if n == 0:
        return "zero"
    if n < 0:
        return "minus " + english_words(-n)
    parts = []
    for scale, name in _SCALES:
        count, n = divmod(n, scale)
        if count:
            parts.append(f"{english_words(count) if count >= 1000 else _below_thousand(count)} {name}")
    if n:
        parts.append(_below_thousand(n))
    return " ".join(parts)

"""Field validators of a case: each returns the clean value or raises a CaseError naming the field."""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from civic.errors import CivicValueError
from civic.jalali import parse_jalali_date, to_jalali, today_jalali
from civic.text import normalize_digits, normalize_text
from fees.errors import CaseError

MEZZANINE = "mezzanine"
_CODE = re.compile(r"([0-9]{1,4})-([0-9]{1,4})-([0-9]{1,6})-([0-9]{1,6})-([0-9]{1,4})-([0-9]{1,4})", re.ASCII)
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?", re.ASCII)


def fail(field: str, fa: str, en: str) -> CaseError:
    return CaseError(field, fa, en)


def required(obj: dict[str, Any], key: str, where: str = "", fa_note: str = "", en_note: str = "") -> Any:
    if key not in obj or obj[key] is None:
        field = f"{where}.{key}" if where else key
        raise fail(field, f"لازم است {fa_note}".strip(), f"is required {en_note}".strip())
    return obj[key]


def no_unknown(obj: dict[str, Any], allowed: frozenset[str], prefix: str) -> None:
    for key in obj:
        if key not in allowed:
            raise fail(f"{prefix}{key}", "فیلد ناشناخته", "unknown field")


def choice(raw: Any, field: str, options: tuple[str, ...]) -> str:
    value = normalize_text(raw).lower() if isinstance(raw, str) else raw
    if value not in options:
        listed = ", ".join(options)
        raise fail(field, f"باید یکی از این‌ها باشد: {listed}", f"must be one of: {listed}")
    return value


def number(raw: Any, field: str, maximum: Decimal | int, *, whole: bool = False) -> Decimal:
    value: Decimal | None = None
    if type(raw) is int and 0 <= raw <= maximum:  # the common case, already whole and in range
        return Decimal(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = Decimal(raw)
    elif isinstance(raw, Decimal | float):
        value = Decimal(repr(raw)) if isinstance(raw, float) else raw
    elif isinstance(raw, str):
        text = normalize_digits(raw).strip().replace("\u066b", ".")
        sign = -1 if text.startswith("-") else 1
        if _NUMBER.fullmatch(text.removeprefix("-")):
            value = Decimal(text.removeprefix("-")) * sign
    try:
        finite = value is not None and value.is_finite()
    except InvalidOperation:
        finite = False
    if not finite or value is None:
        raise fail(field, "باید عدد باشد", "must be a number")
    if value < 0:
        raise fail(field, "نباید منفی باشد", "must not be negative")
    if value > maximum:
        raise fail(field, f"نباید بیشتر از {maximum} باشد", f"must be at most {maximum}")
    if whole and value != value.to_integral_value():
        raise fail(field, "باید عدد صحیح باشد", "must be a whole number")
    if value.as_tuple().exponent < -4:  # type: ignore[operator]
        raise fail(field, "حداکثر چهار رقم اعشار مجاز است", "at most 4 decimal places")
    return value


def level(raw: Any, field: str) -> int | str:
    if isinstance(raw, str) and normalize_text(raw).lower() == MEZZANINE:
        return MEZZANINE
    if isinstance(raw, str):
        raw = normalize_digits(raw).strip()
        if re.fullmatch(r"-?[0-9]{1,3}", raw, re.ASCII):
            raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int) or not -20 <= raw <= 200:
        raise fail(
            field,
            "باید عدد صحیح طبقه (۰ همکف، منفی زیرزمین) یا mezzanine باشد",
            'must be a whole floor number (0 ground, negative basement) or "mezzanine"',
        )
    return raw


def renovation_code(raw: Any) -> tuple[str, str, str, str]:
    if raw is None:
        raise fail("renovation_code", "لازم است", "is required")
    text = _DASHES.sub("-", normalize_text(raw)).replace(" ", "") if isinstance(raw, str) else ""
    match = _CODE.fullmatch(text)
    if match is None:
        raise fail(
            "renovation_code",
            "باید به شکل منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان باشد، مانند 2-14-123-45-0-0",
            "must be region-district-block-parcel-building-apartment, e.g. 2-14-123-45-0-0",
        )
    parts = [str(int(p)) for p in match.groups()]
    return "-".join(parts), parts[0], parts[1], parts[2]


def case_date(raw: Any) -> tuple[int, int, int]:
    if raw is None:
        return today_jalali()
    if not isinstance(raw, str):
        raise fail("date", "باید متن به شکل ۱۴۰۵/۰۱/۳۱ باشد", "must be text like 1405/01/31")
    return parse_date(raw)


@functools.lru_cache(maxsize=512)
def parse_date(text: str) -> tuple[int, int, int]:
    """A typed Jalali date as (year, month, day); a bad date is a CaseError on field "date"."""
    try:
        return to_jalali(parse_jalali_date(text))
    except CivicValueError as exc:
        raise CaseError("date", exc.message("fa"), exc.message("en")) from None

"""Rial amounts for display and for receipts written out in Persian words.

Money is an int number of rials everywhere; float (inexact) and bool (an int by accident) are refused outright so a
wrong type fails loudly here instead of printing a wrong amount.

Wording follows official receipts and cheques: 100 is «یکصد» and 1000 is «یک هزار» (never a bare «صد»/«هزار»), so
an amount cannot be read two ways or altered by adding a word in front. Scales above میلیارد are spoken Iranian style:
10^12 is «یک هزار میلیارد» and 10^15 «یک میلیون میلیارد»; amounts from 10^18 up are refused.
"""

from __future__ import annotations

from civic.errors import CivicValueError
from civic.text import to_persian_digits

PERSIAN_THOUSANDS_SEPARATOR = "\u066c"  # ٬
RIAL = "ریال"
MAX_WORDS = 10**18  # exclusive bound of number_in_words

_ONES = ("", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه")
_TEENS = ("ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده")
_TENS = ("", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود")
_HUNDREDS = ("", "یکصد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد")
# Scales below one میلیارد; larger amounts are "(words of n // 10^9) میلیارد".
_SCALES = ((10**6, "میلیون"), (10**3, "هزار"))
_BILLION = 10**9
_AND = " و "


def _require_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"money is an int number of rials, got {type(value).__name__}")
    return value


def format_rials(amount: int, *, persian_digits: bool = True) -> str:
    """Amount with thousands grouped: «۵٬۰۰۰٬۰۰۰», or "5,000,000" when `persian_digits` is off; "-" leads negatives."""
    amount = _require_int(amount)
    grouped = f"{abs(amount):,}"
    if persian_digits:
        grouped = to_persian_digits(grouped.replace(",", PERSIAN_THOUSANDS_SEPARATOR))
    return f"-{grouped}" if amount < 0 else grouped


def _below_thousand(n: int) -> list[str]:
    parts = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        parts.append(_HUNDREDS[hundreds])
    if 10 <= rest < 20:
        parts.append(_TEENS[rest - 10])
    else:
        tens, ones = divmod(rest, 10)
        if tens:
            parts.append(_TENS[tens])
        if ones:
            parts.append(_ONES[ones])
    return parts


def _below_billion(n: int) -> list[str]:
    parts = []
    for scale, name in _SCALES:
        count, n = divmod(n, scale)
        if count:
            parts.append(f"{_AND.join(_below_thousand(count))} {name}")
    parts.extend(_below_thousand(n))
    return parts


def _words(n: int) -> list[str]:
    billions, rest = divmod(n, _BILLION)
    parts = []
    if billions:
        parts.append(f"{_AND.join(_below_billion(billions))} میلیارد")
    parts.extend(_below_billion(rest))
    return parts


def number_in_words(n: int) -> str:
    """Persian words for an integer, parts joined with « و »: 1205 → «یک هزار و دویست و پنج»."""
    n = _require_int(n)
    if abs(n) >= MAX_WORDS:
        raise CivicValueError("amount", "out_of_range")
    if n == 0:
        return "صفر"
    text = _AND.join(_words(abs(n)))
    return f"منفی {text}" if n < 0 else text


def rials_in_words(amount: int) -> str:
    """Amount in words with the currency, as written on receipts: «پنج میلیارد ریال»."""
    return f"{number_in_words(amount)} {RIAL}"

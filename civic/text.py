"""Text and digit normalisation for everything a person types or a scanner sends.

Input arrives with Persian, Arabic-Indic or ASCII digits, Arabic or Persian letter forms and invisible marks pasted from
other programs. Validation, search and storage must see one spelling, so every input goes through here first.
Deliberately narrow: names and IDs must not be rewritten beyond these rules (no general NLP normaliser).
"""

from __future__ import annotations

import re

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS = "0123456789"

ZWNJ = "\u200c"

_DIGITS_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, ASCII_DIGITS * 2)
_ASCII_TO_PERSIAN = str.maketrans(ASCII_DIGITS, PERSIAN_DIGITS)

# Letter forms, digits, and characters removed outright (kashida, bidi marks/embeddings/isolates, BOM).
_INVISIBLE = "\u0640\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_TEXT_TABLE = {
    **_DIGITS_TO_ASCII,
    ord("\u064a"): "\u06cc",  # Arabic yeh -> Persian yeh
    ord("\u0649"): "\u06cc",  # Arabic alef maksura -> Persian yeh
    ord("\u0643"): "\u06a9",  # Arabic kaf -> Persian keheh
    **dict.fromkeys(map(ord, _INVISIBLE)),
}

_ZWNJ_RUN = re.compile(ZWNJ + "{2,}")
# A ZWNJ only means something between two letters of one word; next to a space or a string edge it is noise.
_ZWNJ_AT_EDGE = re.compile(rf"(?<!\S){ZWNJ}|{ZWNJ}(?!\S)")
_WHITESPACE = re.compile(r"\s+")
# What people type between digit groups of an ID: spaces, ASCII separators, Unicode dashes and minus, stray ZWNJ.
_ID_SEPARATORS = re.compile(r"[\s\-_./\u2010-\u2015\u2212\u200c]+")


def _require_str(s: object) -> str:
    if not isinstance(s, str):
        raise TypeError(f"expected str, got {type(s).__name__}")
    return s


def normalize_digits(s: str) -> str:
    """Persian and Arabic-Indic digits to ASCII, so `re.ASCII` patterns and `int()` see one digit set."""
    return _require_str(s).translate(_DIGITS_TO_ASCII)


def normalize_text(s: str) -> str:
    """One spelling for typed text: Persian letter forms, ASCII digits, no invisible marks, single spaces."""
    t = _require_str(s).translate(_TEXT_TABLE)
    t = _ZWNJ_RUN.sub(ZWNJ, t)
    t = _ZWNJ_AT_EDGE.sub("", t)
    return _WHITESPACE.sub(" ", t).strip()


def to_persian_digits(s: str | int) -> str:
    """ASCII digits to Persian for display; everything else is left as it is."""
    if isinstance(s, bool) or not isinstance(s, str | int):
        raise TypeError(f"expected str or int, got {type(s).__name__}")
    return str(s).translate(_ASCII_TO_PERSIAN)


def digits_only(s: str) -> str:
    """Normalised text without the separators people type inside IDs; any other character is kept for the validator."""
    return _ID_SEPARATORS.sub("", normalize_text(s))

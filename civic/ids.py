"""Iranian identifiers: validate typed input and return one canonical ASCII form to store and compare.

Every function takes the raw text as typed (any digit set, separators, stray marks) and normalises it first, so callers
never validate half-normalised strings. Rules follow docs/domain.md "Identifiers".
"""

from __future__ import annotations

import re

from civic.errors import CivicValueError
from civic.text import digits_only, normalize_text

_ALL_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_REPEATED = re.compile(r"(\d)\1*", re.ASCII)
# Postal-code heuristic (docs/domain.md): a hint that the code looks unusual, never a rejection.
_POSTAL_HEURISTIC = re.compile(r"(?!(\d)\1{3})[13-9]{4}[1346-9][013-9]{5}", re.ASCII)
_MOBILE_PUNCT = re.compile(r"[\s\-_./()\u2010-\u2015\u2212\u200c]+")
_MOBILE_LOCAL = re.compile(r"9[0-9]{9}", re.ASCII)
_SHEBA = re.compile(r"IR[0-9]+", re.ASCII)
_LEGAL_WEIGHTS = (29, 27, 23, 19, 17)


def _digit_string(s: str, field: str) -> str:
    """Normalised digits of an ID, or the error saying why the input is not a digit string."""
    t = digits_only(s)
    if not t:
        raise CivicValueError(field, "empty")
    if not _ALL_DIGITS.fullmatch(t):
        raise CivicValueError(field, "not_digits")
    return t


def _require_length(t: str, field: str, n: int) -> None:
    if len(t) != n:
        raise CivicValueError(field, "length", n=n)


def national_id(s: str, *, accept_short: bool = False) -> str:
    """Canonical 10-digit کد ملی.

    `accept_short` pads 8-9 digit input with leading zeros, for values that went through a spreadsheet; the UI that
    turns it on should say so, because a mistyped short code then becomes a different, possibly valid, code.
    """
    field = "national_id"
    t = _digit_string(s, field)
    if accept_short and len(t) in (8, 9):
        t = t.zfill(10)
    _require_length(t, field, 10)
    if _REPEATED.fullmatch(t):
        raise CivicValueError(field, "repeated")
    if t[3:9] == "000000":
        raise CivicValueError(field, "format")
    total = sum(int(t[i]) * (10 - i) for i in range(9))
    r = total % 11
    check = r if r < 2 else 11 - r
    if check != int(t[9]):
        raise CivicValueError(field, "checksum")
    return t


def is_valid_national_id(s: str) -> bool:
    """True when `national_id(s)` accepts the input as typed (no short-code padding)."""
    try:
        national_id(s)
    except CivicValueError:
        return False
    return True


def legal_entity_id(s: str) -> str:
    """Canonical 11-digit شناسه ملی of a company or organisation."""
    field = "legal_entity_id"
    t = _digit_string(s, field)
    _require_length(t, field, 11)
    d = [int(c) for c in t]
    c = d[9] + 2
    r = sum((d[i] + c) * _LEGAL_WEIGHTS[i % 5] for i in range(10)) % 11
    if r == 10:
        r = 0
    if r != d[10]:
        raise CivicValueError(field, "checksum")
    return t


def is_valid_legal_entity_id(s: str) -> bool:
    """True when `legal_entity_id(s)` accepts the input."""
    try:
        legal_entity_id(s)
    except CivicValueError:
        return False
    return True


def postal_code(s: str) -> str:
    """Canonical 10-digit کد پستی; there is no check digit, so only the shape is enforced."""
    field = "postal_code"
    t = _digit_string(s, field)
    _require_length(t, field, 10)
    return t


def postal_code_warning(s: str) -> str | None:
    """A warning code ("unusual_pattern") when a valid postal code fails the common heuristic, else None.

    Validates first (raises like `postal_code`), so a warning is never shown in place of an error.
    """
    t = postal_code(s)
    return None if _POSTAL_HEURISTIC.fullmatch(t) else "unusual_pattern"


def mobile(s: str) -> str:
    """Canonical mobile number `09XXXXXXXXX` from any of +98 / 0098 / 98 / 0 prefixes.

    A bare `9XXXXXXXXX` is accepted too: spreadsheets drop the leading zero just as they do for national IDs.
    """
    field = "mobile"
    t = _MOBILE_PUNCT.sub("", normalize_text(s))
    if not t:
        raise CivicValueError(field, "empty")
    plus = t.startswith("+")
    if plus:
        t = t[1:]
    if not _ALL_DIGITS.fullmatch(t):
        raise CivicValueError(field, "not_digits")
    if plus:
        if not t.startswith("98"):
            raise CivicValueError(field, "format")
        t = t[2:]
    elif t.startswith("0098"):
        t = t[4:]
    elif t.startswith("98") and len(t) in (12, 13):
        t = t[2:]
    if t.startswith("0") and len(t) == 11:
        t = t[1:]  # "+98 0912..." and plain "0912..."
    if not _MOBILE_LOCAL.fullmatch(t):
        raise CivicValueError(field, "format")
    return "0" + t


def sheba(s: str) -> str:
    """Canonical Sheba (Iranian IBAN) `IR` + 24 digits, checked with ISO 13616 mod 97."""
    field = "sheba"
    t = digits_only(s).upper()
    if not t:
        raise CivicValueError(field, "empty")
    if not _SHEBA.fullmatch(t):
        raise CivicValueError(field, "format")
    if len(t) != 26:
        raise CivicValueError(field, "length", n=24)
    rearranged = t[4:] + "1827" + t[2:4]  # IR -> I=18, R=27, moved to the end with the check digits
    if int(rearranged) % 97 != 1:
        raise CivicValueError(field, "checksum")
    return t


def sheba_bank_code(s: str) -> str:
    """The three-digit bank code (characters 5-7 of the canonical Sheba), after validating it."""
    return sheba(s)[4:7]

"""The two numbers printed on an Iranian bill: the bill id (شناسه قبض) and the payment id (شناسه پرداخت).

Both are 6 to 13 digits, written without leading zeros, and each ends in check digits made by modulus 11: the digits
before the check digit are weighted 2, 3, 4, 5, 6, 7, 2, 3, … from the rightmost one leftwards, r = Σ mod 11, and the
check digit is 0 when r < 2, else 11 − r.

- Bill id: the file number (1–8 digits: who and what is billed), the issuer's 3-digit organisation code, the 1-digit
  service type, and the check digit. This project's bills are the municipality's: organisation code
  `MUNICIPALITY_ORG_CODE` (the demo city's, a training value) and service type `MUNICIPAL_SERVICE` (6, the type of
  municipal fees, عوارض شهرداری).
- Payment id: the amount in thousands of rials (1–8 digits), the last digit of the Jalali year, the 2-digit period
  (00 for a whole year, 01–12 for a month), check digit 1 over the payment id's own digits before it, and check
  digit 2 over the bill id followed by the payment id without check digit 2. So a payment id is only right for its
  bill, and an amount cannot be altered without breaking both check digits.
- A scanned bill barcode is 26 digits: the bill id and the payment id, each padded with leading zeros to 13 digits.

Input is normalised first (Persian and Arabic-Indic digits, spaces, dashes and other separators people type), and a
rejection says which id and which check failed (`BillIdError.field` is "bill_id" or "payment_id").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from civic.errors import CivicValueError
from civic.text import digits_only

MIN_DIGITS = 6
MAX_DIGITS = 13
BARCODE_DIGITS = 2 * MAX_DIGITS
MUNICIPALITY_ORG_CODE = "465"
MUNICIPAL_SERVICE = 6
MAX_AMOUNT_RIALS = (10**8 - 1) * 1000  # the amount part of a payment id has at most 8 digits
_WEIGHTS = (2, 3, 4, 5, 6, 7)
_DIGITS = re.compile(r"[0-9]+", re.ASCII)

# (field, code) -> (Persian, English); {n} and the like come from the error's params
_MESSAGES: dict[tuple[str, str], tuple[str, str]] = {
    ("bill_id", "empty"): ("شناسه قبض وارد نشده است.", "The bill ID is empty."),
    ("payment_id", "empty"): ("شناسه پرداخت وارد نشده است.", "The payment ID is empty."),
    ("bill_id", "not_digits"): ("شناسه قبض فقط باید شامل رقم باشد.", "The bill ID must contain digits only."),
    ("payment_id", "not_digits"): ("شناسه پرداخت فقط باید شامل رقم باشد.", "The payment ID must contain digits only."),
    ("bill_id", "length"): ("شناسه قبض باید ۶ تا ۱۳ رقم باشد.", "The bill ID must have 6 to 13 digits."),
    ("payment_id", "length"): ("شناسه پرداخت باید ۶ تا ۱۳ رقم باشد.", "The payment ID must have 6 to 13 digits."),
    ("bill_id", "checksum"): (
        "شناسه قبض معتبر نیست: رقم کنترل آن درست نیست.",
        "The bill ID is not valid: its check digit is wrong.",
    ),
    ("payment_id", "checksum_1"): (
        "شناسه پرداخت معتبر نیست: رقم کنترل اول آن درست نیست.",
        "The payment ID is not valid: its first check digit is wrong.",
    ),
    ("payment_id", "checksum_2"): (
        "شناسه پرداخت با این شناسه قبض نمی‌خواند: رقم کنترل دوم درست نیست.",
        "The payment ID does not belong to this bill ID: its second check digit is wrong.",
    ),
    ("payment_id", "amount"): (
        "مبلغ شناسه پرداخت صفر است.",
        "The payment ID's amount is zero.",
    ),
    ("barcode", "length"): (
        "بارکد قبض باید ۲۶ رقم باشد.",
        "A bill barcode must have 26 digits.",
    ),
}


class BillIdError(CivicValueError):
    """A bill id, payment id or bill barcode was rejected; `field` names which, `code` which check."""

    def message(self, lang: str = "fa") -> str:
        row = _MESSAGES.get((self.field, self.code))
        if row is None:
            return super().message(lang)
        if lang not in ("fa", "en"):
            raise ValueError(f"unsupported language {lang!r}")
        return row[0] if lang == "fa" else row[1]

    def __reduce__(self) -> tuple[Any, ...]:
        return (BillIdError, (self.field, self.code))


def check_digit(digits: str) -> int:
    """The modulus-11 check digit of a digit string (weights 2–7 repeating from the rightmost digit)."""
    if not _DIGITS.fullmatch(digits):
        raise ValueError(f"not a digit string: {digits!r}")
    total = sum(int(d) * _WEIGHTS[i % len(_WEIGHTS)] for i, d in enumerate(reversed(digits)))
    r = total % 11
    return 0 if r < 2 else 11 - r


def _digits(text: str, field: str) -> str:
    t = digits_only(text)
    if not t:
        raise BillIdError(field, "empty")
    if not _DIGITS.fullmatch(t):
        raise BillIdError(field, "not_digits")
    t = t.lstrip("0")
    if not MIN_DIGITS <= len(t) <= MAX_DIGITS:
        raise BillIdError(field, "length")
    return t


def parse_bill_id(text: str) -> str:
    """The bill id in canonical form (ASCII digits, no leading zeros), or BillIdError naming `bill_id`."""
    t = _digits(text, "bill_id")
    if check_digit(t[:-1]) != int(t[-1]):
        raise BillIdError("bill_id", "checksum")
    return t


def parse_payment_id(text: str, bill_id: str | None = None) -> str:
    """The payment id in canonical form, or BillIdError naming `payment_id`: check digit 1 always, check digit 2
    when the (already canonical) bill id is given."""
    t = _digits(text, "payment_id")
    if check_digit(t[:-2]) != int(t[-2]):
        raise BillIdError("payment_id", "checksum_1")
    if bill_id is not None and check_digit(bill_id + t[:-1]) != int(t[-1]):
        raise BillIdError("payment_id", "checksum_2")
    if int(t[:-5]) == 0:
        raise BillIdError("payment_id", "amount")
    return t


@dataclass(frozen=True)
class BillReference:
    """A checked (bill id, payment id) pair and what its digits say."""

    bill_id: str
    payment_id: str

    @property
    def file_number(self) -> str:
        return self.bill_id[:-5]

    @property
    def organisation(self) -> str:
        return self.bill_id[-5:-2]

    @property
    def service_type(self) -> int:
        return int(self.bill_id[-2])

    @property
    def amount_rials(self) -> int:
        return int(self.payment_id[:-5]) * 1000

    @property
    def year_digit(self) -> int:
        return int(self.payment_id[-5])

    @property
    def period(self) -> int:
        """00 for a whole year, 01–12 for a month."""
        return int(self.payment_id[-4:-2])

    @property
    def is_municipal(self) -> bool:
        return self.organisation == MUNICIPALITY_ORG_CODE and self.service_type == MUNICIPAL_SERVICE

    @property
    def barcode(self) -> str:
        return self.bill_id.zfill(MAX_DIGITS) + self.payment_id.zfill(MAX_DIGITS)


def parse_bill(bill_id: str, payment_id: str) -> BillReference:
    """Both ids checked (the bill id first), or BillIdError naming the first that fails."""
    bill = parse_bill_id(bill_id)
    return BillReference(bill, parse_payment_id(payment_id, bill))


def parse_barcode(text: str) -> BillReference:
    """A scanned 26-digit bill barcode (bill id and payment id, each zero-padded to 13 digits)."""
    t = digits_only(text)
    if not _DIGITS.fullmatch(t) or len(t) != BARCODE_DIGITS:
        raise BillIdError("barcode", "length")
    return parse_bill(t[:MAX_DIGITS], t[MAX_DIGITS:])


def make_bill_id(
    file_number: int, *, organisation: str = MUNICIPALITY_ORG_CODE, service: int = MUNICIPAL_SERVICE
) -> str:
    """A bill id for a file number (1 to 8 digits) of an organisation's service."""
    if isinstance(file_number, bool) or not isinstance(file_number, int) or not 1 <= file_number < 10**8:
        raise ValueError(f"a file number has 1 to 8 digits: {file_number!r}")
    if not re.fullmatch(r"[0-9]{3}", organisation, re.ASCII) or not 0 <= service <= 9:
        raise ValueError("an organisation code has 3 digits and a service type 1")
    body = f"{file_number}{organisation}{service}"
    return body + str(check_digit(body))


def make_payment_id(bill_id: str, amount_rials: int, *, year: int, period: int = 0) -> str:
    """The payment id of `amount_rials` (a whole number of thousands) for a bill id, a Jalali year and a period."""
    if isinstance(amount_rials, bool) or not isinstance(amount_rials, int):
        raise TypeError("money is an int number of rials")
    if amount_rials <= 0 or amount_rials % 1000 or amount_rials > MAX_AMOUNT_RIALS:
        raise ValueError(f"a payment id carries a positive whole number of thousands of rials: {amount_rials}")
    if not 0 <= period <= 99 or year < 0:
        raise ValueError("the period has 2 digits and the year is positive")
    body = f"{amount_rials // 1000}{year % 10}{period:02d}"
    first = body + str(check_digit(body))
    return first + str(check_digit(bill_id + first))

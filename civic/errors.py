"""A validation error that the UI can show in Persian and the logs can keep in English.

Validators raise it with a machine field name and a machine code; the sentence shown to a person comes from the one
table below, so wording is fixed in one place and tests can match on `field`/`code` instead of prose.
"""

from __future__ import annotations

from typing import Any

from civic.text import to_persian_digits

# field -> (Persian name, English name)
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "national_id": ("کد ملی", "National ID"),
    "legal_entity_id": ("شناسه ملی", "Legal-entity national ID"),
    "postal_code": ("کد پستی", "Postal code"),
    "mobile": ("شماره همراه", "Mobile number"),
    "sheba": ("شماره شبا", "Sheba number"),
    "date": ("تاریخ", "Date"),
    "amount": ("مبلغ", "Amount"),
}

# (field, code) or (None, code) -> (Persian template, English template). `{field}` is the field's name;
# other placeholders come from the error's params. Field-specific rows win over the generic (None, code) rows.
MESSAGES: dict[tuple[str | None, str], tuple[str, str]] = {
    (None, "empty"): ("{field} وارد نشده است.", "{field} is empty."),
    (None, "length"): ("{field} باید {n} رقم باشد.", "{field} must have {n} digits."),
    (None, "not_digits"): ("{field} فقط باید شامل رقم باشد.", "{field} must contain digits only."),
    (None, "checksum"): ("{field} معتبر نیست (رقم کنترل نادرست است).", "{field} is not valid (check digit mismatch)."),
    (None, "repeated"): ("{field} نمی‌تواند از یک رقم تکراری باشد.", "{field} cannot be a single repeated digit."),
    (None, "format"): ("قالب {field} درست نیست.", "{field} is not in the expected format."),
    (None, "out_of_range"): ("{field} خارج از محدوده مجاز است.", "{field} is out of the allowed range."),
    ("national_id", "format"): (
        "ارقام چهارم تا نهم {field} نمی‌تواند همه صفر باشد.",
        "Digits 4 to 9 of the {field} cannot all be zero.",
    ),
    ("mobile", "format"): (
        "{field} باید به شکل ۰۹ و ۹ رقم دیگر باشد.",
        "{field} must be 09 followed by 9 digits.",
    ),
    ("sheba", "format"): (
        "{field} باید با IR و ۲۴ رقم باشد.",
        "{field} must be IR followed by 24 digits.",
    ),
    ("sheba", "length"): (
        "{field} باید با IR و ۲۴ رقم باشد.",
        "{field} must be IR followed by 24 digits.",
    ),
    ("date", "format"): (
        "{field} باید به شکل سال/ماه/روز باشد، مانند ۱۴۰۳/۱۲/۳۰.",
        "{field} must be written as year/month/day, e.g. 1403/12/30.",
    ),
    ("date", "out_of_range"): (
        "این {field} در تقویم خورشیدی وجود ندارد.",
        "This {field} does not exist in the Jalali calendar.",
    ),
    ("amount", "out_of_range"): (
        "{field} بزرگ‌تر از حد قابل نوشتن به حروف است.",
        "{field} is too large to write in words.",
    ),
}

LANGS = ("fa", "en")


class _Params(dict):
    """Template values; a placeholder the raiser did not supply stays visible instead of breaking the error itself."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class CivicValueError(ValueError):
    """A typed value was rejected; `field` and `code` say which and why, `message()` says it to a person."""

    def __init__(self, field: str, code: str, **params: Any) -> None:
        self.field = field
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "fa") -> str:
        """The sentence for the UI ("fa", with Persian digits) or for logs ("en")."""
        if lang not in LANGS:
            raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
        fa = lang == "fa"
        row = MESSAGES.get((self.field, self.code)) or MESSAGES.get((None, self.code))
        names = FIELD_NAMES.get(self.field, (self.field, self.field))
        name = names[0] if fa else names[1]
        if row is None:
            return f"{name}: {self.code}"
        values = _Params({k: to_persian_digits(str(v)) if fa else v for k, v in self.params.items()}, field=name)
        return (row[0] if fa else row[1]).format_map(values)

    def __str__(self) -> str:
        return self.message("en")

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword params do not survive the default exception pickling; rebuild from the real constructor.
        return (_rebuild, (self.field, self.code, self.params))


def _rebuild(field: str, code: str, params: dict[str, Any]) -> CivicValueError:
    return CivicValueError(field, code, **params)

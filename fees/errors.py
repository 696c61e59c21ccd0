"""Errors of the fee module. Each one names what is wrong (a case field, a book file and item, a signature) so the CLI
can print it on one line and the desktop can show it beside the field; `message(lang)` gives Persian or English."""

from __future__ import annotations


class FeesError(Exception):
    """Base of every error the fee module raises on bad input, a bad book or a bad signature."""

    def __init__(self, fa: str, en: str) -> None:
        self._fa = fa
        self._en = en
        super().__init__(en)

    def message(self, lang: str = "fa") -> str:
        """One line for a person: Persian ("fa") or English ("en")."""
        return self._fa if lang == "fa" else self._en

    def __str__(self) -> str:
        return self._en


class CaseError(FeesError, ValueError):
    """A case (the building and parcel to assess) is invalid; `field` is a path such as ``floors[2].area_m2``."""

    def __init__(self, field: str, fa: str, en: str) -> None:
        self.field = field
        self.reason_fa = fa
        self.reason_en = en
        super().__init__(f"{field}: {fa}", f"{field}: {en}")


class NoBookError(CaseError):
    """No tariff book is in force on the case's date."""

    def __init__(self, date_text: str, available: str) -> None:
        super().__init__(
            "date",
            f"هیچ دفترچه تعرفه‌ای برای تاریخ {date_text} وجود ندارد (دفترچه‌ها: {available})",
            f"no tariff book is in force on {date_text} (books: {available})",
        )


class BookError(FeesError):
    """A tariff book is broken or hostile; names the file, the item code (if any) and the reason."""

    def __init__(self, file: str, item: str | None, reason: str) -> None:
        self.file = file
        self.item = item
        self.reason = reason
        where = f"{file}: item {item}" if item else file
        where_fa = f"{file}: ردیف {item}" if item else file
        super().__init__(f"دفترچه تعرفه نامعتبر است — {where_fa}: {reason}", f"{where}: {reason}")


class EvaluationError(FeesError):
    """An item could not be computed for this case (division by zero, a value out of range, a missing table row)."""

    def __init__(self, book: str, item: str, reason: str) -> None:
        self.book = book
        self.item = item
        self.reason = reason
        super().__init__(
            f"محاسبه ردیف {item} دفترچه {book} ممکن نیست: {reason}",
            f"{book}: item {item}: cannot be computed for this case: {reason}",
        )


class SignatureError(FeesError):
    """A detached signature is missing, malformed, made by an untrusted key, or does not match the bytes."""

    def __init__(self, file: str, reason: str) -> None:
        self.file = file
        self.reason = reason
        super().__init__(f"امضای {file} پذیرفته نیست: {reason}", f"{file}: signature rejected: {reason}")

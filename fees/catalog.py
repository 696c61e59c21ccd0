"""Finding books: the bundled ones, a book file with its signature beside it, downloaded bytes; and choosing by date.

Every book is verified against the trust list before it is parsed, bundled ones included: a modified installation
fails loudly instead of quoting wrong fees.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from civic.files import read_bounded
from civic.jalali import to_jalali
from civic.resources import resource_path
from fees.book import MAX_BOOK_BYTES, TariffBook, parse_book
from fees.case import Case
from fees.engine import Assessment
from fees.errors import BookError, NoBookError, SignatureError
from fees.signing import MAX_SIGNATURE_BYTES, TARIFF, TrustList, verify_detached

SIGNATURE_SUFFIX = ".sig"


def verify_book(data: bytes, signature: bytes, *, name: str, trust: TrustList | None = None) -> str:
    """Check a book's detached signature against the trust list; returns the signer's key_id."""
    trust = trust if trust is not None else TrustList.load()
    return verify_detached(data, signature, trust, TARIFF, name=name).key_id


def load_signed_book(data: bytes, signature: bytes, *, name: str, trust: TrustList | None = None) -> TariffBook:
    """Verify, then parse and compile, a book received as bytes (downloaded, or read from a cache)."""
    signer = verify_book(data, signature, name=name, trust=trust)
    book = parse_book(data, name=name)
    book.signer = signer
    book.signature = bytes(signature)
    return book


def load_book_file(path: Path | str, *, trust: TrustList | None = None) -> TariffBook:
    """A book file and the `.sig` beside it."""
    path = Path(path)
    signature_path = path.with_name(path.name + SIGNATURE_SUFFIX)
    try:
        data = read_bounded(path, MAX_BOOK_BYTES)  # its size is checked before a byte of it is read
    except OSError as exc:
        raise BookError(str(path), None, f"cannot read the book: {exc.strerror or exc}") from None
    try:
        signature = read_bounded(signature_path, MAX_SIGNATURE_BYTES)
    except OSError as exc:
        raise SignatureError(str(path), f"cannot read {signature_path.name}: {exc.strerror or exc}") from None
    return load_signed_book(data, signature, name=path.name, trust=trust)


def bundled_books() -> tuple[TariffBook, ...]:
    """Every book in resources/tariffs, verified against the bundled trust list; loaded once per process."""
    return _load_directory(str(resource_path("tariffs")))


@functools.cache
def _load_directory(directory: str) -> tuple[TariffBook, ...]:
    trust = TrustList.load()
    books = tuple(load_book_file(path, trust=trust) for path in sorted(Path(directory).glob("*.toml")))
    if not books:
        raise BookError(directory, None, "no tariff book is bundled")
    return books


def _date_text(date: tuple[int, int, int]) -> str:
    return "{:04d}/{:02d}/{:02d}".format(*date)


def select_book(books: tuple[TariffBook, ...] | list[TariffBook], date: tuple[int, int, int] | dt.date) -> TariffBook:
    """The book in force on a Jalali (year, month, day) or Gregorian date; the latest-starting one if several are."""
    jalali = to_jalali(date) if isinstance(date, dt.date) else tuple(date)
    candidates = [book for book in books if book.in_force(jalali)]  # type: ignore[arg-type]
    if not candidates:
        available = ", ".join(f"{b.label} {_date_text(b.effective_from)}–{_date_text(b.effective_to)}" for b in books)
        raise NoBookError(_date_text(jalali), available or "-")  # type: ignore[arg-type]
    return max(candidates, key=lambda b: (b.effective_from, b.version))


def assess(case: Case, books: tuple[TariffBook, ...] | list[TariffBook] | None = None) -> Assessment:
    """The case's assessment under the book in force on its date (bundled books unless `books` is given)."""
    return select_book(bundled_books() if books is None else books, case.date).evaluate(case)

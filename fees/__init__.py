"""Offline fee previews: signed tariff books, a safe formula language evaluated with Decimal, explained assessments.

Qt-free; imports only `civic` among the project's packages. Typical use:

    from fees import assess, case_from_json
    assessment = assess(case_from_json(path.read_bytes()))     # bundled books, chosen by the case's date
    assessment.to_json_dict()                                   # {"book": ..., "lines": [...], "total_rials": int}

See fees/README.md for the case schema and the book format.
"""

from fees.book import TariffBook, parse_book
from fees.case import Case, Floor, case_from_json, parse_case
from fees.catalog import (
    assess,
    bundled_books,
    load_book_file,
    load_signed_book,
    select_book,
    verify_book,
)
from fees.engine import Assessment, Line
from fees.errors import BookError, CaseError, EvaluationError, FeesError, NoBookError, SignatureError
from fees.permit import permit_case
from fees.signing import TrustedKey, TrustList, sign_detached, verify_detached

__all__ = [
    "Assessment",
    "BookError",
    "Case",
    "CaseError",
    "EvaluationError",
    "FeesError",
    "Floor",
    "Line",
    "NoBookError",
    "SignatureError",
    "TariffBook",
    "TrustList",
    "TrustedKey",
    "assess",
    "bundled_books",
    "case_from_json",
    "load_book_file",
    "load_signed_book",
    "parse_book",
    "parse_case",
    "permit_case",
    "select_book",
    "sign_detached",
    "verify_book",
    "verify_detached",
]

"""`pishkhan fees preview CASE.json [--book FILE] [--date YYYY/MM/DD] [--json] [--lang fa|en]`.

`main(argv)` gets the arguments after the `fees` verb. Bad input of any kind (missing file, malformed JSON, a missing
or invalid field, a date no book covers, a book that fails its signature) prints exactly one line on stderr naming
what is wrong and returns 2; nothing here prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from civic.cli import OneLineParser, fail, parse_or_status
from civic.files import read_bounded
from fees.case import case_from_json
from fees.catalog import bundled_books, load_book_file, select_book
from fees.errors import CaseError, FeesError
from fees.fields import parse_date
from fees.render import render_assessment

MAX_CASE_BYTES = 256 * 1024  # as the sandbox's POST /assessments


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="pishkhan fees", description="Offline fee preview from the bundled, signed tariff books."
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="preview")
    preview = verbs.add_parser("preview", help="assess a case (JSON file) and print its fees")
    preview.add_argument("case", metavar="CASE.json", help="the case; see fees/README.md for the schema")
    preview.add_argument("--book", metavar="FILE", help="a tariff book with its FILE.sig beside it (must verify)")
    preview.add_argument("--date", metavar="YYYY/MM/DD", help="Jalali date to choose the book by (default: the case's)")
    preview.add_argument("--json", action="store_true", help="print the assessment as JSON")
    preview.add_argument("--lang", choices=("fa", "en"), default="fa", help="language of the table and errors")
    return parser


def main(argv: list[str]) -> int:
    """Run the `fees` verb; returns the exit status."""
    args = parse_or_status(_parser(), argv)
    if isinstance(args, int):
        return args
    lang = args.lang
    case_path = Path(args.case)
    try:
        data = read_bounded(case_path, MAX_CASE_BYTES)
    except OSError as exc:
        return fail(f"{case_path}: {exc.strerror or exc}")
    try:
        case = case_from_json(data)
        if args.date is not None:
            case = case.with_date(parse_date(args.date))
        books = (load_book_file(args.book),) if args.book else bundled_books()
        book = select_book(books, case.date)
        assessment = book.evaluate(case)
    except CaseError as exc:
        return fail(f"{case_path}: {exc.message(lang)}")
    except FeesError as exc:
        return fail(exc.message(lang))
    if args.json:
        sys.stdout.write(json.dumps(assessment.to_json_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        title = book.title if lang == "fa" or not book.title_en else book.title_en
        sys.stdout.write(render_assessment(assessment, title, lang))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

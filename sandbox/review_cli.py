"""`pishkhan sandbox review ID --to STATUS [--note TEXT] [--reason TEXT ...] [--data DIR] [--tariff-book FILE]`:
the municipality's review of a permit request, done straight on a sandbox's database (the sandbox may be running).

The same move as `POST /api/v1/review/permit-requests/{id}` (sandbox/permit_lifecycle.py). ID is the request's UUID
or its tracking number. Prints one line, the request and its new status; bad input is one line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from pathlib import Path

from civic.cli import OneLineParser, fail, parse_or_status
from fees.errors import FeesError
from sandbox.db import Database, transaction
from sandbox.permit_lifecycle import REVIEW_TARGETS, Review, apply_review
from sandbox.permit_store import find_request
from sandbox.problems import ProblemError
from sandbox.settings import DB_FILENAME
from sandbox.tariff_routes import TariffShelf

PROG = "pishkhan sandbox review"


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description="Move a permit request along its lifecycle as the municipality's reviewer (training data).",
    )
    parser.add_argument("request", metavar="ID", help="the request's id (UUID) or tracking number, e.g. PR-100001")
    parser.add_argument(
        "--to",
        required=True,
        choices=REVIEW_TARGETS,
        help="a later status (the statuses between are recorded too), or rejected",
    )
    parser.add_argument("--note", default=None, help="a note for the history")
    parser.add_argument(
        "--reason",
        dest="reasons",
        action="extend",
        nargs="+",
        default=[],
        metavar="TEXT",
        help="a reason of the rejection (required with --to rejected; may be given several times)",
    )
    parser.add_argument("--data", type=Path, default=None, help="the sandbox's data folder")
    parser.add_argument(
        "--tariff-book", type=Path, default=None, metavar="FILE", help="the book the sandbox runs with, if not bundled"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parse_or_status(build_parser(), argv)
    if isinstance(args, int):
        return args
    if args.data is not None:
        data_dir: Path = args.data
    else:
        from sandbox.cli import default_data_dir

        data_dir = default_data_dir()
    db_path = data_dir / DB_FILENAME
    if not db_path.is_file():
        return fail(f"{PROG}: --data: no sandbox database in {data_dir} (start the sandbox with it once first)")
    try:
        shelf = TariffShelf.load(args.tariff_book)
    except (OSError, FeesError, ValueError) as exc:
        return fail(f"{PROG}: --tariff-book: {exc}")
    review = Review(to=args.to, note=args.note, reasons=tuple(args.reasons))
    database = Database(db_path)
    try:
        database.initialise()
        with database.connect() as conn, transaction(conn):
            row = find_request(conn, args.request)
            if row is None:
                return fail(f"{PROG}: ID: no permit request with the id or tracking number {args.request!r}")
            moved = apply_review(conn, row, review, shelf, time.time())
            reasons = conn.execute("SELECT reasons FROM permit_rejections WHERE request_id = ?", (moved["id"],))
            reason_row = reasons.fetchone()
    except ProblemError as problem:
        fields = "; ".join(f"{e['field']}: {e['message']}" for e in problem.errors or [])
        return fail(f"{PROG}: {problem.detail}" + (f" ({fields})" if fields else ""))
    except sqlite3.Error as exc:
        return fail(f"{PROG}: --data: cannot use the database in {data_dir}: {exc}")
    line = f"{moved['tracking_number'] or moved['id']} {moved['status']}"
    if moved["status"] == "rejected" and reason_row is not None:
        line += ": " + "; ".join(json.loads(reason_row["reasons"]))
    print(" ".join(line.split()))
    return 0

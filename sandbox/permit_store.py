"""Permit requests in the sandbox database: finding one, its history, tracking numbers, the JSON the API answers.

Shared by the counter's endpoints (sandbox/permit_routes.py), the reviewer's (sandbox/review_routes.py), the lifecycle
(sandbox/permit_lifecycle.py) and `pishkhan sandbox review`. `insert_requests` (sandbox/permit_bulk.py) writes many
plausible requests at once for tests and benchmarks.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from typing import Any

from civic.text import normalize_digits
from sandbox.settings import iso_utc

LIFECYCLE = ("draft", "submitted", "under_review", "assessed", "paid", "issued", "completed")
REJECTED = "rejected"
REJECTABLE = ("submitted", "under_review", "assessed")
TRACKING_PREFIX = "PR-"
FIRST_TRACKING_NUMBER = 100001

# Every read of a request joins its stored assessment's total (the list shows it) — one row per request.
SELECT_REQUEST = (
    "SELECT r.*, a.total_rials AS total_rials FROM permit_requests r"
    " LEFT JOIN permit_assessments a ON a.request_id = r.id"
)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TRACKING = re.compile(r"PR-?([0-9]{1,12})")


def fields_digest(fields: dict[str, Any]) -> str:
    """The fingerprint of a request's canonical fields: a PUT with the same fields again is the same request."""
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def tracking_number(number: int) -> str:
    return f"{TRACKING_PREFIX}{number}"


def next_tracking_number(conn: sqlite3.Connection) -> int:
    """The number the next submitted request gets: one past the largest given (not a count, so requests written in
    bulk, or numbers given out of order, never make two requests share one)."""
    row = conn.execute(
        "SELECT MAX(CAST(SUBSTR(tracking_number, ?) AS INTEGER)) FROM permit_requests WHERE tracking_number LIKE ?",
        (len(TRACKING_PREFIX) + 1, TRACKING_PREFIX + "%"),
    ).fetchone()
    largest = row[0] if row is not None and row[0] is not None else FIRST_TRACKING_NUMBER - 1
    return max(int(largest) + 1, FIRST_TRACKING_NUMBER)


def find_request(conn: sqlite3.Connection, reference: str) -> sqlite3.Row | None:
    """A request of any office by its UUID or its tracking number (`PR-100123`, Persian digits and case accepted)."""
    text = normalize_digits(reference).strip()
    if _UUID.fullmatch(text.lower()):
        row: sqlite3.Row | None = conn.execute(f"{SELECT_REQUEST} WHERE r.id = ?", (text.lower(),)).fetchone()
        return row
    match = _TRACKING.fullmatch(text.upper())
    if match is None:
        return None
    number = tracking_number(int(match[1]))
    row = conn.execute(f"{SELECT_REQUEST} WHERE r.tracking_number = ?", (number,)).fetchone()
    return row


def request_row(conn: sqlite3.Connection, request_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(f"{SELECT_REQUEST} WHERE r.id = ?", (request_id,)).fetchone()
    return row


def add_history(conn: sqlite3.Connection, request_id: str, status: str, at: float, note: str | None = None) -> None:
    conn.execute(
        "INSERT INTO permit_request_history (request_id, status, at, note) VALUES (?, ?, ?, ?)",
        (request_id, status, at, note),
    )


def summary_json(row: sqlite3.Row) -> dict[str, Any]:
    """A list item (`PermitRequestSummary`); `row` comes from a SELECT_REQUEST query."""
    return {
        "id": row["id"],
        "status": row["status"],
        "tracking_number": row["tracking_number"],
        "national_id": row["national_id"],
        "applicant_name": row["applicant_name"],
        "renovation_code": row["renovation_code"],
        "created_at": iso_utc(row["created_at"]),
        "submitted_at": iso_utc(row["submitted_at"]) if row["submitted_at"] is not None else None,
        "total_rials": row["total_rials"],
    }


def _attachment_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["attachment_id"],
        "kind": row["kind"],
        "filename": row["filename"],
        "media_type": row["media_type"],
        "size": row["size"],
        "sha256": row["sha256"],
        "created_at": iso_utc(row["created_at"]),
    }


def full_json(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """The whole request (`PermitRequest`): attachments (metadata), history, assessment, rejection reasons."""
    rid = row["id"]
    attachments = conn.execute(
        "SELECT * FROM permit_attachments WHERE request_id = ? ORDER BY created_at, attachment_id", (rid,)
    ).fetchall()
    history = conn.execute(
        "SELECT status, at, note FROM permit_request_history WHERE request_id = ? ORDER BY id", (rid,)
    ).fetchall()
    assessment = conn.execute("SELECT document FROM permit_assessments WHERE request_id = ?", (rid,)).fetchone()
    rejection = conn.execute("SELECT reasons FROM permit_rejections WHERE request_id = ?", (rid,)).fetchone()
    return {
        **summary_json(row),
        "mobile": row["mobile"],
        "power_of_attorney": row["power_of_attorney"],
        "building": json.loads(row["building"]) if row["building"] is not None else None,
        "attachments": [_attachment_json(a) for a in attachments],
        "history": [{"status": h["status"], "at": iso_utc(h["at"]), "note": h["note"]} for h in history],
        "assessment": json.loads(assessment["document"]) if assessment is not None else None,
        "rejection_reasons": json.loads(rejection["reasons"]) if rejection is not None else [],
    }


def insert_requests(
    conn: sqlite3.Connection, office_code: str, username: str, count: int, *, seed: int = 0, now: float | None = None
) -> list[str]:
    """Write `count` plausible requests of one office straight into the database (tests, benchmarks, training):
    see sandbox/permit_bulk.py. Returns their ids."""
    from sandbox.permit_bulk import insert_requests as insert

    return insert(conn, office_code, username, count, seed=seed, now=now)

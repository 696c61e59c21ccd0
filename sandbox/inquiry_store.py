"""Notary inquiries and certificate records in the sandbox database: the tables, the checks an inquiry's fields pass,
its number, and the JSON the API answers.

An inquiry is kept as the notary asked it (its canonical fields and their fingerprint, so the same fields again are
the same inquiry) with the parcel it resolved to; its reply is a document of sandbox/documents.py, named by number
once sandbox/inquiry_reply.py has issued it. A certificate record names the document issued for it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any

from civic.errors import CivicValueError
from civic.ids import legal_entity_id, national_id
from civic.text import normalize_digits, normalize_text
from fees.errors import CaseError
from fees.fields import renovation_code as parse_renovation_code
from sandbox.documents import get_document
from sandbox.issuer import jalali_year
from sandbox.parcels import parcel_row
from sandbox.problems import validation_failed as invalid
from sandbox.settings import iso_utc

TYPES = ("transfer", "mortgage", "utility")
UTILITIES = ("water", "gas", "power")
PARTY_ROLES = ("seller", "buyer", "mortgagor", "bank", "applicant")
STATUSES = ("pending", "answered")
MAX_PARTIES = 6
NOTE_MAX = 500
NAME_MAX = 120
SELECT_INQUIRY = "SELECT i.*, p.registration_plate AS plate FROM inquiries i JOIN parcels p USING (renovation_code)"


def fields_digest(fields: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def canonical_code(text: str) -> str:
    """A renovation code as stored (Persian digits and the fee form's separators accepted); CaseError if bad."""
    return parse_renovation_code(text)[0]


def canonical_plate(text: str) -> str:
    return "".join(normalize_digits(text).split())


def _party(index: int, party: dict[str, Any], errors: list[dict[str, str]]) -> dict[str, Any]:
    where = f"parties[{index}]"
    name = " ".join(normalize_text(str(party.get("name") or "")).split())
    if not name:
        errors.append({"field": f"{where}.name", "message": "must not be blank"})
    nid, lid = party.get("national_id"), party.get("legal_id")
    out: dict[str, Any] = {"role": party.get("role"), "name": name, "national_id": None, "legal_id": None}
    if (nid is None) == (lid is None):
        errors.append({"field": f"{where}.national_id", "message": "Give exactly one of national_id and legal_id."})
        return out
    try:
        if nid is not None:
            out["national_id"] = national_id(str(nid))
        else:
            out["legal_id"] = legal_entity_id(str(lid))
    except CivicValueError as exc:
        field = "national_id" if nid is not None else "legal_id"
        errors.append({"field": f"{where}.{field}", "message": exc.message("en")})
    return out


def checked_fields(conn: sqlite3.Connection, body: dict[str, Any]) -> tuple[dict[str, Any], sqlite3.Row]:
    """The inquiry's canonical fields and its parcel's row, or a 422 naming every bad field (the parcel exists,
    exactly one of renovation code and plate, the utility given for a utility inquiry only, every party's id)."""
    errors: list[dict[str, str]] = []
    fields: dict[str, Any] = {"type": body["type"], "utility": body.get("utility")}
    if body["type"] == "utility" and fields["utility"] is None:
        errors.append({"field": "utility", "message": "A utility inquiry names the utility: water, gas or power."})
    if body["type"] != "utility" and fields["utility"] is not None:
        errors.append({"field": "utility", "message": "Only a utility inquiry names a utility."})
    code, plate = body.get("renovation_code"), body.get("plate")
    row: sqlite3.Row | None = None
    if (code is None) == (plate is None):
        errors.append({"field": "renovation_code", "message": "Give exactly one of renovation_code and plate."})
    elif code is not None:
        try:
            fields["renovation_code"] = canonical_code(str(code))
            row = parcel_row(conn, fields["renovation_code"])
            if row is None:
                errors.append({"field": "renovation_code", "message": "No parcel with this renovation code."})
        except CaseError as exc:
            errors.append({"field": "renovation_code", "message": exc.reason_en})
    else:
        fields["plate"] = canonical_plate(str(plate))
        row = conn.execute("SELECT * FROM parcels WHERE registration_plate = ?", (fields["plate"],)).fetchone()
        if row is None:
            errors.append({"field": "plate", "message": "No parcel with this registration plate."})
    fields["parties"] = [_party(i, p, errors) for i, p in enumerate(body["parties"])]
    fields["note"] = normalize_text(body.get("note") or "").strip()
    if errors:
        raise invalid(errors)
    assert row is not None
    return fields, row


def next_inquiry_number(conn: sqlite3.Connection, now: float) -> str:
    """`Q-<Jalali year>-<6 digits>`, one past the largest of the year."""
    prefix = f"Q-{jalali_year(now)}-"
    found = conn.execute(
        "SELECT MAX(CAST(SUBSTR(number, ?) AS INTEGER)) FROM inquiries WHERE number LIKE ?",
        (len(prefix) + 1, prefix + "%"),
    ).fetchone()
    largest = int(found[0]) if found is not None and found[0] is not None else 0
    return f"{prefix}{largest + 1:06d}"


def insert_inquiry(
    conn: sqlite3.Connection,
    inquiry_id: str,
    scope: tuple[str, str],
    fields: dict[str, Any],
    renovation_code: str,
    now: float,
    delay_s: float,
) -> None:
    conn.execute(
        "INSERT INTO inquiries (id, number, office_code, username, type, utility, renovation_code, asked_by,"
        " parties, note, fields_sha256, created_at, answer_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            inquiry_id,
            next_inquiry_number(conn, now),
            *scope,
            fields["type"],
            fields["utility"],
            renovation_code,
            "plate" if "plate" in fields else "renovation_code",
            json.dumps(fields["parties"], ensure_ascii=False),
            fields["note"],
            fields_digest(fields),
            now,
            now + delay_s,
        ),
    )


def inquiry_row(conn: sqlite3.Connection, inquiry_id: str, office_code: str | None = None) -> sqlite3.Row | None:
    """The inquiry (of that office, when given) with its parcel's plate, or None."""
    if office_code is None:
        found: sqlite3.Row | None = conn.execute(f"{SELECT_INQUIRY} WHERE i.id = ?", (inquiry_id,)).fetchone()
    else:
        found = conn.execute(
            f"{SELECT_INQUIRY} WHERE i.id = ? AND i.office_code = ?", (inquiry_id, office_code)
        ).fetchone()
    return found


def inquiry_json(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """The API's shape of an inquiry; the reply is the issued document's shape (sandbox/documents.py)."""
    reply = get_document(conn, row["reply_number"]) if row["reply_number"] else None
    return {
        "id": row["id"],
        "number": row["number"],
        "type": row["type"],
        "utility": row["utility"],
        "renovation_code": row["renovation_code"],
        "plate": row["plate"],
        "parties": json.loads(row["parties"]),
        "note": row["note"],
        "status": "answered" if reply is not None else "pending",
        "created_at": iso_utc(row["created_at"]),
        "answer_due_at": iso_utc(row["answer_due_at"]),
        "answered_at": iso_utc(row["answered_at"]) if row["answered_at"] is not None else None,
        "reply": reply.as_json() if reply is not None else None,
    }


def certificate_json(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    document = get_document(conn, row["document_number"])
    assert document is not None  # issued in the transaction that wrote the record
    return {
        "id": row["id"],
        "kind": row["kind"],
        "renovation_code": row["renovation_code"],
        "status": "issued",
        "created_at": iso_utc(row["created_at"]),
        "document": document.as_json(),
    }

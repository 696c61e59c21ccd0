"""Every document the municipality issues and seals: payment receipts, inquiry replies and certificates.

A document is issued once, inside the transaction that makes it (a payment, an answered inquiry, a certificate), and
kept for good: its number, its kind, the office it went to, its content (the canonical JSON its seal's content hash
covers, `civic.seal.canonical_json`) and the seal text. A revocation never deletes: it marks the row with the time and
the reason, and the signed revocation list (`GET /revocations`) carries it from then on.

The content is the document's data exactly as the client prints it (`printing.model.document_content` of the
document's dataclass: "kind", "number", "issued_at" and every other field, nothing left to a default), so the client
reads it back (`printing.content.document_from_content`), prints it with the seal, and anyone recomputes the hash.
The sandbox signs with the training key: whatever it issues verifies as «آموزشی».
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from civic.jalali import TEHRAN
from civic.keys import TRAINING_KEY_ID, training_private_key
from civic.seal import SealPayload, canonical_json, content_digest, sign

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    number TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    office_code TEXT NOT NULL,
    content TEXT NOT NULL,
    seal TEXT NOT NULL,
    issued_at REAL NOT NULL,
    expires TEXT,
    revoked_at REAL,
    revoke_reason TEXT
);
CREATE INDEX IF NOT EXISTS documents_revoked ON documents (revoked_at) WHERE revoked_at IS NOT NULL
"""


@dataclass(frozen=True)
class IssuedDocument:
    number: str
    kind: str  # the seal kind: "receipt", "inquiry-reply", "clearance", "completion", "no-violation"
    office_code: str
    content: dict[str, Any]  # canonical: what `GET /documents/{number}` answers and the seal's hash covers
    seal: str
    issued_at: float
    expires: dt.date | None
    revoked_at: float | None = None
    revoke_reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The API's shape of a document: number, kind, content, seal, and its revocation if any."""
        revoked = None
        if self.revoked_at is not None:
            revoked = {"at": _instant(self.revoked_at), "reason": self.revoke_reason or ""}
        return {
            "number": self.number,
            "kind": self.kind,
            "content": self.content,
            "seal": self.seal,
            "issued_at": _instant(self.issued_at),
            "expires": self.expires.isoformat() if self.expires else None,
            "revoked": revoked,
        }


@cache
def signing_key() -> Ed25519PrivateKey:
    return training_private_key()


def _instant(unix: float) -> str:
    return dt.datetime.fromtimestamp(unix, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical_content(content: Mapping[str, Any]) -> dict[str, Any]:
    """`content` in its canonical JSON form (Decimal as text, dates as ISO text, tuples as lists)."""
    loaded = json.loads(canonical_json(content))
    assert isinstance(loaded, dict)
    return loaded


def issue_document(
    conn: sqlite3.Connection,
    *,
    content: Mapping[str, Any],
    office_code: str,
    holder: str,
    amount_rials: int,
    expires: dt.date | None,
    now: float,
) -> IssuedDocument:
    """Seal and keep `content` (which names its "kind" and "number"; "issued_at" is an aware datetime or its
    canonical text). Call inside the transaction that issues it; a number issued twice is an IntegrityError."""
    canonical = canonical_content(content)
    number, kind = canonical.get("number"), canonical.get("kind")
    if not isinstance(number, str) or not number or not isinstance(kind, str) or not kind:
        raise ValueError("a document's content names its kind and number")
    issued_day = dt.datetime.fromtimestamp(now, TEHRAN).date()
    payload = SealPayload(
        key_id=TRAINING_KEY_ID,
        number=number,
        kind=kind,
        issued=issued_day,
        expires=expires,
        holder=holder,
        amount_rials=amount_rials,
        content_sha256=content_digest(canonical),
        training=True,
    )
    seal = sign(payload, signing_key())
    conn.execute(
        "INSERT INTO documents (number, kind, office_code, content, seal, issued_at, expires)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            number,
            kind,
            office_code,
            canonical_json(canonical).decode("utf-8"),
            seal,
            now,
            expires.isoformat() if expires else None,
        ),
    )
    return IssuedDocument(number, kind, office_code, canonical, seal, now, expires)


def _from_row(row: sqlite3.Row) -> IssuedDocument:
    return IssuedDocument(
        number=row["number"],
        kind=row["kind"],
        office_code=row["office_code"],
        content=json.loads(row["content"]),
        seal=row["seal"],
        issued_at=row["issued_at"],
        expires=dt.date.fromisoformat(row["expires"]) if row["expires"] else None,
        revoked_at=row["revoked_at"],
        revoke_reason=row["revoke_reason"],
    )


def get_document(conn: sqlite3.Connection, number: str) -> IssuedDocument | None:
    row = conn.execute("SELECT * FROM documents WHERE number = ?", (number,)).fetchone()
    return None if row is None else _from_row(row)


def revoke_document(conn: sqlite3.Connection, number: str, reason: str, now: float) -> bool:
    """Mark a document revoked (inside the caller's transaction); False when there is none or it already is."""
    cursor = conn.execute(
        "UPDATE documents SET revoked_at = ?, revoke_reason = ? WHERE number = ? AND revoked_at IS NULL",
        (now, reason, number),
    )
    return cursor.rowcount == 1


def revoked_documents(conn: sqlite3.Connection) -> list[IssuedDocument]:
    """Every revoked document, oldest revocation first."""
    rows = conn.execute("SELECT * FROM documents WHERE revoked_at IS NOT NULL ORDER BY revoked_at, number")
    return [_from_row(row) for row in rows]

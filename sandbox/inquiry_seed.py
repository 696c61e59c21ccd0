"""Earlier inquiries of a notary office for the demo and the screenshots: some answered days ago (a reply with debts
on condition, one without condition, one refused for a violation at the commission, a mortgage and a utility
inquiry), and the newest still waiting for its reply (due an hour after it was sent).

`seed_demo_inquiries(conn, "NT-0042", "notary1", 6, time.time())` writes them (outside any open transaction); it is
idempotent: the ids are derived from the office and the place in the plan, and an inquiry already there is kept.
"""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any

from sandbox.db import transaction
from sandbox.inquiry_reply import issue_reply
from sandbox.inquiry_store import checked_fields, inquiry_row, insert_inquiry
from sandbox.tariff_routes import TariffShelf

_NAMESPACE = uuid.UUID("5b0f3c1e-7a2d-4c8e-9f61-2d4b8a7e0c13")
PENDING_DUE_S = 3600.0  # the newest inquiry waits this long for its reply
DAY_S = 86_400.0


def _person(role: str, name: str, national_id: str) -> dict[str, Any]:
    return {"role": role, "name": name, "national_id": national_id, "legal_id": None}


def _company(role: str, name: str, legal_id: str) -> dict[str, Any]:
    return {"role": role, "name": name, "national_id": None, "legal_id": legal_id}


BUYER = _person("buyer", "زهرا کریمی", "0010350829")
SELLER = _person("seller", "رضا کریمی", "0012345679")
BANK = _company("bank", "بانک ملت", "10100012342")
PLAN: tuple[dict[str, Any], ...] = (
    {"type": "transfer", "renovation_code": "2-14-123-45-0-0", "parties": [SELLER, BUYER]},
    {"type": "transfer", "renovation_code": "2-14-123-42-0-0", "parties": [BUYER]},
    {"type": "transfer", "renovation_code": "2-14-123-7-0-0", "parties": [BUYER]},
    {"type": "mortgage", "renovation_code": "2-14-123-12-0-0", "parties": [BUYER, BANK]},
    {"type": "utility", "utility": "gas", "plate": "1234/56", "parties": [{**SELLER, "role": "applicant"}]},
    {
        "type": "transfer",
        "renovation_code": "2-14-124-3-0-0",
        "parties": [BUYER],
        "note": "خریدار در دفترخانه حاضر است",
    },
)


def _body(spec: dict[str, Any]) -> dict[str, Any]:
    return {"renovation_code": None, "plate": None, "utility": None, "note": "", **spec}


def seed_demo_inquiries(conn: sqlite3.Connection, office_code: str, username: str, count: int, now: float) -> int:
    """Write `count` earlier inquiries of the office (the last one pending, the others answered); how many were new."""
    shelf = TariffShelf.load(None)
    written = 0
    with transaction(conn):
        for index in range(count):
            inquiry_id = str(uuid.uuid5(_NAMESPACE, f"{office_code}/{index}"))
            if conn.execute("SELECT 1 FROM inquiries WHERE id = ?", (inquiry_id,)).fetchone() is not None:
                continue
            fields, parcel = checked_fields(conn, _body(PLAN[index % len(PLAN)]))
            newest = index == count - 1
            sent = now - 60.0 if newest else now - (count - index) * DAY_S + 3600.0 * (index % 5)
            delay = PENDING_DUE_S if newest else 40.0
            insert_inquiry(conn, inquiry_id, (office_code, username), fields, parcel["renovation_code"], sent, delay)
            if not newest:
                row = inquiry_row(conn, inquiry_id)
                assert row is not None
                issue_reply(conn, row, shelf, sent + delay)
            written += 1
    return written

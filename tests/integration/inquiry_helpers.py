"""Helpers of the inquiry and certificate tests against the real sandbox over loopback HTTP: the parcels whose
facts the tests rely on, an inquiry body, and the checks every issued document passes (content read back hashes to
the seal's digest, the seal verifies with the bundled trust list, the document renders)."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from typing import Any

import requests

from civic.keys import TrustList
from civic.seal import content_digest, verify
from printing import render
from printing.content import document_from_content
from printing.model import Document, document_content
from tests.integration.permit_helpers import Api

# Facts of the demo city (sandbox/issuer.py, sandbox/bills_seed.py): every parcel whose number is a multiple of 6
# owes nothing; every 7th has a violation, pending at the commission when number // 7 is odd; number mod 4 is 0 for
# a completed building and 1 for one under construction.
WITH_DEBTS = "2-14-123-45-0-0"  # owes bills, building under construction, no violation (the demo parcel)
DEBT_FREE_COMPLETED = "2-14-123-12-0-0"  # owes nothing, completed building, no violation
DEBT_FREE_RULED = "2-14-123-42-0-0"  # owes nothing, a violation the commission ruled on and was paid
PENDING_VIOLATION = "2-14-123-7-0-0"  # a violation waiting for the commission, owes bills
BUILDING_WITH_VIOLATION = "2-14-123-21-0-0"  # under construction with a pending violation
NATIONAL_ID = "0012345679"
LEGAL_ID = "10100012342"


def party(role: str = "seller", name: str = "رضا کریمی", **ids: str | None) -> dict[str, Any]:
    if not ids:
        ids = {"national_id": NATIONAL_ID}
    return {"role": role, "name": name, "national_id": ids.get("national_id"), "legal_id": ids.get("legal_id")}


def inquiry_body(code: str | None = WITH_DEBTS, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "transfer",
        "renovation_code": code,
        "plate": None,
        "utility": None,
        "parties": [party(), party("buyer", "شرکت نمونه", legal_id=LEGAL_ID)],
        "note": "",
    }
    return {**body, **changes}


def send_inquiry(api: Api, body: dict[str, Any], inquiry_id: str | None = None) -> requests.Response:
    return api.send("PUT", f"/inquiries/{inquiry_id or uuid.uuid4()}", body)


def answered(api: Api, inquiry_id: str, timeout: float = 20.0) -> dict[str, Any]:
    """The inquiry once answered (it is read again until then)."""
    deadline = time.monotonic() + timeout
    while True:
        response = api.get(f"/inquiries/{inquiry_id}")
        assert response.status_code == 200, response.text
        inquiry: dict[str, Any] = response.json()
        if inquiry["status"] == "answered":
            return inquiry
        assert time.monotonic() < deadline, "the inquiry was not answered in time"
        time.sleep(0.2)


def checked_document(document: dict[str, Any]) -> Document:
    """The printed document of an issued document (API shape), after every check a desk relies on."""
    doc = document_from_content(document["content"], seal=document["seal"])
    assert doc.number == document["number"] and doc.seal_kind == document["kind"]
    payload = verify(document["seal"], TrustList.load())
    assert payload.content_sha256 == content_digest(document_content(doc))
    assert payload.number == document["number"] and payload.kind == document["kind"]
    expires = document["expires"]
    assert payload.expires == (None if expires is None else dt.date.fromisoformat(expires))
    rendered = render(doc)
    assert rendered.pdf.startswith(b"%PDF") and rendered.number == doc.number
    return doc

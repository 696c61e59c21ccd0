"""Notary inquiries, certificates and issued documents as the client reads them, and the two outbox actions that make
them (`PUT /inquiries/{id}`, `PUT /certificates/{id}`).

An issued document (an inquiry's reply, a certificate) comes as the API's one document shape: its number, its seal
kind, its `content` (the printed document's fields in canonical JSON, read back with
`printing.content.document_from_content`), the seal text, when it was issued, its expiry and its revocation if any.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from client_api import actions
from client_api.actions import PreparedAction, encode_body, path_segment
from client_api.client import MunicipalClient
from client_api.errors import ProtocolError
from client_api.wire import instant as _instant
from client_api.wire import json_object as _object
from client_api.wire import optional_instant as _optional_instant
from client_api.wire import optional_text as _optional_text
from client_api.wire import text as _text
from client_api.wire import whole as _whole

TRANSFER = "transfer"
MORTGAGE = "mortgage"
UTILITY = "utility"
INQUIRY_TYPES = (TRANSFER, MORTGAGE, UTILITY)
UTILITIES = ("water", "gas", "power")
PARTY_ROLES = ("seller", "buyer", "mortgagor", "bank", "applicant")
PENDING = "pending"
ANSWERED = "answered"
INQUIRY_STATUSES = (PENDING, ANSWERED)
CERTIFICATE_KINDS = ("clearance", "completion", "no-violation")
MAX_PARTIES = 6
NOTE_MAX_CHARS = 500


@dataclass(frozen=True)
class Party:
    role: str  # seller, buyer, mortgagor, bank or applicant
    name: str
    national_id: str | None = None  # 10 digits, for a person
    legal_id: str | None = None  # 11 digits, for a company or institution

    def as_json(self) -> dict[str, Any]:
        return {"role": self.role, "name": self.name, "national_id": self.national_id, "legal_id": self.legal_id}

    @classmethod
    def from_json(cls, data: Any) -> Party:
        data = _object(data)
        return cls(
            _text(data["role"]),
            _text(data["name"]),
            _optional_text(data.get("national_id")),
            _optional_text(data.get("legal_id")),
        )


@dataclass(frozen=True)
class Revoked:
    at: dt.datetime
    reason: str


@dataclass(frozen=True)
class IssuedDoc:
    """A sealed document as `GET /documents/{number}` answers it (also inside an inquiry and a certificate)."""

    number: str
    kind: str  # the seal kind: inquiry-reply, clearance, completion, no-violation, receipt
    content: dict[str, Any]  # for printing.content.document_from_content
    seal: str
    issued_at: dt.datetime
    expires: dt.date | None
    revoked: Revoked | None

    @classmethod
    def from_json(cls, data: Any) -> IssuedDoc:
        try:
            data = _object(data)
            expires = data.get("expires")
            revoked = data.get("revoked")
            revocation = None
            if revoked is not None:
                revoked = _object(revoked)
                revocation = Revoked(_instant(revoked["at"]), _text(revoked.get("reason", "")))
            return cls(
                number=_text(data["number"]),
                kind=_text(data["kind"]),
                content=_object(data["content"]),
                seal=_text(data["seal"]),
                issued_at=_instant(data["issued_at"]),
                expires=dt.date.fromisoformat(_text(expires)) if expires is not None else None,
                revoked=revocation,
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected document: {exc}") from exc


@dataclass(frozen=True)
class Inquiry:
    id: str
    number: str  # Q-<jalali year>-<6 digits>
    type: str  # transfer, mortgage or utility
    utility: str | None  # water, gas or power, for a utility inquiry
    renovation_code: str | None
    plate: str | None
    parties: tuple[Party, ...]
    note: str
    status: str  # pending or answered
    created_at: dt.datetime
    answer_due_at: dt.datetime
    answered_at: dt.datetime | None
    reply: IssuedDoc | None  # once answered

    @property
    def answered(self) -> bool:
        return self.status == ANSWERED and self.reply is not None

    @classmethod
    def from_json(cls, data: Any) -> Inquiry:
        try:
            data = _object(data)
            parties = data.get("parties")
            if not isinstance(parties, list):
                raise TypeError("parties must be a list")
            reply = data.get("reply")
            return cls(
                id=_text(data["id"]),
                number=_text(data["number"]),
                type=_text(data["type"]),
                utility=_optional_text(data.get("utility")),
                renovation_code=_optional_text(data.get("renovation_code")),
                plate=_optional_text(data.get("plate")),
                parties=tuple(Party.from_json(p) for p in parties),
                note=_text(data.get("note", "")),
                status=_text(data["status"]),
                created_at=_instant(data["created_at"]),
                answer_due_at=_instant(data["answer_due_at"]),
                answered_at=_optional_instant(data.get("answered_at")),
                reply=IssuedDoc.from_json(reply) if reply is not None else None,
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected inquiry: {exc}") from exc


@dataclass(frozen=True)
class InquiryPage:
    items: tuple[Inquiry, ...]
    page: int
    page_size: int
    total: int

    @classmethod
    def from_json(cls, data: Any) -> InquiryPage:
        try:
            data = _object(data)
            items = data.get("items")
            if not isinstance(items, list):
                raise TypeError("the inquiry list has no item list")
            return cls(
                tuple(Inquiry.from_json(item) for item in items),
                _whole(data["page"]),
                _whole(data["page_size"]),
                _whole(data["total"]),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected inquiry page: {exc}") from exc


@dataclass(frozen=True)
class CertificateRecord:
    id: str
    kind: str  # clearance, completion or no-violation
    renovation_code: str
    status: str  # issued
    created_at: dt.datetime
    document: IssuedDoc

    @classmethod
    def from_json(cls, data: Any) -> CertificateRecord:
        try:
            data = _object(data)
            return cls(
                id=_text(data["id"]),
                kind=_text(data["kind"]),
                renovation_code=_text(data["renovation_code"]),
                status=_text(data["status"]),
                created_at=_instant(data["created_at"]),
                document=IssuedDoc.from_json(data["document"]),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected certificate: {exc}") from exc


# -- reading calls -----------------------------------------------------------------------------------------


def inquiry(client: MunicipalClient, inquiry_id: str) -> Inquiry:
    """One inquiry of the office, with its reply once answered; NotFoundError if the office has none by that id."""
    return Inquiry.from_json(client.get_json(f"/inquiries/{path_segment(inquiry_id)}"))


def inquiries(
    client: MunicipalClient,
    *,
    status: str | None = None,
    renovation_code: str | None = None,
    created_from: str | None = None,
    created_to: str | None = None,
    page: int = 1,
    page_size: int = 50,
) -> InquiryPage:
    """The office's inquiries, newest first, one page; dates are UTC `YYYY-MM-DD`, inclusive."""
    params: dict[str, str | int | None] = {
        "status": status,
        "renovation_code": renovation_code,
        "from": created_from,
        "to": created_to,
        "page": page,
        "page_size": page_size,
    }
    return InquiryPage.from_json(client.get_json("/inquiries", params))


def certificate(client: MunicipalClient, certificate_id: str) -> CertificateRecord:
    """One certificate the office requested, with its sealed document; NotFoundError if none."""
    return CertificateRecord.from_json(client.get_json(f"/certificates/{path_segment(certificate_id)}"))


def document(client: MunicipalClient, number: str) -> IssuedDoc:
    """Any issued document by its number (to compare with a paper); NotFoundError if the municipality has none."""
    return IssuedDoc.from_json(client.get_json(f"/documents/{quote(number.strip(), safe='')}"))


def trust_list_json(client: MunicipalClient) -> bytes:
    """The server's trust list (`GET /keys`, resources/trust/keys.json format), its exact bytes."""
    return client.get_public_bytes("/keys")


def revocations_json(client: MunicipalClient) -> bytes:
    """The signed revocation list (`GET /revocations`, civic/revocation.py), its exact bytes."""
    return client.get_public_bytes("/revocations")


# -- outbox actions ----------------------------------------------------------------------------------------


def inquiry_body(
    inquiry_type: str,
    *,
    parties: list[Party] | tuple[Party, ...],
    renovation_code: str | None = None,
    plate: str | None = None,
    utility: str | None = None,
    note: str = "",
) -> dict[str, Any]:
    """The body of `PUT /inquiries/{id}` (the server validates it; exactly one of renovation_code and plate)."""
    return {
        "type": inquiry_type,
        "renovation_code": renovation_code,
        "plate": plate,
        "utility": utility,
        "parties": [party.as_json() for party in parties],
        "note": note,
    }


def _summary(text: str) -> str:
    return " ".join(text.split())[: actions.SUMMARY_CHARS]


def inquiry_send_action(inquiry_id: str, body: dict[str, Any]) -> PreparedAction:
    """An inquiry under the client's UUID: `PUT /inquiries/{id}` (the same body again is the same inquiry).
    The summary is the parcel as the operator typed it."""
    parcel = body.get("renovation_code") or body.get("plate") or ""
    path = f"/inquiries/{path_segment(inquiry_id)}"
    return PreparedAction(actions.INQUIRY_SEND, "PUT", path, encode_body(body), _summary(str(parcel)))


def certificate_request_action(certificate_id: str, kind: str, renovation_code: str) -> PreparedAction:
    """A certificate under the client's UUID: `PUT /certificates/{id}` with its kind and parcel."""
    if kind not in CERTIFICATE_KINDS:
        raise ValueError(f"unknown certificate kind {kind!r}")
    body = encode_body({"kind": kind, "renovation_code": renovation_code})
    path = f"/certificates/{path_segment(certificate_id)}"
    return PreparedAction(actions.CERTIFICATE_REQUEST, "PUT", path, body, _summary(renovation_code))

"""Bodies of the inquiry, certificate and document endpoints (they make their part of the OpenAPI document)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

INSTANT = "UTC, ISO-8601 with a Z."


class PartyIn(BaseModel):
    role: Literal["seller", "buyer", "mortgagor", "bank", "applicant"]
    name: str = Field(min_length=1, max_length=120)
    national_id: str | None = Field(
        default=None, max_length=20, description="10 digits (کد ملی) of a person; exactly one of the two ids."
    )
    legal_id: str | None = Field(
        default=None, max_length=20, description="11 digits (شناسه ملی) of a company or institution."
    )


class InquiryIn(BaseModel):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "type": "transfer",
                    "renovation_code": "2-14-123-45-0-0",
                    "plate": None,
                    "utility": None,
                    "parties": [{"role": "seller", "name": "رضا کریمی", "national_id": "0012345679", "legal_id": None}],
                    "note": "",
                }
            ]
        }
    }
    type: Literal["transfer", "mortgage", "utility"]
    renovation_code: str | None = Field(
        default=None, max_length=40, examples=["2-14-123-45-0-0"], description="Exactly one of this and plate."
    )
    plate: str | None = Field(default=None, max_length=40, examples=["1234/56"], description="Registration plate.")
    utility: Literal["water", "gas", "power"] | None = Field(default=None, description="For a utility inquiry only.")
    parties: list[PartyIn] = Field(min_length=1, max_length=6)
    note: str = Field(default="", max_length=500)


class Party(BaseModel):
    role: str
    name: str
    national_id: str | None
    legal_id: str | None


class Revoked(BaseModel):
    at: str = Field(description=INSTANT)
    reason: str


class IssuedDocument(BaseModel):
    number: str
    kind: Literal["receipt", "inquiry-reply", "clearance", "completion", "no-violation"]
    content: dict[str, Any] = Field(
        description="The printed document's data in canonical JSON (printing.model), whose hash the seal carries."
    )
    seal: str = Field(description="The seal text (PK1:...) printed as a QR code.")
    issued_at: str = Field(description=INSTANT)
    expires: str | None = Field(description="YYYY-MM-DD, or null when the document never expires.")
    revoked: Revoked | None


class Inquiry(BaseModel):
    id: str
    number: str = Field(description="Q-<Jalali year>-<6 digits>.")
    type: Literal["transfer", "mortgage", "utility"]
    utility: Literal["water", "gas", "power"] | None
    renovation_code: str
    plate: str
    parties: list[Party]
    note: str
    status: Literal["pending", "answered"]
    created_at: str = Field(description=INSTANT)
    answer_due_at: str = Field(description=INSTANT)
    answered_at: str | None
    reply: IssuedDocument | None = Field(description="The sealed reply, once answered.")


class InquiryPage(BaseModel):
    items: list[Inquiry]
    total: int
    page: int
    page_size: int


class CertificateIn(BaseModel):
    model_config = {"json_schema_extra": {"examples": [{"kind": "no-violation", "renovation_code": "2-14-123-45-0-0"}]}}
    kind: Literal["clearance", "completion", "no-violation"]
    renovation_code: str = Field(min_length=1, max_length=40, examples=["2-14-123-45-0-0"])


class CertificateRecord(BaseModel):
    id: str
    kind: Literal["clearance", "completion", "no-violation"]
    renovation_code: str
    status: Literal["issued"]
    created_at: str = Field(description=INSTANT)
    document: IssuedDocument


class TrustedKey(BaseModel):
    key_id: str
    public_key: str = Field(description="Base64 of the raw Ed25519 public key.")
    label: str
    purposes: list[str]


class RevokedEntry(BaseModel):
    number: str
    revoked_at: str = Field(description=INSTANT)
    reason: str


class RevocationList(BaseModel):
    format: Literal["pishkhan-revocations/1"]
    key_id: str
    issued_at: str = Field(description=INSTANT)
    max_age_s: int
    revoked: list[RevokedEntry]
    signature: str = Field(description="Base64 Ed25519 signature (civic/revocation.py).")

"""Bodies of the permit-request endpoints (they make their part of the OpenAPI document)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024  # decoded content of one attachment
ATTACHMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
ATTACHMENT_KINDS = ("deed", "id_card", "plan", "power_of_attorney", "other")
STATUSES = ("draft", "submitted", "under_review", "assessed", "paid", "issued", "completed", "rejected")

Status = Literal["draft", "submitted", "under_review", "assessed", "paid", "issued", "completed", "rejected"]


class PermitRequestIn(BaseModel):
    national_id: str = Field(min_length=1, max_length=20, description="The applicant's national ID (کد ملی).")
    applicant_name: str = Field(min_length=1, max_length=120)
    mobile: str | None = Field(default=None, max_length=20, description="Normalised to 09XXXXXXXXX.")
    renovation_code: str = Field(min_length=1, max_length=40, examples=["2-14-123-45-0-0"])
    power_of_attorney: str | None = Field(default=None, max_length=40)
    building: dict[str, Any] | None = Field(default=None, description="The building as the wizard describes it.")


class AttachmentIn(BaseModel):
    kind: Literal["deed", "id_card", "plan", "power_of_attorney", "other"]
    filename: str = Field(min_length=1, max_length=200)
    media_type: Literal["application/pdf", "image/jpeg", "image/png"]
    content_base64: str = Field(min_length=1, description=f"At most {ATTACHMENT_MAX_BYTES} bytes once decoded.")


class Attachment(BaseModel):
    id: str
    kind: str
    filename: str
    media_type: str
    size: int
    sha256: str
    created_at: str = Field(description="UTC, ISO-8601 with a Z.")


class StatusChange(BaseModel):
    status: Status
    at: str = Field(description="UTC, ISO-8601 with a Z.")
    note: str | None = None


class PermitRequestSummary(BaseModel):
    id: str
    status: Status
    tracking_number: str | None
    national_id: str
    applicant_name: str
    renovation_code: str
    created_at: str
    submitted_at: str | None


class PermitRequest(PermitRequestSummary):
    mobile: str | None
    power_of_attorney: str | None
    building: dict[str, Any] | None
    attachments: list[Attachment]
    history: list[StatusChange]


class PermitRequestPage(BaseModel):
    items: list[PermitRequestSummary]
    total: int
    page: int
    page_size: int

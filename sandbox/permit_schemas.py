"""Bodies of the permit-request endpoints (they make their part of the OpenAPI document)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from sandbox.tariff_routes import AssessmentOut

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024  # decoded content of one attachment
ATTACHMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
# standard base64 of at least one byte, padded (what the server decodes; it refuses anything else with a 422)
BASE64_PATTERN = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)$"
ATTACHMENT_KINDS = ("deed", "id_card", "plan", "power_of_attorney", "other")
STATUSES = ("draft", "submitted", "under_review", "assessed", "paid", "issued", "completed", "rejected")

Status = Literal["draft", "submitted", "under_review", "assessed", "paid", "issued", "completed", "rejected"]


class PermitRequestIn(BaseModel):
    national_id: str = Field(min_length=1, max_length=20, description="The applicant's national ID (کد ملی).")
    applicant_name: str = Field(min_length=1, max_length=120)
    mobile: str | None = Field(default=None, max_length=20, description="Normalised to 09XXXXXXXXX.")
    renovation_code: str = Field(min_length=1, max_length=40, examples=["2-14-123-45-0-0"])
    power_of_attorney: str | None = Field(default=None, max_length=40)
    building: dict[str, Any] | None = Field(
        default=None,
        description="The building part of a fee case (fees/README.md): the case without renovation_code, date,"
        " purpose and land_area_m2, which come from the request, the parcel and the day. Checked as a case;"
        " errors name `building.<field>`.",
        examples=[
            {
                "parking_provided": 1,
                "parking_required": 1,
                "balcony_area_m2": 8,
                "floors": [{"level": 1, "use": "residential", "area_m2": 120, "units": 1}],
            }
        ],
    )


class AttachmentIn(BaseModel):
    kind: Literal["deed", "id_card", "plan", "power_of_attorney", "other"]
    filename: str = Field(min_length=1, max_length=200)
    media_type: Literal["application/pdf", "image/jpeg", "image/png"]
    content_base64: str = Field(
        min_length=1,
        description=f"At most {ATTACHMENT_MAX_BYTES} bytes once decoded; not empty.",
        json_schema_extra={"pattern": BASE64_PATTERN},
    )


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
    total_rials: int | None = Field(description="The stored assessment's total, once the request is assessed.")


class PermitRequest(PermitRequestSummary):
    mobile: str | None
    power_of_attorney: str | None
    building: dict[str, Any] | None
    attachments: list[Attachment]
    history: list[StatusChange]
    assessment: AssessmentOut | None = Field(
        description="Computed and stored when the request entered `assessed` (as POST /assessments answers)."
    )
    rejection_reasons: list[str] = Field(description="Empty unless the request is rejected.")


class ReviewIn(BaseModel):
    to: Literal["under_review", "assessed", "paid", "issued", "completed", "rejected"] = Field(
        description="A later status in the lifecycle (the statuses between are recorded too), or `rejected`."
    )
    note: str | None = Field(default=None, max_length=500)
    reasons: list[str] = Field(default_factory=list, max_length=20, description="Required when `to` is rejected.")


class PermitRequestPage(BaseModel):
    items: list[PermitRequestSummary]
    total: int
    page: int
    page_size: int

"""Sending a permit request: the chain of outbox actions made from a draft, the tracking number in the server's answer,
and the application receipt «رسید ثبت درخواست».

The chain is create → one attachment per file → submit, under the draft's request id and each attachment's own id
(both made once, when the draft or the file was made), so the outbox's retries and a resend after a crash address
the same resources. Reading the attached files is disk work: `prepare_chain` runs in an op.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from civic import jsonsafe
from client_api.actions import (
    PreparedAction,
    permit_attachment_action,
    permit_create_action,
    permit_submit_action,
)
from client_api.outbox import OutboxEntry
from desktop.ui.permit_draft import DraftAttachment, read_attachment
from printing import Rendered, render
from printing.model import RequestReceipt

SENT_FORM = "permit-sent"  # the draft form that keeps a sent request until its receipt is printed
# where a field the server refused is edited: its wizard step
PARCEL_STEP, APPLICANT_STEP, BUILDING_STEP, ATTACHMENTS_STEP, REVIEW_STEP = range(5)
_APPLICANT_FIELDS = frozenset({"national_id", "applicant_name", "mobile", "power_of_attorney"})
_ATTACHMENT_FIELDS = frozenset({"attachment_id", "kind", "filename", "media_type", "content_base64"})


@dataclass(frozen=True)
class Application:
    """What the operator confirmed, read from the wizard's fields."""

    request_id: str
    renovation_code: str
    applicant: dict[str, Any]  # applicant_name, national_id, mobile, power_of_attorney (None when not given)
    building: dict[str, Any]
    attachments: tuple[DraftAttachment, ...]


def prepare_chain(config_dir: Path, application: Application) -> list[PreparedAction]:
    """The chain's actions, each body encoded once. Reads every attached copy (checked against its digest): for an
    op. Raises StoredFileError when a copy is gone or changed."""
    rid = application.request_id
    applicant = application.applicant
    actions = [
        permit_create_action(
            rid,
            national_id=str(applicant["national_id"]),
            applicant_name=str(applicant["applicant_name"]),
            renovation_code=application.renovation_code,
            mobile=applicant.get("mobile") or None,
            power_of_attorney=applicant.get("power_of_attorney") or None,
            building=application.building,
        )
    ]
    for attachment in application.attachments:
        actions.append(
            permit_attachment_action(
                rid,
                attachment.id,
                kind=attachment.kind,
                filename=attachment.filename,
                media_type=attachment.media_type,
                content=read_attachment(config_dir, attachment),
            )
        )
    actions.append(permit_submit_action(rid, application.renovation_code))
    return actions


def step_of_field(field: str, kind: str) -> int:
    """The step where the operator corrects a field the server refused."""
    if field == "renovation_code":
        return PARCEL_STEP
    if field in _APPLICANT_FIELDS:
        return APPLICANT_STEP
    if field == "building" or field.startswith("building.") or field.startswith("floors"):
        return BUILDING_STEP
    if field in _ATTACHMENT_FIELDS or kind == "permit-attach":
        return ATTACHMENTS_STEP
    return REVIEW_STEP


def answer_json(entry: OutboxEntry) -> dict[str, Any]:
    try:
        value = jsonsafe.loads(entry.response_body or b"{}")  # nesting bounded
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def tracking_number(entry: OutboxEntry) -> str | None:
    """The tracking number in the submit step's answer (the request as the server now has it)."""
    number = answer_json(entry).get("tracking_number")
    return str(number) if number else None


def submitted_at(entry: OutboxEntry) -> dt.datetime:
    stamp = answer_json(entry).get("submitted_at")
    try:
        return dt.datetime.fromisoformat(str(stamp).replace("Z", "+00:00")) if stamp else dt.datetime.now(dt.UTC)
    except ValueError:
        return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class SentRequest:
    """What the receipt needs of a request sent from here, kept (form `SENT_FORM`) until its receipt is printed, so
    a window closed while the chain was on its way still gets its receipt when the page opens again."""

    request_id: str
    renovation_code: str
    applicant_name: str
    national_id: str
    attachments: tuple[str, ...]  # file names, as handed over
    fee_preview_rials: int | None
    fee_book_version: str

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "attachments": list(self.attachments)}

    @classmethod
    def from_json(cls, data: Any) -> SentRequest | None:
        if not isinstance(data, dict):
            return None
        try:
            total = data.get("fee_preview_rials")
            return cls(
                str(data["request_id"]),
                str(data["renovation_code"]),
                str(data["applicant_name"]),
                str(data["national_id"]),
                tuple(str(name) for name in data.get("attachments") or ()),
                int(total) if isinstance(total, int) else None,
                str(data.get("fee_book_version") or ""),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def addresses(self, entry: OutboxEntry) -> bool:
        """Whether an outbox action is a step of this request's chain."""
        return entry.path.startswith(f"/permit-requests/{self.request_id}")


@dataclass(frozen=True)
class ReceiptFacts:
    office_code: str
    office_name: str
    operator_name: str
    training: bool


def render_receipt(sent: SentRequest, number: str, issued_at: dt.datetime, facts: ReceiptFacts) -> Rendered:
    """The application receipt as PDF, for the receipt printer. For an op (ReportLab)."""
    doc = RequestReceipt(
        number=number,
        issued_at=issued_at,
        training=facts.training,
        office_code=facts.office_code,
        office_name=facts.office_name,
        operator_name=facts.operator_name,
        applicant_name=sent.applicant_name,
        applicant_national_id=sent.national_id,
        renovation_code=sent.renovation_code,
        attachments=sent.attachments,
        fee_preview_rials=sent.fee_preview_rials,
        fee_book_version=sent.fee_book_version,
    )
    return render(doc)

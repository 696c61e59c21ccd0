"""Building-permit requests as the client reads them (`GET /permit-requests/{id}`, `GET /permit-requests`).
The changing calls are outbox actions: client_api/actions.py (`permit_*_action`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from client_api.errors import ProtocolError
from client_api.tariffs import ServerAssessment


def _instant(value: Any) -> dt.datetime:
    return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _optional_instant(value: Any) -> dt.datetime | None:
    return _instant(value) if value is not None else None


@dataclass(frozen=True)
class PermitAttachment:
    id: str
    kind: str
    filename: str
    media_type: str
    size: int
    sha256: str
    created_at: dt.datetime

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PermitAttachment:
        return cls(
            str(data["id"]),
            str(data["kind"]),
            str(data["filename"]),
            str(data["media_type"]),
            int(data["size"]),
            str(data["sha256"]),
            _instant(data["created_at"]),
        )


@dataclass(frozen=True)
class StatusChange:
    status: str
    at: dt.datetime
    note: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StatusChange:
        note = data.get("note")
        return cls(str(data["status"]), _instant(data["at"]), str(note) if note is not None else None)


@dataclass(frozen=True)
class PermitRequestSummary:
    id: str
    status: str
    tracking_number: str | None
    national_id: str
    applicant_name: str
    renovation_code: str
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    total_rials: int | None  # the server's assessment total, once the request is assessed

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PermitRequestSummary:
        try:
            return cls(**_summary_fields(data))
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected permit request: {exc}") from exc


def _summary_fields(data: dict[str, Any]) -> dict[str, Any]:
    tracking = data.get("tracking_number")
    return {
        "id": str(data["id"]),
        "status": str(data["status"]),
        "tracking_number": str(tracking) if tracking is not None else None,
        "national_id": str(data["national_id"]),
        "applicant_name": str(data["applicant_name"]),
        "renovation_code": str(data["renovation_code"]),
        "created_at": _instant(data["created_at"]),
        "submitted_at": _optional_instant(data.get("submitted_at")),
        "total_rials": _optional_rials(data.get("total_rials")),
    }


def _optional_rials(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"total_rials must be a whole number of rials, not {value!r}")
    return value


def _reasons(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(reason, str) for reason in value):
        raise TypeError("rejection_reasons must be a list of texts")
    return tuple(value)


@dataclass(frozen=True)
class PermitRequest(PermitRequestSummary):
    mobile: str | None
    power_of_attorney: str | None
    building: dict[str, Any] | None
    attachments: tuple[PermitAttachment, ...]
    history: tuple[StatusChange, ...]
    assessment: ServerAssessment | None  # computed and stored by the server when the request entered `assessed`
    rejection_reasons: tuple[str, ...]  # empty unless rejected

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PermitRequest:
        try:
            building = data.get("building")
            assessment = data.get("assessment")
            if assessment is not None and not isinstance(assessment, dict):
                raise TypeError("assessment must be an object or null")
            return cls(
                **_summary_fields(data),
                mobile=data.get("mobile"),
                power_of_attorney=data.get("power_of_attorney"),
                building=building if isinstance(building, dict) else None,
                attachments=tuple(PermitAttachment.from_json(a) for a in data.get("attachments") or []),
                history=tuple(StatusChange.from_json(h) for h in data.get("history") or []),
                assessment=ServerAssessment.from_json(assessment) if assessment is not None else None,
                rejection_reasons=_reasons(data.get("rejection_reasons")),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected permit request: {exc}") from exc


@dataclass(frozen=True)
class PermitRequestPage:
    items: tuple[PermitRequestSummary, ...]
    total: int
    page: int
    page_size: int

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PermitRequestPage:
        items = data.get("items")
        if not isinstance(items, list):
            raise ProtocolError("the permit request list has no item list")
        try:
            total, page, size = int(data["total"]), int(data["page"]), int(data["page_size"])
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected permit request page: {exc}") from exc
        return cls(tuple(PermitRequestSummary.from_json(i) for i in items if isinstance(i, dict)), total, page, size)

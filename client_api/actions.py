"""Operator actions that change something on the server: how each is prepared, and what comes back.

An action is prepared once, when the operator confirms it: its body is encoded to bytes here and never again, and
the outbox keeps and resends exactly those bytes under one idempotency key (client_api/outbox.py).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from civic import jsonsafe
from client_api.errors import FieldError, ProtocolError

JSON = "application/json"
PROBLEM_JSON = "application/problem+json"
NOTE = "note"  # kind of action: an operator's hand-over note (POST /me/notes)
PERMIT_CREATE = "permit-create"  # a building-permit request, made under the client's UUID (PUT)
PERMIT_ATTACH = "permit-attach"  # a file attached to it, under the client's UUID (PUT)
PERMIT_SUBMIT = "permit-submit"  # the request handed to the municipality (POST .../submit)
INQUIRY_SEND = "inquiry-send"  # a notary inquiry, under the client's UUID (PUT)
CERTIFICATE_REQUEST = "certificate-request"  # a certificate for a parcel, under the client's UUID (PUT)
CASHIER_OPEN = "cashier-open"  # a cashier session opened with its float, under the client's UUID (PUT)
PAYMENT = "payment"  # a card payment of one or several bills, under the client's UUID (PUT)
PAYMENT_VOID = "payment-void"  # a payment voided with a reason, inside its open session (POST .../void)
CASHIER_CLOSE = "cashier-close"  # the cashier session closed with counted totals and decisions (POST .../close)
ACTION_KINDS = (
    NOTE,
    PERMIT_CREATE,
    PERMIT_ATTACH,
    PERMIT_SUBMIT,
    INQUIRY_SEND,
    CERTIFICATE_REQUEST,
    CASHIER_OPEN,
    PAYMENT,
    PAYMENT_VOID,
    CASHIER_CLOSE,
)
SUMMARY_CHARS = 120
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")


def encode_body(payload: dict[str, Any]) -> bytes:
    """The one encoding of a request body: compact UTF-8 JSON with sorted keys."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


@dataclass(frozen=True)
class PreparedAction:
    kind: str
    method: str
    path: str  # below the API root, e.g. "/me/notes"
    body: bytes
    summary: str  # what the operator sees in the outbox: their own words, shortened
    content_type: str = JSON


def _shorten(text: str) -> str:
    summary = " ".join(text.split())
    return summary if len(summary) <= SUMMARY_CHARS else summary[: SUMMARY_CHARS - 1] + "…"


def new_resource_id() -> str:
    """A UUID for a resource the client creates (`PUT /…/{id}`), made at confirm so every later step knows its path."""
    return str(uuid.uuid4())


def path_segment(resource_id: str) -> str:
    return quote(str(uuid.UUID(resource_id)), safe="")  # a UUID or ValueError: never a path of another shape


def note_action(text: str) -> PreparedAction:
    """A hand-over note for the operator's own profile: `POST /me/notes`."""
    return PreparedAction(NOTE, "POST", "/me/notes", encode_body({"text": text}), _shorten(text))


def permit_create_action(
    request_id: str,
    *,
    national_id: str,
    applicant_name: str,
    renovation_code: str,
    mobile: str | None = None,
    power_of_attorney: str | None = None,
    building: dict[str, Any] | None = None,
) -> PreparedAction:
    """A permit request under the client's UUID: `PUT /permit-requests/{id}` (the same fields again are the same
    request). The summary is the renovation code, as the operator typed it."""
    payload: dict[str, Any] = {
        "national_id": national_id,
        "applicant_name": applicant_name,
        "renovation_code": renovation_code,
    }
    for name, value in (("mobile", mobile), ("power_of_attorney", power_of_attorney), ("building", building)):
        if value is not None:
            payload[name] = value
    path = f"/permit-requests/{path_segment(request_id)}"
    return PreparedAction(PERMIT_CREATE, "PUT", path, encode_body(payload), _shorten(renovation_code))


def permit_attachment_action(
    request_id: str, attachment_id: str, *, kind: str, filename: str, media_type: str, content: bytes
) -> PreparedAction:
    """A file for a permit request, under the client's UUID: `PUT /permit-requests/{id}/attachments/{attachment_id}`
    (base64 in JSON). ValueError for an empty file, one over ATTACHMENT_MAX_BYTES, or a type the API does not take."""
    if not content:
        raise ValueError("the file is empty")
    if len(content) > ATTACHMENT_MAX_BYTES:
        raise ValueError(f"the file is larger than {ATTACHMENT_MAX_BYTES} bytes")
    if media_type not in ATTACHMENT_TYPES:
        raise ValueError(f"unsupported media type {media_type!r}")
    payload = {
        "kind": kind,
        "filename": filename,
        "media_type": media_type,
        "content_base64": base64.b64encode(content).decode("ascii"),
    }
    path = f"/permit-requests/{path_segment(request_id)}/attachments/{path_segment(attachment_id)}"
    return PreparedAction(PERMIT_ATTACH, "PUT", path, encode_body(payload), _shorten(filename))


def permit_submit_action(request_id: str, renovation_code: str) -> PreparedAction:
    """Hand the request to the municipality: `POST /permit-requests/{id}/submit` (empty JSON object)."""
    path = f"/permit-requests/{path_segment(request_id)}/submit"
    return PreparedAction(PERMIT_SUBMIT, "POST", path, encode_body({}), _shorten(renovation_code))


def _problem_errors(body: bytes) -> tuple[dict[str, Any], tuple[FieldError, ...]]:
    try:
        problem = jsonsafe.loads(body)  # nesting bounded: RecursionError is no ValueError
    except ValueError:
        return {}, ()
    if not isinstance(problem, dict):
        return {}, ()
    items = problem.get("errors") or []
    fields = tuple(
        FieldError(str(item.get("field", "")), str(item.get("message", ""))) for item in items if isinstance(item, dict)
    )
    return problem, fields


@dataclass(frozen=True)
class ActionAnswer:
    """The server's answer to an action, as it came: any status, the exact body bytes."""

    status: int
    content_type: str
    body: bytes
    replayed: bool = False
    retry_after_s: int | None = None

    @property
    def is_problem(self) -> bool:
        return self.content_type.split(";")[0].strip().lower() == PROBLEM_JSON

    def problem(self) -> dict[str, Any]:
        return _problem_errors(self.body)[0] if self.is_problem else {}

    def problem_slug(self) -> str:
        return str(self.problem().get("type", "")).rsplit("/", 1)[-1]

    def field_errors(self) -> tuple[FieldError, ...]:
        return _problem_errors(self.body)[1] if self.is_problem else ()


@dataclass(frozen=True)
class ActionRecord:
    """What the server recorded for a key (`GET /actions/{key}`), kept after the key itself has expired."""

    idempotency_key: str
    status: int
    media_type: str
    response: bytes
    recorded_at: dt.datetime
    journal_head: str | None = None  # the Journal-Head the action was sent with (client_api/journal.py)

    def as_answer(self) -> ActionAnswer:
        return ActionAnswer(self.status, self.media_type, self.response, replayed=True)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActionRecord:
        try:
            stamp = dt.datetime.fromisoformat(str(data["recorded_at"]).replace("Z", "+00:00"))
            return cls(
                idempotency_key=str(data["idempotency_key"]),
                status=int(data["status"]),
                media_type=str(data["media_type"]),
                response=json.dumps(data.get("response"), ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                recorded_at=stamp,
                journal_head=str(data["journal_head"]) if data.get("journal_head") is not None else None,
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected action record: {exc}") from exc


@dataclass(frozen=True)
class Note:
    id: int
    text: str
    created_at: dt.datetime

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Note:
        try:
            stamp = dt.datetime.fromisoformat(str(data["created_at"]).replace("Z", "+00:00"))
            return cls(int(data["id"]), str(data["text"]), stamp)
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected note: {exc}") from exc

"""Operator actions that change something on the server: how each is prepared, and what comes back.

An action is prepared once, when the operator confirms it: its body is encoded to bytes here and never again, and
the outbox keeps and resends exactly those bytes under one idempotency key (client_api/outbox.py).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from client_api.errors import FieldError, ProtocolError

JSON = "application/json"
PROBLEM_JSON = "application/problem+json"
NOTE = "note"  # kind of action: an operator's hand-over note (POST /me/notes)
SUMMARY_CHARS = 120


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


def note_action(text: str) -> PreparedAction:
    """A hand-over note for the operator's own profile: `POST /me/notes`."""
    summary = " ".join(text.split())
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1] + "…"
    return PreparedAction(NOTE, "POST", "/me/notes", encode_body({"text": text}), summary)


def _problem_errors(body: bytes) -> tuple[dict[str, Any], tuple[FieldError, ...]]:
    try:
        problem = json.loads(body)
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

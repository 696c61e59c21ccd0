"""Typed results of the municipal API (plain dataclasses; no transport objects leak out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from client_api.errors import ProtocolError


@dataclass(frozen=True)
class Health:
    status: str
    environment: str
    api_version: str
    server_time: dt.datetime

    @property
    def is_training(self) -> bool:
        return self.environment == "training"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Health:
        try:
            stamp = dt.datetime.fromisoformat(str(data["server_time"]).replace("Z", "+00:00"))
            return cls(str(data["status"]), str(data["environment"]), str(data["api_version"]), stamp)
        except (KeyError, ValueError, TypeError) as exc:
            raise ProtocolError(f"unexpected health document: {exc}") from exc


@dataclass(frozen=True)
class Office:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class Operator:
    username: str
    display_name: str
    office: Office
    roles: tuple[str, ...]
    terminal_id: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Operator:
        try:
            office = data["office"]
            return cls(
                username=str(data["username"]),
                display_name=str(data["display_name"]),
                office=Office(str(office["code"]), str(office["name"]), str(office["kind"])),
                roles=tuple(str(role) for role in data["roles"]),
                terminal_id=str(data["terminal_id"]),
            )
        except (KeyError, TypeError) as exc:
            raise ProtocolError(f"unexpected operator document: {exc}") from exc

"""Reading the server's JSON strictly: each helper returns the value with its type, or raises TypeError (ValueError
for a time without its zone), which the model's `from_json` turns into a ProtocolError naming what was wrong."""

from __future__ import annotations

import datetime as dt
from typing import Any


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"not text: {value!r}")
    return value


def optional_text(value: Any) -> str | None:
    return None if value is None else text(value)


def json_object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"not an object: {value!r}")
    return value


def json_list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"not a list: {value!r}")
    return value


def whole(value: Any) -> int:
    """An int, never a bool (JSON true is not 1 here)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"not a whole number: {value!r}")
    return value


def instant(value: Any) -> dt.datetime:
    """An aware time from ISO 8601 text ("…Z" or with an offset)."""
    stamp = dt.datetime.fromisoformat(text(value).replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        raise ValueError(f"a time without its zone: {value!r}")
    return stamp


def optional_instant(value: Any) -> dt.datetime | None:
    return None if value is None else instant(value)

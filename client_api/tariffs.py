"""Typed results of the tariff endpoints: a signed tariff book as the server sent it, and a server assessment.

The client does not judge a book: it hands back the exact bytes and the detached signature, and the desktop verifies
them with `fees` against the installation's trust list before using or caching them (client_api imports only civic).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from client_api.errors import ProtocolError

_JALALI = re.compile(r"([0-9]{4})/([0-9]{2})/([0-9]{2})", re.ASCII)


def _jalali(text: Any) -> tuple[int, int, int]:
    match = _JALALI.fullmatch(str(text))
    if match is None:
        raise ValueError(f"not a YYYY/MM/DD date: {text!r}")
    return int(match[1]), int(match[2]), int(match[3])


@dataclass(frozen=True)
class SignedTariffBook:
    """A tariff book as downloaded: what the server says it is, its exact bytes, and its `.sig` file's bytes.

    Nothing here is trusted until `fees` has verified `data` against `signature`; the descriptive fields are the
    server's claims (the desktop checks them against the signed book itself).
    """

    code: str
    version: str
    title: str
    title_en: str
    sample: bool
    effective_from: tuple[int, int, int]
    effective_to: tuple[int, int, int]
    sha256: str
    data: bytes = field(repr=False)
    signature: bytes = field(repr=False)  # `{"key_id", "signature"}` JSON, the format of a `BOOK.toml.sig` file

    @property
    def label(self) -> str:
        return f"{self.code} {self.version}"

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> SignedTariffBook:
        try:
            data = base64.b64decode(str(body["content_base64"]), validate=True)
            envelope = body["signature"]
            signature = {"key_id": str(envelope["key_id"]), "signature": str(envelope["signature"])}
            book = cls(
                code=str(body["code"]),
                version=str(body["version"]),
                title=str(body.get("title", "")),
                title_en=str(body.get("title_en", "")),
                sample=bool(body.get("sample", False)),
                effective_from=_jalali(body["effective_from"]),
                effective_to=_jalali(body["effective_to"]),
                sha256=str(body["sha256"]).lower(),
                data=data,
                signature=(json.dumps(signature, indent=2) + "\n").encode("utf-8"),
            )
        except (KeyError, TypeError, ValueError, binascii.Error) as exc:
            raise ProtocolError(f"unexpected tariff book document: {exc}") from exc
        if hashlib.sha256(data).hexdigest() != book.sha256:
            raise ProtocolError(f"tariff book {book.label}: the bytes do not match the sha256 the server gave")
        return book


@dataclass(frozen=True)
class ServerAssessment:
    """The server's assessment of a case: the `fees.Assessment.to_json_dict()` document, with its key facts typed."""

    book_code: str
    book_version: str
    book_sha256: str
    total_rials: int
    document: dict[str, Any] = field(repr=False)

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> ServerAssessment:
        try:
            book = body["book"]
            total = body["total_rials"]
            if isinstance(total, bool) or not isinstance(total, int) or not isinstance(body["lines"], list):
                raise TypeError("total_rials must be an integer and lines a list")
            return cls(str(book["code"]), str(book["version"]), str(book["sha256"]), total, body)
        except (KeyError, TypeError) as exc:
            raise ProtocolError(f"unexpected assessment document: {exc}") from exc

"""The new-inquiry form's draft, and its fields read into the body of `PUT /inquiries/{id}`.

- The draft keeps every field exactly as typed (text), never a parsed value, so a half-typed ID comes back as it was;
  it lives in the operator's local database (`client_api.drafts`, form `DRAFT_FORM`), autosaved by the page, and is
  cleared in the same transaction that queues the inquiry.
- The inquiry id (`client_api.actions.new_resource_id`) is made once per draft and saved with it, so a resend after a
  crash is the same inquiry on the server.
- The readers below check what the server checks, in the operator's words (`desktop.forms.ParseError`): the parcel
  key (a renovation code or a plate, typed or scanned, Persian or ASCII digits), a party's name and its national ID
  (10 digits) or legal-entity ID (11 digits) with their check digits (`civic.ids`).

No widgets here: the page and tests use it alike.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication

from civic.errors import CivicValueError
from civic.ids import legal_entity_id, national_id
from civic.text import digits_only, normalize_text
from client_api.actions import new_resource_id
from client_api.inquiries import MORTGAGE, NOTE_MAX_CHARS, TRANSFER, UTILITY
from desktop.formatting import code, current_language
from desktop.forms import ParseError
from desktop.ui.parcel_query import EXAMPLES, PLATE, RENOVATION_CODE, QueryError, recognise

DRAFT_FORM = "inquiry"
_ALL_DIGITS = re.compile(r"[0-9]+", re.ASCII)
PARTY_FIELDS = ("role", "name", "id")

# the parties a new form starts with, by inquiry type
DEFAULT_ROLES = {TRANSFER: ("seller", "buyer"), MORTGAGE: ("mortgagor", "bank"), UTILITY: ("applicant",)}


@dataclass
class InquiryDraft:
    inquiry_id: str = field(default_factory=new_resource_id)
    parcel: str = ""
    type: str = TRANSFER
    utility: str = ""
    parties: list[dict[str, str]] = field(default_factory=list)  # role, name, id: as typed
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "inquiry_id": self.inquiry_id,
            "parcel": self.parcel,
            "type": self.type,
            "utility": self.utility,
            "parties": [dict(p) for p in self.parties],
            "note": self.note,
        }

    def typed(self) -> bool:
        """Whether anything was typed (a fresh form's default roles are not)."""
        return bool(self.parcel.strip() or self.note.strip() or any(p.get("name") or p.get("id") for p in self.parties))

    @classmethod
    def from_json(cls, data: Any) -> InquiryDraft | None:
        """A saved draft, or None when there is none (or it is not one this version can read)."""
        if not isinstance(data, dict) or not isinstance(data.get("inquiry_id"), str):
            return None
        try:
            inquiry_id = str(uuid.UUID(data["inquiry_id"]))
        except ValueError:
            return None
        parties = data.get("parties")
        rows = [
            {name: str(row.get(name) or "") for name in PARTY_FIELDS}
            for row in (parties if isinstance(parties, list) else [])
            if isinstance(row, dict)
        ]
        kind = data.get("type")
        return cls(
            inquiry_id=inquiry_id,
            parcel=str(data.get("parcel") or ""),
            type=kind if kind in DEFAULT_ROLES else TRANSFER,
            utility=str(data.get("utility") or ""),
            parties=rows,
            note=str(data.get("note") or ""),
        )


# -- readers (raise ParseError with the reason in the operator's words) ------------------------------------------


def read_parcel(text: str) -> tuple[str, str]:
    """("renovation_code" | "plate", canonical value) of what was typed or scanned."""
    try:
        query = recognise(text)
    except QueryError as exc:
        raise ParseError(exc.message) from None
    if query.kind not in (RENOVATION_CODE, PLATE):
        raise ParseError(
            QCoreApplication.translate(
                "InquiryForm", "استعلام با کد نوسازی (مانند {code}) یا پلاک ثبتی (مانند {plate}) فرستاده می‌شود"
            ).format(code=code(EXAMPLES[0]), plate=code(EXAMPLES[2]))
        )
    return query.kind, query.value


def read_name(text: str) -> str:
    name = " ".join(normalize_text(text).split())
    if len(name) < 2:
        raise ParseError(QCoreApplication.translate("InquiryForm", "نام کامل لازم است"))
    if len(name) > 120:
        raise ParseError(QCoreApplication.translate("InquiryForm", "بیش از ۱۲۰ نویسه است"))
    return name


def read_party_id(text: str) -> tuple[str, str]:
    """("national_id" | "legal_id", canonical digits): 10 digits are a person's national ID, 11 an entity's."""
    digits = digits_only(text)
    if not digits:
        raise ParseError(QCoreApplication.translate("InquiryForm", "لازم است"))
    try:
        if _ALL_DIGITS.fullmatch(digits) and len(digits) == 11:
            return "legal_id", legal_entity_id(text)
        if not _ALL_DIGITS.fullmatch(digits) or len(digits) == 10:
            return "national_id", national_id(text)  # not digits: its own sentence
    except CivicValueError as exc:
        raise ParseError(exc.message(current_language())) from None
    raise ParseError(QCoreApplication.translate("InquiryForm", "کد ملی ۱۰ رقم و شناسه ملی اشخاص حقوقی ۱۱ رقم است"))


def read_note(text: str) -> str:
    note = text.strip()
    if len(note) > NOTE_MAX_CHARS:
        raise ParseError(
            QCoreApplication.translate("InquiryForm", "حداکثر {n} نویسه؛ اکنون {count} نویسه است").format(
                n=_digits(NOTE_MAX_CHARS), count=_digits(len(note))
            )
        )
    return note


def _digits(n: int) -> str:
    from desktop.formatting import digits

    return digits(str(n))

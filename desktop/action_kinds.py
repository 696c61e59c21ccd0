"""The kinds of outbox action, as the operator knows them: a name, the labels of their fields, a one-line summary.

Each feature registers its kinds here (`register`), next to the builders that make them (client_api/actions.py),
so the outbox page, the status bar and any message name an action, a refused field or a waiting step in the words of
the form it came from. Every text is made when it is asked for (`QCoreApplication.translate`), so it follows the
language installed at that moment.

This module imports nothing of desktop: desktop/messages.py reads it (`action_kind_name`, `field_label`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from client_api import actions
from client_api.outbox import OutboxEntry

CONTEXT = "ActionKinds"


def _data(text: str) -> str:
    """Server or operator data inside a sentence, isolated so that it keeps its own direction and order."""
    return f"\u2068{text}\u2069"


@dataclass(frozen=True)
class ActionKind:
    kind: str  # as stored in the outbox (`PreparedAction.kind`)
    name: Callable[[], str]  # "Hand-over note", in the current language
    fields: Callable[[], Mapping[str, str]]  # API field name → the form's label, in the current language
    summary: Callable[[OutboxEntry], str]  # one line for a list row, in the current language

    def field_label(self, field: str) -> str | None:
        return self.fields().get(field)


_REGISTRY: dict[str, ActionKind] = {}


def register(kind: ActionKind) -> ActionKind:
    """Add a kind (a feature calls this once, at import); registering a kind twice is a defect."""
    if kind.kind in _REGISTRY:
        raise ValueError(f"action kind {kind.kind!r} is already registered")
    _REGISTRY[kind.kind] = kind
    return kind


def kind_of(kind: str) -> ActionKind | None:
    return _REGISTRY.get(kind)


def registered() -> tuple[ActionKind, ...]:
    return tuple(_REGISTRY.values())


# -- the kinds of today --------------------------------------------------------------------------------------------


def _note_fields() -> Mapping[str, str]:
    return {"text": QCoreApplication.translate("ActionKinds", "متن یادداشت")}


def _permit_fields() -> Mapping[str, str]:
    return {
        "id": QCoreApplication.translate("ActionKinds", "شناسه درخواست"),
        "national_id": QCoreApplication.translate("ActionKinds", "کد ملی متقاضی"),
        "applicant_name": QCoreApplication.translate("ActionKinds", "نام متقاضی"),
        "mobile": QCoreApplication.translate("ActionKinds", "شماره همراه"),
        "renovation_code": QCoreApplication.translate("ActionKinds", "کد نوسازی"),
        "power_of_attorney": QCoreApplication.translate("ActionKinds", "شماره وکالت‌نامه"),
        "building": QCoreApplication.translate("ActionKinds", "مشخصات ساختمان"),
    }


def _attachment_fields() -> Mapping[str, str]:
    return {
        "attachment_id": QCoreApplication.translate("ActionKinds", "شناسه پیوست"),
        "kind": QCoreApplication.translate("ActionKinds", "نوع پیوست"),
        "filename": QCoreApplication.translate("ActionKinds", "نام پرونده"),
        "media_type": QCoreApplication.translate("ActionKinds", "نوع پرونده"),
        "content_base64": QCoreApplication.translate("ActionKinds", "محتوای پرونده"),
    }


register(
    ActionKind(
        actions.NOTE,
        lambda: QCoreApplication.translate("ActionKinds", "یادداشت تحویل نوبت"),
        _note_fields,
        lambda entry: entry.summary,  # the operator's own words
    )
)
register(
    ActionKind(
        actions.PERMIT_CREATE,
        lambda: QCoreApplication.translate("ActionKinds", "ثبت درخواست پروانه ساختمان"),
        _permit_fields,
        lambda entry: QCoreApplication.translate("ActionKinds", "درخواست پروانه برای ملک {code}").format(
            code=_data(entry.summary)
        ),
    )
)
register(
    ActionKind(
        actions.PERMIT_ATTACH,
        lambda: QCoreApplication.translate("ActionKinds", "پیوست درخواست پروانه"),
        _attachment_fields,
        lambda entry: QCoreApplication.translate("ActionKinds", "پرونده پیوست {file}").format(
            file=_data(entry.summary)
        ),
    )
)
register(
    ActionKind(
        actions.PERMIT_SUBMIT,
        lambda: QCoreApplication.translate("ActionKinds", "ارسال درخواست پروانه"),
        dict,
        lambda entry: QCoreApplication.translate("ActionKinds", "ارسال درخواست پروانه ملک {code} به شهرداری").format(
            code=_data(entry.summary)
        ),
    )
)

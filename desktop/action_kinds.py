"""The kinds of outbox action, as the operator knows them: a name, the labels of their fields, a one-line summary.

Each feature registers its kinds here (`register`), next to the builders that make them (client_api/actions.py),
so the outbox page, the status bar and any message name an action, a refused field or a waiting step in the words of
the form it came from. Every text is made when it is asked for (`QCoreApplication.translate`), so it follows the
language installed at that moment.

This module imports nothing of desktop: desktop/outbox_messages.py reads it (`action_kind_name`, `field_label`).
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


# -- notary: inquiries and certificates ------------------------------------------------------------------------------


def _inquiry_fields() -> Mapping[str, str]:
    fields = {
        "type": QCoreApplication.translate("ActionKinds", "نوع استعلام"),
        "renovation_code": QCoreApplication.translate("ActionKinds", "ملک (کد نوسازی یا پلاک ثبتی)"),
        "plate": QCoreApplication.translate("ActionKinds", "ملک (کد نوسازی یا پلاک ثبتی)"),
        "utility": QCoreApplication.translate("ActionKinds", "نوع انشعاب"),
        "parties": QCoreApplication.translate("ActionKinds", "طرفین معامله"),
        "note": QCoreApplication.translate("ActionKinds", "توضیحات"),
    }
    for index in range(6):
        number = _data(str(index + 1))
        fields[f"parties[{index}].role"] = QCoreApplication.translate("ActionKinds", "نقش طرف {n}").format(n=number)
        fields[f"parties[{index}].name"] = QCoreApplication.translate("ActionKinds", "نام طرف {n}").format(n=number)
        for key in ("national_id", "legal_id"):
            fields[f"parties[{index}].{key}"] = QCoreApplication.translate(
                "ActionKinds", "کد ملی یا شناسه ملی طرف {n}"
            ).format(n=number)
    return fields


def _certificate_fields() -> Mapping[str, str]:
    return {
        "kind": QCoreApplication.translate("ActionKinds", "نوع گواهی"),
        "renovation_code": QCoreApplication.translate("ActionKinds", "کد نوسازی"),
    }


register(
    ActionKind(
        actions.INQUIRY_SEND,
        lambda: QCoreApplication.translate("ActionKinds", "ارسال استعلام"),
        _inquiry_fields,
        lambda entry: QCoreApplication.translate("ActionKinds", "استعلام ملک {code}").format(code=_data(entry.summary)),
    )
)
register(
    ActionKind(
        actions.CERTIFICATE_REQUEST,
        lambda: QCoreApplication.translate("ActionKinds", "درخواست گواهی"),
        _certificate_fields,
        lambda entry: QCoreApplication.translate("ActionKinds", "درخواست گواهی برای ملک {code}").format(
            code=_data(entry.summary)
        ),
    )
)


# -- the cashier: sessions, payments, voids ---------------------------------------------------------------------------


def _cashier_open_fields() -> Mapping[str, str]:
    return {"float_rials": QCoreApplication.translate("ActionKinds", "موجودی اولیه صندوق (ریال)")}


def _payment_fields() -> Mapping[str, str]:
    return {
        "cashier_session_id": QCoreApplication.translate("ActionKinds", "نشست صندوق"),
        "bills": QCoreApplication.translate("ActionKinds", "قبض‌ها"),
        "amount_rials": QCoreApplication.translate("ActionKinds", "مبلغ کشیده‌شده با کارت‌خوان (ریال)"),
        "method": QCoreApplication.translate("ActionKinds", "روش پرداخت"),
        "rrn": QCoreApplication.translate("ActionKinds", "شماره مرجع تراکنش"),
        "trace": QCoreApplication.translate("ActionKinds", "شماره پیگیری کارت‌خوان"),
        "card_mask": QCoreApplication.translate("ActionKinds", "شماره کارت (پوشیده)"),
        "payer_name": QCoreApplication.translate("ActionKinds", "نام پرداخت‌کننده"),
        "payer_national_id": QCoreApplication.translate("ActionKinds", "کد ملی پرداخت‌کننده"),
    }


def _cashier_close_fields() -> Mapping[str, str]:
    return {
        "counted_card_rials": QCoreApplication.translate("ActionKinds", "جمع کارتی شمارش‌شده (ریال)"),
        "counted_cash_rials": QCoreApplication.translate("ActionKinds", "نقد شمارش‌شده (ریال)"),
        "decisions": QCoreApplication.translate("ActionKinds", "تصمیم درباره تراکنش‌های نامعلوم"),
        "note": QCoreApplication.translate("ActionKinds", "توضیح"),
    }


register(
    ActionKind(
        actions.CASHIER_OPEN,
        lambda: QCoreApplication.translate("ActionKinds", "باز کردن صندوق"),
        _cashier_open_fields,
        lambda entry: QCoreApplication.translate("ActionKinds", "باز کردن صندوق با موجودی {amount} ریال").format(
            amount=_data(entry.summary)
        ),
    )
)
register(
    ActionKind(
        actions.PAYMENT,
        lambda: QCoreApplication.translate("ActionKinds", "پرداخت قبض"),
        _payment_fields,
        lambda entry: QCoreApplication.translate("ActionKinds", "پرداخت قبض {bills}").format(
            bills=_data(entry.summary)
        ),
    )
)
register(
    ActionKind(
        actions.PAYMENT_VOID,
        lambda: QCoreApplication.translate("ActionKinds", "ابطال پرداخت"),
        lambda: {"reason": QCoreApplication.translate("ActionKinds", "دلیل ابطال")},
        lambda entry: QCoreApplication.translate("ActionKinds", "ابطال پرداخت: {reason}").format(
            reason=_data(entry.summary)
        ),
    )
)
register(
    ActionKind(
        actions.CASHIER_CLOSE,
        lambda: QCoreApplication.translate("ActionKinds", "بستن صندوق"),
        _cashier_close_fields,
        lambda entry: QCoreApplication.translate("ActionKinds", "بستن صندوق ({summary})").format(
            summary=_data(entry.summary)
        ),
    )
)

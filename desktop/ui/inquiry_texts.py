"""The notary pages' words: inquiry types, utilities, statuses, certificate kinds, and the reply's headline.

The headline states whether the transaction may proceed together with its condition, in one sentence: a reply that
allows the transaction only on a condition never reads «بلامانع» (an unconditional "no objection") with the
condition after it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from client_api.inquiries import MORTGAGE, TRANSFER, UTILITY
from desktop.formatting import isolate

WAITING = "waiting"  # confirmed here, not yet known to the server (in the outbox)


def type_name(kind: str) -> str:
    names = {
        TRANSFER: QCoreApplication.translate("InquiryTexts", "نقل و انتقال"),
        MORTGAGE: QCoreApplication.translate("InquiryTexts", "رهن بانکی"),
        UTILITY: QCoreApplication.translate("InquiryTexts", "انشعاب آب، گاز یا برق"),
    }
    return names.get(kind, kind)


def utility_name(kind: str) -> str:
    names = {
        "water": QCoreApplication.translate("InquiryTexts", "آب"),
        "gas": QCoreApplication.translate("InquiryTexts", "گاز"),
        "power": QCoreApplication.translate("InquiryTexts", "برق"),
    }
    return names.get(kind, kind)


def status_name(status: str) -> str:
    names = {
        WAITING: QCoreApplication.translate("InquiryTexts", "در صف ارسال"),
        "pending": QCoreApplication.translate("InquiryTexts", "در انتظار پاسخ"),
        "answered": QCoreApplication.translate("InquiryTexts", "پاسخ داده شده"),
    }
    return names.get(status, status)


def certificate_name(kind: str) -> str:
    names = {
        "clearance": QCoreApplication.translate("InquiryTexts", "گواهی مفاصاحساب"),
        "completion": QCoreApplication.translate("InquiryTexts", "گواهی پایان کار"),
        "no-violation": QCoreApplication.translate("InquiryTexts", "گواهی عدم خلاف"),
    }
    return names.get(kind, kind)


def transaction_name(kind: str) -> str:
    """What may or may not proceed, as the headline says it."""
    names = {
        TRANSFER: QCoreApplication.translate("InquiryTexts", "نقل و انتقال ملک"),
        MORTGAGE: QCoreApplication.translate("InquiryTexts", "ترهین ملک"),
        UTILITY: QCoreApplication.translate("InquiryTexts", "واگذاری انشعاب"),
    }
    return names.get(kind, names[TRANSFER])


def headline(kind: str, allowed: bool, condition: str) -> tuple[str, str]:
    """(sentence, tone) of the reply's verdict: allowed, allowed on a condition (named), or not allowed (why)."""
    what = transaction_name(kind)
    condition = condition.strip()
    if allowed and not condition:
        return QCoreApplication.translate("InquiryTexts", "{what} بلامانع است.").format(what=what), "success"
    if allowed:
        return (
            QCoreApplication.translate("InquiryTexts", "{what} فقط با این شرط مجاز است: {condition}").format(
                what=what, condition=isolate(condition)
            ),
            "warning",
        )
    if condition:
        return (
            QCoreApplication.translate("InquiryTexts", "{what} مجاز نیست: {condition}").format(
                what=what, condition=isolate(condition)
            ),
            "error",
        )
    return QCoreApplication.translate("InquiryTexts", "{what} مجاز نیست.").format(what=what), "error"

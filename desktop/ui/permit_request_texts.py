"""The words of a permit request's lifecycle: each status as the operator says it, and what the citizen must do next.

Persian is the source; English comes through Qt's translation (context "PermitRequestTexts"). The statuses are the
API's (draft → submitted → under_review → assessed → paid → issued → completed, or rejected).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.formatting import digits, format_amount, isolate

STATUSES = ("draft", "submitted", "under_review", "assessed", "paid", "issued", "completed", "rejected")
_CONTEXT = "PermitRequestTexts"
_FLOOR_SCOPE = re.compile(r"floors\[([0-9]+)\]", re.ASCII)


def status_name(status: str) -> str:
    """A status in the operator's words; an unknown one (a newer server) is shown as it came, isolated."""
    names = {
        "draft": QCoreApplication.translate("PermitRequestTexts", "پیش‌نویس"),
        "submitted": QCoreApplication.translate("PermitRequestTexts", "ثبت‌شده"),
        "under_review": QCoreApplication.translate("PermitRequestTexts", "در حال بررسی"),
        "assessed": QCoreApplication.translate("PermitRequestTexts", "عوارض تعیین‌شده"),
        "paid": QCoreApplication.translate("PermitRequestTexts", "پرداخت‌شده"),
        "issued": QCoreApplication.translate("PermitRequestTexts", "پروانه صادرشده"),
        "completed": QCoreApplication.translate("PermitRequestTexts", "پایان کار"),
        "rejected": QCoreApplication.translate("PermitRequestTexts", "ردشده"),
    }
    return names.get(status) or isolate(status)


def next_step_tone(status: str) -> str:
    """The tone of the next-step banner: the citizen has something to do now (warning), is refused (error), waits
    (info) or is done (success)."""
    return {"assessed": "warning", "rejected": "error", "issued": "success", "completed": "success"}.get(status, "info")


def next_step(status: str, *, total_rials: int | None = None, reasons: Sequence[str] = ()) -> str:
    """What the citizen must do next, in one or two sentences the operator can read out."""
    if status == "assessed":
        if total_rials is not None:
            return QCoreApplication.translate(
                "PermitRequestTexts", "عوارض تعیین شد: {total} ریال. برای پرداخت به صندوق همین دفتر مراجعه کنید."
            ).format(total=format_amount(total_rials))
        return QCoreApplication.translate(
            "PermitRequestTexts", "عوارض تعیین شد؛ برای پرداخت به صندوق همین دفتر مراجعه کنید."
        )
    if status == "rejected":
        given = [isolate(reason.strip().rstrip(".")) for reason in reasons if reason.strip()]
        if len(given) == 1:
            return QCoreApplication.translate(
                "PermitRequestTexts", "درخواست رد شد. دلیل: {reason}. درخواست را اصلاح و درخواست تازه‌ای ثبت کنید."
            ).format(reason=given[0])
        if given:
            return QCoreApplication.translate(
                "PermitRequestTexts", "درخواست رد شد. دلایل: {reasons}. درخواست را اصلاح و درخواست تازه‌ای ثبت کنید."
            ).format(reasons="؛ ".join(given))
        return QCoreApplication.translate(
            "PermitRequestTexts", "درخواست رد شد. درخواست را اصلاح و درخواست تازه‌ای ثبت کنید."
        )
    texts = {
        "draft": QCoreApplication.translate(
            "PermitRequestTexts",
            "درخواست هنوز ثبت نهایی نشده و شماره پیگیری ندارد؛ ارسال آن را در «صف ارسال» دنبال کنید.",
        ),
        "submitted": QCoreApplication.translate(
            "PermitRequestTexts", "منتظر بررسی شهرداری بمانید؛ نتیجه با پیامک اعلام می‌شود."
        ),
        "under_review": QCoreApplication.translate(
            "PermitRequestTexts", "پرونده در شهرداری در حال بررسی است؛ پس از تعیین عوارض با پیامک خبر داده می‌شود."
        ),
        "paid": QCoreApplication.translate(
            "PermitRequestTexts", "عوارض پرداخت شده است؛ صدور پروانه با پیامک اعلام می‌شود."
        ),
        "issued": QCoreApplication.translate(
            "PermitRequestTexts",
            "پروانه ساختمانی صادر شد. ساخت را مطابق پروانه انجام دهید و پس از پایان ساخت، گواهی پایان کار بخواهید.",
        ),
        "completed": QCoreApplication.translate(
            "PermitRequestTexts", "گواهی پایان کار صادر شده و پرونده بسته است؛ کار دیگری لازم نیست."
        ),
    }
    return texts.get(
        status,
        QCoreApplication.translate(
            "PermitRequestTexts", "وضعیت این درخواست در این نسخه برنامه شناخته نیست؛ با شهرداری تماس بگیرید."
        ),
    )


def attachment_kind_name(kind: str) -> str:
    names = {
        "deed": QCoreApplication.translate("PermitRequestTexts", "سند مالکیت"),
        "id_card": QCoreApplication.translate("PermitRequestTexts", "کارت ملی"),
        "plan": QCoreApplication.translate("PermitRequestTexts", "نقشه"),
        "power_of_attorney": QCoreApplication.translate("PermitRequestTexts", "وکالت‌نامه"),
        "other": QCoreApplication.translate("PermitRequestTexts", "سایر"),
    }
    return names.get(kind) or isolate(kind)


def use_name(use: str) -> str:
    """A floor's use as the fee form names it."""
    names = {
        "residential": QCoreApplication.translate("PermitRequestTexts", "مسکونی"),
        "commercial": QCoreApplication.translate("PermitRequestTexts", "تجاری"),
        "office": QCoreApplication.translate("PermitRequestTexts", "اداری"),
        "industrial": QCoreApplication.translate("PermitRequestTexts", "صنعتی"),
        "storage": QCoreApplication.translate("PermitRequestTexts", "انبار"),
    }
    return names.get(use) or isolate(use)


def level_name(level: object) -> str:
    """A floor's name: همکف, زیرزمین ۱, طبقه ۲, نیم‌طبقه (the fee page's words)."""
    if level == "mezzanine":
        return QCoreApplication.translate("PermitRequestTexts", "نیم‌طبقه")
    try:
        number = int(str(level))
    except ValueError:
        return isolate(str(level))
    if number == 0:
        return QCoreApplication.translate("PermitRequestTexts", "همکف")
    shown = digits(str(abs(number)))
    return (
        QCoreApplication.translate("PermitRequestTexts", "زیرزمین {n}")
        if number < 0
        else QCoreApplication.translate("PermitRequestTexts", "طبقه {n}")
    ).format(n=shown)


def scope_name(scope: str, building: dict[str, Any] | None) -> str:
    """Where a fee line applies: "" for the whole case, the floor's name for `floors[i]`."""
    match = _FLOOR_SCOPE.fullmatch(scope)
    if match is None:
        return ""
    index = int(match[1])
    floors = building.get("floors") if isinstance(building, dict) else None
    if isinstance(floors, list) and 0 <= index < len(floors) and isinstance(floors[index], dict):
        return level_name(floors[index].get("level"))
    return QCoreApplication.translate("PermitRequestTexts", "ردیف {n}").format(n=digits(str(index + 1)))

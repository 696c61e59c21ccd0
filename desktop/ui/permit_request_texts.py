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


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def status_name(status: str) -> str:
    """A status in the operator's words; an unknown one (a newer server) is shown as it came, isolated."""
    names = {
        "draft": _tr("پیش‌نویس"),
        "submitted": _tr("ثبت‌شده"),
        "under_review": _tr("در حال بررسی"),
        "assessed": _tr("عوارض تعیین‌شده"),
        "paid": _tr("پرداخت‌شده"),
        "issued": _tr("پروانه صادرشده"),
        "completed": _tr("پایان کار"),
        "rejected": _tr("ردشده"),
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
            return _tr("عوارض تعیین شد: {total} ریال. برای پرداخت به صندوق همین دفتر مراجعه کنید.").format(
                total=format_amount(total_rials)
            )
        return _tr("عوارض تعیین شد؛ برای پرداخت به صندوق همین دفتر مراجعه کنید.")
    if status == "rejected":
        given = [isolate(reason.strip().rstrip(".")) for reason in reasons if reason.strip()]
        if len(given) == 1:
            return _tr("درخواست رد شد. دلیل: {reason}. درخواست را اصلاح و درخواست تازه‌ای ثبت کنید.").format(
                reason=given[0]
            )
        if given:
            return _tr("درخواست رد شد. دلایل: {reasons}. درخواست را اصلاح و درخواست تازه‌ای ثبت کنید.").format(
                reasons="؛ ".join(given)
            )
        return _tr("درخواست رد شد. درخواست را اصلاح و درخواست تازه‌ای ثبت کنید.")
    texts = {
        "draft": _tr("درخواست هنوز ثبت نهایی نشده و شماره پیگیری ندارد؛ ارسال آن را در «صف ارسال» دنبال کنید."),
        "submitted": _tr("منتظر بررسی شهرداری بمانید؛ نتیجه با پیامک اعلام می‌شود."),
        "under_review": _tr("پرونده در شهرداری در حال بررسی است؛ پس از تعیین عوارض با پیامک خبر داده می‌شود."),
        "paid": _tr("عوارض پرداخت شده است؛ صدور پروانه با پیامک اعلام می‌شود."),
        "issued": _tr(
            "پروانه ساختمانی صادر شد. ساخت را مطابق پروانه انجام دهید و پس از پایان ساخت، گواهی پایان کار بخواهید."
        ),
        "completed": _tr("گواهی پایان کار صادر شده و پرونده بسته است؛ کار دیگری لازم نیست."),
    }
    return texts.get(status, _tr("وضعیت این درخواست در این نسخه برنامه شناخته نیست؛ با شهرداری تماس بگیرید."))


def attachment_kind_name(kind: str) -> str:
    names = {
        "deed": _tr("سند مالکیت"),
        "id_card": _tr("کارت ملی"),
        "plan": _tr("نقشه"),
        "power_of_attorney": _tr("وکالت‌نامه"),
        "other": _tr("سایر"),
    }
    return names.get(kind) or isolate(kind)


def use_name(use: str) -> str:
    """A floor's use as the fee form names it."""
    names = {
        "residential": _tr("مسکونی"),
        "commercial": _tr("تجاری"),
        "office": _tr("اداری"),
        "industrial": _tr("صنعتی"),
        "storage": _tr("انبار"),
    }
    return names.get(use) or isolate(use)


def level_name(level: object) -> str:
    """A floor's name: همکف, زیرزمین ۱, طبقه ۲, نیم‌طبقه (the fee page's words)."""
    if level == "mezzanine":
        return _tr("نیم‌طبقه")
    try:
        number = int(str(level))
    except ValueError:
        return isolate(str(level))
    if number == 0:
        return _tr("همکف")
    shown = digits(str(abs(number)))
    return (_tr("زیرزمین {n}") if number < 0 else _tr("طبقه {n}")).format(n=shown)


def scope_name(scope: str, building: dict[str, Any] | None) -> str:
    """Where a fee line applies: "" for the whole case, the floor's name for `floors[i]`."""
    match = _FLOOR_SCOPE.fullmatch(scope)
    if match is None:
        return ""
    index = int(match[1])
    floors = building.get("floors") if isinstance(building, dict) else None
    if isinstance(floors, list) and 0 <= index < len(floors) and isinstance(floors[index], dict):
        return level_name(floors[index].get("level"))
    return _tr("ردیف {n}").format(n=digits(str(index + 1)))

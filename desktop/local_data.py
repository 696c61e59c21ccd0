"""The operator's sentence for the local database: what happened to it and what to do (desktop/outbox.py emits them).

Each is one sentence: what was found, what the program did (set aside, recovered, started afresh), and what the
operator does next (check the outbox, restore the backup, update the program, tell support).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from civic.jalali import format_jalali_datetime
from client_api.local_db import LocalDatabaseError, NewerSchemaError
from client_api.profile import ProfileInUseError
from client_api.salvage import Salvage
from desktop.messages import current_language, isolate, localized_digits


def _when(stamp: float) -> str:
    persian = current_language() == "fa"
    return format_jalali_datetime(dt.datetime.fromtimestamp(stamp, dt.UTC), persian_digits=persian)


def damage_sentence(salvaged: Salvage) -> str:
    """What was found at open and what became of it, with the backup offered when there is one."""
    name = isolate(salvaged.set_aside[0].name) if salvaged.set_aside else ""
    values = {
        "name": name,
        "waiting": localized_digits(str(salvaged.recovered.waiting)),
        "sent": localized_digits(str(salvaged.recovered.finished)),
        "date": isolate(_when(salvaged.backup_at)) if salvaged.backup_at is not None else "",
    }
    backup = salvaged.backup is not None
    if salvaged.kind == "missing" and not salvaged.set_aside:
        if backup:
            text = QCoreApplication.translate(
                "LocalData",
                "پایگاه داده کارهای این کاربر روی این رایانه پیدا نشد و پایگاه تازه‌ای ساخته شد؛ برای برگرداندن کارهای "
                "ثبت‌شده، نسخه پشتیبان {date} را بازگردانید.",
            )
        else:
            text = QCoreApplication.translate(
                "LocalData",
                "پایگاه داده کارهای این کاربر روی این رایانه پیدا نشد و پایگاه تازه‌ای ساخته شد؛ کارهای ثبت‌شده پیشین "
                "در دسترس نیست، به پشتیبانی خبر دهید.",
            )
    elif salvaged.kind == "empty":
        if backup:
            text = QCoreApplication.translate(
                "LocalData",
                "پایگاه داده کارهای این کاربر خالی شده بود؛ پرونده آن با نام {name} کنار گذاشته شد و پایگاه تازه‌ای "
                "ساخته شد، نسخه پشتیبان {date} را بازگردانید تا کارهای ثبت‌شده برگردد.",
            )
        else:
            text = QCoreApplication.translate(
                "LocalData",
                "پایگاه داده کارهای این کاربر خالی شده بود؛ پرونده آن با نام {name} کنار گذاشته شد و پایگاه تازه‌ای "
                "ساخته شد، به پشتیبانی خبر دهید و این پرونده را پاک نکنید.",
            )
    elif backup:
        text = QCoreApplication.translate(
            "LocalData",
            "پایگاه داده کارهای این کاربر آسیب دیده بود؛ پرونده آن با نام {name} کنار گذاشته شد و {waiting} کار "
            "در انتظار ارسال و {sent} کار پایان‌یافته از آن بازیابی شد، صف ارسال را بررسی کنید و اگر کاری کم است "
            "نسخه پشتیبان {date} را بازگردانید.",
        )
    else:
        text = QCoreApplication.translate(
            "LocalData",
            "پایگاه داده کارهای این کاربر آسیب دیده بود؛ پرونده آن با نام {name} کنار گذاشته شد و {waiting} کار "
            "در انتظار ارسال و {sent} کار پایان‌یافته از آن بازیابی شد، صف ارسال را بررسی کنید و اگر کاری کم است "
            "به پشتیبانی خبر دهید.",
        )
    return text.format(**values)


def restored_sentence(backup_at: float) -> str:
    return QCoreApplication.translate(
        "LocalData",
        "نسخه پشتیبان {date} بازگردانده شد و کارهایی که پس از آن ثبت شده بود به آن افزوده شد؛ صف ارسال را بررسی کنید.",
    ).format(date=isolate(_when(backup_at)))


def problem_sentence(exc: LocalDatabaseError) -> str:
    """The local database could not be opened at all."""
    if isinstance(exc, ProfileInUseError):
        return QCoreApplication.translate(
            "LocalData",
            "برنامه با همین کاربر روی این رایانه هم‌اکنون باز است؛ همان پنجره را به کار ببرید، یا آن را ببندید و "
            "دوباره وارد شوید.",
        )
    if isinstance(exc, NewerSchemaError):
        return QCoreApplication.translate(
            "LocalData",
            "پایگاه داده کارهای این کاربر را نسخه تازه‌تری از برنامه ساخته است و دست نخورده ماند؛ تا نسخه تازه "
            "برنامه نصب نشود، کاری ثبت و ارسال نمی‌شود.",
        )
    return QCoreApplication.translate(
        "LocalData",
        "پایگاه داده کارهای این کاربر باز نشد و کاری ثبت یا ارسال نمی‌شود؛ برنامه را ببندید و به پشتیبانی خبر دهید.",
    )

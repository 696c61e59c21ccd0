"""Every error (API, printing, fees, civic values, the disk, anything else) → the sentence an operator reads. The one
place this mapping lives: `operator_message(exc, labels)`. The outbox's states and reasons: desktop/outbox_messages.py.

The sign-in page reads this module before the window's first paint: what it needs only for a rare message (the
calendar, for a date in one) is imported where it is used."""

from __future__ import annotations

import errno
import logging
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from civic import errors as civic_errors
from civic.errors import CivicValueError
from civic.text import to_persian_digits
from client_api import errors

if TYPE_CHECKING:
    import datetime as dt  # the dates come from callers that loaded it

log = logging.getLogger(__name__)

# a form's labels for its fields: a mapping, or a function (such as a form's `field_label`)
Labels = Mapping[str, str] | Callable[[str], str] | None


def localized_digits(text: str) -> str:
    """Persian digits when the interface is Persian; input elsewhere accepts both."""
    return to_persian_digits(text) if current_language() == "fa" else text


def isolate(text: str) -> str:
    """Wrap server data placed inside a sentence in a bidi isolate, so a Persian name in an English sentence
    (or a Latin code in a Persian one) cannot pull the punctuation around it out of order."""
    return f"\u2068{text}\u2069"


def current_language() -> str:
    app = QCoreApplication.instance()
    value = app.property("pishkhanLanguage") if app is not None else None
    return value if value in ("fa", "en") else "fa"


def operator_message(exc: BaseException, labels: Labels = None) -> str:
    """The one sentence an operator reads for any error: the API's, printing's, the fee module's, civic values',
    the disk's, or anything else.

    `labels` names a form's fields as the operator sees them (a mapping or a function from the API's or the fee
    module's field name to the label); a field without a label is never shown by its raw name.

    An error that is not one of the known, operator-facing kinds is a defect: it is logged with its traceback
    before the sentence is returned, so the sentence's «جزئیات در گزارش برنامه ثبت شد» is true.
    """
    for family in (_api_message, _print_message, _fees_message, _civic_message, _os_message):
        text = family(exc, labels)
        if text is not None:
            return text
    _log_unexpected(exc)
    return QCoreApplication.translate("Messages", "خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات در گزارش برنامه ثبت شد.")


error_message = operator_message  # the earlier name, kept for the pages that still use it


def _log_unexpected(exc: BaseException) -> None:
    if getattr(exc, "_pishkhan_logged", False):
        return  # the same error shown twice (a banner and a list row) is logged once
    log.error(
        "unexpected error shown to the operator: %s", type(exc).__name__, exc_info=(type(exc), exc, exc.__traceback__)
    )
    try:
        exc._pishkhan_logged = True  # type: ignore[attr-defined]
    except AttributeError:  # an exception class with __slots__
        pass


def _label(labels: Labels, field: str) -> str | None:
    """The form's label for `field`; None when the form has none (a label that is just the raw name counts as none)."""
    if labels is None or not field:
        return None
    label = labels(field) if callable(labels) else labels.get(field)
    return label if label and label != field else None


def _minutes(seconds: int | None) -> str:
    return localized_digits(str(max(1, -(-(seconds or 60) // 60))))


def _api_message(exc: BaseException, labels: Labels) -> str | None:
    if not isinstance(exc, errors.ApiError):
        return None
    if isinstance(exc, errors.RateLimitedError):
        if "sign-in" in str(exc.problem.get("type", "")) or not exc.problem:
            return QCoreApplication.translate(
                "Messages",
                "به‌دلیل تلاش‌های ناموفق پیاپی، ورود این کاربر موقتاً بسته است. {minutes} دقیقه دیگر دوباره تلاش کنید.",
            ).format(minutes=_minutes(exc.retry_after_s))
        return QCoreApplication.translate(
            "Messages", "سامانه شهرداری خواست کمی صبر شود. {minutes} دقیقه دیگر دوباره تلاش کنید."
        ).format(minutes=_minutes(exc.retry_after_s))
    if isinstance(exc, errors.SessionExpiredError):
        return QCoreApplication.translate("Messages", "نشست کاری شما پایان یافته است. لطفاً دوباره وارد شوید.")
    if isinstance(exc, errors.UnauthorizedError):
        return QCoreApplication.translate("Messages", "نام کاربری، گذرواژه یا کد دفتر درست نیست.")
    if isinstance(exc, errors.ForbiddenError):
        return QCoreApplication.translate("Messages", "این کاربر اجازه این کار را ندارد.")
    if isinstance(exc, errors.NotFoundError):
        return QCoreApplication.translate("Messages", "مورد خواسته‌شده در سامانه شهرداری پیدا نشد.")
    if isinstance(exc, errors.ValidationFailedError):
        return _validation_message(exc, labels)
    if isinstance(exc, errors.ConflictError):
        return QCoreApplication.translate("Messages", "این کار هم‌اکنون در حال انجام است؛ کمی بعد دوباره تلاش کنید.")
    if isinstance(exc, errors.RequestTimeoutError) and not isinstance(exc, errors.NotDeliveredError):
        return QCoreApplication.translate(
            "Messages", "سامانه شهرداری در زمان مقرر پاسخ نداد. اتصال شبکه را بررسی کنید و دوباره تلاش کنید."
        )
    if isinstance(exc, errors.OfflineError):
        return QCoreApplication.translate("Messages", "اتصال به سامانه شهرداری برقرار نیست. اتصال شبکه را بررسی کنید.")
    if isinstance(exc, errors.RedirectRefusedError):
        log.warning("the server redirected an API call to %r; not followed", exc.target)
        return QCoreApplication.translate(
            "Messages",
            "سامانه شهرداری این درخواست را به نشانی دیگری ({target}) فرستاد؛ برای امنیت، چیزی به آن نشانی فرستاده "
            "نشد. به واحد فناوری اطلاعات خبر دهید.",
        ).format(target=isolate(exc.target or "—"))
    if isinstance(exc, errors.InsecureTransportError):
        return QCoreApplication.translate(
            "Messages", "نشانی سامانه امن نیست یا گواهی امنیتی آن معتبر نیست؛ اتصال برقرار نشد."
        )
    if isinstance(exc, errors.ServerError):
        log.warning("the server failed: %s %s", exc.status, exc.detail)
        return QCoreApplication.translate("Messages", "سامانه شهرداری با خطا روبه‌رو شد. کمی بعد دوباره تلاش کنید.")
    log.warning("unexpected answer from the server: %s %s %s", type(exc).__name__, exc.status, exc.detail)
    return QCoreApplication.translate("Messages", "سامانه شهرداری پاسخ نامنتظره‌ای داد. کمی بعد دوباره تلاش کنید.")


def _validation_message(exc: errors.ValidationFailedError, labels: Labels) -> str:
    named: list[str] = []
    for field_error in exc.field_errors:
        label = _label(labels, field_error.field)
        if label is not None and label not in named:
            named.append(label)
    if len(named) < len(exc.field_errors):
        log.info("server refused fields: %s", ", ".join(e.field or "(request)" for e in exc.field_errors))
    if not named:
        return QCoreApplication.translate("Messages", "اطلاعات واردشده پذیرفته نشد.")
    separator = "، " if current_language() == "fa" else ", "
    return QCoreApplication.translate(
        "Messages", "اطلاعات واردشده پذیرفته نشد. این موارد را بررسی کنید: {fields}"
    ).format(fields=separator.join(named))


def _print_message(exc: BaseException, labels: Labels) -> str | None:
    # printing is loaded on first use; while it is not, none of its errors can have been raised
    module = sys.modules.get("desktop.print_service")
    if module is None or not isinstance(exc, module.PrintError):
        return None
    log.warning("printing refused or failed: %s %s", type(exc).__name__, exc.detail)
    return str(exc.message())


def _fees_message(exc: BaseException, labels: Labels) -> str | None:
    fees_errors = sys.modules.get("fees.errors")
    if fees_errors is None or not isinstance(exc, fees_errors.FeesError):
        return None
    fa = current_language() == "fa"
    if isinstance(exc, fees_errors.NoBookError):
        return QCoreApplication.translate("Messages", "برای تاریخ این پرونده هیچ دفترچه تعرفه‌ای در دست نیست.")
    if isinstance(exc, fees_errors.CaseError):
        reason = localized_digits(exc.reason_fa if fa else exc.reason_en)
        label = _label(labels, exc.field)
        if label is None:
            log.info("fee case refused: %s", exc)
            return QCoreApplication.translate("Messages", "اطلاعات پرونده پذیرفته نشد: {reason}").format(reason=reason)
        return QCoreApplication.translate("Messages", "{field}: {reason}").format(field=label, reason=reason)
    log.warning("fee module error: %s", exc)
    name = isolate(Path(getattr(exc, "file", "") or "").name)
    if isinstance(exc, fees_errors.SignatureError):
        return QCoreApplication.translate(
            "Messages", "امضای دفترچه تعرفه {file} تأیید نشد؛ از این دفترچه استفاده نمی‌شود."
        ).format(file=name)
    if isinstance(exc, fees_errors.BookError):
        return QCoreApplication.translate(
            "Messages", "دفترچه تعرفه {file} معتبر نیست؛ از این دفترچه استفاده نمی‌شود."
        ).format(file=name)
    if isinstance(exc, fees_errors.EvaluationError):
        return QCoreApplication.translate(
            "Messages", "ردیف {item} دفترچه تعرفه برای این پرونده محاسبه‌پذیر نیست. اطلاعات پرونده را بررسی کنید."
        ).format(item=isolate(localized_digits(exc.item)))
    return exc.message("fa" if fa else "en")


def _civic_message(exc: BaseException, labels: Labels) -> str | None:
    if isinstance(exc, CivicValueError):
        return _civic_value_message(exc, _label(labels, exc.field))
    seal = sys.modules.get("civic.seal")
    if seal is not None and isinstance(exc, seal.SealError):
        log.info("seal refused: %s", exc)
        if isinstance(exc, seal.ExpiredSealError):
            return QCoreApplication.translate(
                "Messages", "سند {number} اصیل است، اما اعتبار آن در {date} پایان یافته است."
            ).format(number=isolate(exc.payload.number), date=_date(exc.payload.expires))
        if isinstance(exc, seal.UnknownKeyError):
            return QCoreApplication.translate(
                "Messages", "این سند با کلیدی امضا شده که در فهرست کلیدهای معتبر نیست؛ اصالت آن تأیید نمی‌شود."
            )
        if isinstance(exc, seal.BadSignatureError):
            return QCoreApplication.translate(
                "Messages", "امضای این سند با محتوای آن نمی‌خواند: سند دست‌کاری یا جعل شده است."
            )
        return QCoreApplication.translate("Messages", "کد خوانده‌شده مهر سند نیست یا آسیب دیده است.")
    keys = sys.modules.get("civic.keys")
    if keys is not None and isinstance(exc, keys.TrustListError):
        log.error("the trust list is unreadable: %s", exc)
        return QCoreApplication.translate(
            "Messages", "فهرست کلیدهای معتبر برنامه خوانده نشد. برنامه را دوباره نصب کنید یا به پشتیبانی خبر دهید."
        )
    return None


def _civic_value_message(exc: CivicValueError, label: str | None) -> str:
    fa = current_language() == "fa"
    if label is None and exc.field in civic_errors.FIELD_NAMES:
        return exc.message("fa" if fa else "en")
    row = civic_errors.MESSAGES.get((exc.field, exc.code)) or civic_errors.MESSAGES.get((None, exc.code))
    name = label or QCoreApplication.translate("Messages", "مقدار واردشده")
    if row is None:
        return QCoreApplication.translate("Messages", "{field} پذیرفته نشد.").format(field=name)
    values = {key: localized_digits(str(value)) for key, value in exc.params.items()}
    return (row[0] if fa else row[1]).format_map(_Missing(values, field=name))


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


def _date(day: dt.date | None) -> str:
    if day is None:
        return "—"
    from civic.jalali import format_jalali_date  # the calendar (jdatetime, zoneinfo) is loaded for a date shown

    return format_jalali_date(day, persian_digits=current_language() == "fa")


def _os_message(exc: BaseException, labels: Labels) -> str | None:
    if not isinstance(exc, OSError) or isinstance(exc, ConnectionError | TimeoutError):
        return None
    log.warning("disk or file error: %s", exc)
    where = isolate(exc.filename) if isinstance(exc.filename, str) and exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return QCoreApplication.translate(
            "Messages", "دیسک این رایانه پر است و چیزی ذخیره نشد. جای خالی فراهم کنید و دوباره تلاش کنید."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        if where:
            return QCoreApplication.translate(
                "Messages", "برنامه اجازه دسترسی به {path} را ندارد. دسترسی را بررسی کنید."
            ).format(path=where)
        return QCoreApplication.translate("Messages", "برنامه اجازه دسترسی به این فایل یا پوشه را ندارد.")
    if exc.errno == errno.EROFS:
        return QCoreApplication.translate("Messages", "این دیسک یا پوشه فقط‌خواندنی است و چیزی روی آن ذخیره نشد.")
    if exc.errno == errno.ENOENT and where:
        return QCoreApplication.translate("Messages", "{path} پیدا نشد.").format(path=where)
    return QCoreApplication.translate("Messages", "خواندن یا نوشتن فایل روی این رایانه انجام نشد.")

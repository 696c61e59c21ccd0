"""Every API error type, and every outbox state and reason, → the sentence an operator reads. The one place
this mapping lives."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from civic.text import to_persian_digits
from client_api import errors
from client_api.outbox import OutboxEntry


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


def error_message(exc: BaseException) -> str:
    if isinstance(exc, errors.RateLimitedError):
        minutes = max(1, -(-(exc.retry_after_s or 60) // 60))
        return QCoreApplication.translate(
            "Messages",
            "به‌دلیل تلاش‌های ناموفق پیاپی، ورود این کاربر موقتاً بسته است. {minutes} دقیقه دیگر دوباره تلاش کنید.",
        ).format(minutes=localized_digits(str(minutes)))
    if isinstance(exc, errors.SessionExpiredError):
        return QCoreApplication.translate("Messages", "نشست کاری شما پایان یافته است. لطفاً دوباره وارد شوید.")
    if isinstance(exc, errors.UnauthorizedError):
        return QCoreApplication.translate("Messages", "نام کاربری، گذرواژه یا کد دفتر درست نیست.")
    if isinstance(exc, errors.ForbiddenError):
        return QCoreApplication.translate("Messages", "این کاربر اجازه این کار را ندارد.")
    if isinstance(exc, errors.NotFoundError):
        return QCoreApplication.translate("Messages", "مورد خواسته‌شده در سامانه شهرداری پیدا نشد.")
    if isinstance(exc, errors.ValidationFailedError):
        separator = "، " if current_language() == "fa" else ", "
        fields = separator.join(f.field for f in exc.field_errors)
        if fields:
            return QCoreApplication.translate(
                "Messages", "اطلاعات واردشده پذیرفته نشد. فیلدهای نادرست: {fields}"
            ).format(fields=fields)
        return QCoreApplication.translate("Messages", "اطلاعات واردشده پذیرفته نشد.")
    if isinstance(exc, errors.ConflictError):
        return QCoreApplication.translate("Messages", "این کار هم‌اکنون در حال انجام است؛ کمی بعد دوباره تلاش کنید.")
    if isinstance(exc, errors.RequestTimeoutError):
        return QCoreApplication.translate(
            "Messages", "سامانه شهرداری در زمان مقرر پاسخ نداد. اتصال شبکه را بررسی کنید و دوباره تلاش کنید."
        )
    if isinstance(exc, errors.OfflineError):
        return QCoreApplication.translate("Messages", "اتصال به سامانه شهرداری برقرار نیست. اتصال شبکه را بررسی کنید.")
    if isinstance(exc, errors.InsecureTransportError):
        return QCoreApplication.translate(
            "Messages", "نشانی سامانه امن نیست یا گواهی امنیتی آن معتبر نیست؛ اتصال برقرار نشد."
        )
    if isinstance(exc, errors.ServerError):
        return QCoreApplication.translate("Messages", "سامانه شهرداری با خطا روبه‌رو شد. کمی بعد دوباره تلاش کنید.")
    return QCoreApplication.translate("Messages", "خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات در گزارش برنامه ثبت شد.")


# -- the outbox: states, reasons and field names, in the operator's words ---------------------------------------


def outbox_state_name(state: str) -> str:
    names = {
        "queued": QCoreApplication.translate("Outbox", "در صف ارسال"),
        "sending": QCoreApplication.translate("Outbox", "در حال ارسال"),
        "in_doubt": QCoreApplication.translate("Outbox", "نامعلوم"),
        "done": QCoreApplication.translate("Outbox", "انجام شد"),
        "rejected": QCoreApplication.translate("Outbox", "رد شد"),
    }
    return names.get(state, state)


def action_kind_name(kind: str) -> str:
    names = {"note": QCoreApplication.translate("Outbox", "یادداشت تحویل نوبت")}
    return names.get(kind, kind)


def field_label(field: str) -> str:
    """An API field name as the operator knows it from the form."""
    labels = {
        "text": QCoreApplication.translate("Outbox", "متن یادداشت"),
        "Idempotency-Key": QCoreApplication.translate("Outbox", "شناسه یکتای کار"),
        "": QCoreApplication.translate("Outbox", "کل درخواست"),
    }
    return labels.get(field, field)


def outbox_reason(entry: OutboxEntry) -> str:
    """Why an action is where it is: what happened at its last attempt, or what the server answered."""
    if entry.state == "done":
        return QCoreApplication.translate("Outbox", "سامانه شهرداری ثبت کرد.")
    if entry.state == "rejected":
        return _rejection(entry)
    if entry.state == "sending":
        return QCoreApplication.translate("Outbox", "هم‌اکنون فرستاده می‌شود.")
    if entry.attempts == 0:
        return QCoreApplication.translate("Outbox", "در نوبت ارسال.")
    reasons = {
        "not-delivered": QCoreApplication.translate(
            "Outbox", "سامانه در دسترس نبود و چیزی به آن نرسید؛ پس از برقراری اتصال ارسال می‌شود."
        ),
        "timeout": QCoreApplication.translate(
            "Outbox", "پاسخ سامانه در زمان مقرر نرسید؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود."
        ),
        "answer-lost": QCoreApplication.translate(
            "Outbox", "اتصال پیش از رسیدن پاسخ قطع شد؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود."
        ),
        "interrupted": QCoreApplication.translate(
            "Outbox", "برنامه هنگام ارسال بسته شد؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود."
        ),
        "in-progress": QCoreApplication.translate(
            "Outbox", "سامانه هنوز در حال انجام همین کار است؛ کمی بعد دوباره پرسیده می‌شود."
        ),
        "server-error": QCoreApplication.translate(
            "Outbox", "سامانه شهرداری با خطا روبه‌رو شد ({status})؛ کمی بعد با همان شناسه دوباره ارسال می‌شود."
        ),
        "rate-limited": QCoreApplication.translate("Outbox", "سامانه خواست کمی صبر شود؛ سپس دوباره ارسال می‌شود."),
        "session-expired": QCoreApplication.translate(
            "Outbox", "نشست کاری پایان یافته است؛ پس از ورود دوباره ارسال می‌شود."
        ),
        "lookup-failed": QCoreApplication.translate(
            "Outbox", "پرسش از سامانه درباره نتیجه این کار بی‌پاسخ ماند؛ دوباره پرسیده می‌شود."
        ),
        "insecure": QCoreApplication.translate(
            "Outbox", "گواهی امنیتی سامانه معتبر نیست؛ تا رفع آن چیزی ارسال نمی‌شود."
        ),
    }
    text = reasons.get(
        entry.last_error or "",
        QCoreApplication.translate("Outbox", "نتیجه تلاش قبلی روشن نیست؛ با همان شناسه دوباره ارسال می‌شود."),
    )
    return text.format(status=localized_digits(str(entry.response_status or "")))


def _rejection(entry: OutboxEntry) -> str:
    if entry.defect:
        return QCoreApplication.translate(
            "Outbox", "خطای برنامه: سامانه این شناسه را با محتوای دیگری دیده است. به پشتیبانی خبر دهید."
        )
    separator = "؛ " if current_language() == "fa" else "; "
    if entry.field_errors:
        named = separator.join(
            QCoreApplication.translate("Outbox", "{field}: {message}").format(
                field=field_label(e.field), message=isolate(e.message)
            )
            for e in entry.field_errors
        )
        return QCoreApplication.translate("Outbox", "سامانه نپذیرفت. {fields}").format(fields=named)
    status = localized_digits(str(entry.response_status or ""))
    return QCoreApplication.translate("Outbox", "سامانه نپذیرفت (کد {status}).").format(status=status)

"""Every API error type → the sentence an operator reads. The one place this mapping lives."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from civic.text import to_persian_digits
from client_api import errors


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

"""The outbox in the operator's words: each state, each reason an action waits or failed, each action's kind and
fields."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from client_api.outbox import OutboxEntry, Reason, State
from desktop import action_kinds
from desktop.messages import current_language, isolate, localized_digits


def outbox_state_name(state: str) -> str:
    names = {
        State.QUEUED: QCoreApplication.translate("Outbox", "در صف ارسال"),
        State.SENDING: QCoreApplication.translate("Outbox", "در حال ارسال"),
        State.IN_DOUBT: QCoreApplication.translate("Outbox", "نتیجه نامعلوم"),
        State.DONE: QCoreApplication.translate("Outbox", "انجام شد"),
        State.REJECTED: QCoreApplication.translate("Outbox", "رد شد"),
        State.NOT_SENT: QCoreApplication.translate("Outbox", "ارسال نشد"),
    }
    return names.get(state, state)


def action_kind_name(kind: str) -> str:
    """The kind's name from the registry (desktop/action_kinds.py); an unknown kind by its code."""
    registered = action_kinds.kind_of(kind)
    return registered.name() if registered is not None else kind


def action_summary(entry: OutboxEntry) -> str:
    """The action in one line, as its kind words it."""
    registered = action_kinds.kind_of(entry.kind)
    return registered.summary(entry) if registered is not None else entry.summary


def field_label(kind: str, field: str) -> str:
    """An API field of an action of `kind`, as the operator knows it from the form that made the action."""
    registered = action_kinds.kind_of(kind)
    label = registered.field_label(field) if registered is not None else None
    if label:
        return label
    common = {
        "Idempotency-Key": QCoreApplication.translate("Outbox", "شناسه ارسال این کار"),
        "": QCoreApplication.translate("Outbox", "کل درخواست"),
    }
    return common.get(field, field)


def _reason_texts() -> dict[Reason, str]:
    return {
        Reason.NOT_DELIVERED: QCoreApplication.translate(
            "Outbox", "سامانه در دسترس نبود و چیزی به آن نرسید؛ پس از برقراری اتصال ارسال می‌شود."
        ),
        Reason.TIMEOUT: QCoreApplication.translate(
            "Outbox", "پاسخ سامانه در زمان مقرر نرسید؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود."
        ),
        Reason.ANSWER_LOST: QCoreApplication.translate(
            "Outbox", "اتصال پیش از رسیدن پاسخ قطع شد؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود."
        ),
        Reason.INTERRUPTED: QCoreApplication.translate(
            "Outbox", "برنامه هنگام ارسال بسته شد؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود."
        ),
        Reason.IN_PROGRESS: QCoreApplication.translate(
            "Outbox", "سامانه هنوز در حال انجام همین کار است؛ کمی بعد دوباره پرسیده می‌شود."
        ),
        Reason.SERVER_ERROR: QCoreApplication.translate(
            "Outbox", "سامانه شهرداری با خطا روبه‌رو شد ({status})؛ کمی بعد با همان شناسه دوباره ارسال می‌شود."
        ),
        Reason.RATE_LIMITED: QCoreApplication.translate("Outbox", "سامانه خواست کمی صبر شود؛ سپس دوباره ارسال می‌شود."),
        Reason.SESSION_EXPIRED: QCoreApplication.translate(
            "Outbox", "نشست کاری پایان یافته است؛ پس از ورود دوباره ارسال می‌شود."
        ),
        Reason.LOOKUP_FAILED: QCoreApplication.translate(
            "Outbox", "پرسش از سامانه درباره نتیجه این کار بی‌پاسخ ماند؛ دوباره پرسیده می‌شود."
        ),
        Reason.INSECURE: QCoreApplication.translate(
            "Outbox", "گواهی امنیتی سامانه معتبر نیست؛ تا رفع آن چیزی ارسال نمی‌شود."
        ),
        Reason.UNEXPECTED: QCoreApplication.translate(
            "Outbox", "سامانه پاسخ نامنتظره‌ای داد؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود."
        ),
        Reason.REJECTED: QCoreApplication.translate("Outbox", "سامانه شهرداری این کار را نپذیرفت."),
        Reason.KEY_REUSED: QCoreApplication.translate(
            "Outbox", "خطای برنامه: سامانه این شناسه را با محتوای دیگری دیده است. به پشتیبانی خبر دهید."
        ),
        Reason.EARLIER_STEP_REJECTED: QCoreApplication.translate(
            "Outbox", "ارسال نشد، چون سامانه گام {step} همین کار ({kind}) را نپذیرفت."
        ),
        Reason.LOCAL_FAILURE: QCoreApplication.translate(
            "Outbox", "تلاش برای ارسال با خطایی روی همین رایانه ناتمام ماند؛ کمی بعد با همان شناسه دوباره ارسال می‌شود."
        ),
    }


def reason_fallback() -> str:
    """What an action whose reason is not known says (none recorded yet)."""
    return QCoreApplication.translate("Outbox", "نتیجه تلاش قبلی روشن نیست؛ با همان شناسه دوباره ارسال می‌شود.")


def reason_text(reason: Reason | None, *, status: int | None = None, step: int = 0, kind: str = "") -> str:
    """One reason in the operator's words; `status`, `step` (counted from 1) and `kind` fill the ones that name
    them."""
    text = _reason_texts().get(reason) if reason is not None else None
    if text is None:
        return reason_fallback()
    return text.format(
        status=localized_digits(str(status or "")),
        step=localized_digits(str(step)),
        kind=action_kind_name(kind) if kind else "",
    )


def outbox_reason(entry: OutboxEntry) -> str:
    """Why an action is where it is: what happened at its last attempt, what the server answered, or which step of
    its chain stopped it."""
    if entry.state == State.DONE:
        return QCoreApplication.translate("Outbox", "سامانه شهرداری ثبت کرد.")
    if entry.state == State.REJECTED:
        return _rejection(entry)
    if entry.state == State.NOT_SENT:
        step = (entry.blocked_by_step or 0) + 1
        return reason_text(Reason.EARLIER_STEP_REJECTED, step=step, kind=entry.last_error_detail or "")
    if entry.state == State.SENDING:
        return QCoreApplication.translate("Outbox", "هم‌اکنون فرستاده می‌شود.")
    if entry.attempts == 0:
        if entry.chain_step > 0:
            return QCoreApplication.translate("Outbox", "پس از انجام گام‌های پیشین همین کار ارسال می‌شود.")
        return QCoreApplication.translate("Outbox", "در نوبت ارسال.")
    return reason_text(entry.last_error, status=entry.response_status)


def _rejection(entry: OutboxEntry) -> str:
    if entry.defect:
        return reason_text(Reason.KEY_REUSED)
    separator = "؛ " if current_language() == "fa" else "; "
    if entry.field_errors:
        named = separator.join(
            QCoreApplication.translate("Outbox", "{field}: {message}").format(
                field=field_label(entry.kind, e.field), message=isolate(e.message)
            )
            for e in entry.field_errors
        )
        return QCoreApplication.translate("Outbox", "سامانه نپذیرفت. {fields}").format(fields=named)
    status = localized_digits(str(entry.response_status or ""))
    return QCoreApplication.translate("Outbox", "سامانه نپذیرفت (کد {status}).").format(status=status)

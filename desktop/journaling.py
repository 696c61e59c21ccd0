"""The application's side of the operator's journal (client_api/journal.py): one call per operator action.

    journaling.record(session, "print", number="R-1404-000123")

The entry is written off the UI thread, on the outbox service's local database thread and in the order the calls
were made (an entry recorded right after sign-in is written once the operator's database is open). `record` never
raises into the UI: a failure is logged, and the first failure of a session is announced once through
`notifier().failed` (the main window shows the sentence).

Kinds: sign-in and sign-out (the main window), lock, unlock and unlock-failed (the lock screen), submit (written by
the outbox itself for every confirmed action, in the transaction that queues it, naming the action's kind and key),
print and reprint (the print service), settings (the settings page). pay, void and day-close are the kinds for
those decisions when a flow records them apart from the action it sends.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from client_api.journal import JournalError, JournalIdentity, clean_details

if TYPE_CHECKING:
    from client_api import Health, Operator
    from desktop.session import Session

log = logging.getLogger(__name__)

SIGN_IN, SIGN_OUT, LOCK, UNLOCK, UNLOCK_FAILED = "sign-in", "sign-out", "lock", "unlock", "unlock-failed"
SUBMIT, PAY, VOID, PRINT, REPRINT, SETTINGS, DAY_CLOSE = (
    "submit",
    "pay",
    "void",
    "print",
    "reprint",
    "settings",
    "day-close",
)


class JournalNotifier(QObject):
    """Announces, once per session, that the journal could not be written."""

    failed = Signal(str)  # the operator's sentence

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._told: dict[int, weakref.ref[Session]] = {}  # by id: a session is not hashable

    def tell_once(self, session: Session) -> None:
        told = self._told.get(id(session))
        if told is not None and told() is session:
            return
        self._told = {key: ref for key, ref in self._told.items() if ref() is not None}
        self._told[id(session)] = weakref.ref(session)
        self.failed.emit(failure_message())


_notifier: JournalNotifier | None = None


def notifier() -> JournalNotifier:
    """The one notifier (made on first use, on the UI thread)."""
    global _notifier
    if _notifier is None:
        _notifier = JournalNotifier()
    return _notifier


def failure_message() -> str:
    return QCoreApplication.translate(
        "Journaling",
        "دفتر رویدادهای این رایانه ثبت نشد. کار را ادامه دهید و به پشتیبانی خبر دهید؛ جزئیات در گزارش برنامه است.",
    )


def identity_for(operator: Operator, health: Health | None, signed_in_at: dt.datetime) -> JournalIdentity:
    """Who writes the session's entries; the server's clock offset from its answer at sign-in (whole seconds)."""
    offset: float | None = None
    if health is not None and health.server_time.tzinfo is not None and signed_in_at.tzinfo is not None:
        offset = float(round((health.server_time - signed_in_at).total_seconds()))
    return JournalIdentity(operator.username, operator.office.code, operator.terminal_id, offset)


def identity(session: Session) -> JournalIdentity:
    return identity_for(session.operator, session.health, session.signed_in_at)


def record(session: Session, kind: str, **details: str | int) -> None:
    """Append an entry to the signed-in operator's journal. Never raises: a failure is logged and shown once."""

    def failed(exc: BaseException) -> None:
        log.error("journal: the %s entry could not be written", kind, exc_info=exc)
        notifier().tell_once(session)

    try:
        cleaned = clean_details(details)
        session.outbox.record_journal(kind, cleaned, failed)
    except (JournalError, RuntimeError, AttributeError) as exc:
        failed(exc)


def record_settings_change(session: Session, before: object, after: object) -> None:
    """A `settings` entry naming each setting that changed with its new value (nothing when none changed)."""
    changed: dict[str, str | int] = {}
    for spec in dataclasses.fields(after):  # type: ignore[arg-type]
        value = getattr(after, spec.name)
        if getattr(before, spec.name, None) != value:
            changed[spec.name] = value if isinstance(value, int) and not isinstance(value, bool) else str(value)
    if changed:
        record(session, SETTINGS, changed=",".join(changed), **changed)

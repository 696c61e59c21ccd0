"""The idle lock in the window: the lock page, and `ScreenLock`, which puts it in front of the workspace.

When the operator has not touched the application for the idle time (desktop/idle_lock.py), `ScreenLock` closes
any open dialog or menu and makes the lock page the window's only page: the workspace (navigation and every page,
with the citizen's data on it) is hidden, so it is neither seen nor grabbed. The session goes on behind it: the
outbox keeps sending, the connection keeps being checked.

The lock page shows who is signed in and asks for that operator's password. Enter unlocks. The password is
checked by the server (`POST /auth/reauthenticate`; a wrong one counts toward the server's lock-out), and, when
the server cannot be reached or fails, by the session's in-memory scrypt verifier. After `MAX_UNLOCK_FAILURES`
wrong passwords the session ends. Another operator at the desk can only sign the locked one out («خروج از حساب»):
every page flushes its drafts first, as at any sign-out. The session also ends, locked or not, 12 hours after
sign-in. Each lock, unlock and refused password goes to the operator journal.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from civic.jalali import TEHRAN
from client_api import SessionExpiredError
from client_api.errors import RateLimitedError, UnauthorizedError
from desktop import journaling
from desktop.idle_lock import OFFLINE, SERVER, SESSION_MAX_AGE, IdleTimer, PasswordRefused, check_password
from desktop.messages import error_message, isolate, localized_digits
from desktop.session import Session
from desktop.tasks import TaskRunner
from desktop.theme import icon, set_tone
from desktop.widgets.banner import MessageBanner
from desktop.widgets.card import emblem_header, wrapping_label

log = logging.getLogger(__name__)

MAX_UNLOCK_FAILURES = 5  # wrong passwords in one lock before the session ends
CARD_WIDTH = 440  # the sign-in card's width: fits the smallest window (1024×640)


@dataclass(frozen=True)
class _Attempt:
    number: int  # which check this is, so an answer that comes after sign-out or another lock is ignored


class LockScreen(QWidget):
    """The lock page; one per window, shown for whichever session is locked."""

    unlocked = Signal(str)  # SERVER or OFFLINE
    sign_out_requested = Signal(str)  # the sentence the sign-in page shows ("" for none)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._tasks = tasks
        self._session: Session | None = None
        self._attempts = 0
        self._failures = 0

        card = QFrame(objectName="lockCard")
        card.setFixedWidth(CARD_WIDTH)
        self.card = card
        self.title_label = QLabel(self.tr("صفحه قفل است"), objectName="lockTitle")
        self.since_label = QLabel(objectName="lockSince")
        set_tone(self.since_label, "muted")
        header = emblem_header("lockEmblem", 48, self.title_label, self.since_label)

        self.operator_label = wrapping_label(QLabel(objectName="lockOperator"))
        self.operator_label.setProperty("pishkhanData", True)
        name_font = self.operator_label.font()
        name_font.setBold(True)
        name_font.setPointSizeF(name_font.pointSizeF() * 1.15)
        self.operator_label.setFont(name_font)
        self.office_label = wrapping_label(QLabel(objectName="lockOffice"))
        self.office_label.setProperty("pishkhanData", True)
        set_tone(self.office_label, "muted")
        self.hint_label = wrapping_label(
            QLabel(self.tr("برای ادامه کار، گذرواژه خود را وارد کنید."), objectName="lockHint")
        )

        password_label = QLabel(self.tr("گذرواژه"), objectName="lockPasswordLabel")
        self.password = QLineEdit(objectName="lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.password.setAccessibleName(self.tr("گذرواژه"))
        password_label.setBuddy(self.password)
        self.password.returnPressed.connect(self.unlock)

        self.banner = MessageBanner()
        self.banner.setObjectName("lockError")
        self.busy = QProgressBar(objectName="lockBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()

        self.unlock_button = QPushButton(self.tr("باز کردن قفل"), objectName="unlockButton")
        self.unlock_button.setProperty("primary", True)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        self.sign_out_button = QPushButton(icon("sign-out"), self.tr("خروج از حساب"), objectName="lockSignOut")
        self.sign_out_button.clicked.connect(self.sign_out)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button, 1)
        buttons.addWidget(self.sign_out_button)
        self.other_label = wrapping_label(
            QLabel(
                self.tr(
                    "کاربر دیگری هستید؟ «خروج از حساب» را بزنید؛ پیش‌نویس‌های این کاربر نگه داشته می‌شود "
                    "و ارسال‌های صف پس از ورود دوباره او ادامه می‌یابد."
                ),
                objectName="lockOtherOperator",
            )
        )
        set_tone(self.other_label, "muted")

        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 20)
        inner.setSpacing(10)
        inner.addLayout(header)
        inner.addSpacing(4)
        inner.addWidget(self.operator_label)
        inner.addWidget(self.office_label)
        inner.addWidget(self.hint_label)
        inner.addWidget(password_label)
        inner.addWidget(self.password)
        inner.addWidget(self.banner)
        inner.addWidget(self.busy)
        inner.addLayout(buttons)
        inner.addWidget(self.other_label)
        row = QHBoxLayout()  # the card between stretches, as on the sign-in page (wrapped text measured right)
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        QWidget.setTabOrder(self.password, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.sign_out_button)

    # -- showing -------------------------------------------------------------------------------------

    def show_for(self, session: Session, since: dt.datetime) -> None:
        """Ready the page for `session`, locked at `since` (aware)."""
        self._session = session
        self._attempts += 1  # an answer to a check of an earlier lock is ignored
        self._failures = 0
        operator = session.operator
        self.operator_label.setText(operator.display_name)
        # the office's own name says what it is («دفتر پیشخوان…», «دفتر اسناد رسمی…»): no word put before it
        # (the name is not isolated: its first letter sets the line's direction)
        self.office_label.setText(f"{operator.office.name} ({isolate(operator.office.code)})")
        moment = since.astimezone(TEHRAN)
        self.since_label.setText(self.tr("قفل‌شده از ساعت {time}").format(time=localized_digits(f"{moment:%H:%M}")))
        self.password.clear()
        self.banner.clear()
        self._set_busy(False)
        self.password.setFocus()

    def clear(self) -> None:
        """The session ended: forget it and everything typed."""
        self._session = None
        self._attempts += 1
        self._failures = 0
        self.password.clear()
        self.banner.clear()
        self.operator_label.clear()
        self.office_label.clear()
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.password.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.busy.setVisible(busy)

    # -- unlocking -----------------------------------------------------------------------------------

    @property
    def failures(self) -> int:
        return self._failures

    def unlock(self) -> None:
        session = self._session
        if session is None or self.busy.isVisible():
            return
        password = self.password.text()
        if not password:
            self.banner.show_message(self.tr("گذرواژه را وارد کنید."), "error")
            self.password.setFocus()
            return
        self._set_busy(True)
        self.banner.clear()
        attempt = _Attempt(self._attempts)
        client, verifier = session.client, session.password_verifier
        self._tasks.run(
            lambda: check_password(client, verifier, password),
            lambda checked_by: self._accepted(attempt, checked_by),
            lambda exc: self._refused(attempt, exc),
            owner=self,
        )

    def _current(self, attempt: _Attempt) -> Session | None:
        return self._session if attempt.number == self._attempts else None

    def _accepted(self, attempt: _Attempt, checked_by: str) -> None:
        session = self._current(attempt)
        if session is None:
            return
        self.password.clear()
        self._set_busy(False)
        journaling.record(session, "unlock", checked_by=checked_by, failures=self._failures)
        self.unlocked.emit(checked_by)

    def _refused(self, attempt: _Attempt, exc: BaseException) -> None:
        session = self._current(attempt)
        if session is None:
            return
        self._set_busy(False)
        if isinstance(exc, SessionExpiredError):
            journaling.record(session, "unlock-failed", reason="session-ended")
            self.sign_out_requested.emit(error_message(exc))
            return
        if isinstance(exc, PasswordRefused | UnauthorizedError | RateLimitedError):
            self._failures += 1
            reason = "locked-out" if isinstance(exc, RateLimitedError) else "wrong-password"
            checked_by = OFFLINE if isinstance(exc, PasswordRefused) else SERVER
            journaling.record(session, "unlock-failed", reason=reason, checked_by=checked_by, failures=self._failures)
            if self._failures >= MAX_UNLOCK_FAILURES:
                self.sign_out_requested.emit(
                    self.tr("گذرواژه چند بار نادرست وارد شد؛ برای حفظ اطلاعات، از حساب خارج شدید. دوباره وارد شوید.")
                )
                return
            if isinstance(exc, RateLimitedError):
                text = error_message(exc)
            else:
                text = self.tr("گذرواژه درست نیست.")
            left = MAX_UNLOCK_FAILURES - self._failures
            server_left = exc.problem.get("attempts_left") if isinstance(exc, UnauthorizedError) else None
            if type(server_left) is int and 0 < server_left < left:  # the server locks the username sooner
                then = self.tr("{n} بار دیگر می‌توانید تلاش کنید؛ پس از آن ورود این کاربر برای مدتی بسته می‌شود.")
                left = server_left
            else:
                then = self.tr("{n} بار دیگر می‌توانید تلاش کنید؛ پس از آن از حساب خارج می‌شوید.")
            text += " " + then.format(n=localized_digits(str(left)))
        else:  # not checked at all (an address that is not secure, an answer not understood): nothing counted
            journaling.record(session, "unlock-failed", reason=type(exc).__name__)
            text = error_message(exc)
        self.banner.show_message(text, "error")
        self.password.setFocus()
        self.password.selectAll()

    def sign_out(self) -> None:
        if self._session is not None:
            self.sign_out_requested.emit("")


class ScreenLock(QObject):
    """Puts the lock page in front of the workspace after the idle time, and takes it away on unlock."""

    locked_changed = Signal(bool)
    session_must_end = Signal(str)  # the sentence the sign-in page shows ("" for none)

    def __init__(
        self,
        stack: QStackedWidget,
        workspace: QWidget,
        tasks: TaskRunner,
        settings_minutes: Callable[[], object],
        parent: QObject,
    ) -> None:
        """`settings_minutes`: reads the setting `idle_lock_minutes` (on every tick, so a change counts at once)."""
        super().__init__(parent)
        self._stack = stack
        self._workspace = workspace
        self._session: Session | None = None
        self._locked = False
        self._focus_before: QWidget | None = None
        self.page = LockScreen(tasks)
        stack.addWidget(self.page)
        self.timer = IdleTimer(settings_minutes, self)
        self.timer.idle.connect(self.lock)
        self.timer.session_too_old.connect(self._too_old)
        self.page.unlocked.connect(self._unlocked)
        self.page.sign_out_requested.connect(self._end_session)

    @property
    def locked(self) -> bool:
        return self._locked

    def start(self, session: Session) -> None:
        self._session = session
        self._locked = False
        self.timer.start(session.signed_in_at)

    def stop(self) -> None:
        """The session ended (sign-out, expiry, closing): no lock, nothing kept."""
        self.timer.stop()
        self._session = None
        self._focus_before = None
        was_locked, self._locked = self._locked, False
        self.page.clear()
        if was_locked:
            self.locked_changed.emit(False)

    def lock(self) -> None:
        """Hide the workspace behind the lock page (now, whatever the idle time)."""
        session = self._session
        if session is None or self._locked:
            return
        self._locked = True
        focused = QApplication.focusWidget()
        self._focus_before = focused if focused is not None and self._workspace.isAncestorOf(focused) else None
        _close_what_floats(self._stack.window())
        self.timer.pause()
        self.page.show_for(session, dt.datetime.now(dt.UTC))
        self._stack.setCurrentWidget(self.page)
        self.page.password.setFocus()
        journaling.record(session, "lock", idle_minutes=int(self.timer.idle_seconds // 60))
        self.locked_changed.emit(True)

    def _unlocked(self, _checked_by: str) -> None:
        if not self._locked:
            return
        self._locked = False
        self._stack.setCurrentWidget(self._workspace)
        self.timer.resume()
        focus, self._focus_before = self._focus_before, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus()
        self.locked_changed.emit(False)

    def _too_old(self) -> None:
        _close_what_floats(self._stack.window())
        hours = int(SESSION_MAX_AGE.total_seconds() // 3600)  # the rule, whatever a test set
        self._end_session(
            self.tr("نشست کاری پس از {hours} ساعت پایان یافت؛ پیش‌نویس‌ها نگه داشته شد. دوباره وارد شوید.").format(
                hours=localized_digits(str(hours))
            )
        )

    def _end_session(self, message: str) -> None:
        if self._session is not None:
            self.session_must_end.emit(message)


def _close_what_floats(window: QWidget) -> None:
    """Close every menu, tooltip and dialog over the window: the lock cancels them as Esc would (a dialog in
    `exec()` returns Rejected), so none of them shows a citizen's data over the lock page."""
    QToolTip.hideText()
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()
        if QApplication.activePopupWidget() is popup:
            break
    for widget in QApplication.topLevelWidgets():
        if widget is window or not widget.isVisible():
            continue
        if isinstance(widget, QDialog):
            log.info("a dialog was open at the lock and was cancelled: %s", type(widget).__name__)
            widget.reject()
        elif widget.isWindow() and window.isAncestorOf(widget):
            widget.hide()

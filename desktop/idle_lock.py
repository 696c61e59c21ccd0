"""The idle lock's clock and the password check it unlocks with when the server cannot be asked.

`IdleTimer` watches the whole application for real input (a key, a mouse button, the wheel, a touch) with one
event filter, and checks on a steady tick:
- `idle` is emitted once the operator has not touched the application for the setting `idle_lock_minutes`
  (read on every tick, so a change on the settings page takes effect at once; at least 1 minute, at most 60);
- `session_too_old` is emitted once the session is `SESSION_MAX_AGE` old, by the wall clock or by the steady clock
  since `start`, whichever says older (the session then ends, locked or not).
A mouse that only moves does not count: a bumped desk or a passing sleeve is not an operator at work. The idle
time is measured on the clock that keeps running while the machine sleeps (Linux's boot-time clock), and the tick
is a repeating timer rather than one long one, so a laptop that wakes after an hour locks at once.

`PasswordVerifier` is the offline check: a salted scrypt digest of the password the operator typed at sign-in,
made on a worker thread and kept in memory only, on the `Session`, for that session. It is never written
anywhere: no file, no setting, no log line (its repr names nothing), and it goes with the session.
`check_password` (for an op) asks the server first and the verifier only when the server cannot answer.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTabletEvent, QTouchEvent, QWheelEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from client_api.errors import OfflineError, ServerError

if TYPE_CHECKING:
    from client_api import MunicipalClient

DEFAULT_IDLE_MINUTES = 5
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 60
SESSION_MAX_AGE = dt.timedelta(hours=12)  # not a setting: a session ends 12 hours after sign-in, always
TICK_MS = 1000
SERVER, OFFLINE = "server", "offline"  # who accepted the password at the lock page

# what counts as the operator at work
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
_INPUT_CLASSES = (QKeyEvent, QMouseEvent, QWheelEvent, QTouchEvent, QTabletEvent)  # the classes of those


def idle_minutes(value: object) -> int:
    """The idle time a setting asks for, held to 1–60 minutes (anything that is not a whole number: the default)."""
    if type(value) is not int:
        return DEFAULT_IDLE_MINUTES
    return max(MIN_IDLE_MINUTES, min(MAX_IDLE_MINUTES, value))


def _steady_seconds() -> float:
    """Seconds on a clock that never jumps and keeps counting while the machine sleeps (where the OS has one)."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.monotonic()


class IdleTimer(QObject):
    idle = Signal()  # no input for the idle time; emitted once until input comes again or `resume` is called
    session_too_old = Signal()  # the session reached SESSION_MAX_AGE; emitted once

    def __init__(self, minutes: Callable[[], object], parent: QObject | None = None) -> None:
        """`minutes`: reads the setting `idle_lock_minutes` (on every tick)."""
        super().__init__(parent)
        self._minutes = minutes
        self._last_input = _steady_seconds()
        self._signed_in_at: dt.datetime | None = None
        self._started = _steady_seconds()
        self._idle_sent = False
        self._too_old_sent = False
        self._paused = False
        # test hooks (`set_test_timing`): None means the real value
        self._idle_s_override: float | None = None
        self._max_age_override: dt.timedelta | None = None
        self._watching = False
        self._windows: list[QWindow] = []
        self._focused: QWidget | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.check)

    # -- life -----------------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._signed_in_at is not None

    def start(self, signed_in_at: dt.datetime) -> None:
        """Begin watching for a session signed in at `signed_in_at` (aware)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self._watch_input(app)
        self._signed_in_at = signed_in_at
        self._started = self._last_input = _steady_seconds()
        self._idle_sent = self._too_old_sent = self._paused = False
        self._tick.start()

    def stop(self) -> None:
        """The session ended: watch nothing until the next `start`."""
        self._tick.stop()
        self._signed_in_at = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self._unwatch_input(app)

    def pause(self) -> None:
        """While the window is locked the idle time does not matter (the session's age still does)."""
        self._paused = True

    def resume(self) -> None:
        """Unlocked: the idle time counts again from now."""
        self._paused = False
        self._idle_sent = False
        self._last_input = _steady_seconds()

    def set_test_timing(
        self,
        *,
        idle_s: float | None = None,
        max_age: dt.timedelta | None = None,
        tick_ms: int | None = None,
    ) -> None:
        """Tests only: a short idle time, session age and tick instead of minutes and hours."""
        self._idle_s_override = idle_s
        self._max_age_override = max_age
        if tick_ms is not None:
            self._tick.setInterval(tick_ms)

    # -- what is measured -------------------------------------------------------------------------------

    @property
    def idle_seconds(self) -> float:
        """The idle time in force."""
        if self._idle_s_override is not None:
            return self._idle_s_override
        return 60.0 * idle_minutes(self._minutes())

    @property
    def max_age(self) -> dt.timedelta:
        return self._max_age_override if self._max_age_override is not None else SESSION_MAX_AGE

    def seconds_since_input(self) -> float:
        return _steady_seconds() - self._last_input

    def note_input(self) -> None:
        self._last_input = _steady_seconds()

    # Input is watched where it arrives: on the windows (each window the operator works in gets the focus, and
    # every key, click and wheel of the pointer reaches its window first) and on the focused widget (keys sent to
    # a widget directly, as tests do). A filter on the whole application would be Python code that every event of
    # every widget passes through, tens of milliseconds whenever a page is made or laid out.

    def _watch_input(self, app: QApplication) -> None:
        if not self._watching:
            app.focusChanged.connect(self._focus_moved)
            app.focusWindowChanged.connect(self._window_focused)
            self._watching = True
        for window in app.topLevelWindows():
            self._window_focused(window)
        self._focus_moved(None, app.focusWidget())

    def _unwatch_input(self, app: QApplication) -> None:
        if self._watching:
            app.focusChanged.disconnect(self._focus_moved)
            app.focusWindowChanged.disconnect(self._window_focused)
            self._watching = False
        for watched in [*self._windows, self._focused]:
            if watched is not None and shiboken6.isValid(watched):
                watched.removeEventFilter(self)
        self._windows, self._focused = [], None

    def _window_focused(self, window: QWindow | None) -> None:
        self._windows = [known for known in self._windows if shiboken6.isValid(known)]
        if window is not None and window not in self._windows:
            window.installEventFilter(self)
            self._windows.append(window)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._focused is not None and shiboken6.isValid(self._focused):
            self._focused.removeEventFilter(self)
        self._focused = new
        if new is not None:
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the class is looked at first: asking an event its type costs more than the rest of this filter
        if isinstance(event, _INPUT_CLASSES) and event.type() in _INPUT_EVENTS:
            self._last_input = _steady_seconds()
        return False  # only noted, never taken

    def _age(self, signed_in_at: dt.datetime) -> dt.timedelta:
        """The session's age: the longer of the wall clock's and the steady clock's, so neither a clock set back
        nor a suspended machine stretches it."""
        steady = dt.timedelta(seconds=_steady_seconds() - self._started)
        return max(dt.datetime.now(dt.UTC) - signed_in_at, steady)

    def check(self) -> None:
        """One tick: the session's age first (it ends the session even while locked), then the idle time."""
        signed_in_at = self._signed_in_at
        if signed_in_at is None:
            return
        if not self._too_old_sent and self._age(signed_in_at) >= self.max_age:
            self._too_old_sent = True
            self.session_too_old.emit()
            return
        if self._paused or self._idle_sent:
            return
        if self.seconds_since_input() >= self.idle_seconds:
            self._idle_sent = True
            self.idle.emit()


# scrypt at the cost the sandbox stores its own password hashes with: ~16 MB and tens of milliseconds
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_SALT_BYTES, _KEY_BYTES = 16, 32


def _scrypt(password: str, salt: bytes) -> bytes:
    import hashlib  # here, not at start-up: the sign-in page is painted before anyone types a password

    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=_SCRYPT_N,
        r=_SCRYPT_R,
        p=_SCRYPT_P,
        dklen=_KEY_BYTES,
        maxmem=64 * 1024 * 1024,
    )


@dataclass(frozen=True, eq=False, repr=False)
class PasswordVerifier:
    """A salted scrypt digest of the operator's password, in memory only. Slow on purpose: make and check it on a
    worker thread, never on the UI thread."""

    _salt: bytes
    _digest: bytes

    @classmethod
    def make(cls, password: str) -> PasswordVerifier:
        import secrets

        salt = secrets.token_bytes(_SALT_BYTES)
        return cls(salt, _scrypt(password, salt))

    def matches(self, password: str) -> bool:
        import hmac

        return hmac.compare_digest(_scrypt(password, self._salt), self._digest)

    def __repr__(self) -> str:
        return "PasswordVerifier(<in memory>)"

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("a password verifier is never pickled or written anywhere")

    def memory_bytes(self) -> tuple[bytes, bytes]:
        """Tests only: the salt and digest, to prove they reach no file."""
        return self._salt, self._digest


class PasswordRefused(Exception):
    """The password did not match the session's verifier (the server could not be asked)."""


def check_password(client: MunicipalClient, verifier: PasswordVerifier | None, password: str) -> str:
    """For an op: who accepted the password (SERVER or OFFLINE); raises when it is refused or cannot be checked.
    The server decides whenever it answers; only when it cannot be reached, or fails, does the verifier."""
    try:
        client.reauthenticate(password)
        return SERVER
    except (OfflineError, ServerError):
        if verifier is None:
            raise
        if verifier.matches(password):
            return OFFLINE
        raise PasswordRefused() from None


__all__ = [
    "DEFAULT_IDLE_MINUTES",
    "MAX_IDLE_MINUTES",
    "MIN_IDLE_MINUTES",
    "OFFLINE",
    "SERVER",
    "SESSION_MAX_AGE",
    "IdleTimer",
    "PasswordRefused",
    "PasswordVerifier",
    "check_password",
    "idle_minutes",
]

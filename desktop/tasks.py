"""Background work for the UI — the one way the application runs anything slow.

Threading rules of the application, written down once:
- The UI thread never waits on the network, a printer or slow disk. Anything that might is an `op` given
  to `TaskRunner.run`, which runs it on a worker thread.
- An `op` never touches a widget or any QObject of the UI. It takes plain values and returns a plain value
  (or raises).
- `on_success(result)` and `on_failure(exc)` always run on the UI thread, after the op has finished; they
  are the only place its result meets the widgets. Pass the widget they touch as `owner`: if it is gone by
  the time the op finishes, the outcome is dropped instead of reaching a deleted widget.
- `on_failure` shows the operator `desktop.messages.operator_message(exc)`, which logs an unexpected error with
  its traceback. An error raised inside `on_success` or `on_failure`, or an op's failure when there is no
  `on_failure`, is a defect: it goes to `sys.excepthook` (desktop.crash logs it and shows the error dialog).
- A worker thread never holds the last reference to a Qt object, and Python's cyclic garbage collector runs
  only on the UI thread (`UiThreadGarbageCollector`): Qt objects must be destroyed on the thread that owns
  them, and a collection started by whatever thread happens to allocate would destroy them anywhere.
- Another thread emits only on an object that lives as long as the process (the courier here, the outbox's
  relays, the crash reporter): `emit` lets go of the interpreter while Qt queues the call, and the UI thread
  may meanwhile delete an object that served one task.
- Results that arrive in bursts are batched by their page before they touch widgets.
- What a page asks for while it is made starts once the page is painted (the workspace holds it and calls
  `TaskRunner.release_when_painted`): a page's reads never share the interpreter with its first show.
"""

from __future__ import annotations

import gc
import itertools
import logging
import os
import sys
import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

log = logging.getLogger(__name__)


class _Courier(QObject):
    """Carries every outcome from the workers to the UI thread: one for the process, made on the UI thread, with no
    parent and never let go of (`_couriers`), so neither Qt nor Python ever deletes it while a worker may be sending
    on it. A worker emits a task's token with its outcome; Qt queues the call onto the UI thread, which looks the
    task's delivery up by its token. A worker holds no Qt object of a task: emitting lets go of the interpreter while
    Qt queues the call, and the UI thread may then deliver the outcome and delete whatever served that one task."""

    arrived = Signal(object, object)  # a task's token; a one-item list holding (succeeded, result or exception)

    def __init__(self) -> None:
        super().__init__(None)
        self.arrived.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, token: int, outcome: list[tuple[bool, Any]]) -> None:
        succeeded, value = outcome.pop()  # from here only the UI thread holds the result or the exception
        _started.discard(token)
        delivery = _deliveries.pop(token, None)
        if delivery is not None:  # None: its runner forgot it when shut down
            delivery.deliver(succeeded, value)


_couriers: list[_Courier] = []  # the courier, once made, for the life of the process
_deliveries: dict[int, _Delivery] = {}  # by token, the tasks whose outcome has not been delivered; UI thread only
_started: set[int] = set()  # the tokens of the ops a worker has started (added there) and not yet delivered
_tokens = itertools.count(1)


def _courier() -> _Courier:
    """The process's courier (made on first use, on the UI thread)."""
    if not _couriers:
        _couriers.append(_Courier())
    return _couriers[0]


class _Delivery:
    """What to do with one op's outcome, kept on the UI thread until it arrives (the courier looks it up).

    It keeps the op itself too, so that the op (and whatever its closure holds) is released here, on the UI thread.
    The owner is held weakly: an outcome still arrives after the runner's window has been deleted, and the owner
    decides whether it is wanted.
    """

    __slots__ = ("_on_failure", "_on_success", "_owner", "_runner", "_token", "op")

    def __init__(
        self,
        runner: TaskRunner,
        token: int,
        op: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None,
        owner: QObject | None,
    ) -> None:
        self._runner = runner
        self._token = token
        self.op: Callable[[], Any] | None = op
        self._on_success = on_success
        self._on_failure = on_failure
        self._owner = weakref.ref(owner) if owner is not None else None

    def _wanted(self) -> bool:
        if self._owner is None:
            return True
        owner = self._owner()
        return owner is not None and Shiboken.isValid(owner)

    def deliver(self, succeeded: bool, value: Any) -> None:
        try:
            if succeeded:
                if self._wanted():
                    self._on_success(value)
            elif not self._wanted():
                log.info("dropped the outcome of a task whose page is gone: %s", type(value).__name__)
            elif self._on_failure is not None:
                self._on_failure(value)
            else:
                _unhandled(value)
        except Exception as exc:  # to the hook here, whatever PySide does with an error leaving a slot
            _unhandled(exc)
        finally:
            self._runner._finished(self._token)


def _unhandled(exc: BaseException) -> None:
    """An error no callback handled: to the application's last-resort hook, or to the log when there is none."""
    if sys.excepthook is sys.__excepthook__:
        log.error("unhandled error in a background task", exc_info=exc)
    else:
        sys.excepthook(type(exc), exc, exc.__traceback__)


WORKER_NICENESS = 10


def _yield_to_the_ui() -> None:
    """Lower the calling worker thread's share of a busy processor, so that on two cores a key or a repaint does not
    wait for a time slice behind two workers (rendering, printing, reading answers). On Linux a thread has a
    niceness of its own (Qt's thread priorities change nothing there but for the idle class, which a busy machine can
    starve entirely); 10 above the main thread's, a worker still gets about a tenth of a processor the UI thread wants.
    Idempotent: a pool thread runs many jobs."""
    if not sys.platform.startswith("linux"):
        return
    try:
        wanted = min(19, os.getpriority(os.PRIO_PROCESS, threading.main_thread().native_id or 0) + WORKER_NICENESS)
        thread = threading.get_native_id()
        if os.getpriority(os.PRIO_PROCESS, thread) < wanted:
            os.setpriority(os.PRIO_PROCESS, thread, wanted)
    except OSError as exc:  # a sandbox that forbids it: the worker runs as it did
        log.debug("worker priority not lowered: %s", exc)


class _Job(QRunnable):
    """Runs one op on a worker thread. Once the outcome is emitted, the UI thread may deliver it and release
    everything at any moment: by then the worker keeps nothing it could be the last to let go of but the outcome
    list, emptied by the UI thread, and the application's courier, which is never let go of."""

    def __init__(self, op: Callable[[], Any], token: int, courier: _Courier) -> None:
        super().__init__()
        self._op: Callable[[], Any] | None = op
        self.token = token
        self._courier = courier

    def run(self) -> None:
        op, self._op = self._op, None
        if op is None:  # run once only
            return
        _started.add(self.token)
        _yield_to_the_ui()
        outcome = self._outcome(op)
        del op  # the delivery keeps the op until the UI thread lets go of it
        self._courier.arrived.emit(self.token, outcome)

    @staticmethod
    def _outcome(op: Callable[[], Any]) -> list[tuple[bool, Any]]:
        try:
            return [(True, op())]
        except Exception as exc:  # its traceback (this frame too) goes with it to the UI thread
            return [(False, exc)]


class TaskRunner(QObject):
    """Runs ops on worker threads and delivers their outcome on the UI thread."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._low_priority = False  # the workers' priority, set as the first op starts (`_start`)
        self._courier = _courier()
        self._pending: set[int] = set()  # the tokens of the ops whose outcome has not been delivered
        self._held: list[_Job] | None = None

    def run(
        self,
        op: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        token = next(_tokens)
        _deliveries[token] = _Delivery(self, token, op, on_success, on_failure, owner)
        self._pending.add(token)
        job = _Job(op, token, self._courier)
        if self._held is not None:
            self._held.append(job)
        else:
            self._start(job)

    def _start(self, job: _Job) -> None:
        if not self._low_priority:
            # named here, not when the module loads: PySide makes QThread's type, with its enums, the first time
            # a module names it (half a millisecond the start-up, which holds its ops until painted, saves)
            from PySide6.QtCore import QThread

            self._pool.setThreadPriority(QThread.Priority.LowPriority)  # Windows and macOS; Linux: _yield_to_the_ui
            self._low_priority = True
        self._pool.start(job)

    def hold(self) -> bool:
        """Keep the ops given from now on until `release()`: at start-up, nothing a worker runs (imports, the
        keyring, the training sandbox) competes with the UI thread for the interpreter before the first paint.
        False when they were already kept: whoever held first releases."""
        if self._held is not None:
            return False
        self._held = []
        return True

    def release_when_painted(self, widget: QWidget, fallback_ms: int = 300) -> None:
        """`release()` once `widget` (a page just made) has been painted, or at the next turn of the event loop if
        it is not on screen then, or after `fallback_ms` at the latest (a minimised window is never painted). A
        page's reads, started as it is made, parse answers and verify books in Python on a worker; started at once,
        they take the interpreter from the page's first show and paint in turns of a few milliseconds and stretch
        them on the clock (the fee page: 71 ms of the UI thread, 109 ms of the clock; bench/first_open.py)."""
        waiter = AfterFirstPaint(widget, self.release, fallback_ms, parent=self)  # calls it once, whichever comes first
        QTimer.singleShot(0, waiter, lambda: None if _on_screen(widget) else waiter.run_now())

    def release(self) -> None:
        """Start the ops kept since `hold()`, in the order they were given."""
        held, self._held = self._held, None
        for job in held or ():
            self._start(job)

    @property
    def busy(self) -> bool:
        """True while an op runs or its outcome waits to be delivered."""
        return bool(self._pending)

    def _finished(self, token: int) -> None:
        self._pending.discard(token)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Wait for running ops at exit. The ops not started (kept by `hold()`, or queued in the pool) never start
        and are forgotten, with what they would have called; those that ran still deliver their outcome, should the
        event loop turn again."""
        self._held = None
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)
        for token in [token for token in self._pending if token not in _started]:
            # a worker adds its token before anything else: only an op still running past `timeout_ms` might be
            # about to, and then its outcome, should it come, is dropped
            _deliveries.pop(token, None)
            self._pending.discard(token)


def _on_screen(widget: QWidget) -> bool:
    return Shiboken.isValid(widget) and widget.isVisible()


class AfterFirstPaint(QObject):
    """Calls `then` once, as soon as `widget` has been painted (or after `fallback_ms`, should it never be, e.g. a
    window started minimised; or when the widget is destroyed first). A widget covered whole by its children (a page
    that is one scroll area) gets no paint event of its own: its window repainting what is dirty in it (the update
    request Qt posts to the window) counts too. It lives as long as `parent` (the widget itself unless another is
    given): with its parent gone, `then` is never called."""

    def __init__(
        self, widget: QWidget, then: Callable[[], None], fallback_ms: int = 2000, *, parent: QObject | None = None
    ) -> None:
        super().__init__(parent if parent is not None else widget)
        self._then: Callable[[], None] | None = then
        self._watched = [widget] if widget.isWindow() else [widget, widget.window()]
        for watched in self._watched:
            watched.installEventFilter(self)
        if parent is not None:
            widget.destroyed.connect(self._run)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # the window's update request counts only for a widget inside it: a window just shown may handle one before
        # it is exposed, and so before anything of it is painted
        painted = kind == QEvent.Type.Paint or (kind == QEvent.Type.UpdateRequest and watched is not self._watched[0])
        if painted and self._then is not None:
            for each in self._watched:
                if Shiboken.isValid(each):
                    each.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after the paint has reached the screen
        return False

    def run_now(self) -> None:
        """Call `then` now, if it has not been called yet."""
        self._run()

    @Slot()
    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self.deleteLater()
            then()


class UiThreadGarbageCollector(QObject):
    """Python's cyclic garbage collection, moved onto the UI thread.

    Automatic collection is switched off; a timer on the UI thread collects instead, following the same rules
    CPython would: the generation thresholds, and a full collection only once the objects that reached the oldest
    generation since the last one number a quarter of those that survived it (with every page made, a full
    collection walks ~100,000 objects and holds the UI thread for over 100 ms; done whenever the threshold alone
    allowed it, that stall came every few seconds of work). Call `collect_now()` before the QApplication goes away.
    """

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 500) -> None:
        super().__init__(parent)
        gc.disable()
        self._long_lived = len(gc.get_objects(2))  # the oldest generation after the last full collection
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    @Slot()
    def _tick(self) -> None:
        count0, count1, count2 = gc.get_count()
        limit0, limit1, limit2 = gc.get_threshold()
        if count0 < limit0:
            return
        generation = 0
        if count1 >= limit1:
            generation = 2 if count2 >= limit2 and self._full_is_due() else 1
        gc.collect(generation)
        if generation == 2:
            self._long_lived = len(gc.get_objects(2))

    def _full_is_due(self) -> bool:
        pending = len(gc.get_objects(2)) - self._long_lived
        return pending > self._long_lived // 4

    @staticmethod
    def collect_now() -> None:
        gc.collect()

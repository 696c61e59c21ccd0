"""Background work for the UI — the one way the application runs anything slow.

Threading rules of the application, written down once:
- The UI thread never waits on the network, a printer or slow disk. Anything that might is an `op` given
  to `TaskRunner.run`, which runs it on a worker thread.
- An `op` never touches a widget or any QObject of the UI. It takes plain values and returns a plain value
  (or raises).
- `on_success(result)` and `on_failure(exc)` always run on the UI thread, after the op has finished; they
  are the only place its result meets the widgets. Pass the widget they touch as `owner`: if it is gone by
  the time the op finishes, the outcome is dropped instead of reaching a deleted widget.
- Results that arrive in bursts are batched by their page before they touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Delivery(QObject):
    """Lives on the UI thread; the worker emits, Qt queues the call back onto the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self._runner = runner
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        try:
            self._on_success(result)
        finally:
            self._runner._finished(self)

    @Slot(object)
    def _deliver_failure(self, exc: object) -> None:
        try:
            if self._on_failure is not None:
                self._on_failure(exc)  # type: ignore[arg-type]
            else:
                log.error("background task failed", exc_info=exc)  # type: ignore[arg-type]
        finally:
            self._runner._finished(self)


class _Job(QRunnable):
    def __init__(self, op: Callable[[], Any], delivery: _Delivery) -> None:
        super().__init__()
        self._op = op
        self._delivery = delivery

    def run(self) -> None:
        try:
            result = self._op()
        except Exception as exc:
            self._emit(self._delivery.failed, exc)
        else:
            self._emit(self._delivery.succeeded, result)

    @staticmethod
    def _emit(signal: Signal, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # the owner, and with it the delivery, was destroyed while the op ran


class TaskRunner(QObject):
    """Runs ops on worker threads and delivers their outcome on the UI thread."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._pending: set[_Delivery] = set()

    def run(
        self,
        op: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        delivery = _Delivery(self, on_success, on_failure)
        self._pending.add(delivery)  # keeps it alive until its outcome is delivered
        if owner is not None:
            delivery.setParent(owner)  # destroyed with its owner: Qt then drops the queued outcome
            delivery.destroyed.connect(lambda *_: self._forget(delivery))
        self._pool.start(_Job(op, delivery))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _finished(self, delivery: _Delivery) -> None:
        self._forget(delivery)
        delivery.deleteLater()

    def _forget(self, delivery: _Delivery) -> None:
        if delivery in self._pending:
            self._pending.discard(delivery)
            if not self._pending:
                self.idle.emit()

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Wait for running ops at exit; their outcomes are no longer delivered."""
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)

"""The background-work helper: outcomes on the UI thread, never into a destroyed widget."""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
import weakref

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread
from shiboken6 import Shiboken

from desktop import tasks
from desktop.tasks import WORKER_NICENESS, TaskRunner, UiThreadGarbageCollector


def test_success_and_failure_are_delivered_on_the_ui_thread(qtbot):
    runner = TaskRunner()
    ui_thread = QThread.currentThread()
    seen = {}

    def op():
        seen["op_thread"] = threading.get_ident()
        return 42

    def on_success(value):
        seen["value"] = value
        seen["success_on_ui"] = QThread.currentThread() is ui_thread

    def on_failure(exc):
        seen["error"] = exc
        seen["failure_on_ui"] = QThread.currentThread() is ui_thread

    runner.run(op, on_success)
    runner.run(lambda: 1 / 0, lambda _: None, on_failure)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert seen["value"] == 42 and seen["success_on_ui"]
    assert isinstance(seen["error"], ZeroDivisionError) and seen["failure_on_ui"]
    assert seen["op_thread"] != threading.get_ident()
    runner.shutdown()


def test_an_outcome_for_a_destroyed_owner_is_dropped(qtbot):
    runner = TaskRunner()
    owner = QObject()
    release = threading.Event()
    delivered = []
    runner.run(lambda: release.wait(5), delivered.append, delivered.append, owner=owner)
    assert runner.busy
    owner.deleteLater()
    qtbot.waitUntil(lambda: not Shiboken.isValid(owner), timeout=5000)
    release.set()  # the op ends after its owner is gone
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    runner.shutdown()
    assert delivered == []


class _Tracked:
    """Records the thread that frees it."""

    def __init__(self, freed_on: list[int]) -> None:
        self._freed_on = freed_on

    def __del__(self) -> None:
        self._freed_on.append(threading.get_ident())


def _hold_the_worker_until_delivered(runner: TaskRunner, at_return=None) -> None:
    """Called from an op: the worker's outermost Python frame does not return (and so does not let go of what it
    holds) before the UI thread has delivered the outcome and released the task: the worst order the race can take.
    `at_return(frame)` is then called with that frame, on the worker."""
    frame = sys._getframe(1)
    while frame.f_back is not None:
        frame = frame.f_back
    outermost = id(frame)  # not the frame itself: a reference here would keep its locals alive past its return

    def tracer(seen_frame, event, _arg):
        if id(seen_frame) == outermost and event == "return":
            deadline = time.monotonic() + 5
            while runner.busy and time.monotonic() < deadline:
                time.sleep(0.002)
            if at_return is not None:
                at_return(seen_frame)
            sys.settrace(None)
        return tracer

    frame.f_trace = tracer
    del frame
    sys.settrace(tracer)


@pytest.mark.parametrize("fails", [False, True], ids=["succeeds", "fails"])
def test_a_worker_never_lets_go_last_of_what_the_ui_thread_receives(qtbot, fails):
    """The op (and what its closure holds), its result or its error, and the callbacks (and the widgets they hold)
    are freed on the UI thread, even when the UI thread has delivered and released them before the worker's own
    frames return. A widget freed on a worker thread leaves its timers behind, and the UI thread crashes later."""
    runner = TaskRunner(max_threads=1)
    freed_on: list[int] = []

    def make_op():  # the op's closure is all that holds `held`
        held = _Tracked(freed_on)

        def op():
            _hold_the_worker_until_delivered(runner)
            assert held is not None
            if fails:
                error = ValueError("the server said no")
                error.tracked = _Tracked(freed_on)  # type: ignore[attr-defined]
                raise error
            return _Tracked(freed_on)

        return op

    def make_callback():  # as a page's bound method would, the callback holds what it shows the outcome in
        shown_in = _Tracked(freed_on)
        return lambda outcome: delivered.append((shown_in, outcome))

    delivered: list[object] = []
    runner.run(make_op(), make_callback(), make_callback())
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    delivered.clear()
    runner.shutdown()  # the worker's frames have returned
    gc.collect()
    assert len(freed_on) == 4 and set(freed_on) == {threading.get_ident()}


def _qt_objects_held_by(frame) -> list[QObject]:
    """The Qt objects a frame's locals hold, and those their attributes hold."""
    found = []
    for value in frame.f_locals.values():
        for each in [value, *gc.get_referents(value), *getattr(value, "__dict__", {}).values()]:
            if isinstance(each, QObject):
                found.append(each)
    return found


def test_a_worker_holds_no_qt_object_of_a_task_once_its_outcome_is_out(qtbot):
    """By the time the worker's frames let go of what they hold, the UI thread may have delivered the outcome and
    deleted whatever Qt object served that one task: the worker must not be the one to let go of such an object last
    (its Python side would be freed on the worker, beside the UI thread). The application's courier, which outlives
    every task, is the one Qt object a worker may hold."""
    runner = TaskRunner(max_threads=1)
    held: list[str] = []

    def look(frame) -> None:
        couriers = tasks._couriers
        held.extend(type(each).__name__ for each in _qt_objects_held_by(frame) if all(each is not c for c in couriers))
        held.append("looked")

    runner.run(lambda: _hold_the_worker_until_delivered(runner, look), lambda _: None)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    runner.shutdown()
    assert held == ["looked"]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what the UI thread deleted is gone
    assert tasks._couriers and all(Shiboken.isValid(courier) for courier in tasks._couriers)


def test_shutdown_forgets_the_ops_never_started_and_still_delivers_those_that_ran(qtbot):
    before = set(tasks._deliveries)  # other tests' reads may still be on their way
    runner = TaskRunner(max_threads=1)
    started, release = threading.Event(), threading.Event()
    delivered: list[object] = []

    def first() -> str:
        started.set()
        release.wait(5)
        return "ran"

    runner.run(first, delivered.append)
    assert started.wait(5)
    for _ in range(3):  # queued behind it: never started
        runner.run(lambda: "queued", delivered.append)
    threading.Timer(0.1, release.set).start()
    runner.shutdown()
    assert runner.busy  # the first one's outcome is on its way
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert delivered == ["ran"]

    held = TaskRunner()
    held.hold()
    held.run(lambda: "held", delivered.append)
    held.shutdown()
    assert not held.busy and delivered == ["ran"]
    assert set(tasks._deliveries) <= before


def test_an_outcome_still_arrives_after_the_runners_window_is_deleted(qtbot):
    """A window deleted with work in flight (closing it ends the sign-in): its runner goes with it, but what was
    asked still finishes and its `then` still runs (the outbox's close, for one)."""
    window = QObject()
    runner = TaskRunner(window)
    release = threading.Event()
    threading.Timer(0.2, release.set).start()
    delivered: list[object] = []
    runner.run(lambda: release.wait(5) and 42, delivered.append, delivered.append)
    window.deleteLater()  # its pool waits for the op to end
    qtbot.waitUntil(lambda: not Shiboken.isValid(runner), timeout=5000)
    qtbot.waitUntil(lambda: delivered == [42], timeout=5000)
    assert not runner.busy


def _raise_counts_to_a_full_collection() -> list[list[int]]:
    """The generation counters at their thresholds, as after a long stretch of work (while the objects returned
    live)."""
    limit0, limit1, limit2 = gc.get_threshold()
    for _ in range(limit2):
        gc.collect(1)
    for _ in range(limit1):
        gc.collect(0)
    keep = [[] for _ in range(limit0 + 100)]  # allocations: the youngest generation over its threshold
    assert gc.get_count()[0] >= limit0 and gc.get_count()[2] >= limit2
    return keep


def test_the_ui_thread_collector_frees_cycles_and_collects_whole_only_as_cpython_would(qtbot):
    collector = UiThreadGarbageCollector(interval_ms=60_000)  # ticks driven here
    try:

        class Node:
            pass

        cycle = Node()
        cycle.self = cycle
        gone = weakref.ref(cycle)
        del cycle
        young = [Node() for _ in range(gc.get_threshold()[0] + 100)]  # the youngest generation over its threshold
        collector._tick()
        assert gone() is None  # a young cycle is freed by the timer's collection
        del young

        full = gc.get_stats()[2]["collections"]
        collector._long_lived = 10 * len(gc.get_objects(2))  # few objects reached the oldest since the last full one
        allocated = _raise_counts_to_a_full_collection()
        collector._tick()
        del allocated
        assert gc.get_stats()[2]["collections"] == full  # put off: a middle collection instead

        collector._long_lived = 0  # everything in the oldest generation came since: a full collection is due
        allocated = _raise_counts_to_a_full_collection()
        collector._tick()
        del allocated
        assert gc.get_stats()[2]["collections"] == full + 1
        assert collector._long_lived > 0  # the survivors, counted for the next decision
    finally:
        collector._timer.stop()
        collector.deleteLater()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's niceness of its own is Linux's")
def test_workers_give_way_to_the_ui_thread_on_a_busy_processor(qtbot):
    runner = TaskRunner(max_threads=1)
    own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())  # the UI thread is the main thread here
    seen: list[int] = []
    for _ in range(2):  # a pool thread runs many jobs: lowered once, not once more each
        runner.run(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()), seen.append)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen == [min(19, own + WORKER_NICENESS)] * 2
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == own  # the UI thread keeps its own
    runner.shutdown()

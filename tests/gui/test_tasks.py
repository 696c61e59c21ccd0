"""The background-work helper: outcomes on the UI thread, never into a destroyed widget."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject, QThread
from shiboken6 import Shiboken

from desktop.tasks import TaskRunner, UiThreadGarbageCollector


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

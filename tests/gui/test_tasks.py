"""The background-work helper: outcomes on the UI thread, never into a destroyed widget."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread
from shiboken6 import Shiboken

from desktop.tasks import TaskRunner


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

"""The sender's listener holds the outbox service weakly in effect: a sender thread that outlives the service (its
stop timed out) is never the last to let go of it, so no Qt object of the service is freed on that thread."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QCoreApplication, QEvent
from shiboken6 import Shiboken

from client_api.sender import Connection, SenderEvent
from desktop.outbox import OutboxService


def _call_on_a_thread(listener, event: SenderEvent) -> list[BaseException]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            listener(event)
        except BaseException as exc:  # reported to the test
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(5)
    return errors


def test_the_listener_reaches_the_service_on_the_ui_thread_and_does_not_keep_it_alive(qtbot):
    service = OutboxService()
    heard: list[tuple[int, SenderEvent, bool]] = []
    service._relay.arrived.connect(
        lambda generation, event: heard.append(
            (generation, event, threading.current_thread() is threading.main_thread())
        )
    )
    listener = service._listener(7)
    event = SenderEvent(Connection.ONLINE)
    assert _call_on_a_thread(listener, event) == []
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=5000)
    assert heard == [(7, event, True)]  # queued to the UI thread

    gone = weakref.ref(service)
    relay = service._relay
    del service
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    assert gone() is None  # the listener, still held (by a sender that did not stop), does not hold the service
    # and what it sends on outlives the service: a sender inside `emit` as the service goes never finds it deleted
    assert Shiboken.isValid(relay)
    assert _call_on_a_thread(listener, event) == []  # and calling it then is harmless
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=5000)

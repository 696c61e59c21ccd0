"""desktop/app_filters.py: the application's event filters, set aside while a page is made."""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop import app_filters
from desktop.idle_lock import IdleTimer
from desktop.keyboard import EnterActivatesButtons, install_keyboard_rules


class Counter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.User:
            self.seen += 1
        return False


def _send(target: QObject) -> None:
    QApplication.sendEvent(target, QEvent(QEvent.Type.User))


def test_a_filter_sees_no_event_while_set_aside_and_every_one_after(qapp):
    target, first, second = QObject(), Counter(), Counter()
    app_filters.install(qapp, first)
    app_filters.install(qapp, first)  # once only
    try:
        _send(target)
        with app_filters.set_aside():
            _send(target)
            with app_filters.set_aside():  # nested: still aside when the inner block ends
                _send(target)
            _send(target)
            app_filters.install(qapp, second)  # installed meanwhile: at work after the block
            _send(target)
        _send(target)
        assert (first.seen, second.seen) == (2, 1)
        assert app_filters.installed()[-2:] == [first, second]  # after those of the window, if any
    finally:
        app_filters.remove(qapp, first)
        app_filters.remove(qapp, second)
    _send(target)
    assert (first.seen, second.seen) == (2, 1)


def test_a_filter_deleted_while_set_aside_is_forgotten(qapp):
    doomed = Counter()
    app_filters.install(qapp, doomed)
    with app_filters.set_aside():
        shiboken6.delete(doomed)
    assert not [watcher for watcher in app_filters.installed() if not shiboken6.isValid(watcher)]
    _send(QObject())  # nothing deleted is called


def test_the_window_s_own_filters_are_on_the_list(qapp):
    """The Enter rule and the idle watch go through the list, so a page is made without them."""
    install_keyboard_rules(qapp)
    watch = IdleTimer(lambda: 5)
    watch.start(dt.datetime.now(dt.UTC))
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    try:
        assert {EnterActivatesButtons, IdleTimer} <= {type(watcher) for watcher in app_filters.installed()}
        widget = QWidget()
        watch._last_input = 0.0
        with app_filters.set_aside():
            QApplication.sendEvent(widget, key)
        assert watch._last_input == 0.0
        QApplication.sendEvent(widget, key)
        assert watch._last_input > 0.0
    finally:
        watch.stop()
    assert IdleTimer not in {type(watcher) for watcher in app_filters.installed()}

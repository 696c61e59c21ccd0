"""desktop/app_filters.py: the application's event filters, set aside while a page is made."""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

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


def test_the_idle_watch_is_on_the_list(qapp):
    """So a page is made without it."""
    watch = IdleTimer(lambda: 5)
    watch.start(dt.datetime.now(dt.UTC))
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    try:
        assert watch in app_filters.installed()
        widget = QWidget()
        watch._last_input = 0.0
        with app_filters.set_aside():
            QApplication.sendEvent(widget, key)
        assert watch._last_input == 0.0
        QApplication.sendEvent(widget, key)
        assert watch._last_input > 0.0
    finally:
        watch.stop()
    assert watch not in app_filters.installed()


def test_the_enter_rule_watches_the_focused_button_alone(qapp, qtbot):
    install_keyboard_rules(qapp)
    window = QWidget()
    first, second = QPushButton("یک", window), QPushButton("دو", window)
    field = QLineEdit(window)
    QVBoxLayout(window).addWidget(first)
    window.layout().addWidget(second)
    window.layout().addWidget(field)
    clicked: list[str] = []
    first.clicked.connect(lambda: clicked.append("first"))
    second.clicked.connect(lambda: clicked.append("second"))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    rule = qapp.findChild(EnterActivatesButtons)
    for button, name in ((second, "second"), (first, "first")):
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        assert rule._watched is button
        qtbot.keyClick(button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda name=name: clicked[-1:] == [name], timeout=2_000)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    assert rule._watched is None
    qtbot.keyClick(first, Qt.Key.Key_Return)  # not focused: Enter is not its to take
    qtbot.wait(300)
    assert clicked == ["second", "first"]

"""Input watched where it arrives (the focused widget, the windows), never by a filter on the whole application:
the Enter rule of desktop/keyboard.py and the idle watch of desktop/idle_lock.py."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.idle_lock import IdleTimer
from desktop.keyboard import EnterActivatesButtons, install_keyboard_rules


def _window_with(qtbot):
    window = QWidget()
    first, second = QPushButton("یک", window), QPushButton("دو", window)
    field = QLineEdit(window)
    layout = QVBoxLayout(window)
    for widget in (first, second, field):
        layout.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window, first, second, field


def test_the_idle_watch_counts_keys_to_the_focused_widget_and_clicks_on_the_window(qapp, qtbot):
    _window, first, _second, field = _window_with(qtbot)
    watch = IdleTimer(lambda: 5)
    watch.start(dt.datetime.now(dt.UTC))
    try:
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        watch._last_input = 0.0
        QApplication.sendEvent(first, QEvent(QEvent.Type.StyleChange))  # not input
        assert watch._last_input == 0.0
        qtbot.keyClick(field, Qt.Key.Key_A)
        assert watch._last_input > 0.0
        watch._last_input = 0.0
        qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
        assert watch._last_input > 0.0
    finally:
        watch.stop()
    watch._last_input = 0.0
    qtbot.keyClick(field, Qt.Key.Key_A)
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    assert watch._last_input == 0.0  # stopped: nothing watched


def test_the_enter_rule_watches_the_focused_button_alone(qapp, qtbot):
    install_keyboard_rules(qapp)
    _window, first, second, field = _window_with(qtbot)
    clicked: list[str] = []
    first.clicked.connect(lambda: clicked.append("first"))
    second.clicked.connect(lambda: clicked.append("second"))
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

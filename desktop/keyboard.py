"""Keyboard rules of the whole application, installed once on the QApplication.

- Enter (Return or the keypad's Enter) on a focused button activates it, as Space does. Qt leaves Enter to the
  dialog's default button only, so a keyboard operator who tabs to «تأیید و ارسال» would otherwise press Enter
  and see nothing happen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication

from desktop import app_filters

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterActivatesButtons(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # every event of the application passes here: the cheap questions first, as asking an event its type costs
        # more than the rest of this filter
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QAbstractButton):
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        if event.key() not in _ENTER_KEYS or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if not (watched.isEnabled() and watched.isVisible() and watched.hasFocus()):
            return False
        if event.isAutoRepeat():
            return True  # a held key activates once
        watched.animateClick()
        return True


def install_keyboard_rules(app: QApplication) -> None:
    if app.findChild(EnterActivatesButtons) is None:
        app_filters.install(app, EnterActivatesButtons(app))

"""Keyboard rules of the whole application, installed once on the QApplication.

- Enter (Return or the keypad's Enter) on a focused button activates it, as Space does. Qt leaves Enter to the
  dialog's default button only, so a keyboard operator who tabs to «تأیید و ارسال» would otherwise press Enter
  and see nothing happen.

The rule watches the focused button only, moving with the focus: a filter on the whole application is Python code
that every event of every widget passes through, and it cost about 60 ms of the start-up's 100 ms from making the
window to its first paint.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget


class EnterActivatesButtons(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._watched: QAbstractButton | None = None
        app.focusChanged.connect(self._focus_moved)
        self._focus_moved(None, app.focusWidget())

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = new if isinstance(new, QAbstractButton) else None
        if self._watched is not None:
            self._watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QAbstractButton):
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        from PySide6.QtCore import Qt  # made after the first paint (desktop/qt_names.py)

        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if not (watched.isEnabled() and watched.isVisible() and watched.hasFocus()):
            return False
        if event.isAutoRepeat():
            return True  # a held key activates once
        watched.animateClick()
        return True


_INSTALLED = "pishkhanKeyboardRules"


def install_keyboard_rules(app: QApplication) -> None:
    # a flag on the application, not `findChild`: that wraps each of its children for Python, and the style among
    # them costs the start-up its dozen enums (about 14 ms) before the first paint
    if not app.property(_INSTALLED):
        EnterActivatesButtons(app)
        app.setProperty(_INSTALLED, True)

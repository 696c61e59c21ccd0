"""A choice list or a number field changes its value under the mouse wheel only once it has the focus.

Qt's own: the wheel over a combo box or a spin box gives it the focus and steps its value. An operator scrolling a
long form, or a table of floors, with the pointer resting on one of them changed a floor's use, a filter or a
setting without seeing it. Guarded, such a field passes the wheel on to the page or table around it, which
scrolls; once the operator has clicked or tabbed into it, the wheel steps its value as before.

One filter object serves every guarded field, installed on each of them: never on the whole application
(desktop/keyboard.py says why).
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)
GUARDED = "pishkhanWheelGuarded"


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            # taken from the field but left unaccepted: Qt then offers the wheel to the widgets around it
            event.ignore()
            return True
        return False


_guard: _WheelGuard | None = None


def wheel_when_focused(widget: W) -> W:
    """Guard `widget` (a QComboBox or a QAbstractSpinBox): the wheel steps it only while it has the focus, and no
    longer gives it the focus."""
    global _guard
    if _guard is None:
        _guard = _WheelGuard(QCoreApplication.instance())
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_guard)
    widget.setProperty(GUARDED, True)
    return widget

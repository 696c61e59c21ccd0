"""The mouse wheel over a choice list or a number field that does not have the focus scrolls the page around it and
leaves the value alone; once the field has the focus, the wheel steps it (desktop/widgets/wheel_guard.py)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from desktop.widgets.wheel_guard import wheel_when_focused


def wheel_down(widget: QWidget) -> None:
    """One notch of the wheel, down, with the pointer over `widget`'s centre, as the window system delivers it (Qt
    offers such a wheel to the parents of a widget that leaves it, never a wheel sent by code)."""
    window = widget.window()
    centre = widget.mapTo(window, widget.rect().center())
    QTest.wheelEvent(window.windowHandle(), QPointF(centre), QPoint(0, -120))


def form_in_a_scroll_area(qtbot, guarded: bool) -> tuple[QScrollArea, QComboBox, QSpinBox, QLineEdit]:
    area = QScrollArea()
    area.setWidgetResizable(True)
    content = QWidget()
    column = QVBoxLayout(content)
    other = QLineEdit()
    combo, spin = QComboBox(), QSpinBox()
    combo.addItems(["مسکونی", "تجاری", "اداری"])
    spin.setRange(0, 100)
    spin.setValue(10)
    if guarded:
        wheel_when_focused(combo)
        wheel_when_focused(spin)
    column.addWidget(other)
    column.addWidget(combo)
    column.addWidget(spin)
    column.addSpacing(2000)  # taller than the window: the area scrolls
    area.setWidget(content)
    qtbot.addWidget(area)
    area.resize(400, 300)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(area.isActiveWindow, timeout=5_000)
    other.setFocus()
    return area, combo, spin, other


def test_unguarded_the_wheel_changes_the_field_under_the_pointer(qtbot):
    """Qt's own behaviour, the reason for the guard: the value changes and the page does not scroll."""
    area, combo, spin, _other = form_in_a_scroll_area(qtbot, guarded=False)
    wheel_down(combo)
    wheel_down(spin)
    assert (combo.currentIndex(), spin.value()) != (0, 10)
    assert area.verticalScrollBar().value() == 0


def test_guarded_the_wheel_scrolls_the_page_until_the_field_has_the_focus(qtbot):
    area, combo, spin, other = form_in_a_scroll_area(qtbot, guarded=True)
    wheel_down(combo)
    assert combo.currentIndex() == 0 and other.hasFocus()
    after_combo = area.verticalScrollBar().value()
    assert after_combo > 0
    wheel_down(spin)
    assert spin.value() == 10 and other.hasFocus()
    assert area.verticalScrollBar().value() > after_combo
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel no longer gives it the focus

    area.verticalScrollBar().setValue(0)
    combo.setFocus()
    wheel_down(combo)
    assert combo.currentIndex() == 1
    spin.setFocus()
    wheel_down(spin)
    assert spin.value() == 9

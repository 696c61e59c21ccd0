"""Labels the mouse can select: plain until the pointer comes over them, then their text can be selected and copied."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from desktop.widgets.selectable_label import SelectableLabel


def test_the_pointer_over_a_label_makes_its_text_selectable_with_the_mouse(qtbot):
    label = SelectableLabel("کد رهگیری ۱۴۰۵-۰۰۱۲۳")
    qtbot.addWidget(label)
    assert not label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse  # plain: no text document
    assert label.focusPolicy() == Qt.FocusPolicy.NoFocus
    label.resize(300, 40)
    label.show()
    qtbot.waitExposed(label)
    QTest.mouseMove(label, QPoint(-50, -50))  # from outside the label
    QTest.mouseMove(label, QPoint(5, 20))  # onto it
    qtbot.waitUntil(lambda: bool(label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse))
    assert label.focusPolicy() == Qt.FocusPolicy.ClickFocus  # a click may select; Tab still passes it by
    label.setSelection(0, 3)
    assert label.selectedText() == "کد "
    label.setText("متن تازه")
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse  # and stays so

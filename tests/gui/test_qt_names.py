"""Enum properties written by their keys (desktop/qt_names.py), as the widgets of the first paint do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from desktop.qt_names import set_by_name


def test_a_key_or_keys_set_the_property_as_the_enum_would(qtbot):
    label = QLabel("۱۲۳")
    qtbot.addWidget(label)
    set_by_name(label, "alignment", "AlignAbsolute|AlignRight|AlignVCenter")
    assert (
        label.alignment()
        == Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    set_by_name(label, "textFormat", "PlainText")
    assert label.textFormat() == Qt.TextFormat.PlainText
    field = QLineEdit()
    qtbot.addWidget(field)
    set_by_name(field, "layoutDirection", "LeftToRight")
    assert field.layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.mark.parametrize(
    ("prop", "keys"), [("alignment", "AlignMiddle"), ("textFormat", "Plain"), ("aligment", "AlignLeft")]
)
def test_a_key_or_property_qt_does_not_have_is_an_error_not_ignored(qtbot, prop, keys):
    label = QLabel()
    qtbot.addWidget(label)
    with pytest.raises(ValueError, match=prop):
        set_by_name(label, prop, keys)

"""Pieces of the two cards a signed-out or locked window shows (sign-in and lock): the emblem beside two title
lines, and labels that wrap to the card's width."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from desktop.qt_names import set_by_name
from desktop.theme import emblem


def wrapping_label(label: QLabel) -> QLabel:
    """Plain text that wraps and asks for the height its width needs: a label that wraps its text gives its size
    policy height-for-width itself, each time its text is set (so no QSizePolicy is named on the way to the first
    paint: PySide makes its type, with its enums, about 1 ms)."""
    label.setWordWrap(True)
    set_by_name(label, "textFormat", "PlainText")
    return label


def emblem_header(object_name: str, size: int, first: QLabel, second: QLabel) -> QHBoxLayout:
    """The application's emblem, then two title lines stacked beside it."""
    picture = QLabel(objectName=object_name)
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0  # its screens' highest, as icons use
    picture.setPixmap(emblem(size, ratio))  # sharp on a screen of more pixels than points
    picture.setFixedSize(QSize(size, size))
    picture.setAccessibleName(QCoreApplication.translate("Card", "نشان پیشخوان شهرداری"))
    titles = QVBoxLayout()
    titles.setSpacing(0)
    titles.addWidget(first)
    titles.addWidget(second)
    header = QHBoxLayout()
    header.setSpacing(12)
    header.addWidget(picture)  # of a fixed size: centred in the row's height
    header.addLayout(titles, 1)
    return header

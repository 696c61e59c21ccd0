"""A message strip: an icon and a sentence that wraps and is never cut, coloured by the theme through its tone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QToolButton  # made with the first closable banner: the first paint has none

from desktop import theme
from desktop.qt_names import set_by_name

ICON_SIZE = 18
_TONE_ICONS = {"error": "warning", "warning": "warning", "success": "check", "info": "info", "muted": "info"}


class MessageBanner(QFrame):
    """One message at a time. `show_message(text, tone)` shows it; `clear()` hides the strip.

    The label wraps words and the strip grows in height to fit them (heightForWidth), so a long sentence at a
    narrow width gets more lines, never a cut. With `closable=True` a small button lets the operator dismiss it.
    """

    closed = Signal()

    def __init__(self, parent: QWidget | None = None, *, closable: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.setProperty("banner", True)  # the theme styles banners by this, so an owner may rename the widget
        self.setProperty("tone", "info")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        self.icon_label = QLabel()
        self.icon_label.setObjectName("messageBannerIcon")
        # as wide as the icon and as tall as the text, the icon at its top (one line or many)
        self.icon_label.setFixedWidth(ICON_SIZE)
        self.icon_label.setMinimumHeight(ICON_SIZE)
        set_by_name(self.icon_label, "alignment", "AlignHCenter|AlignTop")
        self.text_label = QLabel()
        self.text_label.setObjectName("messageBannerText")
        self.text_label.setWordWrap(True)
        set_by_name(self.text_label, "textFormat", "PlainText")
        set_by_name(self.text_label, "textInteractionFlags", "TextSelectableByMouse")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.text_label.setSizePolicy(policy)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.text_label, 1)

        self.close_button: QToolButton | None = None
        if closable:
            from PySide6.QtWidgets import QToolButton

            self.close_button = QToolButton()
            self.close_button.setObjectName("messageBannerClose")
            self.close_button.setIcon(theme.icon("close"))
            self.close_button.setAutoRaise(True)
            self.close_button.setToolTip(self.tr("بستن پیام"))
            self.close_button.setAccessibleName(self.tr("بستن پیام"))
            self.close_button.clicked.connect(self._close_clicked)
            from PySide6.QtCore import Qt  # made after the first paint, which has no closable banner (qt_names)

            layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)  # beside the first line
        self.hide()

    def show_message(self, text: str, tone: str = "info") -> None:
        if not text:
            self.clear()
            return
        theme.set_tone(self, tone)
        theme.set_tone(self.text_label, tone)
        name = _TONE_ICONS.get(tone, "info")
        self.icon_label.setPixmap(theme.icon(name).pixmap(QSize(ICON_SIZE, ICON_SIZE)))
        self.text_label.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def clear(self) -> None:
        self.text_label.clear()
        self.hide()

    def text(self) -> str:
        return self.text_label.text()

    def tone(self) -> str:
        return str(self.property("tone") or "")

    def _close_clicked(self) -> None:
        self.clear()
        self.closed.emit()

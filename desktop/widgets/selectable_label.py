"""A label whose text the mouse can select (to copy a value, a number, a sentence), made selectable the first time
the pointer comes over it.

A selectable QLabel keeps its text in a text document of its own: it takes about twice as long to make, lay out and
paint as a plain one, and a page or a fee line's explanation shows dozens of them at once. The mouse has to come over
a label before it can select anything there, so until then the label is a plain one; the keyboard never selects in
a label, with or without this.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QLabel


class SelectableLabel(QLabel):
    def enterEvent(self, event: QEnterEvent) -> None:
        if not self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        super().enterEvent(event)

"""The error dialog of `desktop.crash`: «An unexpected error happened», the details (selectable, free of secrets)
and a button that copies them.

Its own module, so that the start-up does not build its Qt classes before the first paint: `desktop.crash` imports
it when it first shows an error, and the window loads it ahead with the pages' modules.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop.qt_names import set_by_name


class CrashDialog(QDialog):
    """«An unexpected error happened»: the sentence, the details (selectable) and a button that copies them."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("خطای پیش‌بینی‌نشده"))
        self.setModal(True)
        self.resize(640, 420)
        self.message = QLabel(
            self.tr(
                "خطای پیش‌بینی‌نشده‌ای در برنامه رخ داد و جزئیات آن در گزارش برنامه ثبت شد. کار را ادامه دهید؛ "
                "اگر دوباره رخ داد، جزئیات را رونوشت کنید و برای پشتیبانی بفرستید."
            )
        )
        self.message.setObjectName("crashMessage")
        self.message.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setObjectName("crashDetails")
        self.details.setReadOnly(True)
        self.details.setPlainText(details)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        set_by_name(self.details, "layoutDirection", "LeftToRight")  # a traceback reads left to right
        self.details.setTabChangesFocus(True)
        self.copy_button = QPushButton(self.tr("رونوشت جزئیات"))
        self.copy_button.setObjectName("copyDetails")
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("بستن"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def add_details(self, details: str) -> None:
        self.details.appendPlainText("\n" + "-" * 72 + "\n" + details)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("رونوشت شد"))

"""Home: who is signed in, at which office, on which server."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from civic.jalali import format_jalali_datetime
from client_api import Health, Operator
from desktop.messages import current_language, isolate

RLM = "\u200f"


class HomePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.greeting = QLabel(objectName="pageTitle")
        self.keyring_banner = QLabel(objectName="keyringBanner")
        self.keyring_banner.setWordWrap(True)
        self.keyring_banner.setStyleSheet("background: #fff4ce; padding: 8px; border-radius: 4px;")
        self.keyring_banner.hide()

        self.office_name = self._data_label("officeName")
        self.office_code = self._data_label("officeCode")
        self.office_kind = QLabel(objectName="officeKind")
        self.roles = QLabel(objectName="roles")
        self.terminal = self._data_label("terminalId")
        self.signed_in_at = self._data_label("signedInAt")
        self.environment = QLabel(objectName="environment")

        card = QFrame(objectName="homeCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(card)
        form.addRow(self.tr("دفتر"), self.office_name)
        form.addRow(self.tr("کد دفتر"), self.office_code)
        form.addRow(self.tr("نوع دفتر"), self.office_kind)
        form.addRow(self.tr("نقش‌ها"), self.roles)
        form.addRow(self.tr("شناسه پایانه"), self.terminal)
        form.addRow(self.tr("زمان ورود"), self.signed_in_at)
        form.addRow(self.tr("محیط سامانه"), self.environment)

        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addWidget(self.keyring_banner)
        layout.addWidget(card)
        layout.addStretch(1)

    @staticmethod
    def _data_label(name: str) -> QLabel:
        label = QLabel(objectName=name)
        label.setProperty("pishkhanData", True)  # server data, shown as given
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a code like PK-1001 is left-to-right text: QLabel would align it by its own direction, so pin it to
        # the reading side of the page
        side = Qt.AlignmentFlag.AlignRight if label.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
        label.setAlignment(Qt.AlignmentFlag.AlignAbsolute | side | Qt.AlignmentFlag.AlignVCenter)
        return label

    def role_name(self, role: str) -> str:
        names = {
            "counter": self.tr("اپراتور پیشخوان"),
            "cashier": self.tr("صندوق‌دار"),
            "notary": self.tr("کارمند دفتر اسناد رسمی"),
        }
        return names.get(role, role)

    def office_kind_name(self, kind: str) -> str:
        names = {"counter": self.tr("دفتر پیشخوان دولت"), "notary": self.tr("دفتر اسناد رسمی")}
        return names.get(kind, kind)

    def show_session(
        self, operator: Operator, health: Health, signed_in_at: dt.datetime, keyring_warning: str | None
    ) -> None:
        self.greeting.setText(self.tr("خوش آمدید، {name}").format(name=isolate(operator.display_name)))
        self.office_name.setText(operator.office.name)
        self.office_code.setText(operator.office.code)
        self.office_kind.setText(self.office_kind_name(operator.office.kind))
        separator = "، " if current_language() == "fa" else ", "
        self.roles.setText(separator.join(self.role_name(role) for role in operator.roles))
        self.terminal.setText(operator.terminal_id)
        persian = current_language() == "fa"
        stamp = format_jalali_datetime(signed_in_at, persian_digits=persian)
        self.signed_in_at.setText(RLM + stamp if persian else stamp)  # date, then time, read right to left
        self.environment.setText(self.tr("آموزشی (داده‌های نمونه)") if health.is_training else self.tr("عملیاتی"))
        if keyring_warning:
            self.keyring_banner.setText(
                self.tr(
                    "گاوصندوق امن سیستم‌عامل در دسترس نیست؛ نشست فقط تا بستن برنامه در حافظه نگه داشته می‌شود "
                    "و در هیچ پرونده‌ای ذخیره نمی‌شود."
                )
            )
        self.keyring_banner.setVisible(bool(keyring_warning))

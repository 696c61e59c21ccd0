"""The cashier session strip at the top of the cashier page: the open session (since when, the float, the business
day), or, when none is open, the float to open one with and «باز کردن صندوق»."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from civic.jalali import format_jalali_datetime
from client_api.cashier import CashierSession
from desktop.formatting import current_language, digits, format_amount
from desktop.forms import Form, parse_amount
from desktop.theme import icon, set_tone


class SessionBox(QFrame):
    open_requested = Signal()
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cashierSessionBox")
        self.status = QLabel(objectName="cashierSessionStatus")
        self.status.setWordWrap(True)
        self.float_label = QLabel(self.tr("موجودی اولیه صندوق (ریال):"))
        self.float_field = QLineEdit(objectName="cashierFloat")
        self.float_field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.float_field.textEdited.connect(lambda _t: self.edited.emit())
        self.open_button = QPushButton(icon("add"), self.tr("باز کردن صندوق"), objectName="cashierOpen")
        self.open_button.clicked.connect(self.open_requested)
        self.float_field.returnPressed.connect(self.open_requested)
        self.form = Form(self)
        self.form.bind(
            "float_rials",
            self.float_field,
            lambda: self.tr("موجودی اولیه صندوق (ریال)"),
            lambda text: parse_amount(text),
            required=True,
        )
        layout = QHBoxLayout(self)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.float_label)
        layout.addWidget(self.float_field)
        layout.addWidget(self.open_button)
        self.show_checking()

    def show_checking(self) -> None:
        self._set(self.tr("در حال پرسیدن صندوق باز این کاربر از سامانه…"), "muted", inputs=False)

    def show_session(self, session: CashierSession) -> None:
        lang = current_language()
        self._set(
            self.tr("صندوق باز است از {opened}؛ روز کاری {day}؛ موجودی اولیه {amount} ریال.").format(
                opened=format_jalali_datetime(session.opened_at, persian_digits=lang == "fa"),
                day=digits(session.business_date, lang),
                amount=format_amount(session.float_rials, lang),
            ),
            "success",
            inputs=False,
        )

    def show_closed(self, text: str = "") -> None:
        self._set(text or self.tr("صندوقی باز نیست. برای دریافت وجه، صندوق را با موجودی اولیه باز کنید."), "info")

    def show_opening(self) -> None:
        self._set(self.tr("باز شدن صندوق در انتظار تأیید شهرداری است…"), "warning", inputs=False)

    def show_error(self, text: str) -> None:
        self._set(text, "error")

    def _set(self, text: str, tone: str, *, inputs: bool = True) -> None:
        self.status.setText(text)
        set_tone(self.status, tone)
        for widget in (self.float_label, self.float_field, self.open_button):
            widget.setVisible(inputs)

"""The card payment form: the bills' total, the amount the card terminal charged, its RRN and trace number (typed, or
scanned from the terminal's slip), the masked card number, and who pays.

Each field is read through the form layer (desktop/forms.py): a wrong value is outlined and named in one sentence
(«شماره مرجع (RRN): باید ۱۲ رقم باشد»), and nothing typed is changed. The amount charged must equal the ticked bills'
total to the rial; the server checks that again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from civic.errors import CivicValueError
from civic.ids import national_id
from client_api.cashier import Bill
from desktop.cashier_record import RRN_DIGITS, TRACE_DIGITS, card_mask, terminal_digits
from desktop.formatting import current_language, digits, format_amount, format_number
from desktop.forms import Form, ParseError, Problem, parse_amount
from desktop.theme import icon, set_tone

FIELDS = ("amount_rials", "rrn", "trace", "card_mask", "payer_name", "payer_national_id")


def _digits_parser(count: int) -> Any:
    def parse(text: str) -> str:
        value = terminal_digits(text, count)
        if value is None:
            raise ParseError(
                QCoreApplication.translate("CashierPayForm", "باید {count} رقم باشد").format(count=format_number(count))
            )
        return value

    return parse


def _parse_mask(text: str) -> str:
    value = card_mask(text)
    if value is None:
        raise ParseError(
            QCoreApplication.translate("CashierPayForm", "باید ۱۶ نویسه باشد: شش رقم اول، ستاره‌ها و چهار رقم آخر")
        )
    return value


def _parse_national_id(text: str) -> str:
    try:
        return national_id(text)
    except CivicValueError as exc:
        raise ParseError(exc.message("fa" if current_language() == "fa" else "en")) from exc


class PayForm(QWidget):
    pay_requested = Signal()
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total_label = QLabel(objectName="cashierTotal")
        self.total_label.setProperty("heading", "section")
        self.amount = QLineEdit(objectName="cashierAmount")
        self.rrn = QLineEdit(objectName="cashierRrn")
        self.trace = QLineEdit(objectName="cashierTrace")
        self.card = QLineEdit(objectName="cashierCardMask")
        self.payer = QLineEdit(objectName="cashierPayerName")
        self.payer_id = QLineEdit(objectName="cashierPayerNationalId")
        for field in (self.amount, self.rrn, self.trace, self.card, self.payer_id):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.rrn.setPlaceholderText(self.tr("۱۲ رقم، از رسید کارت‌خوان"))
        self.trace.setPlaceholderText(self.tr("۶ رقم"))
        self.card.setPlaceholderText(digits("603799******1234"))
        self.pay_button = QPushButton(icon("check", on_accent=True), self.tr("پرداخت"))
        self.pay_button.setObjectName("cashierPay")
        self.pay_button.setProperty("primary", True)
        self.pay_button.setToolTip(self.tr("میان‌بر: Ctrl+Enter"))
        self.pay_button.clicked.connect(self.pay_requested)
        self.status = QLabel(objectName="cashierPayStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.form = Form(self)
        labels = {
            "amount_rials": lambda: self.tr("مبلغ کشیده‌شده با کارت‌خوان (ریال)"),
            "rrn": lambda: self.tr("شماره مرجع تراکنش"),
            "trace": lambda: self.tr("شماره پیگیری کارت‌خوان"),
            "card_mask": lambda: self.tr("شماره کارت (پوشیده)"),
            "payer_name": lambda: self.tr("نام پرداخت‌کننده"),
            "payer_national_id": lambda: self.tr("کد ملی پرداخت‌کننده"),
        }
        self.form.bind("amount_rials", self.amount, labels["amount_rials"], parse_amount, required=True)
        self.form.bind("rrn", self.rrn, labels["rrn"], _digits_parser(RRN_DIGITS), required=True)
        self.form.bind("trace", self.trace, labels["trace"], _digits_parser(TRACE_DIGITS), required=True)
        self.form.bind("card_mask", self.card, labels["card_mask"], _parse_mask, required=True)
        self.form.bind("payer_name", self.payer, labels["payer_name"], required=True)
        self.form.bind("payer_national_id", self.payer_id, labels["payer_national_id"], _parse_national_id)
        # two fields a row, each name above its field: the form stays low enough to leave the bills table room
        rows = QGridLayout()
        rows.setColumnStretch(0, 1)
        rows.setColumnStretch(1, 1)
        for i, (name, widget) in enumerate(
            (
                ("amount_rials", self.amount),
                ("rrn", self.rrn),
                ("trace", self.trace),
                ("card_mask", self.card),
                ("payer_name", self.payer),
                ("payer_national_id", self.payer_id),
            )
        ):
            label = QLabel(labels[name]() + ":")
            label.setWordWrap(True)
            label.setBuddy(widget)
            rows.addWidget(label, (i // 2) * 2, i % 2)
            rows.addWidget(widget, (i // 2) * 2 + 1, i % 2)
            widget.textEdited.connect(lambda _t: self.edited.emit())
        # a scanner types the terminal's number and Enter: Enter moves to the next field, the last one pays
        self.amount.returnPressed.connect(self.rrn.setFocus)
        self.rrn.returnPressed.connect(self.trace.setFocus)
        self.trace.returnPressed.connect(self.card.setFocus)
        self.card.returnPressed.connect(self.payer.setFocus)
        self.payer.returnPressed.connect(self.payer_id.setFocus)
        self.payer_id.returnPressed.connect(self.pay_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("جمع قبض‌های انتخاب‌شده:")))
        buttons.addWidget(self.total_label)
        buttons.addStretch(1)
        buttons.addWidget(self.pay_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(rows)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.set_bills([])

    def set_bills(self, bills: list[Bill]) -> None:
        self.total_rials = sum(bill.amount_rials for bill in bills)
        self.total_label.setText(self.tr("{amount} ریال").format(amount=format_amount(self.total_rials)))
        if bills:
            first = bills[0]
            if not self.payer.text().strip():
                self.payer.setText(first.payer_name)
            if not self.payer_id.text().strip():
                self.payer_id.setText(first.payer_national_id)

    def read(self, bills: list[Bill]) -> tuple[dict[str, Any], list[Problem]]:
        values, problems = self.form.read()
        if not bills:
            problems.insert(0, Problem("bills", self.tr("هیچ قبضی برای پرداخت انتخاب نشده است")))
        amount = values.get("amount_rials")
        if isinstance(amount, int) and bills and amount != self.total_rials:
            problems.append(
                Problem(
                    "amount_rials",
                    self.tr("با جمع قبض‌ها ({total} ریال) برابر نیست").format(total=format_amount(self.total_rials)),
                )
            )
        return values, problems

    def present(self, problems: list[Problem]) -> str | None:
        self.form.attempt_submit()
        if problems and problems[0].field == "bills":
            return self.tr("قبض‌ها: {message}").format(message=problems[0].message)
        return self.form.present(problems, focus=True)

    def label(self, field: str) -> str:
        return self.form.label(field)

    def show_status(self, text: str, tone: str) -> None:
        self.status.setText(text)
        set_tone(self.status, tone)

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.amount, self.rrn, self.trace, self.card, self.payer, self.payer_id, self.pay_button):
            widget.setEnabled(enabled)

    def clear_payment(self) -> None:
        """After a payment was recorded: the next citizen's fields are empty."""
        for widget in (self.amount, self.rrn, self.trace, self.card, self.payer, self.payer_id):
            widget.clear()
        self.form.reset()

    def texts(self) -> dict[str, str]:
        return {name: binding.text() for name, binding in self.form.bindings.items()}

    def fill(self, texts: dict[str, Any]) -> None:
        for name, binding in self.form.bindings.items():
            widget = binding.widget
            if isinstance(widget, QLineEdit) and isinstance(texts.get(name), str):
                widget.setText(texts[name])

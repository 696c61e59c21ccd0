"""Today's payments of the open cashier session, as the counter's record holds them (desktop/cashier_record.py):
the time, the receipt number the server issued (or «در انتظار تأیید شهرداری» while the outbox holds the payment),
the bills, the amount and the status; with «چاپ المثنی» (Ctrl+P) and «ابطال…», which asks for a reason first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from civic.jalali import TEHRAN
from client_api.cashier import VOIDED
from client_api.outbox import State
from desktop.cashier_record import CounterPayment
from desktop.formatting import AMOUNT_ALIGNMENT, current_language, digits, format_amount
from desktop.theme import icon, set_tone

Index = QModelIndex | QPersistentModelIndex
TIME, RECEIPT, BILLS, AMOUNT, STATUS = range(5)


def waiting_text() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("CashierPayments", "در انتظار تأیید شهرداری")


class PaymentsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CounterPayment] = []

    def set_rows(self, rows: list[CounterPayment]) -> None:
        self.beginResetModel()
        self.rows = list(reversed(rows))  # newest first
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("ساعت"), self.tr("شماره رسید"), self.tr("قبض‌ها"), self.tr("مبلغ (ریال)"), self.tr("وضعیت")][
            section
        ]

    def status_text(self, row: CounterPayment) -> str:
        if row.waiting:
            return waiting_text()
        if row.void_waiting:
            return self.tr("ابطال در انتظار تأیید شهرداری")
        if row.status == VOIDED:
            return self.tr("باطل‌شده")
        return self.tr("پرداخت‌شده")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == AMOUNT:
            return AMOUNT_ALIGNMENT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        lang = current_language()
        column = index.column()
        if column == TIME:
            return digits(row.at.astimezone(TEHRAN).strftime("%H:%M"), lang)
        if column == RECEIPT:
            return digits(row.receipt_number, lang) if row.receipt_number else waiting_text()
        if column == BILLS:
            return row.titles if row.payment is not None else digits(row.titles, lang)
        if column == AMOUNT:
            return format_amount(row.amount_rials, lang)
        return self.status_text(row)


class PaymentsPanel(QWidget):
    reprint_requested = Signal(object)  # CounterPayment
    void_requested = Signal(object, str)  # CounterPayment, the reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("پرداخت‌های امروز این صندوق"))
        title.setProperty("heading", "section")
        self.model = PaymentsModel(self)
        # made in place: a styled widget moved to another parent is styled again
        self.table = QTableView(self, objectName="cashierPayments")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(BILLS, QHeaderView.ResizeMode.Stretch)
        self.reprint_button = QPushButton(icon("print"), self.tr("چاپ المثنی"), objectName="cashierReprint")
        self.reprint_button.setToolTip(self.tr("میان‌بر: Ctrl+P"))
        self.void_button = QPushButton(icon("remove"), self.tr("ابطال…"), objectName="cashierVoid")
        self.reprint_button.clicked.connect(self._reprint)
        self.void_button.clicked.connect(self.ask_void)

        self.void_bar = QFrame(objectName="cashierVoidBar")
        set_tone(self.void_bar, "warning")
        self.void_question = QLabel(objectName="cashierVoidQuestion")
        self.void_question.setWordWrap(True)
        self.void_reason = QLineEdit(objectName="cashierVoidReason")
        self.void_reason.setPlaceholderText(self.tr("دلیل ابطال (لازم)"))
        self.void_confirm = QPushButton(self.tr("ابطال شود"), objectName="cashierVoidConfirm")
        self.void_cancel = QPushButton(self.tr("انصراف"), objectName="cashierVoidCancel")
        self.void_confirm.clicked.connect(self._confirm_void)
        self.void_cancel.clicked.connect(self.hide_void)
        self.void_reason.returnPressed.connect(self._confirm_void)
        bar = QVBoxLayout(self.void_bar)
        bar.addWidget(self.void_question)
        row = QHBoxLayout()
        row.addWidget(self.void_reason, 1)
        row.addWidget(self.void_confirm)
        row.addWidget(self.void_cancel)
        bar.addLayout(row)
        self.void_bar.hide()
        self._void_target: CounterPayment | None = None

        title.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.void_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.void_bar)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def set_rows(self, rows: list[CounterPayment]) -> None:
        current = self.current()
        self.model.set_rows(rows)
        ids = [row.payment_id for row in self.model.rows]
        if current is not None and current.payment_id in ids:
            self.select(current.payment_id)
        elif ids:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()

    def current(self) -> CounterPayment | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def select(self, payment_id: str) -> None:
        for i, row in enumerate(self.model.rows):
            if row.payment_id == payment_id:
                self.table.setCurrentIndex(self.model.index(i, 0))

    def _update_buttons(self) -> None:
        row = self.current()
        answered = row is not None and row.payment is not None
        self.reprint_button.setEnabled(answered)
        self.void_button.setEnabled(answered and row is not None and row.status != VOIDED and not row.void_waiting)

    def _reprint(self) -> None:
        row = self.current()
        if row is not None and row.payment is not None:
            self.reprint_requested.emit(row)

    def ask_void(self) -> None:
        row = self.current()
        if row is None or row.payment is None or row.status == VOIDED:
            return
        self._void_target = row
        self.void_question.setText(
            self.tr(
                "رسید {number} به مبلغ {amount} ریال باطل شود؟ ابطال حذف نیست: با دلیل در سامانه ثبت می‌شود."
            ).format(number=digits(row.receipt_number), amount=format_amount(row.amount_rials))
        )
        self.void_bar.show()
        self.void_reason.setFocus()

    def hide_void(self) -> bool:
        if self.void_bar.isHidden():
            return False
        self.void_bar.hide()
        self._void_target = None
        self.void_button.setFocus()
        return True

    def _confirm_void(self) -> None:
        target = self._void_target
        reason = self.void_reason.text().strip()
        if target is None:
            return
        if not reason:
            from desktop.theme import set_invalid

            set_invalid(self.void_reason, True)
            self.void_question.setText(self.tr("دلیل ابطال: لازم است"))
            self.void_reason.setFocus()
            return
        self.void_bar.hide()
        self._void_target = None
        self.void_reason.clear()
        self.void_requested.emit(target, reason)

    @staticmethod
    def settled(state: State) -> bool:
        return state in (State.DONE, State.REJECTED, State.NOT_SENT)

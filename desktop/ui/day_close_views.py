"""The day close's lists: the reconciliation per transaction id (model/view), the totals per kind of bill, and the
decision the operator records, with a reason, for each payment in doubt."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QWidget,
)

from civic.jalali import TEHRAN
from client_api.cashier import COMPLETED, NOT_TAKEN, Decision
from desktop.cashier_record import ReconciledRow
from desktop.formatting import AMOUNT_ALIGNMENT, current_language, digits, format_amount
from desktop.ui.cashier_bills import bill_kind_name
from desktop.widgets.wheel_guard import wheel_when_focused
from printing.model import IN_DOUBT, MATCHED, MISSING_ON_SERVER, UNKNOWN_TO_COUNTER, KindTotal

Index = QModelIndex | QPersistentModelIndex
CATEGORY, TIME, TRANSACTION, RECEIPT, AMOUNT, COUNTER, SERVER = range(7)


def category_name(category: str) -> str:
    names = {
        MATCHED: QCoreApplication.translate("DayClose", "مطابق"),
        MISSING_ON_SERVER: QCoreApplication.translate("DayClose", "در سامانه شهرداری نیست"),
        UNKNOWN_TO_COUNTER: QCoreApplication.translate("DayClose", "در صندوق ثبت نشده"),
        IN_DOUBT: QCoreApplication.translate("DayClose", "نتیجه نامعلوم"),
    }
    return names.get(category, category)


def status_name(status: str | None) -> str:
    if not status:
        return "—"
    names = {
        "paid": QCoreApplication.translate("DayClose", "پرداخت‌شده"),
        "voided": QCoreApplication.translate("DayClose", "باطل‌شده"),
    }
    return names.get(status, status)


def _table(name: str, parent: QWidget) -> QTableView:
    table = QTableView(parent, objectName=name)
    table.setTabKeyNavigation(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ReconciliationModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ReconciledRow] = []

    def set_rows(self, rows: list[ReconciledRow]) -> None:
        self.beginResetModel()
        order = {MISSING_ON_SERVER: 0, UNKNOWN_TO_COUNTER: 1, IN_DOUBT: 2, MATCHED: 3}
        self.rows = sorted(rows, key=lambda r: (order.get(r.category, 4), r.at))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            self.tr("تطبیق"),
            self.tr("ساعت"),
            self.tr("شناسه تراکنش"),
            self.tr("شماره رسید"),
            self.tr("مبلغ (ریال)"),
            self.tr("صندوق"),
            self.tr("سامانه شهرداری"),
        ][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == AMOUNT:
            return AMOUNT_ALIGNMENT
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TRANSACTION:
            return row.transaction_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        lang = current_language()
        return {
            CATEGORY: category_name(row.category),
            TIME: digits(row.at.astimezone(TEHRAN).strftime("%H:%M"), lang),
            TRANSACTION: row.transaction_id[:8] + "…",  # the whole id in the tooltip and on the printed report
            RECEIPT: digits(row.receipt_number, lang) if row.receipt_number else "—",
            AMOUNT: format_amount(row.amount_rials, lang),
            COUNTER: status_name(row.counter_status),
            SERVER: status_name(row.server_status),
        }[index.column()]


class KindTotalsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[KindTotal] = []

    def set_rows(self, rows: list[KindTotal]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("نوع قبض"), self.tr("صندوق (ریال)"), self.tr("سامانه شهرداری (ریال)"), self.tr("اختلاف")][
            section
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return AMOUNT_ALIGNMENT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        lang = current_language()
        if index.column() == 0:
            return bill_kind_name(row.kind)
        value = (row.counter_rials, row.server_rials, row.difference_rials)[index.column() - 1]
        text = format_amount(abs(value), lang)
        return ("−" + text) if value < 0 else text


def reconciliation_table(parent: QWidget) -> tuple[QTableView, ReconciliationModel]:
    table = _table("dayCloseTransactions", parent)
    model = ReconciliationModel(table)
    table.setModel(model)
    return table, model


def kind_totals_table(parent: QWidget) -> tuple[QTableView, KindTotalsModel]:
    table = _table("dayCloseKindTotals", parent)
    # as wide as all its columns, so the layout beside it never cuts one
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    table.horizontalHeader().setStretchLastSection(False)
    rows_shown = 4  # the kinds of bill and the total stay in sight however the page's splitter is set
    table.setMinimumHeight(
        table.horizontalHeader().sizeHint().height()
        + rows_shown * table.verticalHeader().defaultSectionSize()
        + 2 * table.frameWidth()
    )
    model = KindTotalsModel(table)
    table.setModel(model)

    def fit() -> None:  # wider amounts widen the table, whatever width the splitter gave it first
        header = table.horizontalHeader()
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        slack = table.verticalScrollBar().sizeHint().width()
        table.setMinimumWidth(header.length() + 2 * table.frameWidth() + slack)

    model.modelReset.connect(fit)
    fit()
    return table, model


class DecisionsPanel(QWidget):
    """One row per payment in doubt: the decision (completed, not taken) and its reason, both required to close."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayCloseDecisions")
        self.rows: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self._layout = QFormLayout(self)

    def set_rows(self, rows: list[ReconciledRow]) -> None:
        kept = {tid: (c.currentIndex(), r.text()) for tid, (c, r) in self.rows.items()}
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self.rows = {}
        for row in rows:
            # made in place, the combo box too: a styled widget moved to another parent is styled again
            box = QWidget(self)
            choice = wheel_when_focused(QComboBox(box, objectName=f"decision-{row.transaction_id}"))
            choice.addItem(self.tr("— تصمیم را انتخاب کنید —"), "")
            choice.addItem(self.tr("انجام‌شده: وجه از کارت کسر شد"), COMPLETED)
            choice.addItem(self.tr("انجام‌نشده: وجهی کسر نشد"), NOT_TAKEN)
            reason = QLineEdit(objectName=f"reason-{row.transaction_id}")
            reason.setPlaceholderText(self.tr("دلیل (لازم)"))
            if row.transaction_id in kept:
                choice.setCurrentIndex(kept[row.transaction_id][0])
                reason.setText(kept[row.transaction_id][1])
            choice.activated.connect(lambda _i: self.edited.emit())
            reason.textEdited.connect(lambda _t: self.edited.emit())
            from PySide6.QtWidgets import QHBoxLayout

            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(choice)
            line.addWidget(reason, 1)
            label = self.tr("{amount} ریال، {id}:").format(
                amount=format_amount(row.amount_rials), id=row.transaction_id[:8]
            )
            self._layout.addRow(label, box)
            self.rows[row.transaction_id] = (choice, reason)

    def decisions(self) -> tuple[list[Decision], str | None]:
        """The decisions recorded, and the first missing one's sentence (None when every one is complete)."""
        made: list[Decision] = []
        for tid, (choice, reason) in self.rows.items():
            decision, why = str(choice.currentData() or ""), reason.text().strip()
            if not decision:
                choice.setFocus()
                return made, self.tr("برای تراکنش نامعلوم {id} تصمیم ثبت نشده است.").format(id=tid[:8])
            if not why:
                reason.setFocus()
                return made, self.tr("دلیل تصمیم برای تراکنش نامعلوم {id}: لازم است").format(id=tid[:8])
            made.append(Decision(tid, decision, why))
        return made, None

    def set_decision(self, transaction_id: str, decision: str, reason: str) -> None:
        choice, why = self.rows[transaction_id]
        choice.setCurrentIndex(choice.findData(decision))
        why.setText(reason)

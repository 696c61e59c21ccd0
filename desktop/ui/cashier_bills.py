"""The cashier's bill lookup: the bill id / payment id pair (typed, or scanned: a scanner types the ids, or the
26-digit barcode, and Enter), a national ID or a renovation code; the bills found, in a table whose rows are ticked
for payment.

Every lookup adds the bills it finds to the table (a citizen's bills are often scanned one after another); a bill
found by its ids is ticked at once, and a paid one can never be ticked. The ids are checked here first (check digits,
civic/bills.py), and a wrong one is named with its field; what was typed stays as typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from civic.bills import BARCODE_DIGITS, BillIdError, parse_barcode, parse_bill, parse_bill_id
from civic.errors import CivicValueError
from civic.ids import national_id
from civic.text import digits_only, normalize_digits
from client_api.cashier import Bill
from desktop.formatting import AMOUNT_ALIGNMENT, code, current_language, digits, format_amount
from desktop.theme import icon, set_invalid

Index = QModelIndex | QPersistentModelIndex
CHECK, TITLE, PERIOD, BILL_ID, PAYMENT_ID, PAYER, AMOUNT, STATUS = range(8)


def bill_kind_name(kind: str) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {
        "renovation": QCoreApplication.translate("CashierBills", "عوارض نوسازی"),
        "waste": QCoreApplication.translate("CashierBills", "عوارض پسماند"),
        "business": QCoreApplication.translate("CashierBills", "عوارض صنفی"),
        "permit": QCoreApplication.translate("CashierBills", "عوارض پروانه ساختمانی"),
    }
    return names.get(kind, kind)


class BillsModel(QAbstractTableModel):
    """The bills found, with a tick per row for those to pay."""

    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bills: list[Bill] = []
        self.ticked: set[tuple[str, str]] = set()

    def add(self, bills: list[Bill], *, tick: bool) -> int:
        """Add the bills not yet listed (a listed one is refreshed); tick the unpaid ones when asked. Returns how
        many rows are new."""
        known = {bill.ref: i for i, bill in enumerate(self.bills)}
        new = [bill for bill in bills if bill.ref not in known]
        for bill in bills:
            if bill.ref in known:
                self.bills[known[bill.ref]] = bill
                if bill.paid:
                    self.ticked.discard(bill.ref)
        if new:
            self.beginInsertRows(QModelIndex(), len(self.bills), len(self.bills) + len(new) - 1)
            self.bills.extend(new)
            self.endInsertRows()
        if tick:
            self.ticked.update(bill.ref for bill in bills if not bill.paid)
        self.dataChanged.emit(self.index(0, 0), self.index(max(0, len(self.bills) - 1), STATUS))
        self.selection_changed.emit()
        return len(new)

    def clear(self) -> None:
        self.beginResetModel()
        self.bills, self.ticked = [], set()
        self.endResetModel()
        self.selection_changed.emit()

    def selected(self) -> list[Bill]:
        return [bill for bill in self.bills if bill.ref in self.ticked and not bill.paid]

    def set_ticked(self, row: int, ticked: bool) -> None:
        bill = self.bills[row]
        if bill.paid:
            return
        (self.ticked.add if ticked else self.ticked.discard)(bill.ref)
        self.dataChanged.emit(self.index(row, CHECK), self.index(row, CHECK))
        self.selection_changed.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self.bills)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            self.tr("پرداخت"),
            self.tr("شرح"),
            self.tr("دوره"),
            self.tr("شناسه قبض"),
            self.tr("شناسه پرداخت"),
            self.tr("پرداخت‌کننده"),
            self.tr("مبلغ (ریال)"),
            self.tr("وضعیت"),
        ][section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == CHECK and not self.bills[index.row()].paid:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == CHECK:
            self.set_ticked(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        return False

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        bill = self.bills[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == CHECK:
            return Qt.CheckState.Checked if bill.ref in self.ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            return AMOUNT_ALIGNMENT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        lang = current_language()
        values = {
            CHECK: "",
            TITLE: bill.title,
            PERIOD: digits(bill.period, lang),
            BILL_ID: digits(bill.bill_id, lang),
            PAYMENT_ID: digits(bill.payment_id, lang),
            PAYER: bill.payer_name,
            AMOUNT: format_amount(bill.amount_rials, lang),
            STATUS: self.tr("پرداخت‌شده") if bill.paid else self.tr("پرداخت‌نشده"),
        }
        return values[column]


class _BillTable(QTableView):
    """Space ticks the current row; Tab leaves the table."""

    def keyPressEvent(self, event: Any) -> None:
        model = self.model()
        if event.key() == Qt.Key.Key_Space and isinstance(model, BillsModel) and self.currentIndex().isValid():
            row = self.currentIndex().row()
            model.set_ticked(row, model.bills[row].ref not in model.ticked)
            event.accept()
            return
        super().keyPressEvent(event)


class Lookup:
    """What one lookup asks the server for (keyword arguments of `client_api.cashier.bills`), and whether the bills
    it finds are ticked at once."""

    def __init__(self, params: dict[str, str], *, tick: bool) -> None:
        self.params = params
        self.tick = tick


class BillLookup(QWidget):
    """The lookup fields and the table of bills found. `lookup_requested(Lookup)` asks the page to search."""

    lookup_requested = Signal(object)
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bill_id = QLineEdit(objectName="cashierBillId")
        self.bill_id.setPlaceholderText(self.tr("شناسه قبض یا بارکد"))
        self.payment_id = QLineEdit(objectName="cashierPaymentId")
        self.payment_id.setPlaceholderText(self.tr("شناسه پرداخت"))
        self.person = QLineEdit(objectName="cashierPayerKey")
        self.person.setPlaceholderText(self.tr("کد ملی یا کد نوسازی"))
        for field in (self.bill_id, self.payment_id, self.person):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            field.textEdited.connect(self._typed)
        self.search_button = QPushButton(icon("search"), self.tr("جستجوی قبض"), objectName="cashierSearch")
        self.clear_button = QPushButton(icon("close"), self.tr("پاک کردن فهرست"), objectName="cashierClearBills")
        self.bill_id.returnPressed.connect(self._bill_id_entered)
        self.payment_id.returnPressed.connect(self.search_by_ids)
        self.person.returnPressed.connect(self.search_by_person)
        self.search_button.clicked.connect(self.search)
        self.clear_button.clicked.connect(self.clear_bills)

        ids = QGridLayout()
        ids.addWidget(QLabel(self.tr("شناسه قبض:")), 0, 0)
        ids.addWidget(self.bill_id, 0, 1)
        ids.addWidget(QLabel(self.tr("شناسه پرداخت:")), 0, 2)
        ids.addWidget(self.payment_id, 0, 3)
        ids.addWidget(QLabel(self.tr("یا کد ملی / کد نوسازی:")), 1, 0)
        ids.addWidget(self.person, 1, 1)
        ids.addWidget(self.search_button, 0, 4)
        ids.addWidget(self.clear_button, 1, 4)
        ids.setColumnStretch(1, 1)
        ids.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(ids)

        self.model = BillsModel(self)
        # made in place: a styled widget moved to another parent is styled again
        self.table = _BillTable(self, objectName="cashierBills")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # every column as wide as its longest text; what is left goes to the last one (no column is elided)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        rows_shown = 3  # a citizen's few bills stay in sight however the page's splitter is set
        self.table.setMinimumHeight(
            self.table.horizontalHeader().sizeHint().height()
            + rows_shown * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )
        layout.addWidget(self.table, 1)

    # -- reading what was typed ------------------------------------------------------------------------------

    def _typed(self) -> None:
        for field in (self.bill_id, self.payment_id, self.person):
            set_invalid(field, False)
        self.edited.emit()

    def _bill_id_entered(self) -> None:
        """A scanner's barcode searches at once; a typed bill id moves on to its payment id."""
        if len(digits_only(self.bill_id.text())) == BARCODE_DIGITS or self.payment_id.text().strip():
            self.search_by_ids()
        else:
            self.payment_id.setFocus()

    def search(self) -> None:
        if self.bill_id.text().strip() or self.payment_id.text().strip():
            self.search_by_ids()
        else:
            self.search_by_person()

    def search_by_ids(self) -> None:
        """Check the pair (or the barcode) and ask for that bill. Raises nothing: a problem is `problem`."""
        self.problem = ""
        try:
            text = self.bill_id.text()
            if len(digits_only(text)) == BARCODE_DIGITS and not self.payment_id.text().strip():
                ref = parse_barcode(text)
            elif not self.payment_id.text().strip():
                parse_bill_id(text)
                raise BillIdError("payment_id", "empty")
            else:
                ref = parse_bill(text, self.payment_id.text())
        except BillIdError as exc:
            self._refuse(exc)
            return
        self.lookup_requested.emit(Lookup({"bill_id": ref.bill_id, "payment_id": ref.payment_id}, tick=True))

    def search_by_person(self) -> None:
        text = normalize_digits(self.person.text()).strip()
        if not text:
            self._show(self.person, self.tr("کد ملی یا کد نوسازی: لازم است"))
            return
        if "-" in text:
            self.lookup_requested.emit(Lookup({"renovation_code": text}, tick=False))
            return
        try:
            value = national_id(text)
        except CivicValueError as exc:
            self._show(
                self.person,
                self.tr("کد ملی: {reason}").format(reason=exc.message("fa" if current_language() == "fa" else "en")),
            )
            return
        self.lookup_requested.emit(Lookup({"national_id": value}, tick=False))

    problem = ""  # the last problem found in what was typed (the page shows it)
    problem_found = Signal(str)

    def _refuse(self, exc: BillIdError) -> None:
        lang = "fa" if current_language() == "fa" else "en"
        field = self.payment_id if exc.field == "payment_id" else self.bill_id
        label = self.tr("شناسه پرداخت") if exc.field == "payment_id" else self.tr("شناسه قبض")
        if exc.field == "barcode":
            label = self.tr("بارکد قبض")
        self._show(field, self.tr("{label}: {reason}").format(label=label, reason=exc.message(lang)))

    def _show(self, field: QLineEdit, sentence: str) -> None:
        set_invalid(field, True)
        field.setFocus()
        self.problem = sentence
        self.problem_found.emit(sentence)

    def show_server_problem(self, field_name: str, sentence: str) -> None:
        """A field the server refused (422 naming `bill_id` or `payment_id`)."""
        field = {"payment_id": self.payment_id, "bill_id": self.bill_id}.get(field_name, self.person)
        self._show(field, sentence)

    # -- results ----------------------------------------------------------------------------------------------

    def found(self, bills: list[Bill], lookup: Lookup) -> int:
        added = self.model.add(bills, tick=lookup.tick)
        if "bill_id" in lookup.params:
            self.bill_id.clear()
            self.payment_id.clear()
            self.bill_id.setFocus()  # ready for the next scan
        elif bills:
            self.table.setFocus()
            self.table.setCurrentIndex(self.model.index(0, CHECK))
        self.edited.emit()
        return added

    def clear_bills(self) -> None:
        self.model.clear()
        self.edited.emit()

    def texts(self) -> dict[str, str]:
        return {"bill_id": self.bill_id.text(), "payment_id": self.payment_id.text(), "person": self.person.text()}

    def fill(self, texts: dict[str, Any]) -> None:
        self.bill_id.setText(str(texts.get("bill_id", "")))
        self.payment_id.setText(str(texts.get("payment_id", "")))
        self.person.setText(str(texts.get("person", "")))

    def describe(self, bill: Bill) -> str:
        return f"{bill.title} ({code(bill.bill_id)})"

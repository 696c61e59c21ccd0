"""The parties of an inquiry (seller and buyer, mortgagor and bank, an applicant): one row each, one to six rows.

A row is a role, a name, and one ID field that takes a person's national ID (10 digits) or a company's or bank's
legal-entity ID (11 digits): the length says which, and each is checked with its check digit as typed. Rows are plain
widgets in a column, so Tab walks through them in reading order; «افزودن طرف» adds one, «حذف» removes its own.
Fields are named as the API names them (`parties[1].national_id`), so the server's field errors land on them.
"""

from __future__ import annotations

import itertools
import re

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from client_api.inquiries import MAX_PARTIES, PARTY_ROLES, Party
from desktop.formatting import digits
from desktop.forms import ParseError, Problem, touch
from desktop.theme import icon
from desktop.ui.fee_floors_table import left_to_right
from desktop.ui.inquiry_draft import read_name, read_party_id
from desktop.widgets.wheel_guard import wheel_when_focused

_FIELD = re.compile(r"parties\[(\d+)\](?:\.(\w+))?", re.ASCII)


def role_name(role: str) -> str:
    names = {
        "seller": QCoreApplication.translate("InquiryParties", "فروشنده"),
        "buyer": QCoreApplication.translate("InquiryParties", "خریدار"),
        "mortgagor": QCoreApplication.translate("InquiryParties", "راهن (مالک)"),
        "bank": QCoreApplication.translate("InquiryParties", "بانک"),
        "applicant": QCoreApplication.translate("InquiryParties", "متقاضی"),
    }
    return names.get(role, role)


class PartyRow(QWidget):
    edited = Signal()
    remove_wanted = Signal(object)  # this row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # made in place: a styled widget moved to another parent is styled again
        self.role = wheel_when_focused(QComboBox(self, objectName="inquiryPartyRole"))
        for role in PARTY_ROLES:
            self.role.addItem(role_name(role), role)
        self.name = QLineEdit(objectName="inquiryPartyName")
        self.party_id = left_to_right(QLineEdit(objectName="inquiryPartyId"))
        self.party_id.setPlaceholderText(digits("0012345679"))
        self.remove_button = QPushButton(icon("remove"), self.tr("حذف"), objectName="inquiryPartyRemove")
        self.remove_button.clicked.connect(lambda: self.remove_wanted.emit(self))
        self.number = QLabel(objectName="inquiryPartyNumber")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.number)
        layout.addWidget(self.role)
        layout.addWidget(self.name, 2)
        layout.addWidget(self.party_id, 1)
        layout.addWidget(self.remove_button)
        self.role.activated.connect(lambda _i: self._touched(self.role))
        for editor in (self.name, self.party_id):
            editor.textEdited.connect(lambda _t, e=editor: self._touched(e))

    def _touched(self, widget: QWidget) -> None:
        touch(widget)
        self.edited.emit()

    def set_index(self, index: int) -> None:
        shown = digits(str(index + 1))
        self.number.setText(f"{shown}.")
        self.role.setAccessibleName(self.tr("نقش طرف {n}").format(n=shown))
        self.name.setAccessibleName(self.tr("نام طرف {n}").format(n=shown))
        self.name.setPlaceholderText(self.tr("نام و نام خانوادگی یا نام شرکت/بانک"))
        self.party_id.setAccessibleName(self.tr("کد ملی یا شناسه ملی طرف {n}").format(n=shown))
        self.remove_button.setAccessibleName(self.tr("حذف طرف {n}").format(n=shown))

    def texts(self) -> dict[str, str]:
        return {"role": str(self.role.currentData()), "name": self.name.text(), "id": self.party_id.text()}

    def fill(self, texts: dict[str, str]) -> None:
        index = self.role.findData(texts.get("role", ""))
        if index >= 0:
            self.role.setCurrentIndex(index)
        self.name.setText(texts.get("name", ""))
        self.party_id.setText(texts.get("id", ""))
        for editor in (self.name, self.party_id):
            if editor.text():
                touch(editor)


class PartiesEditor(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PartyRow] = []
        self.next_in_chain: QWidget | None = None  # where Tab goes after the last row (the page's next field)
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(icon("add"), self.tr("افزودن طرف"), objectName="inquiryPartyAdd")
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        heading = QHBoxLayout()
        hint = QLabel(self.tr("نقش، نام، و کد ملی (۱۰ رقم) یا شناسه ملی شخص حقوقی (۱۱ رقم)"))
        hint.setWordWrap(True)
        heading.addWidget(hint, 1)
        heading.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(self._column)

    # -- rows ----------------------------------------------------------------------------------------------------

    def add_row(self, role: str | None = None, *, focus: bool = False) -> PartyRow | None:
        if len(self.rows) >= MAX_PARTIES:
            return None
        row = PartyRow(self)
        if role is not None:
            row.fill({"role": role})
        row.edited.connect(self.edited)
        row.remove_wanted.connect(self.remove_row)
        self.rows.append(row)
        self._column.addWidget(row)
        if self.isVisible():  # shown now, not at the next turn of the event loop: Tab must find it at once
            row.show()
        self._renumber()
        if focus:
            row.role.setFocus()
            self.edited.emit()
        return row

    def remove_row(self, row: PartyRow) -> None:
        if row not in self.rows or len(self.rows) <= 1:
            return
        index = self.rows.index(row)
        self.rows.remove(row)
        row.hide()
        row.deleteLater()
        self._renumber()
        self.rows[min(index, len(self.rows) - 1)].name.setFocus()
        self.edited.emit()

    def set_rows(self, rows: list[dict[str, str]]) -> None:
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        for texts in rows[:MAX_PARTIES] or [{}]:
            added = self.add_row()
            assert added is not None
            added.fill(texts)
        self._renumber()

    def _renumber(self) -> None:
        for index, row in enumerate(self.rows):
            row.set_index(index)
            row.remove_button.setEnabled(len(self.rows) > 1)
        self.add_button.setEnabled(len(self.rows) < MAX_PARTIES)
        # rows made after the page are last in the window's focus chain: put them back in reading order
        chain: list[QWidget] = [self.add_button]
        for row in self.rows:
            chain += [row.role, row.name, row.party_id, row.remove_button]
        if self.next_in_chain is not None:
            chain.append(self.next_in_chain)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def texts(self) -> list[dict[str, str]]:
        return [row.texts() for row in self.rows]

    def untouched(self) -> bool:
        return not any(row.name.text() or row.party_id.text() for row in self.rows)

    # -- names and values ----------------------------------------------------------------------------------------

    def resolve(self, name: str) -> tuple[QWidget | None, str] | None:
        """A field of a row (`parties[1].national_id`) → its widget and label, for the form's messages."""
        match = _FIELD.fullmatch(name)
        if match is None:
            return None
        index, part = int(match[1]), match[2] or "name"
        if index >= len(self.rows):
            return (self.add_button, QCoreApplication.translate("InquiryParties", "طرفین معامله"))
        row, n = self.rows[index], digits(str(index + 1))
        if part == "role":
            return row.role, self.tr("نقش طرف {n}").format(n=n)
        if part in ("national_id", "legal_id", "id"):
            return row.party_id, self.tr("کد ملی یا شناسه ملی طرف {n}").format(n=n)
        return row.name, self.tr("نام طرف {n}").format(n=n)

    def read(self) -> tuple[list[Party], list[Problem]]:
        parties: list[Party] = []
        problems: list[Problem] = []
        for index, row in enumerate(self.rows):
            texts = row.texts()
            try:
                name = read_name(texts["name"])
            except ParseError as exc:
                problems.append(Problem(f"parties[{index}].name", exc.message))
                name = ""
            try:
                key, value = read_party_id(texts["id"])
            except ParseError as exc:
                problems.append(Problem(f"parties[{index}].national_id", exc.message))
                key, value = "national_id", ""
            if name and value:
                ids = {"national_id": value} if key == "national_id" else {"legal_id": value}
                parties.append(Party(texts["role"], name, **ids))
        return parties, problems

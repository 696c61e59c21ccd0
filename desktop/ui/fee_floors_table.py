"""The floors of a fee case as an editable table: one row per floor (level, use, area, units, height, frontage).

Every cell is a live editor (a line edit, or a list for the use), so the preview can recompute as the operator types,
and what was typed stays exactly as typed: the table only reads it, it never rewrites a cell.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QHeaderView, QLineEdit, QTableWidget, QWidget

from desktop.messages import localized_digits

LEVEL, USE, AREA, UNITS, HEIGHT, FRONTAGE = "level", "use", "area_m2", "units", "height_m", "frontage_m"
COLUMNS = (LEVEL, USE, AREA, UNITS, HEIGHT, FRONTAGE)
TEXT_COLUMNS = (LEVEL, AREA, UNITS, HEIGHT, FRONTAGE)
# (use, serves) of each choice of the use list; a storage floor says which use it serves («پذیره» column)
USE_CHOICES = (
    ("residential", None),
    ("commercial", None),
    ("office", None),
    ("industrial", None),
    ("storage", "commercial"),
    ("storage", "office"),
    ("storage", "industrial"),
)
_GROUND_WORDS = {"همکف", "ground", "g"}
_MEZZANINE_WORDS = {"نیم‌طبقه", "نیم طبقه", "نیمطبقه", "نیم", "mezzanine", "m"}
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\u2010": "-"})


def number_text(text: str) -> str:
    """What a number field sends to `fees`: as typed (Persian digits and «٫» are read by fees), with the «/» Iranians
    often write as a decimal point read as one, and Unicode minus signs as '-'."""
    return text.strip().translate(_MINUS_SIGNS).replace("/", ".")


def level_value(text: str) -> str:
    """The level as `fees` reads it: a number as typed, or the words for ground floor and mezzanine."""
    word = " ".join(text.split()).lower()
    if word in _GROUND_WORDS:
        return "0"
    if word in _MEZZANINE_WORDS:
        return "mezzanine"
    return number_text(text)


def left_to_right(editor: QLineEdit) -> QLineEdit:
    """Numbers, dates and codes read left to right ("-1", "1-2-123-45-0-0"; in a right-to-left field the bidi rules
    would show "1-"), while the text keeps to the reading side of the page like every other field."""
    side = Qt.AlignmentFlag.AlignRight if editor.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
    editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    editor.setAlignment(Qt.AlignmentFlag.AlignAbsolute | side | Qt.AlignmentFlag.AlignVCenter)
    return editor


def _use_key(use: str, serves: str | None) -> str:
    """The use list's data for a choice: "office", or "storage:office" for storage serving offices."""
    return f"{use}:{serves}" if serves else use


class FloorsTable(QTableWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("floorsTable")
        self.setHorizontalHeaderLabels(
            [
                self.tr("طبقه"),
                self.tr("کاربری"),
                self.tr("مساحت (م²)"),
                self.tr("واحد"),
                self.tr("ارتفاع (م)"),
                self.tr("بَر (م)"),
            ]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMNS.index(USE), QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(30)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._rows: list[dict[str, QWidget]] = []

    def sizeHint(self) -> QSize:
        """About four rows: the page gives the rest of its height to the fee lines."""
        hint = super().sizeHint()
        return QSize(hint.width(), self.horizontalHeader().sizeHint().height() + 4 * 30 + 2 * self.frameWidth())

    def column_title(self, key: str) -> str:
        item = self.horizontalHeaderItem(COLUMNS.index(key))
        return item.text() if item is not None else key

    def use_name(self, use: str, serves: str | None) -> str:
        names = {
            ("residential", None): self.tr("مسکونی"),
            ("commercial", None): self.tr("تجاری"),
            ("office", None): self.tr("اداری"),
            ("industrial", None): self.tr("صنعتی"),
            ("storage", "commercial"): self.tr("انبار تجاری"),
            ("storage", "office"): self.tr("انبار اداری"),
            ("storage", "industrial"): self.tr("انبار صنعتی"),
        }
        return names[(use, serves)]

    # -- rows -------------------------------------------------------------------------------------------

    def add_floor(self, floor: dict[str, Any] | None = None) -> int:
        """Append a row (empty, or filled from a case's floor object); returns its index."""
        row = self.rowCount()
        self.insertRow(row)
        editors: dict[str, QWidget] = {}
        for key in COLUMNS:
            if key == USE:
                editor: QWidget = QComboBox()
                for use, serves in USE_CHOICES:
                    editor.addItem(self.use_name(use, serves), _use_key(use, serves))
                editor.currentIndexChanged.connect(self.changed)
            else:
                editor = left_to_right(QLineEdit())
                editor.setFrame(False)
                editor.textEdited.connect(self.changed)
            editor.setObjectName(f"floor{key.title().replace('_', '')}")
            editors[key] = editor
            self.setCellWidget(row, COLUMNS.index(key), editor)
        self._rows.append(editors)
        self._number_rows()
        if floor:
            self._fill_row(editors, floor)
        self.changed.emit()
        return row

    def remove_floor(self, row: int | None = None) -> None:
        """Remove a row: the given one, else the one being edited, else the last."""
        if not self._rows:
            return
        if row is None:
            row = self.focused_row()
        row = len(self._rows) - 1 if row is None else row
        self.removeRow(row)
        del self._rows[row]
        self._number_rows()
        self.changed.emit()

    def _number_rows(self) -> None:
        self.setVerticalHeaderLabels([localized_digits(str(i + 1)) for i in range(self.rowCount())])

    def focused_row(self) -> int | None:
        focus = QApplication.focusWidget()
        for index, editors in enumerate(self._rows):
            if focus is not None and any(focus is w or w.isAncestorOf(focus) for w in editors.values()):
                return index
        return None

    def clear_floors(self) -> None:
        self.setRowCount(0)
        self._rows.clear()
        self.changed.emit()

    def editor(self, row: int, key: str) -> QWidget:
        return self._rows[row][key]

    def text_editor(self, row: int, key: str) -> QLineEdit:
        editor = self._rows[row][key]
        assert isinstance(editor, QLineEdit)
        return editor

    def use_editor(self, row: int) -> QComboBox:
        editor = self._rows[row][USE]
        assert isinstance(editor, QComboBox)
        return editor

    def _fill_row(self, editors: dict[str, QWidget], floor: dict[str, Any]) -> None:
        use = str(floor.get("use", "residential"))
        serves = floor.get("serves", "commercial") if use == "storage" else None
        combo = editors[USE]
        assert isinstance(combo, QComboBox)
        index = combo.findData(_use_key(use, serves))
        combo.setCurrentIndex(max(index, 0))
        for key in TEXT_COLUMNS:
            value = floor.get(key)
            editor = editors[key]
            assert isinstance(editor, QLineEdit)
            if value is None:
                editor.clear()
            elif value == "mezzanine":
                editor.setText(self.tr("نیم‌طبقه"))
            else:
                editor.setText(localized_digits(str(value)))

    # -- the case's floors ------------------------------------------------------------------------------

    def floors(self) -> list[dict[str, Any]]:
        """The rows as the `floors` of a case; an empty cell is left out, so `fees` names it if it is required."""
        result = []
        for editors in self._rows:
            combo = editors[USE]
            assert isinstance(combo, QComboBox)
            use, _, serves = str(combo.currentData()).partition(":")
            floor: dict[str, Any] = {"use": use}
            if serves:
                floor["serves"] = serves
            for key in TEXT_COLUMNS:
                editor = editors[key]
                assert isinstance(editor, QLineEdit)
                text = editor.text().strip()
                if text:
                    floor[key] = level_value(text) if key == LEVEL else number_text(text)
            result.append(floor)
        return result

    def level_name(self, level: int | str) -> str:
        """A floor's name for the fee lines: همکف, زیرزمین ۱, طبقه ۲, نیم‌طبقه."""
        if level == "mezzanine":
            return self.tr("نیم‌طبقه")
        assert isinstance(level, int)
        if level == 0:
            return self.tr("همکف")
        digits = localized_digits(str(abs(level)))
        if level < 0:
            return self.tr("زیرزمین {n}").format(n=digits)
        return self.tr("طبقه {n}").format(n=digits)

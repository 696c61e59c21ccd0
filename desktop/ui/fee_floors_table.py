"""The floors of a fee case as an editable table: one row per floor (level, use, area, units, height, frontage).

Every cell is a live editor (a line edit, or a list for the use), so the preview can recompute as the operator types,
and what was typed stays exactly as typed: the table only reads it, it never rewrites a cell.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QHeaderView, QLineEdit, QTableWidget, QWidget

from desktop.formatting import digits
from desktop.forms import ParseError, parse_number
from desktop.widgets.wheel_guard import wheel_when_focused

LEVEL, USE, AREA, UNITS, HEIGHT, FRONTAGE = "level", "use", "area_m2", "units", "height_m", "frontage_m"
COLUMNS = (LEVEL, USE, AREA, UNITS, HEIGHT, FRONTAGE)
TEXT_COLUMNS = (LEVEL, AREA, UNITS, HEIGHT, FRONTAGE)
ROW_HEIGHT = 30  # px, each floor's row
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


def level_value(text: str) -> int | str:
    """The level as `fees` reads it: a whole number (0 ground, negative basement; Persian or ASCII digits), or
    "mezzanine" for the words of a mezzanine. Raises ParseError when it is neither."""
    word = " ".join(text.split()).lower()
    if word in _GROUND_WORDS:
        return 0
    if word in _MEZZANINE_WORDS:
        return "mezzanine"
    try:
        value = parse_number(text, whole=True, negative=True, places=0)
    except ParseError:
        value = None
    if value is None or not -20 <= value <= 200:
        raise ParseError(
            QCoreApplication.translate("FloorsTable", "باید شماره طبقه باشد (۰ همکف، منفی زیرزمین) یا «نیم‌طبقه»")
        )
    return int(value)


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
    editor_made = Signal(QWidget)  # each cell editor of a new row, for the form to watch

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
        # every column as wide as its title and values, so no title is cut at the smallest window; the last one
        # takes what is left (a narrow page scrolls sideways instead of cutting)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab moves between the cell editors and then leaves the table
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cells' editors take the focus, not the grid around them
        self._rows: list[dict[str, QWidget]] = []
        # Tab runs from `tab_before` through every cell, row by row, to `tab_after` (and Shift+Tab back)
        self.tab_before: QWidget | None = None
        self.tab_after: QWidget | None = None

    def sizeHint(self) -> QSize:
        """About three rows: the page gives the rest of its height to the fee lines."""
        hint = super().sizeHint()
        return QSize(hint.width(), self.horizontalHeader().sizeHint().height() + 3 * ROW_HEIGHT + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        """Two whole rows and the sideways scroll bar: never squeezed to a sliver (the inputs above it scroll
        instead, desktop/ui/fee_preview_page.py)."""
        hint = super().minimumSizeHint()
        bar = self.horizontalScrollBar().sizeHint().height()
        rows = self.horizontalHeader().sizeHint().height() + 2 * ROW_HEIGHT + bar + 2 * self.frameWidth()
        return QSize(hint.width(), rows)

    def fit_to_titles(self) -> None:
        """Each number column only as wide as its title (its values are short: a level, an area, a height), the use
        column as wide as its longest name, and the last column takes what is left. Sharing the width out equally
        instead cut the longer titles ("Height (m)", "Frontage (m)") to the width of the shortest."""
        header = self.horizontalHeader()
        header.ensurePolished()  # the theme's bold titles and padding count in their width
        for column, key in enumerate(COLUMNS):
            if key == USE:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, header.sectionSizeHint(column))

    def whole_width(self) -> int:
        """The width that shows every column whole, with no sideways scrolling: the row numbers, each column as
        `fit_to_titles` sizes it, the upright scroll bar (there once the floors outgrow the table) and the frame.
        Right once the table is styled."""
        header = self.horizontalHeader()
        columns = sum(
            max(header.sectionSizeHint(column), self.sizeHintForColumn(column))
            if key == USE
            else header.sectionSizeHint(column)
            for column, key in enumerate(COLUMNS)
        )
        return self._row_numbers_width() + columns + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def _row_numbers_width(self) -> int:
        """The row numbers' width once there are up to 99 floors: the widest number of two digits, in the theme's
        bold, with the header's own margins."""
        header = self.verticalHeader()
        bold = QFont(header.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        shown = max((metrics.horizontalAdvance(digits(str(row + 1))) for row in range(self.rowCount())), default=0)
        widest = max(metrics.horizontalAdvance(digits(str(number))) for number in range(10, 100))
        return header.sizeHint().width() + max(widest - shown, 0)

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
            ("storage", None): self.tr("انبار"),
        }
        return names[(use, serves)]

    def _fit_to_plain_uses(self, choices: QComboBox) -> None:
        """The use column as wide as the longest use that serves nothing else ("Residential"): a storage's longer
        name ("Storage (commercial)") is shortened in its cell and whole in the list, and the six columns keep
        beside the fee lines at 1024×640 (about 20 px less in English)."""
        metrics = choices.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.use_name(use, serves)) for use, serves in USE_CHOICES if not serves)
        choices.setIconSize(QSize(0, 0))  # no use has an icon: no room kept for one
        choices.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        choices.setMinimumContentsLength(-(-widest // max(metrics.horizontalAdvance("x"), 1)))  # in x's, rounded up

    # -- rows -------------------------------------------------------------------------------------------

    def add_floor(self, floor: dict[str, Any] | None = None) -> int:
        """Append a row (empty, or filled from a case's floor object); returns its index."""
        row = self.rowCount()
        self.insertRow(row)
        editors: dict[str, QWidget] = {}
        for key in COLUMNS:
            if key == USE:
                choices = wheel_when_focused(QComboBox(self.viewport()))
                for use, serves in USE_CHOICES:
                    choices.addItem(self.use_name(use, serves), _use_key(use, serves))
                self._fit_to_plain_uses(choices)
                choices.currentIndexChanged.connect(self.changed)
                editor: QWidget = choices
            else:
                editor = left_to_right(QLineEdit(self.viewport()))
                editor.setFrame(False)
                editor.textEdited.connect(self.changed)
            editor.setObjectName(f"floor{key.title().replace('_', '')}")
            editors[key] = editor
            self.setCellWidget(row, COLUMNS.index(key), editor)
        self._rows.append(editors)
        self._number_rows()
        for editor in editors.values():
            self.editor_made.emit(editor)
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
        self.setVerticalHeaderLabels([digits(str(i + 1)) for i in range(self.rowCount())])
        self.chain_tabs()

    def chain_tabs(self) -> None:
        """Put the cells in the Tab order between `tab_before` and `tab_after`, row by row."""
        chain = [w for w in (self.tab_before,) if w is not None]
        chain += [editors[key] for editors in self._rows for key in COLUMNS]
        chain += [w for w in (self.tab_after,) if w is not None]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def focused_row(self) -> int | None:
        focus = QApplication.focusWidget()
        for index, editors in enumerate(self._rows):
            if focus is not None and any(focus is w or w.isAncestorOf(focus) for w in editors.values()):
                return index
        return None

    def clear_floors(self) -> None:
        self.setRowCount(0)
        self._rows.clear()
        self.chain_tabs()
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
                editor.setText(digits(str(value)))

    # -- the case's floors ------------------------------------------------------------------------------

    def row_use(self, row: int) -> tuple[str, str | None]:
        """The (use, serves) chosen in a row: ("storage", "office"), ("commercial", None)."""
        use, _, serves = str(self.use_editor(row).currentData()).partition(":")
        return use, serves or None

    def level_name(self, level: int | str) -> str:
        """A floor's name for the fee lines: همکف, زیرزمین ۱, طبقه ۲, نیم‌طبقه."""
        if level == "mezzanine":
            return self.tr("نیم‌طبقه")
        assert isinstance(level, int)
        if level == 0:
            return self.tr("همکف")
        number = digits(str(abs(level)))
        if level < 0:
            return self.tr("زیرزمین {n}").format(n=number)
        return self.tr("طبقه {n}").format(n=number)

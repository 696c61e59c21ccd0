"""Step 3 of the permit wizard: the building — its floors (level, use, area, units, height, frontage), parking
provided and required, balcony area — checked live against the parcel's rules (`desktop.permit_checks`), with the
offline fee preview beside it.

`read()` gives the building exactly as the request's `building` (contract of issue 9, section 2): whole numbers as
JSON integers, measures as decimal text (the case schema reads text exactly; a float never appears).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from client_api.parcels import Parcel
from desktop.formatting import digits
from desktop.forms import Form, ParseError, Problem, number_parser, touch
from desktop.permit_checks import RuleWarning, check_building
from desktop.session import Session
from desktop.theme import icon, set_tone
from desktop.ui.fee_floors_table import AREA, COLUMNS, FRONTAGE, HEIGHT, LEVEL, UNITS, USE, FloorsTable, left_to_right
from desktop.ui.fee_floors_table import level_value as parse_level
from desktop.ui.permit_fee_panel import MINIMUM_WIDTH, USUAL_WIDTH, FeePanel

DEBOUNCE_MS = 150
MAX_AREA, MAX_COUNT = Decimal(1_000_000), 10_000
NUMBERS = ("parking_provided", "parking_required", "balcony_area_m2")
_FLOOR_FIELD = re.compile(r"(?:building\.)?floors\[([0-9]+)\](?:\.([a-z_0-9]+))?", re.ASCII)


def _text(value: Decimal) -> str:
    return format(value, "f")


class BuildingStep(QWidget):
    edited = Signal()
    warnings_changed = Signal(list)  # the RuleWarnings of the building as it stands

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parcel: Parcel | None = None
        self.renovation_code = ""
        self.warnings: list[RuleWarning] = []
        heading = QLabel(self.tr("ساختمان"), objectName="permitBuildingHeading")
        heading.setProperty("heading", "section")
        self.numbers = {
            "parking_provided": left_to_right(QLineEdit(objectName="permitParkingProvided")),
            "parking_required": left_to_right(QLineEdit(objectName="permitParkingRequired")),
            "balcony_area_m2": left_to_right(QLineEdit(objectName="permitBalconyArea")),
        }
        self.labels = {
            "parking_provided": self.tr("پارکینگ تأمین‌شده"),
            "parking_required": self.tr("پارکینگ موردنیاز"),
            "balcony_area_m2": self.tr("بالکن و پیش‌آمدگی (م²)"),
            "floors": self.tr("طبقات"),
        }
        # made in place, top-down: a styled widget moved to another parent is styled again, with all it holds
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="permitBuildingSplitter")
        inputs = QWidget(self.splitter, objectName="permitBuildingInputs")
        self.floors = FloorsTable(inputs)
        self.floors.setObjectName("permitFloors")
        self.floors.fit_to_titles()  # beside the fee lines: narrow columns, no title cut, no side scroll at 1024×640
        self.add_floor_button = QPushButton(icon("add"), self.tr("افزودن طبقه"), objectName="permitAddFloor")
        self.remove_floor_button = QPushButton(icon("remove"), self.tr("حذف طبقه"), objectName="permitRemoveFloor")
        self.add_floor_button.clicked.connect(self._add_floor_and_focus)
        self.remove_floor_button.clicked.connect(lambda: self.floors.remove_floor())
        self.problem_label = QLabel(objectName="permitBuildingProblem")
        self.problem_label.setWordWrap(True)
        set_tone(self.problem_label, "error")
        self.problem_label.hide()
        self.warning_label = QLabel(objectName="permitRuleWarnings")
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        set_tone(self.warning_label, "warning")
        self.warning_label.hide()
        self.form = Form(self, resolver=self._resolve)
        count = number_parser(whole=True, maximum=MAX_COUNT)
        area = number_parser(maximum=MAX_AREA)
        for name, parse in (("parking_provided", count), ("parking_required", count), ("balcony_area_m2", area)):
            self.form.bind(name, self.numbers[name], self._label_of(name), parse, required=True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for column, name in enumerate(NUMBERS):
            label = QLabel(self.labels[name], objectName=f"{self.numbers[name].objectName()}Label")
            label.setBuddy(self.numbers[name])
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            grid.addWidget(label, 0, column)
            grid.addWidget(self.numbers[name], 1, column)
            self.numbers[name].setMinimumWidth(self.fontMetrics().horizontalAdvance("0" * 6))
            grid.setColumnStretch(column, 1)
        floor_row = QHBoxLayout()
        floor_row.addWidget(QLabel(self.labels["floors"], objectName="permitFloorsLabel"))
        floor_row.addStretch(1)
        floor_row.addWidget(self.add_floor_button)
        floor_row.addWidget(self.remove_floor_button)
        column_layout = QVBoxLayout(inputs)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(heading)
        column_layout.addLayout(floor_row)
        column_layout.addWidget(self.floors, 1)
        column_layout.addLayout(grid)
        column_layout.addWidget(self.problem_label)
        column_layout.addWidget(self.warning_label)

        self.fees = FeePanel(session, self.floors, self.splitter)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)  # a narrower window takes from the fee lines, not from the floors
        self.splitter.setStretchFactor(1, 1)
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        # Tab: add/remove floor, every cell row by row, then parking and balcony
        self.floors.tab_before = self.remove_floor_button
        self.floors.tab_after = self.numbers["parking_provided"]
        self.floors.editor_made.connect(self.form.watch)
        self.floors.changed.connect(self._changed)
        for editor in self.numbers.values():
            editor.textEdited.connect(self._changed)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.recompute)
        self.floors.add_floor({"level": 0, "use": "residential"})

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # the first time it has its width: the six floor columns first, the fee lines beside
            self._sized = True
            total = self.splitter.width() - self.splitter.handleWidth()
            inputs = min(int(total * 0.68), total - USUAL_WIDTH)
            # where the columns' titles are longer (English), the fee lines give up some of their width so that no
            # column hides behind a sideways scroll bar
            inputs = min(max(inputs, self.floors.whole_width()), total - MINIMUM_WIDTH)
            self.splitter.setSizes([inputs, total - inputs])

    def _label_of(self, name: str) -> Callable[[], str]:
        return lambda: self.labels[name]

    # -- editing --------------------------------------------------------------------------------------

    def _add_floor_and_focus(self) -> None:
        levels: list[int] = []
        for row in range(self.floors.rowCount()):
            try:
                level = parse_level(self.floors.text_editor(row, LEVEL).text())
            except ParseError:
                continue
            if isinstance(level, int):
                levels.append(level)
        row = self.floors.add_floor({"level": max(levels, default=-1) + 1, "use": "residential"})
        self.floors.text_editor(row, AREA).setFocus()

    def _changed(self) -> None:
        self.edited.emit()
        self._debounce.start()

    def set_parcel(self, parcel: Parcel | None, renovation_code: str) -> None:
        self.parcel = parcel
        self.renovation_code = renovation_code
        self.recompute()

    # -- the building ---------------------------------------------------------------------------------

    def read(self) -> tuple[dict[str, Any] | None, list[Problem]]:
        """The request's building, or None and the problems found (each naming its field and row)."""
        values, problems = self.form.read()
        floors, floor_problems = self._read_floors()
        problems += floor_problems
        if problems:
            return None, problems
        building: dict[str, Any] = {
            "parking_provided": int(values["parking_provided"]),
            "parking_required": int(values["parking_required"]),
            "balcony_area_m2": _text(values["balcony_area_m2"]),
            "floors": floors,
        }
        return building, []

    def _read_floors(self) -> tuple[list[dict[str, Any]], list[Problem]]:
        floors: list[dict[str, Any]] = []
        problems: list[Problem] = []
        if self.floors.rowCount() == 0:
            problems.append(Problem("floors", self.tr("دست‌کم یک طبقه لازم است")))
        parsers = {
            AREA: number_parser(above_zero=True, maximum=MAX_AREA),
            UNITS: number_parser(whole=True, maximum=MAX_COUNT),
            HEIGHT: number_parser(maximum=100),
            FRONTAGE: number_parser(maximum=1000),
        }
        seen: dict[int | str, int] = {}
        for row in range(self.floors.rowCount()):
            use, serves = self.floors.row_use(row)
            floor: dict[str, Any] = {}
            level_text = self.floors.text_editor(row, LEVEL).text().strip()
            try:
                if not level_text:
                    raise ParseError(self.tr("لازم است"))
                level = parse_level(level_text)
            except ParseError as exc:
                problems.append(Problem(f"floors[{row}].level", exc.message))
            else:
                if level in seen:
                    message = self.tr("همان طبقه ردیف {first} است؛ هر طبقه یک ردیف دارد").format(
                        first=digits(str(seen[level] + 1))
                    )
                    problems.append(Problem(f"floors[{row}].level", message))
                seen.setdefault(level, row)
                floor["level"] = level
            floor["use"] = use
            if serves:
                floor["serves"] = serves
            for key, parse in parsers.items():
                text = self.floors.text_editor(row, key).text().strip()
                if not text:
                    if key in (AREA, UNITS) or use != "residential":  # height and frontage enter «پذیره» only
                        problems.append(Problem(f"floors[{row}].{key}", self.tr("لازم است")))
                    continue
                try:
                    value = parse(text)
                except ParseError as exc:
                    problems.append(Problem(f"floors[{row}].{key}", exc.message))
                    continue
                floor[key] = int(value) if key == UNITS else _text(value)
            floors.append(floor)
        residential = [f for f in floors if f["use"] == "residential"]
        if not problems and residential and not any(int(f.get(UNITS, 0)) > 0 for f in residential):
            problems.append(Problem("floors", self.tr("طبقات مسکونی دست‌کم یک واحد لازم دارند")))
        return floors, problems

    def recompute(self) -> None:
        """Check the building against the parcel's rules and preview its fees (on the UI thread: both are fast)."""
        self._debounce.stop()
        building, problems = self.read()
        sentence = self.form.present(problems)
        self.problem_label.setText(sentence or "")
        self.problem_label.setVisible(sentence is not None)
        parcel = self.parcel
        if building is None or parcel is None:
            self._show_warnings([])
            if parcel is None:
                self.fees.clear(self.tr("برای پیش‌نمایش عوارض، ابتدا ملک را پیدا کنید."))
            else:
                field = self.form.label(problems[0].field) if problems else ""
                self.fees.clear(self.tr("برای پیش‌نمایش عوارض، «{field}» را کامل کنید.").format(field=field))
            return
        self._show_warnings(check_building(building, parcel))
        self.fees.compute(building, parcel.renovation_code, parcel.land_area_m2)

    def _show_warnings(self, warnings: list[RuleWarning]) -> None:
        self.warnings = list(warnings)
        self.warning_label.setText("\n".join(f"⚠ {w.message}" for w in warnings))
        self.warning_label.setVisible(bool(warnings))
        self.warnings_changed.emit(self.warnings)

    # -- drafts ---------------------------------------------------------------------------------------

    def texts(self) -> dict[str, Any]:
        """Every field as typed, for the draft."""
        rows = []
        for row in range(self.floors.rowCount()):
            use, serves = self.floors.row_use(row)
            cells = {key: self.floors.text_editor(row, key).text() for key in COLUMNS if key != USE}
            rows.append({**cells, "use": use, **({"serves": serves} if serves else {})})
        return {**{name: self.numbers[name].text() for name in NUMBERS}, "floors": rows}

    def fill(self, texts: dict[str, Any]) -> None:
        """Put back what a draft kept, as it was typed."""
        for name in NUMBERS:
            self.numbers[name].setText(str(texts.get(name, "")))
            if self.numbers[name].text():
                touch(self.numbers[name])
        rows = texts.get("floors")
        if isinstance(rows, list) and rows:
            self.floors.clear_floors()
            for cells in rows:
                if not isinstance(cells, dict):
                    continue
                floor = {"use": str(cells.get("use") or "residential")}
                if cells.get("serves"):
                    floor["serves"] = str(cells["serves"])
                row = self.floors.add_floor(floor)
                for key in COLUMNS:
                    if key == USE:
                        continue
                    editor = self.floors.text_editor(row, key)
                    editor.setText(str(cells.get(key, "")))
                    if editor.text():
                        touch(editor)
        self.recompute()

    # -- names ----------------------------------------------------------------------------------------

    def _resolve(self, field: str) -> tuple[QWidget | None, str] | None:
        """A floor's field (`floors[1].area_m2`, or `building.floors[1].area_m2` as the server names it)."""
        if field.startswith("building."):
            inner = field.removeprefix("building.")
            if inner in self.form.bindings:
                return self.form.bindings[inner].widget, self.labels[inner]
        if field in ("floors", "building.floors", "building"):
            return self.floors, self.labels["floors"]
        match = _FLOOR_FIELD.fullmatch(field)
        if match is None:
            return None
        index = int(match[1])
        row = digits(str(index + 1))
        key = "use" if match[2] == "serves" else match[2]
        if key in COLUMNS:
            label = self.tr("{column} در ردیف {row} طبقات").format(column=self.floors.column_title(key), row=row)
            widget = self.floors.editor(index, key) if index < self.floors.rowCount() else self.floors
            return widget, label
        return self.floors, self.tr("ردیف {row} طبقات").format(row=row)

    def present(self, problems: list[Problem], *, focus: bool = False) -> str | None:
        sentence = self.form.present(problems, focus=focus)
        self.problem_label.setText(sentence or "")
        self.problem_label.setVisible(sentence is not None)
        return sentence

"""The inputs of a fee preview: the parcel, the building's floors, parking and balcony, the purpose and the date.

Each input is a `desktop.forms` binding: its label, its parser (Persian or ASCII digits, «٬» and "," between
thousands) and its error. `read_case` checks every field in the operator's words (a floor's area must be above zero;
two floors at the same level are refused, each message naming its row) and turns what was typed into the case
JSON of `pishkhan fees preview` (fees/README.md). It never rewrites what the operator typed, and no field shows an
error before the operator has edited it.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from civic.errors import CivicValueError
from civic.jalali import parse_jalali_date, to_jalali, today_jalali
from desktop.formatting import code as code_text
from desktop.formatting import current_language, digits
from desktop.forms import Form, ParseError, Problem, number_parser, touch
from desktop.ui.fee_floors_table import AREA, COLUMNS, FRONTAGE, HEIGHT, LEVEL, UNITS, FloorsTable, left_to_right
from desktop.ui.fee_floors_table import level_value as parse_level
from desktop.widgets.wheel_guard import wheel_when_focused
from fees import CaseError
from fees.fields import renovation_code as fees_renovation_code

_FLOOR_FIELD = re.compile(r"floors\[([0-9]+)\](?:\.([a-z_0-9]+))?", re.ASCII)
MAX_AREA, MAX_COUNT = Decimal(1_000_000), 10_000
NUMBER_FIELDS = (
    "land_area_m2",
    "parking_provided",
    "parking_required",
    "balcony_area_m2",
    "extra_floor_area_m2",
    "renovation_years",
)
PERMIT_ONLY = ("parking_provided", "parking_required", "parking_exemption", "balcony_area_m2", "extra_floor_area_m2")
# the names a book's formulas read, worded as the form's own inputs
_CASE_INPUTS = {
    "purpose": "purpose",
    "land_area": "land_area_m2",
    "parking_provided": "parking_provided",
    "parking_required": "parking_required",
    "parking_exemption": "parking_exemption",
    "balcony_area": "balcony_area_m2",
    "extra_floor_area": "extra_floor_area_m2",
    "renovation_years": "renovation_years",
}
_FLOOR_INPUTS = {"level": LEVEL, "use": "use", "area": AREA, "units": UNITS, "height": HEIGHT, "frontage": FRONTAGE}


class FeeCaseForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # made in place: a styled widget moved to another parent is styled again, with all it holds
        self.purpose = wheel_when_focused(QComboBox(self, objectName="purpose"))
        self.purpose.addItem(self.tr("پروانه ساختمانی"), "permit")
        self.purpose.addItem(self.tr("نقل و انتقال (استعلام دفترخانه)"), "transfer")
        self.date = left_to_right(QLineEdit(objectName="caseDate"))
        self.date.setPlaceholderText(digits("1405/01/31"))
        self.renovation_code = left_to_right(QLineEdit(objectName="renovationCode"))
        self.renovation_code.setPlaceholderText(digits("2-14-123-45-0-0"))
        self.renovation_code.setToolTip(self.tr("منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان"))
        self.regional_value = QLabel(objectName="regionalValue")
        self.regional_value.setWordWrap(True)
        self.parking_exemption = wheel_when_focused(QComboBox(self, objectName="parkingExemption"))
        self.parking_exemption.addItem(self.tr("ندارد"), "none")
        self.parking_exemption.addItem(self.tr("محدودیت پارکینگ (۵۰٪ تخفیف)"), "restricted")
        self.parking_exemption.addItem(self.tr("ممنوعیت پارکینگ (۹۵٪ تخفیف)"), "forbidden")
        self.numbers = {name: left_to_right(QLineEdit(objectName=_camel(name))) for name in NUMBER_FIELDS}
        self.numbers["extra_floor_area_m2"].setPlaceholderText(self.tr("اختیاری"))
        self.numbers["renovation_years"].setPlaceholderText(self.tr("اختیاری"))
        self.floors = FloorsTable(self)
        self.add_floor_button = QPushButton(self.tr("افزودن طبقه"), objectName="addFloor")
        self.remove_floor_button = QPushButton(self.tr("حذف طبقه"), objectName="removeFloor")
        self.add_floor_button.clicked.connect(self._add_floor_and_focus)
        self.remove_floor_button.clicked.connect(self._remove_floor)

        self.labels = {
            "purpose": self.tr("نوع محاسبه"),
            "date": self.tr("تاریخ"),
            "renovation_code": self.tr("کد نوسازی"),
            "land_area_m2": self.tr("مساحت عرصه (م²)"),
            "parking_provided": self.tr("پارکینگ تأمین‌شده"),
            "parking_required": self.tr("پارکینگ موردنیاز"),
            "parking_exemption": self.tr("محدودیت پارکینگ"),
            "balcony_area_m2": self.tr("بالکن و پیش‌آمدگی (م²)"),
            "extra_floor_area_m2": self.tr("اضافه طبقه (م²)"),
            "renovation_years": self.tr("سال‌های نوسازی پرداخت‌نشده"),
            "floors": self.tr("طبقات"),
        }
        self.form = Form(self, resolver=self._resolve)
        self._bind()

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        rows = [
            ("purpose", "date"),
            ("renovation_code", "land_area_m2"),
            ("parking_provided", "parking_required"),
            ("parking_exemption", "balcony_area_m2"),
            ("extra_floor_area_m2", "renovation_years"),
        ]
        width = self.fontMetrics().horizontalAdvance("0" * 10)
        for combo in (self.purpose, self.parking_exemption):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # no choice is ever cut
        for editor in (self.date, self.renovation_code, *self.numbers.values()):
            editor.setMinimumWidth(width)
        widgets = {name: binding.widget for name, binding in self.form.bindings.items()}
        for row, names in enumerate(rows):  # each label above its field: two narrow columns
            for column, name in enumerate(names):
                label = QLabel(self.labels[name], objectName=f"{_camel(name)}Label")
                # a field's name keeps its full height when the page is short: the floors table gives way instead
                label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
                label.setBuddy(widgets[name])
                grid.addWidget(label, row * 2, column)
                grid.addWidget(widgets[name], row * 2 + 1, column)
        grid.addWidget(self.regional_value, len(rows) * 2, 0, 1, 2)
        for column in range(2):
            grid.setColumnStretch(column, 1)

        floor_buttons = QHBoxLayout()
        floor_buttons.addWidget(QLabel(self.labels["floors"], objectName="floorsLabel"))
        floor_buttons.addStretch(1)
        floor_buttons.addWidget(self.add_floor_button)
        floor_buttons.addWidget(self.remove_floor_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(floor_buttons)
        layout.addWidget(self.floors, 1)
        inputs = [widgets[name] for names in rows for name in names]  # Tab runs row by row, as they are read
        for first, second in itertools.pairwise([*inputs, self.add_floor_button, self.remove_floor_button]):
            QWidget.setTabOrder(first, second)

        self.purpose.currentIndexChanged.connect(self._purpose_changed)
        self.parking_exemption.currentIndexChanged.connect(self.changed)
        for editor in (self.date, self.renovation_code, *self.numbers.values()):
            editor.textEdited.connect(self.changed)
        self.floors.editor_made.connect(self.form.watch)
        self.floors.tab_before = self.remove_floor_button
        self.floors.changed.connect(self.changed)
        self.date.setText(digits("{:04d}/{:02d}/{:02d}".format(*today_jalali())))

    def _bind(self) -> None:
        def label(name: str) -> Any:
            return lambda: self.labels[name]

        bind = self.form.bind
        bind("purpose", self.purpose, label("purpose"))
        bind("date", self.date, label("date"), _parse_date, required=True)
        bind("renovation_code", self.renovation_code, label("renovation_code"), _parse_code, required=True)
        area = number_parser(maximum=MAX_AREA)
        count = number_parser(whole=True, maximum=MAX_COUNT)
        bind("land_area_m2", self.numbers["land_area_m2"], label("land_area_m2"), area, required=True)
        bind("parking_provided", self.numbers["parking_provided"], label("parking_provided"), count, required=True)
        bind("parking_required", self.numbers["parking_required"], label("parking_required"), count, required=True)
        bind("parking_exemption", self.parking_exemption, label("parking_exemption"))
        bind("balcony_area_m2", self.numbers["balcony_area_m2"], label("balcony_area_m2"), area, required=True)
        bind("extra_floor_area_m2", self.numbers["extra_floor_area_m2"], label("extra_floor_area_m2"), area)
        years = number_parser(whole=True, maximum=100)
        bind("renovation_years", self.numbers["renovation_years"], label("renovation_years"), years)

    def _add_floor_and_focus(self) -> None:
        row = self.floors.add_floor()
        self.floors.text_editor(row, "level").setFocus()

    def _remove_floor(self) -> None:
        self.floors.remove_floor()

    def _purpose_changed(self) -> None:
        permit = self.purpose.currentData() == "permit"
        for name in PERMIT_ONLY:
            self.form.bindings[name].widget.setEnabled(permit)  # disabled, not cleared: nothing typed is lost
        for widget in (self.floors, self.add_floor_button, self.remove_floor_button):
            widget.setEnabled(permit)
        self.changed.emit()

    # -- the case -----------------------------------------------------------------------------------------

    def read_case(self) -> tuple[dict[str, Any] | None, list[Problem]]:
        """The case as `fees.parse_case` takes it (plain ASCII numbers), or None and the problems found, in the
        order of the inputs on screen."""
        permit = self.purpose.currentData() == "permit"
        names = ["purpose", "date", "renovation_code", "land_area_m2"]
        names += [n for n in NUMBER_FIELDS if n != "land_area_m2" and (permit or n not in PERMIT_ONLY)]
        if permit:
            names.append("parking_exemption")
        values, problems = self.form.read(names)
        floors: list[dict[str, Any]] = []
        if permit:
            floors, floor_problems = self._read_floors()
            problems += floor_problems
        if problems:
            return None, problems
        case: dict[str, Any] = {}
        for name, value in values.items():
            if value is None:
                continue  # an empty optional field: its default applies
            case[name] = format(value, "f") if isinstance(value, Decimal) else value
        if permit:
            case["floors"] = floors
        return case, []

    def _read_floors(self) -> tuple[list[dict[str, Any]], list[Problem]]:
        floors: list[dict[str, Any]] = []
        problems: list[Problem] = []
        seen_levels: dict[int, int] = {}
        if self.floors.rowCount() == 0:
            problems.append(Problem("floors", self.tr("برای پروانه دست‌کم یک طبقه لازم است")))
        area = number_parser(above_zero=True, maximum=MAX_AREA)
        count = number_parser(whole=True, maximum=MAX_COUNT)
        parsers = {LEVEL: parse_level, AREA: area, UNITS: count, HEIGHT: number_parser(maximum=100)}
        parsers[FRONTAGE] = number_parser(maximum=1000)
        for row in range(self.floors.rowCount()):
            use, serves = self.floors.row_use(row)
            floor: dict[str, Any] = {"use": use}
            if serves:
                floor["serves"] = serves
            for key, parse in parsers.items():
                text = self.floors.text_editor(row, key).text().strip()
                field = f"floors[{row}].{key}"
                if not text:
                    if key in (LEVEL, AREA, UNITS) or use != "residential":  # height and frontage enter «پذیره»
                        problems.append(Problem(field, self.tr("لازم است")))
                    continue
                try:
                    value = parse(text)
                except ParseError as exc:
                    problems.append(Problem(field, exc.message))
                    continue
                floor[key] = format(value, "f") if isinstance(value, Decimal) else value
            level = floor.get(LEVEL)
            if isinstance(level, int):
                if level in seen_levels:
                    first = digits(str(seen_levels[level] + 1))
                    message = self.tr("همان طبقه ردیف {first} است؛ هر طبقه یک ردیف دارد").format(first=first)
                    problems.append(Problem(f"floors[{row}].level", message))
                else:
                    seen_levels[level] = row
            floors.append(floor)
        residential = [f for f in floors if f["use"] == "residential"]
        if not problems and residential and not any(Decimal(f.get(UNITS, "0")) > 0 for f in residential):
            problems.append(Problem("floors", self.tr("طبقات مسکونی دست‌کم یک واحد لازم دارند")))
        return floors, problems

    def fill(self, case: dict[str, Any]) -> None:
        """Show a case (e.g. an example file), digits as the interface writes them; replaces every input. What is
        filled counts as typed: a wrong value in it is shown at once."""
        self.purpose.setCurrentIndex(max(self.purpose.findData(case.get("purpose", "permit")), 0))
        self.parking_exemption.setCurrentIndex(
            max(self.parking_exemption.findData(case.get("parking_exemption", "none")), 0)
        )
        if "date" in case:
            self.date.setText(digits(str(case["date"])))
        self.renovation_code.setText(digits(str(case.get("renovation_code", ""))))
        for name, editor in self.numbers.items():
            value = case.get(name)
            editor.setText("" if value is None else digits(str(value)))
        for binding in self.form.bindings.values():
            touch(binding.widget)
        self.floors.clear_floors()
        for floor in case.get("floors", []):
            row = self.floors.add_floor(floor)
            for key in COLUMNS:
                touch(self.floors.editor(row, key))
        self.changed.emit()

    # -- names ----------------------------------------------------------------------------------------------

    def _resolve(self, field: str) -> tuple[QWidget | None, str] | None:
        """A floor's field (`floors[1].area_m2`, also as the server names it): its editor and its label, which
        names the row: «مساحت (م²) در ردیف ۲ طبقات»."""
        if field == "floors":
            return self.floors, self.labels["floors"]
        match = _FLOOR_FIELD.fullmatch(field)
        if match is None:
            return None
        index = int(match[1])
        row = digits(str(index + 1))
        key = "use" if match[2] == "serves" else match[2]
        exists = index < self.floors.rowCount()
        if key in COLUMNS:
            label = self.tr("{column} در ردیف {row} طبقات").format(column=self.floors.column_title(key), row=row)
            return (self.floors.editor(index, key) if exists else self.floors), label
        return self.floors, self.tr("ردیف {row} طبقات").format(row=row)

    def field_widget(self, field: str) -> QWidget | None:
        return self.form.widget(field)

    def field_label(self, field: str) -> str:
        """The name the operator sees for a case field: «مساحت عرصه (م²)», «مساحت (م²) در ردیف ۲ طبقات»."""
        return self.form.label(field)

    def input_name(self, name: str) -> str | None:
        """A name a book's formula reads (`land_area`, `area`), worded as this form's input; None if not an input."""
        if name in _CASE_INPUTS:
            return self.labels[_CASE_INPUTS[name]]
        if name in _FLOOR_INPUTS:
            key = _FLOOR_INPUTS[name]
            return self.floors.column_title(key)
        return None

    def value_name(self, name: str, value: object) -> str | None:
        """An enumerated value (`purpose = permit`, `use = commercial`) worded as the form's own choices."""
        if name == "purpose":
            index = self.purpose.findData(value)
            return self.purpose.itemText(index) if index >= 0 else None
        if name == "parking_exemption":
            index = self.parking_exemption.findData(value)
            return self.parking_exemption.itemText(index) if index >= 0 else None
        if name in ("use", "serves") and isinstance(value, str):
            try:
                return self.floors.use_name(value, None)
            except KeyError:
                return None
        return None

    def show_regional_value(self, text: str) -> None:
        self.regional_value.setText(text)
        self.regional_value.setAlignment(Qt.AlignmentFlag.AlignVCenter)


def _parse_date(text: str) -> str:
    """A typed Jalali date (Persian or ASCII digits) as `fees` reads it: «1405/07/15»."""
    try:
        year, month, day = to_jalali(parse_jalali_date(text))
    except CivicValueError as exc:
        raise ParseError(exc.message(current_language())) from None
    return f"{year:04d}/{month:02d}/{day:02d}"


def _parse_code(text: str) -> str:
    """A typed renovation code as `fees` reads it (the fees parser: Persian digits and any dash are taken)."""
    try:
        return fees_renovation_code(text)[0]
    except CaseError:
        example = code_text("2-14-123-45-0-0")
        raise ParseError(
            QCoreApplication.translate(
                "FeeCaseForm", "باید به شکل منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان باشد، مانند {example}"
            ).format(example=example)
        ) from None


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)

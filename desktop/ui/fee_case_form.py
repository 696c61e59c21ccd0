"""The inputs of a fee preview: the parcel, the building's floors, parking and balcony, the purpose and the date.

The form turns what was typed into the case JSON of `pishkhan fees preview` (fees/README.md), leaving validation to
`fees`, and maps a `CaseError`'s field (`floors[2].area_m2`) back to the widget and the Persian name the operator
sees. It never rewrites what the operator typed.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from civic.jalali import today_jalali
from desktop.messages import localized_digits
from desktop.ui.fee_floors_table import COLUMNS, FloorsTable, left_to_right, number_text

_FLOOR_FIELD = re.compile(r"floors\[([0-9]+)\](?:\.([a-z_0-9]+))?", re.ASCII)
NUMBER_FIELDS = (
    "land_area_m2",
    "parking_provided",
    "parking_required",
    "balcony_area_m2",
    "extra_floor_area_m2",
    "renovation_years",
)
PERMIT_ONLY = ("parking_provided", "parking_required", "parking_exemption", "balcony_area_m2", "extra_floor_area_m2")
INVALID_STYLE = '*[invalid="true"] { border: 1px solid #b91c1c; background: #fef2f2; }'


class FeeCaseForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(INVALID_STYLE)
        self.purpose = QComboBox(objectName="purpose")
        self.purpose.addItem(self.tr("پروانه ساختمانی"), "permit")
        self.purpose.addItem(self.tr("نقل و انتقال (استعلام دفترخانه)"), "transfer")
        self.date = left_to_right(QLineEdit(objectName="caseDate"))
        self.date.setPlaceholderText(localized_digits("1405/01/31"))
        self.renovation_code = left_to_right(QLineEdit(objectName="renovationCode"))
        self.renovation_code.setPlaceholderText(localized_digits("2-14-123-45-0-0"))
        self.renovation_code.setToolTip(self.tr("منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان"))
        self.regional_value = QLabel(objectName="regionalValue")
        self.parking_exemption = QComboBox(objectName="parkingExemption")
        self.parking_exemption.addItem(self.tr("ندارد"), "none")
        self.parking_exemption.addItem(self.tr("محدودیت پارکینگ (۵۰٪ تخفیف)"), "restricted")
        self.parking_exemption.addItem(self.tr("ممنوعیت پارکینگ (۹۵٪ تخفیف)"), "forbidden")
        self.numbers = {name: left_to_right(QLineEdit(objectName=_camel(name))) for name in NUMBER_FIELDS}
        self.numbers["extra_floor_area_m2"].setPlaceholderText(self.tr("اختیاری"))
        self.numbers["renovation_years"].setPlaceholderText(self.tr("اختیاری"))
        self.floors = FloorsTable()
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
        self._widgets: dict[str, QWidget] = {
            "purpose": self.purpose,
            "date": self.date,
            "renovation_code": self.renovation_code,
            "parking_exemption": self.parking_exemption,
            "floors": self.floors,
            **self.numbers,
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        rows = [
            ("purpose", "date", "renovation_code"),
            ("land_area_m2", "parking_provided", "parking_required"),
            ("parking_exemption", "balcony_area_m2", "extra_floor_area_m2"),
            ("renovation_years",),
        ]
        # the three field columns share the width: no field asks for more than about twelve characters
        width = self.fontMetrics().horizontalAdvance("0" * 12)
        for widget in self._widgets.values():
            if isinstance(widget, QComboBox):
                widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                widget.setMinimumContentsLength(12)
            elif isinstance(widget, QLineEdit):
                widget.setMinimumWidth(width)
        for row, names in enumerate(rows):
            for column, name in enumerate(names):
                grid.addWidget(QLabel(self.labels[name], objectName=f"{_camel(name)}Label"), row, column * 2)
                grid.addWidget(self._widgets[name], row, column * 2 + 1)
        grid.addWidget(self.regional_value, len(rows) - 1, 2, 1, 4)
        for column in (1, 3, 5):
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

        self.purpose.currentIndexChanged.connect(self._purpose_changed)
        self.parking_exemption.currentIndexChanged.connect(self.changed)
        for editor in (self.date, self.renovation_code, *self.numbers.values()):
            editor.textEdited.connect(self.changed)
        self.floors.changed.connect(self.changed)
        self.date.setText(localized_digits("{:04d}/{:02d}/{:02d}".format(*today_jalali())))

    def _add_floor_and_focus(self) -> None:
        row = self.floors.add_floor()
        self.floors.text_editor(row, "level").setFocus()

    def _remove_floor(self) -> None:
        self.floors.remove_floor()

    def _purpose_changed(self) -> None:
        permit = self.purpose.currentData() == "permit"
        for name in PERMIT_ONLY:
            self._widgets[name].setEnabled(permit)  # disabled, not cleared: nothing typed is lost
        for widget in (self.floors, self.add_floor_button, self.remove_floor_button):
            widget.setEnabled(permit)
        self.changed.emit()

    # -- the case -----------------------------------------------------------------------------------------

    def case_dict(self) -> dict[str, Any]:
        """The case as `fees.parse_case` takes it. An empty optional field is left out (its default applies); an
        empty required one is left out too, so `fees` names it."""
        purpose = self.purpose.currentData()
        case: dict[str, Any] = {"purpose": purpose, "date": self.date.text().strip()}
        code = self.renovation_code.text().strip()
        if code:
            case["renovation_code"] = code
        names = NUMBER_FIELDS if purpose == "permit" else ("land_area_m2", "renovation_years")
        for name in names:
            text = self.numbers[name].text().strip()
            if text:
                case[name] = number_text(text)
        if purpose == "permit":
            case["parking_exemption"] = self.parking_exemption.currentData()
            case["floors"] = self.floors.floors()
        return case

    def fill(self, case: dict[str, Any]) -> None:
        """Show a case (e.g. an example file), digits as the interface writes them; replaces every input."""
        self.purpose.setCurrentIndex(max(self.purpose.findData(case.get("purpose", "permit")), 0))
        self.parking_exemption.setCurrentIndex(
            max(self.parking_exemption.findData(case.get("parking_exemption", "none")), 0)
        )
        if "date" in case:
            self.date.setText(localized_digits(str(case["date"])))
        self.renovation_code.setText(localized_digits(str(case.get("renovation_code", ""))))
        for name, editor in self.numbers.items():
            value = case.get(name)
            editor.setText("" if value is None else localized_digits(str(value)))
        self.floors.clear_floors()
        for floor in case.get("floors", []):
            self.floors.add_floor(floor)
        self.changed.emit()

    # -- errors -------------------------------------------------------------------------------------------

    def field_widget(self, field: str) -> QWidget | None:
        match = _FLOOR_FIELD.fullmatch(field)
        if match is not None:
            row, key = int(match[1]), match[2] or "level"
            if row >= self.floors.rowCount():
                return self.floors
            key = "use" if key == "serves" else key
            return self.floors.editor(row, key) if key in COLUMNS else self.floors
        return self._widgets.get(field)

    def field_label(self, field: str) -> str:
        """The name the operator sees for a case field: «مساحت عرصه (م²)», «طبقات، ردیف ۲: مساحت (م²)»."""
        match = _FLOOR_FIELD.fullmatch(field)
        if match is not None:
            row = localized_digits(str(int(match[1]) + 1))
            key = "use" if match[2] == "serves" else match[2]
            if key in COLUMNS:
                return self.tr("طبقات، ردیف {row}: {column}").format(row=row, column=self.floors.column_title(key))
            return self.tr("طبقات، ردیف {row}").format(row=row)
        return self.labels.get(field, field)

    def mark_invalid(self, field: str | None) -> None:
        """Outline the widget of `field` (None clears every mark)."""
        target = self.field_widget(field) if field else None
        for widget in [*self._widgets.values(), *self.floors.findChildren(QWidget)]:
            invalid = widget is target
            if bool(widget.property("invalid")) != invalid:
                widget.setProperty("invalid", invalid)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def show_regional_value(self, text: str) -> None:
        self.regional_value.setText(text)
        self.regional_value.setAlignment(Qt.AlignmentFlag.AlignVCenter)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)

"""The filters of the requests list: status, a Jalali date range, the applicant's national ID, the renovation code.

Typed values (Persian or ASCII digits) are read through the form layer and turned into the API's filters: the status
as the API names it, dates as UTC `YYYY-MM-DD`, the national ID and renovation code canonical. The API filters by UTC
day; a Jalali day is the Tehran day, which starts 3½ hours earlier — the same day for every hour the office is open.
A field in error is outlined and the filters are not applied until it is corrected.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from civic.errors import CivicValueError
from civic.ids import national_id as parse_national_id
from civic.jalali import parse_jalali_date
from desktop import theme
from desktop.formatting import current_language
from desktop.forms import Form, ParseError, Problem, touch
from desktop.ui.fee_floors_table import left_to_right
from desktop.ui.permit_request_texts import STATUSES, status_name
from desktop.widgets.wheel_guard import wheel_when_focused
from fees.errors import CaseError
from fees.fields import renovation_code as parse_renovation_code

FILTER_NAMES = ("status", "created_from", "created_to", "national_id", "renovation_code")


class RequestFilters(QWidget):
    """`applied(filters)`: the operator asked for these filters (keyword arguments of `client.permit_requests`)."""

    applied = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("permitFilters")
        # the fields are made in place: a styled widget moved to another parent is styled again
        self.status = wheel_when_focused(QComboBox(self, objectName="permitFilterStatus"))
        self.status.addItem(self.tr("همه وضعیت‌ها"), None)
        for status in STATUSES:
            self.status.addItem(status_name(status), status)
        self.created_from = self._field("permitFilterFrom", self.tr("۱۴۰۵/۰۱/۰۱"))
        self.created_to = self._field("permitFilterTo", self.tr("۱۴۰۵/۱۲/۲۹"))
        self.national_id = self._field("permitFilterNationalId", self.tr("۱۰ رقم"))
        self.renovation_code = self._field("permitFilterRenovationCode", self.tr("۲-۱۴-۱۲۳-۴۵-۰-۰"))
        self.apply_button = QPushButton(self.tr("اعمال فیلتر"), objectName="permitFilterApply")
        self.apply_button.setIcon(theme.icon("search"))
        self.apply_button.clicked.connect(self.apply)
        self.clear_button = QPushButton(self.tr("پاک کردن فیلترها"), objectName="permitFilterClear")
        self.clear_button.clicked.connect(self.clear)
        self.error_label = QLabel(objectName="permitFilterError")
        self.error_label.setWordWrap(True)
        theme.set_tone(self.error_label, "error")
        self.error_label.hide()

        self.form = Form(self)
        self.form.bind("status", self.status, lambda: self.tr("وضعیت"))
        self.form.bind("created_from", self.created_from, lambda: self.tr("از تاریخ"), _utc_day)
        self.form.bind("created_to", self.created_to, lambda: self.tr("تا تاریخ"), _utc_day)
        self.form.bind("national_id", self.national_id, lambda: self.tr("کد ملی متقاضی"), _national_id)
        self.form.bind("renovation_code", self.renovation_code, lambda: self.tr("کد نوسازی"), _renovation_code)
        self.status.activated.connect(lambda _index: self.apply())

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        cells = (
            (0, 0, "status", self.status),
            (0, 2, "created_from", self.created_from),
            (0, 4, "created_to", self.created_to),
            (1, 0, "national_id", self.national_id),
            (1, 2, "renovation_code", self.renovation_code),
        )
        for row, column, name, widget in cells:
            label = QLabel(self.form.bindings[name].label())
            label.setBuddy(widget)
            widget.setAccessibleName(label.text())
            grid.addWidget(label, row, column)
            grid.addWidget(widget, row, column + 1)
        grid.addWidget(self.apply_button, 1, 4)
        grid.addWidget(self.clear_button, 1, 5)
        grid.addWidget(self.error_label, 2, 0, 1, 6)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)

    def _field(self, name: str, example: str) -> QLineEdit:
        field = QLineEdit(self, objectName=name)
        field.setPlaceholderText(example)
        field.setClearButtonEnabled(True)
        left_to_right(field)  # dates and codes read left to right
        field.returnPressed.connect(self.apply)
        return field

    # -- what the page asks ---------------------------------------------------------------------------

    def current(self) -> dict[str, str] | None:
        """The filters as typed, for the API; None (and the first problem shown) when a field is in error."""
        self.form.attempt_submit()
        values, problems = self.form.read()
        start, end = values.get("created_from"), values.get("created_to")
        if not problems and start and end and start > end:
            problems.append(Problem("created_to", self.tr("نباید پیش از «از تاریخ» باشد")))
        sentence = self.form.present(problems, focus=bool(problems))
        self.error_label.setText(sentence or "")
        self.error_label.setVisible(bool(sentence))
        if problems:
            return None
        return {name: value for name, value in values.items() if value}

    def apply(self) -> None:
        filters = self.current()
        if filters is not None:
            self.applied.emit(filters)

    def clear(self) -> None:
        self.status.setCurrentIndex(0)
        for field in (self.created_from, self.created_to, self.national_id, self.renovation_code):
            field.clear()
        self.form.reset()
        self.error_label.hide()
        self.applied.emit({})

    def fill(self, **values: str) -> None:
        """Set filters as an operator would type them (tests, links); `status` is the API's name."""
        for name, value in values.items():
            if name == "status":
                self.status.setCurrentIndex(max(0, self.status.findData(value)))
            else:
                field = getattr(self, name)
                assert isinstance(field, QLineEdit)
                field.setText(value)
                touch(field)

    @property
    def active(self) -> bool:
        return self.status.currentData() is not None or any(
            field.text().strip()
            for field in (self.created_from, self.created_to, self.national_id, self.renovation_code)
        )


def _utc_day(text: str) -> str:
    try:
        day: dt.date = parse_jalali_date(text)
    except CivicValueError:
        raise ParseError(
            QCoreApplication.translate("RequestFilters", "باید تاریخ شمسی باشد، مانند ۱۴۰۵/۰۳/۲۰")
        ) from None
    return day.isoformat()


def _national_id(text: str) -> str:
    try:
        return parse_national_id(text)
    except CivicValueError:
        raise ParseError(
            QCoreApplication.translate("RequestFilters", "کد ملی درست نیست (ده رقم با رقم کنترل درست)")
        ) from None


def _renovation_code(text: str) -> str:
    try:
        return parse_renovation_code(text)[0]
    except CaseError as exc:
        raise ParseError(exc.reason_fa if current_language() == "fa" else exc.reason_en) from None

"""One permit request, as the operator reads it to the citizen: the status and what to do next on top, then three
tabs — the request (applicant, parcel, building, attachments), its status history (Jalali dates), and the fees (the
server's assessment beside this desk's preview; desktop/ui/permit_fee_comparison.py).

The widget only shows what it is given (`RequestDetail`, read off the UI thread by the page); it never calls the API.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from civic.jalali import format_jalali_datetime
from desktop import theme
from desktop.formatting import code, current_language, digits, format_number, isolate
from desktop.messages import operator_message
from desktop.ui.permit_fee_comparison import FeeComparisonView
from desktop.ui.permit_request_data import RequestDetail
from desktop.ui.permit_request_texts import (
    attachment_kind_name,
    level_name,
    next_step,
    next_step_tone,
    status_name,
    use_name,
)
from desktop.ui.permit_review_step import join_names
from desktop.widgets.banner import MessageBanner
from desktop.widgets.selectable_label import SelectableLabel

SUMMARY_TAB, HISTORY_TAB, FEES_TAB = range(3)


def _when(moment: Any) -> str:
    return format_jalali_datetime(moment, persian_digits=current_language() == "fa")


def _scrolled(content: QWidget, name: str, parent: QWidget | None) -> QScrollArea:
    area = QScrollArea(parent, objectName=name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


class PermitRequestDetail(QWidget):
    """`new_request_wanted(renovation_code)`: the operator asked to file a new request for a rejected one's parcel."""

    new_request_wanted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("permitRequestDetail")
        self.detail: RequestDetail | None = None

        self.heading = QLabel(objectName="permitDetailHeading")
        self.heading.setProperty("heading", "section")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(objectName="permitDetailStatus")
        self.next_step = MessageBanner(self)
        self.next_step.setObjectName("permitNextStep")
        self.new_request_button = QPushButton(self.tr("ثبت درخواست تازه برای این ملک"), objectName="permitNewRequest")
        self.new_request_button.setIcon(theme.icon("add"))
        self.new_request_button.clicked.connect(self._new_request)
        self.new_request_button.hide()
        self.placeholder = QLabel(objectName="permitDetailPlaceholder")
        self.placeholder.setWordWrap(True)
        theme.set_tone(self.placeholder, "muted")

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.new_request_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.next_step)
        layout.addWidget(self.placeholder)

        # made in place, as a styled widget moved to another parent is styled again: the tabs' pages too, in the tab
        # widget's own stack, where addTab puts them
        self.tabs = QTabWidget(self, objectName="permitDetailTabs")
        layout.addWidget(self.tabs, 1)
        pages = self.tabs.findChild(QStackedWidget, "qt_tabwidget_stackedwidget")

        self.fields = QWidget(objectName="permitDetailFields")
        self._fields = QGridLayout(self.fields)
        self._fields.setContentsMargins(4, 4, 4, 4)
        self._fields.setHorizontalSpacing(12)
        self._fields.setColumnStretch(1, 1)
        self._fields.setColumnStretch(3, 1)
        self._fields.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.tabs.addTab(_scrolled(self.fields, "permitDetailFieldsArea", pages), self.tr("مشخصات درخواست"))

        self.history = QTreeWidget(pages, objectName="permitHistory")
        self.history.setRootIsDecorated(False)
        self.history.setColumnCount(3)
        self.history.setHeaderLabels([self.tr("وضعیت"), self.tr("زمان"), self.tr("توضیح")])
        self.history.setTabKeyNavigation(False)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setWordWrap(True)
        header = self.history.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tabs.addTab(self.history, self.tr("سوابق وضعیت"))

        self.fees = FeeComparisonView()
        self.tabs.addTab(_scrolled(self.fees, "permitFeesArea", pages), self.tr("عوارض"))
        self.show_placeholder(self.tr("درخواستی را از فهرست برگزینید یا شماره پیگیری آن را وارد کنید."))

    # -- what the page asks ---------------------------------------------------------------------------

    def show_placeholder(self, text: str, tone: str = "muted") -> None:
        """No request on show: a sentence instead (nothing chosen yet, being read, or why it could not be read)."""
        self.detail = None
        self.heading.clear()
        self.status_label.clear()
        self.next_step.clear()
        self.new_request_button.hide()
        self.tabs.hide()
        self.placeholder.setText(text)
        theme.set_tone(self.placeholder, tone)
        self.placeholder.show()

    def show_loading(self, label: str) -> None:
        """Reading a request: the one on show stays until the answer comes, with a line saying so."""
        if self.detail is None:
            self.show_placeholder(self.tr("در حال خواندن درخواست {label}…").format(label=label))
        else:
            self.status_label.setText(self.tr("در حال به‌روزرسانی…"))
            theme.set_tone(self.status_label, "muted")

    def show_detail(self, detail: RequestDetail) -> None:
        request = detail.request
        same = self.detail is not None and self.detail.request.id == request.id
        self.detail = detail
        self.placeholder.hide()
        self.tabs.show()
        tracking = request.tracking_number
        self.heading.setText(
            self.tr("درخواست {tracking}").format(tracking=code(tracking))
            if tracking
            else self.tr("درخواست بی‌شماره (پیش‌نویس)")
        )
        self.status_label.setText(status_name(request.status))
        theme.set_tone(self.status_label, next_step_tone(request.status))
        total = request.assessment.total_rials if request.assessment is not None else None
        self.next_step.show_message(
            next_step(request.status, total_rials=total, reasons=request.rejection_reasons),
            next_step_tone(request.status),
        )
        self.new_request_button.setVisible(request.status == "rejected")
        self._fill_fields(detail)
        self._fill_history(detail)
        if detail.fees is None:
            self.fees.show_nothing(self.tr("مشخصات ساختمان در این درخواست نیست؛ عوارضی برای نشان دادن نیست."))
        else:
            self.fees.show_comparison(detail.fees, request.building)
        if not same:
            self.tabs.setCurrentIndex(FEES_TAB if detail.fees is not None and detail.fees.differs else SUMMARY_TAB)

    def field_text(self, name: str) -> str:
        """The value shown for a field (by its object name, e.g. "applicant"), for tests and the screenshots."""
        label = self.fields.findChild(QLabel, f"permitField-{name}")
        return label.text() if label is not None else ""

    def history_rows(self) -> list[tuple[str, str, str]]:
        rows = []
        for index in range(self.history.topLevelItemCount()):
            item = self.history.topLevelItem(index)
            if item is not None:
                rows.append((item.text(0), item.text(1), item.text(2)))
        return rows

    # -- inside ---------------------------------------------------------------------------------------

    def _new_request(self) -> None:
        if self.detail is not None:
            self.new_request_wanted.emit(self.detail.request.renovation_code)

    def _fill_history(self, detail: RequestDetail) -> None:
        self.history.clear()
        for change in detail.request.history:
            item = QTreeWidgetItem([status_name(change.status), _when(change.at), change.note or ""])
            item.setToolTip(2, change.note or "")
            self.history.addTopLevelItem(item)

    def _fill_fields(self, detail: RequestDetail) -> None:
        while self._fields.count():
            child = self._fields.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        request, parcel = detail.request, detail.parcel
        left: list[tuple[str, str, str]] = [
            ("", self.tr("متقاضی"), ""),
            ("applicant", self.tr("نام"), request.applicant_name),
            ("national_id", self.tr("کد ملی"), digits(request.national_id)),
            ("mobile", self.tr("تلفن همراه"), digits(request.mobile) if request.mobile else "—"),
        ]
        if request.power_of_attorney:
            left.append(("power_of_attorney", self.tr("وکالت‌نامه"), digits(request.power_of_attorney)))
        left += [
            ("", self.tr("ملک"), ""),
            ("renovation_code", self.tr("کد نوسازی"), code(request.renovation_code)),
        ]
        if parcel is not None:
            left += [
                ("address", self.tr("نشانی"), parcel.address),
                ("plate", self.tr("پلاک ثبتی"), code(parcel.registration_plate)),
                (
                    "land_area",
                    self.tr("مساحت عرصه"),
                    self.tr("{area} م²").format(area=format_number(parcel.land_area_m2)),
                ),
                ("land_use", self.tr("کاربری"), parcel.rules.land_use_title),
            ]
        elif detail.parcel_problem is not None:
            left.append(("parcel_problem", self.tr("اطلاعات ملک"), operator_message(detail.parcel_problem)))
        right = [("", self.tr("ساختمان"), ""), *self._building_rows(request.building)]
        right.append(("", self.tr("پیوست‌ها"), ""))
        if request.attachments:
            for number, attachment in enumerate(request.attachments, start=1):
                size = self.tr("{kb} کیلوبایت").format(kb=format_number(max(1, round(attachment.size / 1024))))
                right.append(
                    (
                        f"attachment-{number}",
                        attachment_kind_name(attachment.kind),
                        f"{isolate(attachment.filename)} ({size})",
                    )
                )
        else:
            right.append(("attachments", "", self.tr("پیوستی ندارد")))
        for column, rows in ((0, left), (2, right)):
            for row, (name, caption, value) in enumerate(rows):
                self._field(row, column, name, caption, value)

    def _building_rows(self, building: dict[str, Any] | None) -> list[tuple[str, str, str]]:
        if not isinstance(building, dict):
            return [("building", "", self.tr("مشخصات ساختمان ثبت نشده است"))]
        floors = [f for f in building.get("floors") or [] if isinstance(f, dict)]
        total = Decimal(0)
        units = 0
        described = []
        for floor in floors:
            area = _decimal(floor.get("area_m2"))
            total += area
            units += int(_decimal(floor.get("units")))
            described.append(
                self.tr("{level}: {use} {area} م²").format(
                    level=level_name(floor.get("level")), use=use_name(str(floor.get("use", ""))),
                    area=format_number(area),
                )
            )  # fmt: skip
        rows = [
            ("floors", self.tr("طبقات"), join_names(described) if described else "—"),
            ("total_area", self.tr("کل زیربنا"), self.tr("{area} م² در {units} واحد").format(
                area=format_number(total), units=digits(str(units)))),
            ("parking", self.tr("پارکینگ"), self.tr("{provided} از {required} لازم").format(
                provided=digits(str(building.get("parking_provided", 0))),
                required=digits(str(building.get("parking_required", 0))))),
        ]  # fmt: skip
        balcony = _decimal(building.get("balcony_area_m2"))
        if balcony:
            rows.append(("balcony", self.tr("بالکن"), self.tr("{area} م²").format(area=format_number(balcony))))
        return rows

    def _field(self, row: int, column: int, name: str, caption: str, value: str) -> None:
        if not name:  # a group's heading
            heading = QLabel(caption)
            heading.setProperty("heading", "section")
            self._fields.addWidget(heading, row, column, 1, 2)
            return
        if caption:
            caption_label = QLabel(caption + ":")
            theme.set_tone(caption_label, "muted")
            caption_label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
            self._fields.addWidget(caption_label, row, column)
        value_label = SelectableLabel(value, objectName=f"permitField-{name}")
        value_label.setWordWrap(True)
        value_label.setTextFormat(Qt.TextFormat.PlainText)
        theme.align_to_reading_side(value_label)
        self._fields.addWidget(value_label, row, column + 1)


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value)) if value is not None else Decimal(0)
    except ArithmeticError:
        return Decimal(0)

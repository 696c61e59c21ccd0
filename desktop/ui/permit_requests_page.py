"""Following permit requests at the counter: the office's requests as a paged list with filters, one request's detail
below it, and a field for a tracking number typed or scanned.

The list is a `PagedTableModel`: the server filters and pages (`client.permit_requests`), one page at a time, read
off the UI thread, so ten thousand requests cost what fifty do. Choosing a row (arrows, Enter, a click) reads that
request with its parcel and computes this desk's fee preview beside the server's assessment, in the background
(desktop/ui/permit_request_data.py). The page reads the list and the request on show again, and on «به‌روزرسانی».

A barcode scanner types the tracking number and presses Enter; «PR-100001», «pr-۱۰۰۰۰۱» and «۱۰۰۰۰۱» all find it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from civic.jalali import format_jalali_date
from civic.text import normalize_digits
from client_api.permits import PermitRequestSummary
from desktop import theme
from desktop.fee_books import TariffBookCache
from desktop.formatting import code, current_language, format_amount, ltr
from desktop.messages import operator_message
from desktop.pages import Page
from desktop.paths import app_dirs
from desktop.session import Session
from desktop.ui.fee_floors_table import left_to_right
from desktop.ui.permit_request_data import RequestDetail, SharedBooks, load_detail
from desktop.ui.permit_request_detail import PermitRequestDetail
from desktop.ui.permit_request_filters import RequestFilters
from desktop.ui.permit_request_texts import status_name
from desktop.widgets.banner import MessageBanner
from desktop.widgets.lists import Column, ColumnKind, Fetch, ListView, PagedTableModel, in_background, share_with_detail

PAGE_SIZE = 100
CHOOSE_DELAY_MS = 250  # a row the arrows rest on is read after this pause, not every row they pass
_TRACKING = re.compile(r"(?:PR)?-?([0-9]{1,12})", re.ASCII)
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "_": "-"})


def tracking_number(text: str) -> str | None:
    """A typed or scanned tracking number in the API's form ("PR-100001"); None when it is not one."""
    raw = normalize_digits(text).translate(_DASHES).replace(" ", "").upper()
    match = _TRACKING.fullmatch(raw)
    return f"PR-{match[1]}" if match is not None else None


def _created(row: PermitRequestSummary) -> str:
    return format_jalali_date(row.created_at, persian_digits=current_language() == "fa")


def _total(row: PermitRequestSummary) -> int:
    return row.total_rials if row.total_rials is not None else -1  # not assessed yet: sorts first


def _total_text(row: PermitRequestSummary) -> str:
    return format_amount(row.total_rials) if row.total_rials is not None else ""  # «۱۲٬۵۰۰» as on the detail


def request_columns() -> tuple[Column[PermitRequestSummary], ...]:
    return (
        Column(
            "tracking",
            lambda: QCoreApplication.translate("PermitRequestsPage", "شماره پیگیری"),
            lambda r: r.tracking_number or "",
            text=lambda r: r.tracking_number or "—",
        ),
        Column(
            "applicant",
            lambda: QCoreApplication.translate("PermitRequestsPage", "متقاضی"),
            lambda r: r.applicant_name,
            stretch=True,
        ),
        Column(
            "national_id", lambda: QCoreApplication.translate("PermitRequestsPage", "کد ملی"), lambda r: r.national_id
        ),
        Column(
            "renovation_code",
            lambda: QCoreApplication.translate("PermitRequestsPage", "کد نوسازی"),
            lambda r: r.renovation_code,
            text=lambda r: ltr(r.renovation_code),
        ),
        Column(
            "status", lambda: QCoreApplication.translate("PermitRequestsPage", "وضعیت"), lambda r: status_name(r.status)
        ),
        Column(
            "created",
            lambda: QCoreApplication.translate("PermitRequestsPage", "تاریخ ثبت"),
            lambda r: r.created_at.timestamp(),
            text=_created,
        ),
        Column(
            "total",
            lambda: QCoreApplication.translate("PermitRequestsPage", "عوارض (ریال)"),
            _total,
            ColumnKind.AMOUNT,
            text=_total_text,
        ),
    )


def request_pages(client: Any) -> Fetch:
    """The list's fetch: one page of the office's requests, filtered by the server. It runs on a worker thread and
    holds the client only, never the page."""

    def fetch(page: int, page_size: int, filters: Mapping[str, object]) -> tuple[Sequence[Any], int]:
        typed: dict[str, Any] = {name: str(value) for name, value in filters.items()}
        answer = client.permit_requests(**typed, page=page + 1, page_size=page_size)
        return list(answer.items), answer.total

    return fetch


class PermitRequestsPage(Page):
    def __init__(
        self, session: Session, parent: QWidget | None = None, *, cache: TariffBookCache | None = None
    ) -> None:
        super().__init__(session, parent)
        cache = cache or TariffBookCache(app_dirs().cache / "tariffs")
        self._books = SharedBooks(cache.load)
        self._detail_request = 0  # answers to an older read of the detail are dropped
        self._shown_id: str | None = None  # the request whose detail is on show (or being read)

        self.banner = MessageBanner(self, closable=True)
        self.filters = RequestFilters(self)
        self.filters.applied.connect(self._filters_applied)

        title = QLabel(self.tr("پیگیری درخواست‌ها"), objectName="pageTitle")
        # made in place: a styled widget moved to another parent is styled again
        self.tracking_field = QLineEdit(self, objectName="permitTrackingSearch")
        self.tracking_field.setPlaceholderText(self.tr("شماره پیگیری (تایپ یا بارکدخوان)"))
        self.tracking_field.setAccessibleName(self.tr("شماره پیگیری"))
        self.tracking_field.setClearButtonEnabled(True)
        left_to_right(self.tracking_field)
        self.tracking_field.returnPressed.connect(self.find_tracking_number)
        self.find_button = QPushButton(self.tr("باز کردن"), objectName="permitTrackingOpen")
        self.find_button.setIcon(theme.icon("search"))
        self.find_button.clicked.connect(self.find_tracking_number)
        self.refresh_button = QPushButton(self.tr("به‌روزرسانی"), objectName="permitRefresh")
        self.refresh_button.setIcon(theme.icon("refresh"))
        self.refresh_button.setToolTip(self.tr("فهرست و درخواست باز را دوباره از سامانه بخوان"))
        self.refresh_button.clicked.connect(self.refresh)

        self.model = PagedTableModel(
            request_columns(), in_background(request_pages(session.client), session.tasks), page_size=PAGE_SIZE,
            row_key=lambda r: r.id, parent=self,
        )  # fmt: skip
        self.splitter = QSplitter(Qt.Orientation.Vertical, self, objectName="permitSplitter")
        self.splitter.setChildrenCollapsible(False)
        # no search within the page: the filters above search all the requests, on the server
        self.list_view = ListView(
            self.model, self.splitter, empty_text=self._empty_text, searchable=False, name="permitRequests"
        )
        self.table = self.list_view.table
        self.table.setProperty("pishkhanData", True)
        self._fit_rows()
        self.list_view.activated.connect(lambda row: self.open_request(row.id))
        self._choose = QTimer(self, singleShot=True, interval=CHOOSE_DELAY_MS)
        self._choose.timeout.connect(self._open_current_row)
        self.table.selectionModel().currentRowChanged.connect(lambda _current, _previous: self._choose.start())

        self.detail = PermitRequestDetail(self.splitter)  # a splitter's children are its parts, in order
        self.detail.new_request_wanted.connect(
            lambda renovation: self.show_page_requested.emit("permit", {"renovation_code": renovation})
        )
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self._sized = False

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.tracking_field, 1)
        top.addWidget(self.find_button)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.tracking_field, self.find_button)
        self.setTabOrder(self.find_button, self.refresh_button)

    def _fit_rows(self) -> None:
        """Rows of one line, each as tall as the font needs; column widths from the rows on screen. Measuring every
        cell of every row on each page (the list's default) costs most of a second per page of a hundred rows."""
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setResizeContentsPrecision(0)  # the visible rows

    # -- the page's contract --------------------------------------------------------------------------

    def open_with(self, **context: Any) -> None:
        request_id, tracking = context.get("request_id"), context.get("tracking_number")
        if isinstance(request_id, str) and request_id:
            self.open_request(request_id)
        elif isinstance(tracking, str) and tracking:
            self.tracking_field.setText(tracking)
            self.find_tracking_number()

    def submit(self) -> bool:
        """Ctrl+Enter: apply the filters as typed."""
        self.filters.apply()
        return True

    def cancel(self) -> bool:
        if self.banner.isVisible():
            self.banner.clear()
            return True
        if self.tracking_field.hasFocus() and self.tracking_field.text():
            self.tracking_field.clear()
            return True
        return self.list_view.clear_search()

    # -- the list -------------------------------------------------------------------------------------

    def _filters_applied(self, filters: dict[str, str]) -> None:
        self.model.set_filters(filters)

    def _empty_text(self) -> str:
        if self.model.filters:
            return self.tr("درخواستی با این فیلترها نیست.")
        return self.tr("این دفتر هنوز درخواست پروانه‌ای ثبت نکرده است.")

    def refresh(self) -> None:
        """Read the list and the request on show again (the municipality may have moved them on)."""
        self._books.forget()
        self.model.reload()
        if self._shown_id is not None:
            self.open_request(self._shown_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            share_with_detail(self.splitter)
        if not event.spontaneous():
            self.refresh()

    # -- one request ----------------------------------------------------------------------------------

    def _open_current_row(self) -> None:
        row = self.list_view.current_row()
        if row is not None and row.id != self._shown_id:
            self.open_request(row.id)

    def open_request(self, request_id: str, label: str = "") -> None:
        """Read a request (by its id) with its parcel and fees, and show it below the list."""
        self._choose.stop()
        self._shown_id = request_id
        self._detail_request += 1
        wanted = self._detail_request
        self.detail.show_loading(label)
        client, books = self.session.client, self._books
        self.session.tasks.run(
            lambda: load_detail(client, books, request_id),
            lambda detail: self._detail_read(wanted, detail),
            lambda exc: self._detail_failed(wanted, exc),
            owner=self,
        )

    def find_tracking_number(self) -> None:
        """Open the request a typed or scanned tracking number names (Enter in the field, or «باز کردن»)."""
        text = self.tracking_field.text()
        number = tracking_number(text)
        if number is None:
            if text.strip():
                self.banner.show_message(
                    self.tr("«{text}» شماره پیگیری نیست؛ شماره‌ای مانند PR-100001 وارد کنید.").format(text=text.strip()),
                    "error",
                )
            return
        self.banner.clear()
        self._choose.stop()
        self._detail_request += 1
        wanted = self._detail_request
        self.detail.show_loading(code(number))
        client, books = self.session.client, self._books

        def find() -> RequestDetail | None:
            found = client.permit_requests(tracking_number=number, page=1, page_size=1)
            return load_detail(client, books, found.items[0].id) if found.items else None

        self.session.tasks.run(
            find, lambda detail: self._tracking_read(wanted, number, detail),
            lambda exc: self._detail_failed(wanted, exc), owner=self,
        )  # fmt: skip

    def _tracking_read(self, wanted: int, number: str, detail: RequestDetail | None) -> None:
        if wanted != self._detail_request:
            return
        if detail is None:
            self._shown_id = None
            message = self.tr("درخواستی با شماره پیگیری {number} در این دفتر پیدا نشد.").format(number=code(number))
            self.banner.show_message(message, "warning")
            self.detail.show_placeholder(message)
            return
        self.tracking_field.selectAll()  # the next scan replaces it
        self._detail_read(wanted, detail)

    def _detail_read(self, wanted: int, detail: RequestDetail) -> None:
        if wanted != self._detail_request:
            return
        self._shown_id = detail.request.id
        self.detail.show_detail(detail)

    def _detail_failed(self, wanted: int, exc: BaseException) -> None:
        if wanted != self._detail_request:
            return
        self.detail.show_placeholder(
            self.tr("درخواست خوانده نشد: {reason}").format(reason=operator_message(exc)), "error"
        )

"""The parcel page «ضوابط ملک»: find a parcel by renovation code, postal code or registration plate, read its facts
and building rules, see it drawn to scale, print the zoning sheet, and start a permit request for it.

One search field takes all three keys (desktop.ui.parcel_query says how each is recognised). A barcode scanner types
the code and presses Enter, which searches; Esc clears. The search runs on a worker thread (session.tasks); a newer
search makes the answer of an older one void, so a quick second scan never shows the first parcel. Several matches
(a plate shared by apartments) are listed to choose from; none is said in a sentence naming what was searched.

Printing builds `printing.model.ZoningSheet` from the parcel on a worker thread (ReportLab), then shows the preview;
the preview prints on a worker thread through the print service, on the A4 printer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from client_api.parcels import Parcel, ParcelSummary
from desktop import theme
from desktop.formatting import code, digits, format_number, isolate
from desktop.messages import operator_message
from desktop.pages import Page
from desktop.session import Session
from desktop.ui.parcel_facts import ParcelFacts
from desktop.ui.parcel_query import (
    EXAMPLES,
    ParcelQuery,
    QueryError,
    SearchResult,
    find_parcels,
    kind_name,
    load_parcel,
    recognise,
)
from desktop.ui.parcel_sheet import zoning_sheet
from desktop.widgets.banner import MessageBanner
from desktop.widgets.parcel_sketch import ParcelSketch
from printing import Rendered, render


class ParcelPage(Page):
    searched = Signal(object)  # SearchResult, once shown (tests and links wait on it)
    search_failed = Signal(object)  # the exception, once shown
    preview_opened = Signal(object)  # the PdfPreviewDialog

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.parcel: Parcel | None = None
        self.result: SearchResult | None = None
        self.preview: QWidget | None = None
        self._search_id = 0
        self._query: ParcelQuery | None = None
        self._rendering = False
        self._halved = False

        title = QLabel(self.tr("ضوابط ملک"), objectName="pageTitle")
        # made in place: a styled widget moved to another parent is styled again, with all it holds
        self.field = QLineEdit(self, objectName="parcelSearch")
        self.field.setPlaceholderText(self.tr("کد نوسازی، کد پستی یا پلاک ثبتی"))
        self.field.setAccessibleName(self.tr("کد نوسازی، کد پستی یا پلاک ثبتی"))
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.search)
        self.field.textEdited.connect(self._edited)
        self.search_button = QPushButton(
            theme.icon("search", on_accent=True), self.tr("جستجو"), objectName="parcelSearchButton"
        )
        self.search_button.setProperty("primary", True)
        self.search_button.clicked.connect(self.search)
        self.clear_button = QPushButton(theme.icon("close"), self.tr("پاک کردن"), objectName="parcelClearButton")
        self.clear_button.clicked.connect(self.clear)
        search_row = QHBoxLayout()
        search_row.addWidget(self.field, 1)
        search_row.addWidget(self.search_button)
        search_row.addWidget(self.clear_button)
        self.hint = QLabel(self._first_hint(), objectName="parcelSearchHint")
        self.hint.setWordWrap(True)
        theme.set_tone(self.hint, "muted")
        self.field_error = QLabel(objectName="parcelSearchError")
        self.field_error.setWordWrap(True)
        theme.set_tone(self.field_error, "error")
        self.field_error.hide()
        self.banner = MessageBanner(self)
        self.banner.clear()

        self.matches_box = QGroupBox(self, objectName="parcelMatchesBox")
        self.matches = QListWidget(self.matches_box, objectName="parcelMatches")
        self.matches.setTabKeyNavigation(False)
        self.matches.setAccessibleName(self.tr("ملک‌های پیداشده"))
        self.matches.setMaximumHeight(150)
        self.matches.itemActivated.connect(self._match_chosen)
        self.matches_title = QLabel(objectName="parcelMatchesTitle")  # a label, not the box's title: it wraps
        self.matches_title.setWordWrap(True)
        self.matches_title.setBuddy(self.matches)
        matches_layout = QVBoxLayout(self.matches_box)
        matches_layout.addWidget(self.matches_title)
        matches_layout.addWidget(self.matches)
        self.matches_box.hide()

        self.result_box = QWidget(self, objectName="parcelResult")
        self.headline = QLabel(objectName="parcelHeadline")
        self.headline.setProperty("heading", "section")
        self.headline.setWordWrap(True)
        self.permit_button = QPushButton(theme.icon("add"), self.tr("ثبت درخواست پروانه برای این ملک"),
                                         objectName="parcelPermitButton")  # fmt: skip
        self.permit_button.clicked.connect(self.request_permit)
        self.print_button = QPushButton(theme.icon("print"), self.tr("چاپ برگه ضوابط"), objectName="parcelPrintButton")
        self.print_button.clicked.connect(self.print_document)
        head_row = QHBoxLayout()
        head_row.addWidget(self.headline, 1)
        head_row.addWidget(self.permit_button)
        head_row.addWidget(self.print_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.result_box, objectName="parcelSplitter")
        self.facts = ParcelFacts()
        facts_scroll = QScrollArea(self.splitter, objectName="parcelFactsScroll")
        facts_scroll.setWidgetResizable(True)
        facts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        # a Tab stop of its own, so the keyboard can scroll to the owners and the zones (arrows, Page Down)
        facts_scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        facts_scroll.setAccessibleName(self.tr("ضوابط و مشخصات ملک"))
        self.facts_scroll = facts_scroll
        facts_scroll.setWidget(self.facts)
        self.sketch = ParcelSketch()
        sketch_box = QGroupBox(self.tr("نقشه قطعه"), self.splitter, objectName="parcelSketchBox")
        sketch_layout = QVBoxLayout(sketch_box)
        sketch_layout.addWidget(self.sketch)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        result_layout = QVBoxLayout(self.result_box)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addLayout(head_row)
        result_layout.addWidget(self.splitter, 1)
        self.result_box.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(search_row)
        layout.addWidget(self.hint)
        layout.addWidget(self.field_error)
        layout.addWidget(self.banner)
        layout.addWidget(self.matches_box)
        layout.addWidget(self.result_box, 1)
        layout.addStretch(0)
        self.setFocusProxy(self.field)
        for first, second in (
            (self.field, self.search_button),
            (self.search_button, self.clear_button),
            (self.clear_button, self.matches),
            (self.matches, self.permit_button),
            (self.permit_button, self.print_button),
            (self.print_button, self.facts_scroll),
        ):
            QWidget.setTabOrder(first, second)

    def _first_hint(self) -> str:
        renovation, postal, plate = (code(example) for example in EXAMPLES)
        return self.tr("کد را تایپ کنید یا با اسکنر بخوانید؛ نمونه‌ها: {code} ، {postal} ، {plate}").format(
            code=renovation, postal=postal, plate=plate
        )

    # --- the page's keys and links ---------------------------------------------------------------------------------

    def open_with(self, **context: Any) -> None:
        """`renovation_code=...`: search that parcel."""
        value = context.get("renovation_code")
        if isinstance(value, str) and value.strip():
            self.field.setText(value.strip())
            self.search()

    def submit(self) -> bool:
        self.search()
        return True

    def cancel(self) -> bool:
        if not self.field.text() and self.parcel is None and self.field_error.isHidden() and self.banner.isHidden():
            return False
        self.clear()
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._focus_field)  # dropped if the page is gone by then

    def _focus_field(self) -> None:
        self._halve()
        if self.isVisible() and self.parcel is None:
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- searching -------------------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._query is not None

    def search(self) -> None:
        """Recognise the field's text and search it on a worker thread."""
        try:
            query = recognise(self.field.text())
        except QueryError as exc:
            self._field_message(exc.message)
            return
        self._field_message("")
        self.banner.clear()
        self._start(query, partial(find_parcels, self.session.client, query))

    def _start(self, query: ParcelQuery, op: Callable[[], SearchResult]) -> None:
        self._search_id += 1
        search_id = self._search_id
        self._query = query
        self.search_button.setEnabled(False)
        self.hint.setText(
            self.tr("در حال جستجوی {kind} {value}…").format(kind=kind_name(query.kind), value=code(query.value))
        )
        self.session.tasks.run(
            op,
            lambda result: self._found(search_id, result),
            lambda exc: self._failed(search_id, exc),
            owner=self,
        )

    def _finish(self, search_id: int) -> bool:
        """True when this answer is the latest search's; the page is ready for the next one either way."""
        if search_id != self._search_id:
            return False
        self._query = None
        self.search_button.setEnabled(True)
        self.hint.setText(self.tr("کد دیگری را تایپ کنید یا با اسکنر بخوانید."))
        return True

    def _found(self, search_id: int, result: SearchResult) -> None:
        if not self._finish(search_id):
            return
        self.result = result
        query = result.query
        if result.parcel is not None:
            self.matches_box.hide()
            self.show_parcel(result.parcel)
        elif result.matches:
            self._show_matches(result)
        else:
            self._show_nothing()
            self.banner.show_message(
                self.tr("هیچ ملکی با {kind} {value} پیدا نشد. کد را با سند یا قبض ملک مقایسه کنید.").format(
                    kind=kind_name(query.kind), value=code(query.value)
                ),
                "warning",
            )
        self.field.selectAll()  # the next scan types over this one
        focused = QApplication.focusWidget()
        if result.parcel is not None and (focused is None or not focused.isVisible()):
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)  # the list just chosen from is gone
        self.searched.emit(result)

    def _failed(self, search_id: int, exc: BaseException) -> None:
        if not self._finish(search_id):
            return
        self.banner.show_message(operator_message(exc), "error")
        self.search_failed.emit(exc)

    def _show_matches(self, result: SearchResult) -> None:
        self._show_nothing()
        count = digits(result.total)
        title = self.tr("{count} ملک با {kind} {value} پیدا شد؛ یکی را انتخاب کنید (کلید ورود).").format(
            count=count, kind=kind_name(result.query.kind), value=code(result.query.value)
        )
        if result.total > len(result.matches):
            title += " " + self.tr("{shown} مورد نخست نشان داده شده است.").format(shown=digits(len(result.matches)))
        self.matches_title.setText(title)
        self.matches.clear()
        for summary in result.matches:
            item = QListWidgetItem(self._summary_text(summary))
            item.setData(Qt.ItemDataRole.UserRole, summary.renovation_code)
            self.matches.addItem(item)
        self.matches.setCurrentRow(0)
        self.matches_box.show()
        self.matches.setFocus(Qt.FocusReason.OtherFocusReason)

    def _summary_text(self, summary: ParcelSummary) -> str:
        return self.tr("{code} — پلاک {plate} — {area} متر مربع — {address}").format(
            code=code(summary.renovation_code),
            plate=code(summary.registration_plate),
            area=format_number(summary.land_area_m2),
            address=isolate(digits(summary.address)),
        )

    def _match_chosen(self, item: QListWidgetItem) -> None:
        chosen = item.data(Qt.ItemDataRole.UserRole)
        query = self.result.query if self.result is not None else None
        if not isinstance(chosen, str) or query is None:
            return
        self._start(query, partial(load_parcel, self.session.client, query, chosen))

    def choose_match(self, row: int) -> None:
        """Choose the `row`th match, as Enter on it does."""
        item = self.matches.item(row)
        if item is not None:
            self._match_chosen(item)

    # --- showing ---------------------------------------------------------------------------------------------------

    def show_parcel(self, parcel: Parcel) -> None:
        self.parcel = parcel
        self.sketch.show_parcel(parcel)
        self.facts.show_parcel(parcel, self.sketch.footprint_area)
        self.headline.setText(
            self.tr("ملک {code} — {address}").format(code=code(parcel.renovation_code), address=isolate(parcel.address))
        )
        self.result_box.show()
        self._halve()

    def _halve(self) -> None:
        """The first time the result has its width: half for the facts, half for the sketch."""
        if self._halved or not self.result_box.isVisible() or self.splitter.width() <= 0:
            return
        self._halved = True
        half = max(self.splitter.width() // 2, 1)
        self.splitter.setSizes([half, half])

    def _show_nothing(self) -> None:
        self.parcel = None
        self.result_box.hide()
        self.matches_box.hide()
        self.sketch.clear()

    def clear(self) -> None:
        self._search_id += 1  # an answer still on its way is dropped
        self._query = None
        self.search_button.setEnabled(True)
        self.field.clear()
        self._field_message("")
        self.banner.clear()
        self.result = None
        self._show_nothing()
        self.hint.setText(self._first_hint())
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edited(self, _text: str) -> None:
        if not self.field_error.isHidden():
            self._field_message("")

    def _field_message(self, text: str) -> None:
        self.field_error.setText(text)
        self.field_error.setVisible(bool(text))
        theme.set_invalid(self.field, bool(text))

    # --- links and printing ----------------------------------------------------------------------------------------

    def request_permit(self) -> None:
        if self.parcel is not None:
            self.show_page_requested.emit("permit", {"renovation_code": self.parcel.renovation_code})

    def print_document(self) -> bool:
        """Ctrl+P: build the zoning sheet on a worker thread, then show it in the print preview."""
        parcel = self.parcel
        if parcel is None:
            return False
        if self._rendering:
            return True
        self._rendering = True
        self.print_button.setEnabled(False)
        sheet = zoning_sheet(parcel, training=self.session.training)
        self.session.tasks.run(lambda: render(sheet), self._rendered, self._render_failed, owner=self)
        return True

    def _rendered(self, doc: Rendered) -> None:
        from desktop.widgets.pdf_preview import PdfPreviewDialog

        self._rendering = False
        self.print_button.setEnabled(True)
        dialog = PdfPreviewDialog(doc, self.session.print_service, self.session.tasks, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.printed.connect(self._printed)
        dialog.finished.connect(self._preview_closed)
        self.preview = dialog
        dialog.open()
        self.preview_opened.emit(dialog)

    def _preview_closed(self, _result: int) -> None:
        self.preview = None

    def _render_failed(self, exc: BaseException) -> None:
        self._rendering = False
        self.print_button.setEnabled(True)
        self.banner.show_message(operator_message(exc), "error")

    def _printed(self, result: Any) -> None:
        self.banner.show_message(
            self.tr("برگه ضوابط به چاپگر «{printer}» فرستاده شد.").format(printer=isolate(result.printer)), "success"
        )

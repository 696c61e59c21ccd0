"""Fee preview: what a building permit (or a transfer) will cost, computed here from a signed tariff book, with or
without a network.

The books come from `desktop.fee_books`: the bundled ones and those downloaded from the server, verified and cached.
Loading them (disk, signature checks) and asking the server for its current book (network) run in the background
through the TaskRunner. The assessment itself runs on the UI thread, on purpose: the engine takes about 20 µs a case
(bench/fees_bench.py) and validating the case a little more, far below a frame, so the figures follow the typing
without a worker thread, and a 150 ms debounce keeps a fast typist from recomputing on every key.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from civic.jalali import parse_jalali_date, to_jalali
from civic.money import rials_in_words
from civic.text import normalize_digits
from desktop.fee_books import BUNDLED, LocalBooks, Refresh, ServerBook, TariffBookCache, book_name
from desktop.formatting import code, current_language, digits, format_amount, tabular_font
from desktop.forms import Problem, bring_into_view, set_tone
from desktop.messages import error_message
from desktop.pages import Page
from desktop.paths import app_dirs
from desktop.session import Session
from desktop.ui.fee_case_form import FeeCaseForm
from desktop.ui.fee_lines_view import AssessmentView, format_value
from fees import Assessment, CaseError, FeesError, NoBookError, TariffBook, parse_case, select_book

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
SERVER_CHECK_INTERVAL_S = 600.0
_CODE_PARTS = re.compile(r"[0-9]+", re.ASCII)
_ASCII_WORD = re.compile(r"[A-Za-z]{2,}", re.ASCII)
# A realistic counter case (shops and their storage below, flats above) for `pishkhan screenshots` and demos.
DEMO_CASE = {
    "renovation_code": "1-2-123-45-0-0",
    "date": "1405/07/15",
    "purpose": "permit",
    "land_area_m2": "240",
    "parking_provided": "2",
    "parking_required": "3",
    "balcony_area_m2": "12.5",
    "renovation_years": "2",
    "floors": [
        {"level": -1, "use": "storage", "serves": "commercial", "area_m2": "60", "units": "0", "height_m": "3",
         "frontage_m": "10"},
        {"level": 0, "use": "commercial", "area_m2": "110", "units": "2", "height_m": "4.5", "frontage_m": "10"},
        {"level": 1, "use": "residential", "area_m2": "130", "units": "1", "height_m": "3.2", "frontage_m": "10"},
        {"level": 2, "use": "residential", "area_m2": "130", "units": "1", "height_m": "3.2", "frontage_m": "10"},
    ],
}  # fmt: skip


class FeePreviewPage(Page):
    def __init__(
        self, session: Session, parent: QWidget | None = None, *, cache: TariffBookCache | None = None
    ) -> None:
        super().__init__(session, parent)
        self._tasks = session.tasks
        self._cache = cache or TariffBookCache(app_dirs().cache / "tariffs")
        self._local: LocalBooks | None = None
        self._server: ServerBook | None = None
        self._server_checked_at: float | None = None
        self._checking = False
        self.assessment: Assessment | None = None
        self.used_book: TariffBook | None = None

        title = QLabel(self.tr("پیش‌نمایش عوارض"), objectName="pageTitle")
        self.book_label = QLabel(self.tr("در حال بارگذاری دفترچه‌های تعرفه…"), objectName="feeBook")
        self.book_label.setWordWrap(True)
        self.server_label = QLabel(objectName="feeServerBook")
        self.server_label.setWordWrap(True)
        set_tone(self.server_label, "muted")
        self.check_button = QPushButton(self.tr("بررسی دفترچه سامانه"), objectName="checkServerBook")
        self.check_button.clicked.connect(self._check_now)
        self.warning_label = QLabel(objectName="feeBookWarning")
        self.warning_label.setWordWrap(True)
        set_tone(self.warning_label, "warning")
        self.warning_label.hide()
        self.error_label = QLabel(objectName="feeError")
        self.error_label.setWordWrap(True)
        set_tone(self.error_label, "error")
        self.error_label.hide()
        self.hint_label = QLabel(objectName="feeHint")  # what is still missing, before anything is wrong
        self.hint_label.setWordWrap(True)
        set_tone(self.hint_label, "muted")
        self.hint_label.hide()

        self.total_label = QLabel("—", objectName="feeTotal")
        total_font = tabular_font(self.total_label.font())
        total_font.setPointSizeF(total_font.pointSizeF() * 1.4)
        total_font.setWeight(QFont.Weight.Bold)
        self.total_label.setFont(total_font)
        self.words_label = QLabel(objectName="feeTotalWords")
        self.words_label.setWordWrap(True)

        total_box = QFrame(objectName="feeTotalBox")
        total_box.setFrameShape(QFrame.Shape.StyledPanel)
        total_row = QHBoxLayout(total_box)
        total_row.addWidget(QLabel(self.tr("جمع کل عوارض:"), objectName="feeTotalCaption"))
        total_row.addWidget(self.total_label)
        total_row.addSpacing(16)
        total_row.addWidget(self.words_label, 10)
        total_row.addStretch(1)  # keeps the total at the reading side when the words are hidden (English)

        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(16)
        header.addWidget(self.book_label, 1)
        header.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.server_label)
        layout.addWidget(self.warning_label)

        # the inputs on the reading side, the fee lines and the selected one's explanation beside them: both keep
        # the page's whole height, so at 1024×640 the explanation still has room. Made in place, top-down: a styled
        # widget moved to another parent is styled again, with all it holds
        splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="feeSplitter")
        self._scrolled_form(splitter)
        self.view = AssessmentView(splitter)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self._splitter = splitter
        self._halved = False
        self.form.floors.tab_after = self.view.lines
        self.form.floors.chain_tabs()

        layout.addWidget(splitter, 1)
        layout.addWidget(self._message_line())
        layout.addWidget(total_box)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.recompute)
        self.form.changed.connect(self._debounce.start)
        self.form.floors.add_floor({"level": 0, "use": "residential"})
        self._tasks.run(self._cache.load, self._books_loaded, self._books_failed, owner=self)

    def _scrolled_form(self, parent: QWidget) -> None:
        """The inputs scroll when the page is shorter than they are (at 1024×640 with the floors table): each field
        keeps its full height instead of being squeezed until its text is cut. Tab brings the next field into view,
        and so does `Form.present` the first field in error."""
        scroll = QScrollArea(parent, objectName="feeFormScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form = FeeCaseForm(scroll.viewport())
        scroll.setWidget(self.form)
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(self.form.minimumSizeHint().width() + bar)  # the splitter never narrows it further
        # Qt scrolls to a field only for Tab pressed inside the area: focus coming from outside it (Shift+Tab back
        # from the fee lines, a new floor's first cell) is brought into view here
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self._form_scroll = scroll

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and shiboken6.isValid(self) and self._form_scroll.isAncestorOf(new):
            bring_into_view(new)

    def _message_line(self) -> QWidget:
        """The error and the hint in one place that keeps its height while they come and go: a message appearing
        and disappearing as the operator types would otherwise move, lay out and repaint the whole page on a key."""
        line = QWidget(objectName="feeMessages")
        grid = QGridLayout(line)
        grid.setContentsMargins(0, 0, 0, 0)
        for label in (self.error_label, self.hint_label):  # one cell: at most one of them is shown
            policy = label.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            label.setSizePolicy(policy)
            grid.addWidget(label, 0, 0)
        return line

    # -- the page's hooks ---------------------------------------------------------------------------------

    def open_with(self, **context: Any) -> None:
        """`case=dict`: show that case (as `pishkhan fees preview` reads it) and compute it."""
        case = context.get("case")
        if isinstance(case, dict):
            self.fill_case(case)

    # -- books ------------------------------------------------------------------------------------------

    @property
    def books_ready(self) -> bool:
        return self._local is not None

    @property
    def server_book(self) -> ServerBook | None:
        return self._server

    def book_name(self, book: TariffBook | ServerBook) -> str:
        """«همدان ۱۴۰۵٫۱» / "Hamedan 1405.1"; a server's book takes the city of a local book of its code."""
        city = getattr(book, "city", None)
        if city is None and self._local is not None:
            city = next((b.city for b in self._local.books if b.code == book.code), None)
        return book_name(book.code, book.version, city, current_language())

    def _books_loaded(self, local: LocalBooks) -> None:
        self._local = local
        self.recompute()

    def _books_failed(self, exc: BaseException) -> None:
        log.error("tariff books could not be loaded", exc_info=exc)
        self.book_label.setText(self.tr("دفترچه‌های تعرفه بارگذاری نشد؛ جزئیات در گزارش برنامه ثبت شد."))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._halved:  # the first time the page has its width: half for the inputs, half for the lines
            self._halved = True
            half = max(self._splitter.width() // 2, 1)
            self._splitter.setSizes([half, half])
        self.check_server_book()

    def _check_now(self) -> None:
        self.check_server_book(force=True)

    def check_server_book(self, *, force: bool = False) -> None:
        """Ask the server for its current book (in the background), verify and cache it. Skipped while a check runs,
        and within SERVER_CHECK_INTERVAL_S of the last one unless forced."""
        if self._checking:
            return
        checked_at = self._server_checked_at
        if not force and checked_at is not None and time.monotonic() - checked_at < SERVER_CHECK_INTERVAL_S:
            return
        self._checking = True
        self.check_button.setEnabled(False)
        cache, client = self._cache, self.session.client
        self._tasks.run(lambda: cache.refresh(client), self._server_checked, self._server_check_failed, owner=self)

    def _server_checked(self, refresh: Refresh) -> None:
        self._checking = False
        self._server_checked_at = time.monotonic()
        self.check_button.setEnabled(True)
        self._server = refresh.server
        self._local = refresh.local
        name = self.book_name(refresh.server)
        if refresh.server.verified:
            self.server_label.setText(self.tr("دفترچه جاری سامانه: {book} — امضا تأیید شد.").format(book=name))
        else:
            self.server_label.setText(self.tr("دفترچه جاری سامانه: {book} — امضا تأیید نشد.").format(book=name))
        self.recompute()

    def _server_check_failed(self, exc: BaseException) -> None:
        self._checking = False
        self._server_checked_at = time.monotonic()
        self.check_button.setEnabled(True)
        log.info("the server's tariff book could not be fetched: %s", type(exc).__name__)
        self.server_label.setText(
            self.tr("دفترچه سامانه بررسی نشد: {reason} محاسبه با دفترچه‌های همین رایانه انجام می‌شود.").format(
                reason=error_message(exc)
            )
        )

    # -- the preview --------------------------------------------------------------------------------------

    def fill_case(self, case: dict[str, Any]) -> None:
        """Show a case in the inputs and compute it at once."""
        self.form.fill(case)
        self._debounce.stop()
        self.recompute()

    def recompute(self) -> None:
        """Assess what the inputs say now, with the book in force on the case's date."""
        self._debounce.stop()
        local = self._local
        if local is None:
            return
        data, problems = self.form.read_case()
        book: TariffBook | None = None
        if data is not None:
            try:
                case = parse_case(data)
                book = select_book(local.books, case.date)
            except CaseError as exc:
                problems = [Problem(exc.field, self._case_reason(exc))]
            else:
                self._show_regional_value(book, case.block)
                if book.regional_value(case.block) is None:
                    message = self.tr("بلوک {block} در جدول قیمت منطقه‌ای دفترچه {book} نیست").format(
                        block=code(case.block), book=self.book_name(book)
                    )
                    problems = [Problem("renovation_code", message)]
        if problems or data is None or book is None:
            if book is None:
                book = self._book_for_date(self.form.date.text())
                self._show_regional_value(book, _block(self.form.renovation_code.text()))
            self._show_problems(problems)
            self._show_book(book, None)
            return
        try:
            assessment = book.evaluate(case)
        except FeesError as exc:  # an item that cannot be computed on these values
            log.warning("fee item could not be computed: %s", exc.message("en"))
            self._show_failure(self.tr("این مورد با دفترچه {book} محاسبه‌پذیر نیست.").format(book=self.book_name(book)))
            self._show_book(book, None)
            return
        self.assessment = assessment
        self.used_book = book
        self.error_label.hide()
        self.hint_label.hide()
        self.form.form.present([])
        self.view.show_assessment(assessment, self._floor_name, self.form)
        lang = current_language()
        self.total_label.setText(self.tr("{amount} ریال").format(amount=format_amount(assessment.total_rials)))
        self.words_label.setText(rials_in_words(assessment.total_rials) if lang == "fa" else "")
        self.words_label.setVisible(lang == "fa")  # amounts in words are Persian, as on the receipt
        self._show_book(book, case.date)

    def _case_reason(self, exc: CaseError) -> str:
        """The reason of an error `fees` found beyond the form's own checks, in the operator's words."""
        if isinstance(exc, NoBookError):
            return self.tr("هیچ دفترچه تعرفه‌ای در این تاریخ نافذ نیست")
        reason = exc.reason_fa if current_language() == "fa" else exc.reason_en
        if current_language() == "fa" and _ASCII_WORD.search(reason):
            log.warning("case refused by fees: %s: %s", exc.field, exc.reason_en)
            return self.tr("پذیرفته نشد")
        return digits(reason)

    def _show_problems(self, problems: list[Problem]) -> None:
        """Name the first problem the operator has met (an edited field); before that, only say what is missing."""
        sentence = self.form.form.present(problems)
        if sentence is not None:
            self.hint_label.hide()
            self._show_failure(sentence)
            return
        self.error_label.hide()
        self._clear_results()
        if problems:
            self.hint_label.setText(
                self.tr("برای پیش‌نمایش، «{field}» را وارد کنید.").format(field=self.form.field_label(problems[0].field))
            )
            self.hint_label.show()

    def _show_failure(self, message: str) -> None:
        self.hint_label.hide()
        self.error_label.setText(message)
        self.error_label.show()
        self._clear_results()

    def _clear_results(self) -> None:
        self.assessment = None
        self.view.clear()
        self.total_label.setText("—")
        self.words_label.clear()

    def _floor_name(self, index: int) -> str:
        floors = self.assessment.case.floors if self.assessment is not None else ()
        if 0 <= index < len(floors):
            return self.form.floors.level_name(floors[index].level)
        return digits(str(index + 1))

    def _book_for_date(self, date_text: str) -> TariffBook | None:
        assert self._local is not None
        try:
            return select_book(self._local.books, to_jalali(parse_jalali_date(date_text)))
        except (ValueError, FeesError):
            return None

    def _show_regional_value(self, book: TariffBook | None, block: str | None) -> None:
        value = book.regional_value(block) if book is not None and block else None
        if value is None:
            self.form.show_regional_value("")
            return
        self.form.show_regional_value(
            self.tr("قیمت منطقه‌ای (P) بلوک {block}: {value} ریال بر متر مربع").format(
                block=code(block or ""), value=format_value(value, current_language() == "fa")
            )
        )

    def _show_book(self, book: TariffBook | None, date: tuple[int, int, int] | None) -> None:
        if book is None:
            self.book_label.setText(self.tr("دفترچه تعرفه: —"))
            self.warning_label.hide()
            return
        assert self._local is not None
        persian = current_language() == "fa"
        source = self._local.source.get(book.sha256, BUNDLED)
        text = self.tr("دفترچه تعرفه: {book} ({source})").format(
            book=self.book_name(book),
            source=self.tr("همراه برنامه") if source == BUNDLED else self.tr("دریافت‌شده از سامانه و تأییدشده"),
        )
        if book.sample:
            text += " — " + self.tr("نمونه آموزشی، غیرواقعی")
        self.book_label.setText(text)
        self.book_label.setToolTip(f"{book.title if persian else book.title_en or book.title}\nSHA-256 {book.sha256}")
        server = self._server
        if server is None or date is None or not server.newer_than(book, date):
            self.warning_label.hide()
            return
        warning = self.tr(
            "سامانه شهرداری دفترچه جدیدتری دارد ({server}) اما این پیش‌نمایش با {used} محاسبه شد؛ "
            "مبلغ نهایی ممکن است متفاوت باشد."
        ).format(server=self.book_name(server), used=self.book_name(book))
        if server.problem is not None:
            log.warning("the server's tariff book failed verification: %s", server.problem.message("en"))
            warning += " " + self.tr("امضای دفترچه سامانه تأیید نشد؛ از آن استفاده نمی‌شود.")
        self.warning_label.setText(warning)
        self.warning_label.show()


def _block(code_text: object) -> str | None:
    """The block of a typed renovation code (its third part), to show P while another field is still wrong."""
    parts = _CODE_PARTS.findall(normalize_digits(str(code_text or "")))
    return str(int(parts[2])) if len(parts) == 6 else None

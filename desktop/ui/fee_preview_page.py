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
import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from civic.jalali import parse_jalali_date, to_jalali
from civic.money import format_rials, rials_in_words
from civic.text import normalize_digits
from client_api import MunicipalClient
from desktop.fee_books import BUNDLED, LocalBooks, Refresh, ServerBook, TariffBookCache
from desktop.messages import current_language, error_message, isolate, localized_digits
from desktop.paths import app_dirs
from desktop.tasks import TaskRunner
from desktop.ui.fee_case_form import FeeCaseForm
from desktop.ui.fee_lines_view import AssessmentView, format_value
from fees import Assessment, CaseError, FeesError, TariffBook, parse_case, select_book

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
SERVER_CHECK_INTERVAL_S = 600.0
_CODE_PARTS = re.compile(r"[0-9]+", re.ASCII)
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


class ClientOf:
    """The signed-in client of a window (its `client` attribute), without keeping the window alive: a page holding
    its own window strongly would make a reference cycle that outlives the QApplication and crashes at exit."""

    def __init__(self, window: QObject) -> None:
        self._window = weakref.ref(window)

    def __call__(self) -> MunicipalClient | None:
        window = self._window()
        client = getattr(window, "client", None) if window is not None else None
        return client if isinstance(client, MunicipalClient) else None


class FeePreviewPage(QWidget):
    def __init__(
        self,
        tasks: TaskRunner,
        client: Callable[[], MunicipalClient | None] = lambda: None,
        *,
        cache: TariffBookCache | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._client = client
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
        self.server_label.setStyleSheet("color: #555;")
        self.check_button = QPushButton(self.tr("بررسی دفترچه سامانه"), objectName="checkServerBook")
        self.check_button.clicked.connect(self._check_now)
        self.warning_label = QLabel(objectName="feeBookWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("background: #fff4ce; padding: 6px; border-radius: 4px;")
        self.warning_label.hide()
        self.error_label = QLabel(objectName="feeError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020; background: #fdecee; padding: 6px; border-radius: 4px;")
        self.error_label.hide()

        self.form = FeeCaseForm()
        self.view = AssessmentView()
        self.total_label = QLabel("—", objectName="feeTotal")
        self.total_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
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

        splitter = QSplitter(Qt.Orientation.Vertical, objectName="feeSplitter")
        splitter.addWidget(self.form)
        splitter.addWidget(self.view)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 0)  # the inputs keep their natural height; the fee lines get the rest
        splitter.setStretchFactor(1, 1)

        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(16)
        header.addWidget(self.book_label, 1)
        header.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.server_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(total_box)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.recompute)
        self.form.changed.connect(self._debounce.start)
        self.form.floors.add_floor({"level": 0, "use": "residential"})
        tasks.run(self._cache.load, self._books_loaded, self._books_failed, owner=self)

    # -- books ------------------------------------------------------------------------------------------

    @property
    def books_ready(self) -> bool:
        return self._local is not None

    @property
    def server_book(self) -> ServerBook | None:
        return self._server

    def _books_loaded(self, local: LocalBooks) -> None:
        self._local = local
        self.recompute()

    def _books_failed(self, exc: BaseException) -> None:
        log.error("tariff books could not be loaded", exc_info=exc)
        reason = exc.message(current_language()) if isinstance(exc, FeesError) else type(exc).__name__
        self.book_label.setText(self.tr("دفترچه‌های تعرفه بارگذاری نشد: {reason}").format(reason=reason))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.check_server_book()

    def _check_now(self) -> None:
        self.check_server_book(force=True)

    def check_server_book(self, *, force: bool = False) -> None:
        """Ask the server for its current book (in the background), verify and cache it. Skipped without a session,
        while a check runs, and within SERVER_CHECK_INTERVAL_S of the last one unless forced."""
        client = self._client()
        if client is None or self._checking:
            if client is None:
                self.server_label.setText(self.tr("بدون اتصال به سامانه: محاسبه با دفترچه‌های همین رایانه."))
            return
        checked_at = self._server_checked_at
        if not force and checked_at is not None and time.monotonic() - checked_at < SERVER_CHECK_INTERVAL_S:
            return
        self._checking = True
        self.check_button.setEnabled(False)
        cache = self._cache
        self._tasks.run(lambda: cache.refresh(client), self._server_checked, self._server_check_failed, owner=self)

    def _server_checked(self, refresh: Refresh) -> None:
        self._checking = False
        self._server_checked_at = time.monotonic()
        self.check_button.setEnabled(True)
        self._server = refresh.server
        self._local = refresh.local
        label = isolate(refresh.server.label)
        if refresh.server.verified:
            self.server_label.setText(self.tr("دفترچه جاری سامانه: {book} — امضا تأیید شد.").format(book=label))
        else:
            self.server_label.setText(self.tr("دفترچه جاری سامانه: {book} — امضا تأیید نشد.").format(book=label))
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

    def fill_case(self, case: dict) -> None:
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
        lang = current_language()
        data = self.form.case_dict()
        book: TariffBook | None = None
        try:
            case = parse_case(data)
            book = select_book(local.books, case.date)
            self._show_regional_value(book, case.block)
            assessment = book.evaluate(case)
        except CaseError as exc:
            self._show_failure(
                f"{self.form.field_label(exc.field)}: {exc.reason_fa if lang == 'fa' else exc.reason_en}", exc.field
            )
            if book is None:
                book = self._book_for_date(data.get("date"))
                self._show_regional_value(book, _block(data.get("renovation_code")))
            self._show_book(book, None)
            return
        except FeesError as exc:  # an item that cannot be computed on these values
            self._show_failure(exc.message(lang), None)
            self._show_book(book, None)
            return
        self.assessment = assessment
        self.used_book = book
        self.error_label.hide()
        self.form.mark_invalid(None)
        self.view.show_assessment(assessment, self._floor_name)
        persian = lang == "fa"
        self.total_label.setText(
            self.tr("{amount} ریال").format(amount=format_rials(assessment.total_rials, persian_digits=persian))
        )
        self.words_label.setText(rials_in_words(assessment.total_rials) if persian else "")
        self.words_label.setVisible(persian)  # amounts in words are Persian, as on the receipt
        self._show_book(book, case.date)

    def _show_failure(self, message: str, field: str | None) -> None:
        self.assessment = None
        self.error_label.setText(message)
        self.error_label.show()
        self.form.mark_invalid(field)
        self.view.clear()
        self.total_label.setText("—")
        self.words_label.clear()

    def _floor_name(self, index: int) -> str:
        floors = self.assessment.case.floors if self.assessment is not None else ()
        if 0 <= index < len(floors):
            return self.form.floors.level_name(floors[index].level)
        return localized_digits(str(index + 1))

    def _book_for_date(self, date_text: object) -> TariffBook | None:
        assert self._local is not None
        try:
            return select_book(self._local.books, to_jalali(parse_jalali_date(str(date_text))))
        except (ValueError, FeesError):
            return None

    def _show_regional_value(self, book: TariffBook | None, block: str | None) -> None:
        value = book.regional_value(block) if book is not None and block else None
        if value is None:
            self.form.show_regional_value("")
            return
        self.form.show_regional_value(
            self.tr("قیمت منطقه‌ای (P) بلوک {block}: {value} ریال بر متر مربع").format(
                block=localized_digits(block or ""), value=format_value(value, current_language() == "fa")
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
            book=isolate(book.label),
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
        ).format(server=isolate(server.label), used=isolate(book.label))
        if server.problem is not None:
            warning += " " + self.tr("امضای دفترچه سامانه تأیید نشد: {reason}").format(
                reason=server.problem.message(current_language())
            )
        self.warning_label.setText(warning)
        self.warning_label.show()


def _block(code: object) -> str | None:
    """The block of a typed renovation code (its third part), to show P while another field is still wrong."""
    parts = _CODE_PARTS.findall(normalize_digits(str(code or "")))
    return str(int(parts[2])) if len(parts) == 6 else None

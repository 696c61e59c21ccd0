"""The live offline fee preview beside the permit wizard's building: the case made by `fees.permit_case` from the
building, the parcel's land area and today's date, computed with the tariff books on this computer (bundled, or
downloaded and verified: `desktop.fee_books`), as the fee preview page does.

Loading the books (disk, signatures) runs in the background; the assessment itself runs on the UI thread (tens of
microseconds a case, see desktop/ui/fee_preview_page.py), so the total follows the typing.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from civic.jalali import today_jalali
from desktop.fee_books import LocalBooks, TariffBookCache, book_name
from desktop.formatting import current_language, digits, format_amount, tabular_font
from desktop.paths import app_dirs
from desktop.session import Session
from desktop.theme import set_tone
from desktop.ui.fee_floors_table import FloorsTable
from desktop.ui.fee_lines_view import AssessmentView
from fees import Assessment, CaseError, FeesError, parse_case, permit_case, select_book

log = logging.getLogger(__name__)


def today_text() -> str:
    return "{:04d}/{:02d}/{:02d}".format(*today_jalali())


USUAL_WIDTH = 260  # beside the floors in the smallest window (desktop/ui/permit_building_step.py)
MINIMUM_WIDTH = 240  # the least it keeps, where the floors' titles are longer (English)


class FeePanel(QFrame):
    """The fee lines of the building as it stands, their total, and the book they were computed with."""

    def __init__(self, session: Session, floors: FloorsTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("permitFeePanel")
        self.setMinimumWidth(MINIMUM_WIDTH)  # at 1024 px the six floor columns come first; the fee titles wrap or elide
        self._floors = floors
        self._local: LocalBooks | None = None
        self._pending: tuple[dict[str, Any], str, Decimal] | None = None
        self.assessment: Assessment | None = None
        heading = QLabel(self.tr("پیش‌نمایش عوارض"), objectName="permitFeeHeading")
        heading.setProperty("heading", "section")
        self.book_label = QLabel(self.tr("در حال بارگذاری دفترچه‌های تعرفه…"), objectName="permitFeeBook")
        self.book_label.setWordWrap(True)
        set_tone(self.book_label, "muted")
        self.view = AssessmentView(self)
        self.view.setObjectName("permitFeeLines")
        self.view.details.hide()  # the explanation lives on the fee page; here the lines and the total suffice
        self.note = QLabel(objectName="permitFeeNote")
        self.note.setWordWrap(True)
        set_tone(self.note, "muted")
        self.total_label = QLabel("—", objectName="permitFeeTotal")
        font = tabular_font(self.total_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.Bold)
        self.total_label.setFont(font)
        total_row = QHBoxLayout()
        total_row.addWidget(QLabel(self.tr("جمع کل:"), objectName="permitFeeTotalCaption"))
        total_row.addWidget(self.total_label)
        total_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.book_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        layout.addLayout(total_row)
        cache = TariffBookCache(app_dirs().cache / "tariffs")
        session.tasks.run(cache.load, self._books_loaded, self._books_failed, owner=self)

    @property
    def ready(self) -> bool:
        return self._local is not None

    def _books_loaded(self, local: LocalBooks) -> None:
        self._local = local
        if self._pending is not None:
            self.compute(*self._pending)

    def _books_failed(self, exc: BaseException) -> None:
        log.error("tariff books could not be loaded", exc_info=exc)
        self.book_label.setText(self.tr("دفترچه‌های تعرفه بارگذاری نشد؛ جزئیات در گزارش برنامه ثبت شد."))

    def compute(self, building: dict[str, Any], renovation_code: str, land_area_m2: Decimal) -> None:
        """Assess the building on this parcel today; shows why not when it cannot be computed."""
        self._pending = (building, renovation_code, land_area_m2)
        local = self._local
        if local is None:
            return
        date = today_text()
        try:
            case = parse_case(permit_case(building, renovation_code, land_area_m2, date))
            book = select_book(local.books, case.date)
        except CaseError as exc:
            log.info("permit preview: case refused: %s: %s", exc.field, exc.reason_en)
            self._show_nothing(self.tr("این ساختمان با دفترچه تعرفه محاسبه‌پذیر نیست."))
            return
        if book.regional_value(case.block) is None:
            self._show_nothing(self.tr("بلوک این ملک در جدول قیمت منطقه‌ای دفترچه نیست."))
            return
        try:
            assessment = book.evaluate(case)
        except FeesError as exc:
            log.warning("permit preview: not computable: %s", exc.message("en"))
            self._show_nothing(self.tr("این ساختمان با دفترچه تعرفه محاسبه‌پذیر نیست."))
            return
        self.assessment = assessment
        lang = current_language()
        self.book_label.setText(
            self.tr("دفترچه تعرفه: {book} — تاریخ محاسبه {date}").format(
                book=book_name(book.code, book.version, book.city, lang), date=digits(date)
            )
        )
        self.view.show_assessment(assessment, self._floor_name)
        self.total_label.setText(self.tr("{amount} ریال").format(amount=format_amount(assessment.total_rials)))
        self.note.setText(self.tr("مبلغ نهایی را شهرداری هنگام بررسی درخواست محاسبه می‌کند."))

    def clear(self, reason: str) -> None:
        """Nothing to compute yet (no parcel, or the building is not complete): say what is missing."""
        self._pending = None
        self._show_nothing(reason)

    def _show_nothing(self, reason: str) -> None:
        self.assessment = None
        self.view.clear()
        self.total_label.setText("—")
        self.note.setText(reason)

    def _floor_name(self, index: int) -> str:
        floors = self.assessment.case.floors if self.assessment is not None else ()
        if 0 <= index < len(floors):
            return self._floors.level_name(floors[index].level)
        return digits(str(index + 1))

    @property
    def used_book(self) -> str:
        """The version of the book the assessment shown was computed with ("1405.1"), for the receipt."""
        return self.assessment.book_version if self.assessment is not None else ""

    def total_rials(self) -> int | None:
        return self.assessment.total_rials if self.assessment is not None else None

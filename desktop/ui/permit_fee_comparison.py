"""The server's assessment of a request beside this desk's offline preview, line by line, each column headed by the
book it was computed with; a line whose amounts differ (or that only one side has) is marked and toned by the theme.

One row of labels per fee line: code, title (and floor), the server's amount, the preview's amount, and «≠» where they
differ. Amounts are right aligned by place value in both languages, with tabular digits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop import theme
from desktop.fee_books import CACHED, book_name
from desktop.formatting import AMOUNT_ALIGNMENT, current_language, digits, format_amount, tabular_font
from desktop.messages import operator_message
from desktop.ui.permit_request_data import FeeComparison, jalali_text
from desktop.ui.permit_request_texts import scope_name
from desktop.widgets.selectable_label import SelectableLabel
from fees import TariffBook

CODE, TITLE, SERVER, PREVIEW, MARK = range(5)


class FeeComparisonView(QWidget):
    """Shows one `FeeComparison`; `differing_rows()` says which lines are marked (for tests and screenshots)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("permitFees")
        self.summary = QLabel(objectName="permitFeesSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._grid_host = QWidget(objectName="permitFeesLines")
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(14)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(TITLE, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self._grid_host)
        layout.addStretch(1)
        self._differing: list[str] = []
        self.comparison: FeeComparison | None = None

    # -- what the detail asks -------------------------------------------------------------------------

    def show_nothing(self, text: str) -> None:
        self.comparison = None
        self._clear()
        self._summary(text, "muted")

    def show_comparison(self, comparison: FeeComparison, building: dict[str, object] | None) -> None:
        self.comparison = comparison
        self._clear()
        server, preview = comparison.server, comparison.preview
        server_book = self.server_book_name(comparison)
        preview_book = self.preview_book_name(comparison)
        day = digits(jalali_text(comparison.date))
        if preview is None:
            reason = self._problem_text(comparison)
            if server is None:
                self._summary(self.tr("عوارض هنوز تعیین نشده است و برآورد این دفتر هم ممکن نشد: {reason}").format(
                    reason=reason), "muted")  # fmt: skip
                return
            self._summary(
                self.tr(
                    "پیش‌نمایش این دفتر محاسبه نشد ({reason})؛ فقط مبلغ سامانه با دفترچه {book} نشان داده می‌شود."
                ).format(reason=reason, book=server_book),
                "warning",
            )
        elif server is None:
            self._summary(
                self.tr("عوارض هنوز تعیین نشده است. برآورد این دفتر برای امروز ({date}) با دفترچه {book}:").format(
                    date=day, book=preview_book
                ),
                "info",
            )
        elif comparison.differs:
            count = sum(1 for line in comparison.lines if line.differs)
            if comparison.same_book:
                text = self.tr(
                    "{n} ردیف با پیش‌نمایش این دفتر فرق دارد، با آنکه هر دو با دفترچه {book} محاسبه شده‌اند. "
                    "مبلغ سامانه ملاک پرداخت است."
                ).format(n=digits(str(count)), book=server_book)
            else:
                text = self.tr(
                    "{n} ردیف با پیش‌نمایش این دفتر فرق دارد: سامانه با دفترچه {server} (تاریخ {date}) و پیش‌نمایش "
                    "با دفترچه {preview} محاسبه شده است. مبلغ سامانه ملاک پرداخت است."
                ).format(n=digits(str(count)), server=server_book, date=day, preview=preview_book)
            self._summary(text, "warning")
        else:
            self._summary(
                self.tr("مبلغ سامانه (دفترچه {server}) با پیش‌نمایش این دفتر (دفترچه {preview}) یکی است.").format(
                    server=server_book, preview=preview_book
                ),
                "success",
            )
        self._fill(comparison, building, server_book, preview_book)

    def differing_rows(self) -> list[str]:
        """The codes (with the floor, when per floor) of the lines marked as different."""
        return list(self._differing)

    def server_book_name(self, comparison: FeeComparison) -> str:
        server = comparison.server
        if server is None:
            return ""
        book = comparison.preview_book
        city = book.city if book is not None and book.code == server.book_code else None
        return book_name(server.book_code, server.book_version, city, current_language())

    def preview_book_name(self, comparison: FeeComparison) -> str:
        book: TariffBook | None = comparison.preview_book
        if book is None:
            return ""
        name = book_name(book.code, book.version, book.city, current_language())
        if comparison.preview_source == CACHED:
            return self.tr("{book} (دریافت‌شده از سامانه)").format(book=name)
        return name

    # -- inside ---------------------------------------------------------------------------------------

    def _problem_text(self, comparison: FeeComparison) -> str:
        problem = comparison.preview_problem
        if problem is None:
            return self.tr("مساحت عرصه ملک در دست نیست")
        return operator_message(problem)

    def _summary(self, text: str, tone: str) -> None:
        self.summary.setText(text)
        theme.set_tone(self.summary, tone)

    def _clear(self) -> None:
        self._differing = []
        while self._grid.count():
            child = self._grid.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()

    def _fill(
        self, comparison: FeeComparison, building: dict[str, object] | None, server_book: str, preview_book: str
    ) -> None:
        persian = current_language() == "fa"
        headers = {
            CODE: self.tr("کد"),
            TITLE: self.tr("شرح"),
            SERVER: self.tr("سامانه\n{book}").format(book=server_book) if comparison.server else "",
            PREVIEW: self.tr("پیش‌نمایش این دفتر\n{book}").format(book=preview_book) if comparison.preview else "",
        }
        for column, text in headers.items():
            if text:
                label = self._cell(text, 0, column, "")
                _bold(label)
                if column in (SERVER, PREVIEW):
                    label.setAlignment(AMOUNT_ALIGNMENT)
        for row, line in enumerate(comparison.lines, start=1):
            tone = "warning" if line.differs else ""
            title = line.title if persian or not line.title_en else line.title_en
            where = scope_name(line.scope, building)
            self._cell(digits(line.code), row, CODE, tone)
            self._cell(f"{title} — {where}" if where else title, row, TITLE, tone).setWordWrap(True)
            if comparison.server is not None:
                self._amount(line.server_rials, row, SERVER, tone)
            if comparison.preview is not None:
                self._amount(line.preview_rials, row, PREVIEW, tone)
            if line.differs:
                mark = self._cell("≠", row, MARK, "warning")
                mark.setToolTip(self.tr("این ردیف با پیش‌نمایش این دفتر فرق دارد"))
                mark.setAccessibleName(self.tr("متفاوت"))
                self._differing.append(f"{line.code} {line.scope}")
        total_row = len(comparison.lines) + 1
        _bold(self._cell(self.tr("جمع"), total_row, TITLE, ""))
        differs = comparison.differs
        for column, assessment in ((SERVER, comparison.server), (PREVIEW, comparison.preview)):
            if assessment is not None:
                self._amount(assessment.total_rials, total_row, column, "warning" if differs else "")
        if differs:
            self._cell("≠", total_row, MARK, "warning")

    def _cell(self, text: str, row: int, column: int, tone: str) -> QLabel:
        label = SelectableLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setProperty("feeRow", row)
        theme.set_tone(label, tone)
        if tone:
            _bold(label)
        self._grid.addWidget(label, row, column)
        return label

    def _amount(self, rials: int | None, row: int, column: int, tone: str) -> None:
        text = format_amount(rials) if rials is not None else "—"
        label = self._cell(text, row, column, tone)
        label.setAlignment(AMOUNT_ALIGNMENT)
        label.setFont(tabular_font(label.font()))


def _bold(label: QLabel) -> None:
    font = label.font()
    font.setBold(True)
    label.setFont(font)

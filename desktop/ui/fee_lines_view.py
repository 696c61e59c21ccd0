"""The lines of an assessment: one row per fee line (code, title, floor, amount), and beside them the selected line
explained — the formula as printed in the book, the inputs it read, its intermediate values, minimum, cap, discount,
rounding and legal reference. The selection survives recomputation, so the explanation follows the typing."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem, QWidget

from civic.money import format_rials
from desktop.messages import current_language, localized_digits
from fees import Assessment, Line

LRI, PDI = "\u2066", "\u2069"  # a left-to-right isolate: "S = 380" reads left to right inside Persian text
CODE, TITLE, WHERE, AMOUNT = range(4)
KEY = Qt.ItemDataRole.UserRole


def format_value(value: Any, persian: bool) -> str:
    """A value of a formula for reading: grouped digits, long quotients shown to 6 places with ≈ (display only)."""
    if isinstance(value, bool):
        return str(value).lower()
    if not isinstance(value, Decimal):
        return str(value)
    approximate = value.as_tuple().exponent < -6  # type: ignore[operator]
    if approximate:
        value = value.quantize(Decimal("0.000001"))
    text = format(value, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if persian:
        text = localized_digits(text.replace(",", "\u066c").replace(".", "\u066b"))
    return ("≈" if approximate else "") + text


def _pairs(values: dict[str, Any], persian: bool) -> str:
    separator = "،  " if persian else ",  "
    return separator.join(f"{LRI}{name} = {format_value(value, persian)}{PDI}" for name, value in values.items())


class AssessmentView(QSplitter):
    """`lines` (a flat list of the fee lines) and `details` (how the selected one was computed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("feeAssessment")
        self.lines = QTreeWidget(objectName="feeLines")
        self.lines.setRootIsDecorated(False)
        self.lines.setColumnCount(4)
        self.lines.setHeaderLabels([self.tr("کد"), self.tr("شرح"), self.tr("طبقه"), self.tr("مبلغ (ریال)")])
        header = self.lines.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHERE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AMOUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.lines.setAlternatingRowColors(True)
        self.details = QTextBrowser(objectName="feeLineDetails")
        self.details.setPlaceholderText(self.tr("ردیفی را برگزینید تا روش محاسبه آن نمایش داده شود."))
        self.addWidget(self.lines)
        self.addWidget(self.details)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self._selected: tuple[str, str] | None = None
        self._explained: dict[tuple[str, str], str] = {}
        self.lines.currentItemChanged.connect(self._current_changed)

    def show_assessment(self, assessment: Assessment, floor_name: Callable[[int], str]) -> None:
        """Replace the rows; the selected line (by code and floor) stays selected while the operator types."""
        persian = current_language() == "fa"
        keep = self._selected
        self.lines.blockSignals(True)
        self.lines.clear()
        self._explained = {}
        current = None
        for line in assessment.lines:
            key = (line.code, line.scope)
            title = line.title if persian or not line.item.title_en else line.item.title_en
            where = "" if line.floor is None else floor_name(line.floor)
            code = localized_digits(line.code)
            item = QTreeWidgetItem([code, title, where, format_rials(line.amount_rials, persian_digits=persian)])
            item.setTextAlignment(AMOUNT, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(CODE, KEY, key)
            item.setData(AMOUNT, KEY, line.amount_rials)
            item.setToolTip(TITLE, line.formula)
            self.lines.addTopLevelItem(item)
            self._explained[key] = "\n".join([f"{code} — {title}", *self.explanation(line, persian)])
            if key == keep:
                current = item
        self.lines.blockSignals(False)
        self._selected = keep
        if current is not None:
            self.lines.setCurrentItem(current)
        self.details.setPlainText(self._explained.get(keep, "") if keep else "")

    def clear(self) -> None:
        self.lines.clear()
        self.details.clear()

    def select_line(self, row: int) -> None:
        item = self.lines.topLevelItem(row)
        if item is not None:
            self.lines.setCurrentItem(item)

    def _current_changed(self, item: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        key = item.data(CODE, KEY)
        self._selected = tuple(key) if key else None  # type: ignore[assignment]
        self.details.setPlainText(self._explained.get(self._selected, "") if self._selected else "")

    def explanation(self, line: Line, persian: bool) -> list[str]:
        """How a line was computed, one sentence per row."""
        item = line.item
        rows = [self.tr("فرمول: {formula}").format(formula=item.formula)]
        if line.inputs:
            rows.append(self.tr("ورودی‌ها: {values}").format(values=_pairs(line.inputs, persian)))
        if line.intermediate:
            rows.append(self.tr("مقادیر میانی: {values}").format(values=_pairs(line.intermediate, persian)))
        rows.append(self.tr("مبلغ پایه: {value} ریال").format(value=format_value(line.base, persian)))
        if line.minimum is not None:
            minimum = self.tr("حداقل: {value} ریال")
            if line.minimum_applied:
                minimum = self.tr("حداقل: {value} ریال — اعمال شد")
            rows.append(minimum.format(value=format_value(line.minimum, persian)))
        if line.cap is not None:
            cap = self.tr("سقف: {value} ریال — اعمال شد") if line.cap_applied else self.tr("سقف: {value} ریال")
            rows.append(cap.format(value=format_value(line.cap, persian)))
        if line.discount is not None:
            percent = format_value(line.discount.rate * 100, persian)
            reason = line.discount.reason if persian or not line.discount.reason_en else line.discount.reason_en
            rows.append(self.tr("تخفیف: {percent}٪ — {reason}").format(percent=percent, reason=reason))
        rule = item.rounding.describe("fa" if persian else "en")
        rows.append(
            self.tr("{rule}: {before} ← {after} ریال").format(
                rule=localized_digits(rule) if persian else rule,
                before=format_value(line.before_rounding, persian),
                after=format_rials(line.amount_rials, persian_digits=persian),
            )
        )
        if item.legal:
            rows.append(self.tr("مبنای قانونی: {legal}").format(legal=item.legal))
        notes = item.notes if persian or not item.notes_en else item.notes_en
        if notes:
            rows.append(self.tr("توضیح: {notes}").format(notes=notes))
        return rows

    def line_amounts(self) -> list[int]:
        return [self.lines.topLevelItem(i).data(AMOUNT, KEY) for i in range(self.lines.topLevelItemCount())]

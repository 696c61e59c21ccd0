"""The lines of an assessment: one row per fee line (code, title, floor, amount), and beside them the selected line
explained — the formula as printed in the book, the inputs it read and its intermediate values (each named in the
operator's words, one per row, never a raw key), minimum, cap, discount, rounding and legal reference. The selection
survives recomputation, so the explanation follows the typing.

The explanation is a column of word-wrapped labels in a scroll area: every row is shown whole at any window size,
and a formula is broken only between its parts (at «؛»), never inside a bracket.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.formatting import (
    AMOUNT_ALIGNMENT,
    current_language,
    digits,
    format_amount,
    format_number,
    isolate,
    ltr,
    set_amount_cell,
)
from fees import Assessment, Line
from fees.rounding import MODES

CODE, TITLE, WHERE, AMOUNT = range(4)
KEY = Qt.ItemDataRole.UserRole
_PERSIAN_WORD = re.compile("[\u0600-\u06ff]{2,}")
_SYMBOL = re.compile(r"[A-Za-z][A-Za-z]?[0-9]?", re.ASCII)  # a formula's letter: P, S, L0, x
_DIGITS = re.compile(r"-?[0-9]+", re.ASCII)


class Vocabulary(Protocol):
    """The sending form's own words for the names a formula reads and their enumerated values."""

    def input_name(self, name: str) -> str | None: ...

    def value_name(self, name: str, value: object) -> str | None: ...


def format_value(value: Any, persian: bool) -> str:
    """A value of a formula for reading: grouped digits, long quotients shown to 6 places with ≈ (display only)."""
    lang = "fa" if persian else "en"
    if isinstance(value, bool):
        return _names()["yes" if value else "no"]
    if not isinstance(value, Decimal):
        return digits(str(value), lang)
    approximate = value.as_tuple().exponent < -6  # type: ignore[operator]
    if approximate:
        value = value.quantize(Decimal("0.000001"))
    return ("≈" if approximate else "") + format_number(value, lang)


def bind_brackets(formula: str) -> str:
    """Spaces inside an innermost bracket become no-break spaces, so a line may break between the terms of a
    formula but never inside «(L − L0)»; a long outer bracket may still break between its terms."""
    out = list(formula)
    opened: int | None = None
    for index, char in enumerate(formula):
        if char == "(":
            opened = index
        elif char == ")" and opened is not None:
            for inner in range(opened, index):
                if out[inner] == " ":
                    out[inner] = "\u00a0"
            opened = None
    return "".join(out)


def _names() -> dict[str, str]:
    """The book's own names (intermediates, constants, table rows) in the operator's words."""

    return {
        "yes": QCoreApplication.translate("AssessmentView", "بله"),
        "no": QCoreApplication.translate("AssessmentView", "خیر"),
        "P": QCoreApplication.translate("AssessmentView", "قیمت منطقه‌ای"),
        "region": QCoreApplication.translate("AssessmentView", "منطقه"),
        "district": QCoreApplication.translate("AssessmentView", "ناحیه"),
        "block": QCoreApplication.translate("AssessmentView", "بلوک"),
        "parking_shortfall": QCoreApplication.translate("AssessmentView", "کسری پارکینگ"),
        "residential_area": QCoreApplication.translate("AssessmentView", "زیربنای مسکونی (م²)"),
        "residential_units": QCoreApplication.translate("AssessmentView", "واحدهای مسکونی"),
        "commercial_area": QCoreApplication.translate("AssessmentView", "زیربنای تجاری (م²)"),
        "office_area": QCoreApplication.translate("AssessmentView", "زیربنای اداری (م²)"),
        "industrial_area": QCoreApplication.translate("AssessmentView", "زیربنای صنعتی (م²)"),
        "storage_area": QCoreApplication.translate("AssessmentView", "زیربنای انبار (م²)"),
        "total_area": QCoreApplication.translate("AssessmentView", "کل زیربنا (م²)"),
        "total_units": QCoreApplication.translate("AssessmentView", "کل واحدها"),
        "floor_count": QCoreApplication.translate("AssessmentView", "تعداد طبقات"),
        "floor_no": QCoreApplication.translate("AssessmentView", "ردیف طبقه"),
        "mezzanine": QCoreApplication.translate("AssessmentView", "نیم‌طبقه"),
        "serves": QCoreApplication.translate("AssessmentView", "کاربری‌ای که انبار به آن خدمت می‌دهد"),
        "parking_deduction_m2": QCoreApplication.translate("AssessmentView", "کسر زیربنا برای هر پارکینگ (م²)"),
        "parking_space_m2": QCoreApplication.translate("AssessmentView", "مساحت هر پارکینگ (م²)"),
        "cap_extra_per_m2": QCoreApplication.translate("AssessmentView", "سقف برای هر متر مربع (ریال)"),
        "minimum_per_m2": QCoreApplication.translate("AssessmentView", "حداقل برای هر متر مربع (ریال)"),
        "renovation_rate": QCoreApplication.translate("AssessmentView", "نرخ سالانه نوسازی"),
        "transfer_rate": QCoreApplication.translate("AssessmentView", "نرخ نقل و انتقال"),
        "L0": QCoreApplication.translate("AssessmentView", "بَر مبنا (م)"),
        "H0": QCoreApplication.translate("AssessmentView", "ارتفاع مبنا (م)"),
        "row": QCoreApplication.translate("AssessmentView", "ردیف جدول"),
        "kind": QCoreApplication.translate("AssessmentView", "گروه کاربری"),
        # values: rows of the book's tables
        "=basement": QCoreApplication.translate("AssessmentView", "زیرزمین"),
        "=ground": QCoreApplication.translate("AssessmentView", "همکف"),
        "=first": QCoreApplication.translate("AssessmentView", "طبقه اول"),
        "=second": QCoreApplication.translate("AssessmentView", "طبقه دوم"),
        "=third_up": QCoreApplication.translate("AssessmentView", "طبقه سوم و بالاتر"),
        "=storage": QCoreApplication.translate("AssessmentView", "انبار"),
        "=mezzanine": QCoreApplication.translate("AssessmentView", "نیم‌طبقه"),
        "=residential": QCoreApplication.translate("AssessmentView", "مسکونی"),
        "=commercial": QCoreApplication.translate("AssessmentView", "تجاری"),
        "=office": QCoreApplication.translate("AssessmentView", "اداری"),
        "=industrial": QCoreApplication.translate("AssessmentView", "صنعتی"),
        "=residential_single": QCoreApplication.translate("AssessmentView", "مسکونی تک‌واحدی"),
        "=residential_several": QCoreApplication.translate("AssessmentView", "مسکونی چندواحدی"),
        "=office_industrial": QCoreApplication.translate("AssessmentView", "اداری یا صنعتی"),
    }


class ExplanationArea(QScrollArea):
    """A scroll area whose content is as tall as its wrapped labels need at the width on screen, so no label is
    ever squeezed below its height: what does not fit scrolls."""

    def fit(self) -> None:
        content = self.widget()
        layout = content.layout() if content is not None else None
        if content is None or layout is None:
            return
        layout.activate()
        width = self.viewport().width()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
        content.setMinimumHeight(height)
        content.resize(width, max(height, self.viewport().height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


class AssessmentView(QSplitter):
    """`lines` (a flat list of the fee lines) and `details` (how the selected one was computed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)  # the lines above, the selected one explained below
        self.setObjectName("feeAssessment")
        self.lines = QTreeWidget(objectName="feeLines")
        self.lines.setRootIsDecorated(False)
        self.lines.setColumnCount(4)
        self.lines.setHeaderLabels([self.tr("کد"), self.tr("شرح"), self.tr("طبقه"), self.tr("مبلغ (ریال)")])
        self.lines.headerItem().setTextAlignment(AMOUNT, AMOUNT_ALIGNMENT)
        self.lines.setTabKeyNavigation(False)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.lines.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHERE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AMOUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.lines.setAlternatingRowColors(True)
        self.lines.setWordWrap(True)

        self.details = ExplanationArea(objectName="feeLineDetails")
        self.details.setWidgetResizable(True)
        self.details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows wrap instead
        self.details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reached by Tab; the arrow keys scroll it
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self._content = QWidget(objectName="feeLineDetailsContent")
        self._rows = QVBoxLayout(self._content)
        self._rows.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setWidget(self._content)
        self.placeholder = self.tr("ردیفی را برگزینید تا روش محاسبه آن نمایش داده شود.")
        self.addWidget(self.lines)
        self.addWidget(self.details)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([200, 300])  # in proportion: the explanation gets the larger share of the height
        self._selected: tuple[str, str] | None = None
        self._lines: dict[tuple[str, str], tuple[str, Line]] = {}
        self._vocabulary: Vocabulary | None = None
        self.lines.currentItemChanged.connect(self._current_changed)
        self._render(None)

    def show_assessment(
        self, assessment: Assessment, floor_name: Callable[[int], str], vocabulary: Vocabulary | None = None
    ) -> None:
        """Replace the rows; the selected line (by code and floor) stays selected while the operator types."""
        persian = current_language() == "fa"
        self._vocabulary = vocabulary
        keep = self._selected
        self.lines.blockSignals(True)
        self.lines.clear()
        self._lines = {}
        current = None
        for line in assessment.lines:
            key = (line.code, line.scope)
            title = line.title if persian or not line.item.title_en else line.item.title_en
            where = "" if line.floor is None else floor_name(line.floor)
            code = digits(line.code)
            item = QTreeWidgetItem([code, title, where, ""])
            set_amount_cell(item, AMOUNT, line.amount_rials)
            item.setData(CODE, KEY, key)
            item.setData(AMOUNT, KEY, line.amount_rials)
            item.setToolTip(TITLE, title)
            self.lines.addTopLevelItem(item)
            heading = f"{code} — {title}" + (f" — {where}" if where else "")
            self._lines[key] = (heading, line)
            if key == keep:
                current = item
        self.lines.blockSignals(False)
        self._selected = keep
        if current is not None:
            self.lines.setCurrentItem(current)
        self._render(self._selected)

    def clear(self) -> None:
        self.lines.clear()
        self._lines = {}
        self._render(None)

    def select_line(self, row: int) -> None:
        item = self.lines.topLevelItem(row)
        if item is not None:
            self.lines.setCurrentItem(item)

    def _current_changed(self, item: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        key = item.data(CODE, KEY)
        self._selected = (str(key[0]), str(key[1])) if key else None
        self._render(self._selected)

    # -- the explanation ------------------------------------------------------------------------------------

    def details_text(self) -> str:
        """What the explanation pane shows, one row per line ("name: value" for the inputs and intermediate values)."""
        rows = []
        grid_rows: dict[int, list[str]] = {}
        for label in self._content.findChildren(QLabel):
            if label.property("valueOf") is not None:
                grid_rows.setdefault(int(label.property("valueOf")), []).append(label.text())
            elif label.property("nameOf") is not None:
                grid_rows.setdefault(int(label.property("nameOf")), []).insert(0, label.text())
            else:
                rows.append(label.text())
        rows += [" ".join(pair) for _, pair in sorted(grid_rows.items())]
        return "\n".join(rows)

    def _render(self, key: tuple[str, str] | None) -> None:
        while self._rows.count():
            child = self._rows.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.setParent(None)  # out of the pane now (findChildren, layout), deleted later
                widget.deleteLater()
        chosen = self._lines.get(key) if key is not None else None
        if chosen is None:
            self._add_text(self.placeholder, "muted")
            return
        heading, line = chosen
        self._add_text(heading, "section")
        self._add_text(self.tr("فرمول:"), "caption")
        for part in line.formula.split("؛"):
            self._add_text(bind_brackets(part.strip()), "formula")
        persian = current_language() == "fa"
        counter = 0
        for caption, values in ((self.tr("ورودی‌ها:"), line.inputs), (self.tr("مقادیر میانی:"), line.intermediate)):
            shown = {k: v for k, v in values.items() if k != "purpose"}
            if not shown:
                continue
            self._add_text(caption, "caption")
            grid_host = QWidget()
            grid = QGridLayout(grid_host)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setColumnStretch(1, 1)
            for row, (name, value) in enumerate(shown.items()):
                counter += 1
                name_label = QLabel(self._name(name) + ":", wordWrap=True)
                name_label.setProperty("nameOf", counter)
                value_label = QLabel(self._value(name, value, persian))
                value_label.setProperty("valueOf", counter)
                grid.addWidget(name_label, row, 0)
                grid.addWidget(value_label, row, 1)
            self._rows.addWidget(grid_host)
        for sentence in self.explanation(line, persian):
            self._add_text(sentence, "")
        self.details.fit()
        QTimer.singleShot(0, self.details, self.details.fit)  # again once the new rows are polished (fonts, margins)

    def _add_text(self, text: str, kind: str) -> None:
        if kind == "formula" and _PERSIAN_WORD.search(text):
            # a Persian sentence that happens to begin with a letter of the formula (X از جدول …) still reads
            # right to left; a bare formula (T = S × P × X) keeps its own left-to-right order
            text = "\u200f" + text
        label = QLabel(text, wordWrap=True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if kind == "section":
            label.setProperty("heading", "section")
        elif kind == "muted":
            label.setProperty("tone", "muted")
        self._rows.addWidget(label)

    def _name(self, name: str) -> str:
        words = self._vocabulary.input_name(name) if self._vocabulary is not None else None
        words = words or _names().get(name)
        symbol = _SYMBOL.fullmatch(name) is not None
        if words and symbol:
            return f"{words} ({ltr(name)})"
        if words:
            return words
        return ltr(name) if symbol else isolate(name)

    def _value(self, name: str, value: Any, persian: bool) -> str:
        if isinstance(value, str):
            words = self._vocabulary.value_name(name, value) if self._vocabulary is not None else None
            words = words or _names().get("=" + value)
            if words:
                return words
            return digits(value) if _DIGITS.fullmatch(value) else isolate(value)
        return format_value(value, persian)

    def explanation(self, line: Line, persian: bool) -> list[str]:
        """The rest of how a line was computed, one sentence per row."""
        item = line.item
        rows = [self.tr("مبلغ پایه: {value} ریال").format(value=format_value(line.base, persian))]
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
        rows.append(
            self.tr("{rule}: {before} ← {after} ریال").format(
                rule=self._rounding(line),
                before=format_value(line.before_rounding, persian),
                after=format_amount(line.amount_rials),
            )
        )
        if item.legal:
            rows.append(self.tr("مبنای قانونی: {legal}").format(legal=item.legal))
        notes = item.notes if persian or not item.notes_en else item.notes_en
        if notes:
            rows.append(self.tr("توضیح: {notes}").format(notes=notes))
        return rows

    def _rounding(self, line: Line) -> str:
        rule = line.item.rounding
        mode = MODES[rule.mode]
        words = mode[1] if current_language() == "fa" else mode[2]
        return self.tr("گرد کردن {mode} به مضرب {unit} ریال").format(mode=words, unit=format_number(rule.unit))

    def line_amounts(self) -> list[int]:
        amounts = []
        for i in range(self.lines.topLevelItemCount()):
            item = self.lines.topLevelItem(i)
            if item is not None:
                amounts.append(int(item.data(AMOUNT, KEY)))
        return amounts

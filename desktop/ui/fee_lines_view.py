"""The lines of an assessment: one row per fee line (code, title, floor, amount), and beside them the selected line
explained — the formula as printed in the book, the inputs it read and its intermediate values (each named in the
operator's words, one per row, never a raw key), minimum, cap, discount, rounding and legal reference. The selection
survives recomputation, so the explanation follows the typing.

The explanation is a column of word-wrapped labels in a scroll area: every row is shown whole at any window size,
and a formula is broken only between its parts (at «؛»), never inside a bracket.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
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
from desktop.widgets.selectable_label import SelectableLabel
from fees import Assessment, Line
from fees.rounding import MODES

CODE, TITLE, WHERE, AMOUNT = range(4)
KEY = Qt.ItemDataRole.UserRole
_PERSIAN_WORD = re.compile("[\u0600-\u06ff]{2,}")
_SYMBOL = re.compile(r"[A-Za-z][A-Za-z]?[0-9]?", re.ASCII)  # a formula's letter: P, S, L0, x
_DIGITS = re.compile(r"-?[0-9]+", re.ASCII)
_SYMBOL_IN_TEXT = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z]?[0-9]?(?![A-Za-z0-9])", re.ASCII)  # «L0» in a sentence


# a row of the explanation: (kind, text) for a sentence, or ("grid", ((name, value), ...)) for named values
Row = tuple[str, str | tuple[tuple[str, str], ...]]


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


@contextmanager
def _hidden_meanwhile(widget: QWidget, changing: bool) -> Iterator[None]:
    """Hide `widget` while its rows come, go or change kind (`changing`), and show it again after.

    A label shown or hidden inside a window on screen has Qt lay out every layout from it up to the window at once,
    label by label: another fee line's rows took 20-40 ms. With their parent hidden meanwhile the window is laid out
    once, as it shows again in the same turn of the event loop (nothing is painted in between). Not while it holds
    the focus, which hiding it would move away."""
    focus = QApplication.focusWidget()
    hide = changing and widget.isVisible() and not (focus is not None and widget.isAncestorOf(focus))
    if hide:
        widget.hide()
    try:
        yield
    finally:
        if hide:
            widget.show()


def _shape(rows: list[Row]) -> list[tuple[str, int]]:
    """The kinds of the rows, and how many named values each grid holds: what decides which labels are shown."""
    return [(kind, len(content) if isinstance(content, tuple) else 0) for kind, content in rows]


def _style(kind: str) -> str:
    """The look a row of this kind takes from the theme: the line's heading, or plain text."""
    return "section" if kind == "section" else ""


class _NamedValues(QWidget):
    """Rows of "name: value" in two columns. Its labels are kept, hidden when fewer rows are wanted, and given new
    text as the values change: a label made and shown costs milliseconds (the theme is applied, the text laid out)."""

    def __init__(self) -> None:
        super().__init__()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self._labels: list[tuple[QLabel, QLabel]] = []
        self._used = 0

    def show_pairs(self, pairs: tuple[tuple[str, str], ...], counter: int) -> int:
        """Show `pairs`, numbered from `counter` + 1 (the number ties a name to its value); returns the last number."""
        with _hidden_meanwhile(self, len(pairs) != self._used):
            return self._fill_pairs(pairs, counter)

    def _fill_pairs(self, pairs: tuple[tuple[str, str], ...], counter: int) -> int:
        for row, (name, value) in enumerate(pairs):
            if row < len(self._labels):
                name_label, value_label = self._labels[row]
                _set_text(name_label, name)
                _set_text(value_label, value)
            else:
                name_label, value_label = QLabel(name, wordWrap=True), QLabel(value)
                self._grid.addWidget(name_label, row, 0)
                self._grid.addWidget(value_label, row, 1)
                self._labels.append((name_label, value_label))
            if row >= self._used:
                name_label.show()  # a new label too: now, not by Qt on the next turn
                value_label.show()
            counter += 1
            name_label.setProperty("nameOf", counter)
            value_label.setProperty("valueOf", counter)
        for name_label, value_label in self._labels[len(pairs) : self._used]:
            name_label.hide()
            value_label.hide()
        self._used = len(pairs)
        return counter

    @property
    def labels(self) -> list[tuple[QLabel, QLabel]]:
        return self._labels[: self._used]


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
        # made in the splitter, in order: a styled widget moved to another parent is styled again, all it holds
        self.lines = QTreeWidget(self, objectName="feeLines")
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

        self.details = ExplanationArea(self, objectName="feeLineDetails")
        self.details.setWidgetResizable(True)
        self.details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows wrap instead
        self.details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reached by Tab; the arrow keys scroll it
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self._content = QWidget(objectName="feeLineDetailsContent")
        self._rows = QVBoxLayout(self._content)
        self._rows.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setWidget(self._content)
        self.placeholder = self.tr("ردیفی را برگزینید تا روش محاسبه آن نمایش داده شود.")
        self._placeholder_label = self._label(self.placeholder, "muted")
        self._placeholder_shown = True
        # the placeholder, or the rows of the chosen line (kept while hidden: the same line usually comes back)
        self._explanation = QWidget(objectName="feeLineExplanation")
        self._explanation.hide()
        self._explanation_rows_layout = QVBoxLayout(self._explanation)
        self._explanation_rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows.addWidget(self._placeholder_label)
        self._rows.addWidget(self._explanation)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([200, 300])  # in proportion: the explanation gets the larger share of the height
        self._selected: tuple[str, str] | None = None
        self._lines: dict[tuple[str, str], tuple[str, Line]] = {}
        self._vocabulary: Vocabulary | None = None
        self._shown: list[Row] = []  # the rows of the explanation on screen, and their labels
        self._row_widgets: list[QWidget] = []  # a QLabel for a sentence, _NamedValues for named values
        self._spare: list[QWidget] = []  # made for an earlier line and hidden, for the next one
        self.lines.currentItemChanged.connect(self._current_changed)
        self._render(None)

    def show_assessment(
        self, assessment: Assessment, floor_name: Callable[[int], str], vocabulary: Vocabulary | None = None
    ) -> None:
        """Replace the rows; the selected line (by code and floor) stays selected while the operator types. The same
        lines as those shown (the usual case while typing) are updated in place, not made again."""
        persian = current_language() == "fa"
        self._vocabulary = vocabulary
        keep = self._selected
        keys = [(line.code, line.scope) for line in assessment.lines]
        shown = [self.lines.topLevelItem(row) for row in range(self.lines.topLevelItemCount())]
        same = keys == [item.data(CODE, KEY) for item in shown if item is not None]
        self.lines.blockSignals(True)
        if not same:
            self.lines.clear()
        self._lines = {}
        current = None
        for row, line in enumerate(assessment.lines):
            key = keys[row]
            title = line.title if persian or not line.item.title_en else line.item.title_en
            where = "" if line.floor is None else floor_name(line.floor)
            code = digits(line.code)
            item = shown[row] if same else None
            if item is None:
                item = QTreeWidgetItem([code, title, where, ""])
                item.setData(CODE, KEY, key)
                self.lines.addTopLevelItem(item)
            else:
                for column, text in ((CODE, code), (TITLE, title), (WHERE, where)):
                    if item.text(column) != text:
                        item.setText(column, text)
            if item.data(AMOUNT, KEY) != line.amount_rials or not item.text(AMOUNT):
                set_amount_cell(item, AMOUNT, line.amount_rials)
                item.setData(AMOUNT, KEY, line.amount_rials)
            if item.toolTip(TITLE) != title:
                item.setToolTip(TITLE, title)
            heading = f"{code} — {title}" + (f" — {where}" if where else "")
            self._lines[key] = (heading, line)
            if key == keep:
                current = item
        self.lines.blockSignals(False)
        # no line of a floor (a transfer, a permit's whole-building lines): no empty column beside the titles
        self.lines.setColumnHidden(WHERE, all(line.floor is None for line in assessment.lines))
        self._selected = keep
        if current is not None and self.lines.currentItem() is not current:
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
        if self._placeholder_shown:
            return self.placeholder
        rows, pairs = [], []
        for widget in self._row_widgets:
            if isinstance(widget, _NamedValues):
                pairs += [f"{name.text()} {value.text()}" for name, value in widget.labels]
            elif isinstance(widget, QLabel):
                rows.append(widget.text())
        return "\n".join(rows + pairs)

    def _render(self, key: tuple[str, str] | None) -> None:
        """Show how the line `key` was computed (or the placeholder). While the operator types, the same line comes
        back with other values, or goes for a moment while a field is wrong: rows of the same shape as those made
        before only take their new text, and the placeholder only hides them, because making, polishing and laying
        out a new set of labels for every key typed held the UI thread for tens of milliseconds."""
        rows = self._explanation_rows(key)
        if not rows:
            self._show_placeholder(True)
            return
        if rows == self._shown and not self._placeholder_shown:
            return
        self._sync(rows)
        self._shown = rows
        self._show_placeholder(False)
        self.details.fit()
        QTimer.singleShot(0, self.details, self.details.fit)  # again once the new rows are polished (fonts, margins)

    def _show_placeholder(self, shown: bool) -> None:
        if shown == self._placeholder_shown:
            return
        self._placeholder_shown = shown
        self._placeholder_label.setVisible(shown)
        self._explanation.setVisible(not shown)

    def _explanation_rows(self, key: tuple[str, str] | None) -> list[Row]:
        """The explanation as rows: (kind, text) for a sentence, ("grid", ((name, value), ...)) for named values;
        none when no line is chosen."""
        chosen = self._lines.get(key) if key is not None else None
        if chosen is None:
            return []
        heading, line = chosen
        rows: list[Row] = [("section", heading), ("caption", self.tr("فرمول:"))]
        for part in line.formula.split("؛"):
            text = bind_brackets(part.strip())
            # a Persian sentence that happens to begin with a letter of the formula (X از جدول …) still reads
            # right to left; a bare formula (T = S × P × X) keeps its own left-to-right order, isolated
            rows.append(("formula", "\u200f" + text if _PERSIAN_WORD.search(text) else ltr(text)))
        persian = current_language() == "fa"
        for caption, values in ((self.tr("ورودی‌ها:"), line.inputs), (self.tr("مقادیر میانی:"), line.intermediate)):
            shown = {k: v for k, v in values.items() if k != "purpose"}
            if not shown:
                continue
            rows.append(("caption", caption))
            pairs = tuple((self._name(name) + ":", self._value(name, value, persian)) for name, value in shown.items())
            rows.append(("grid", pairs))
        rows += [("", sentence) for sentence in self.explanation(line, persian)]
        return rows

    def _sync(self, rows: list[Row]) -> None:
        """Make the explanation say `rows` with the labels already made wherever they can take the new text (in
        order, by kind); those left over are hidden and kept for the next line."""
        with _hidden_meanwhile(self._explanation, _shape(rows) != _shape(self._shown)):
            self._fill_rows(rows)

    def _fill_rows(self, rows: list[Row]) -> None:
        labels = [w for w in self._row_widgets + self._spare if isinstance(w, QLabel)]
        grids = [w for w in self._row_widgets + self._spare if isinstance(w, _NamedValues)]
        widgets: list[QWidget] = []
        counter = 0
        for kind, content in rows:
            if isinstance(content, tuple):
                grid = grids.pop(0) if grids else _NamedValues()
                counter = grid.show_pairs(content, counter)
                widgets.append(grid)
                continue
            label = next((label for label in labels if (label.property("heading") or "") == _style(kind)), None)
            if label is None:
                label = self._label(content, kind)
            else:
                labels.remove(label)
                _set_text(label, content)
            widgets.append(label)
        spare: list[QWidget] = [*labels, *grids]
        if widgets != self._row_widgets:
            layout = self._explanation_rows_layout
            for widget in self._row_widgets:
                layout.removeWidget(widget)
            for widget in widgets:
                layout.addWidget(widget)  # the same parent: nothing is polished again
                if widget not in self._row_widgets:
                    widget.show()  # a spare, or one just made: now, not one by one on Qt's next turn
            for widget in spare:
                if widget not in self._spare:
                    widget.hide()
        self._row_widgets, self._spare = widgets, spare

    @staticmethod
    def _label(text: str, kind: str) -> QLabel:
        label = SelectableLabel(text, wordWrap=True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if _style(kind):
            label.setProperty("heading", _style(kind))
        elif kind == "muted":
            label.setProperty("tone", "muted")
        return label

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
            rows.append(self.tr("توضیح: {notes}").format(notes=_SYMBOL_IN_TEXT.sub(lambda m: ltr(m[0]), notes)))
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

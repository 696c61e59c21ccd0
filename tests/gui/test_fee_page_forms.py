"""The fee page as an operator meets it: it opens with no field in error, Tab leaves the floors table, numbers with
thousands separators are read, wrong floors are refused by row, no raw key or English word shows in Persian, and the
explanation of a line is shown whole at the smallest window size, where the inputs scroll instead of being squeezed."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidget,
    QTreeWidget,
    QWidget,
)

from desktop.formatting import LRI, PDI
from desktop.forms import Problem, touch
from desktop.ui.fee_preview_page import DEMO_CASE, FeePreviewPage
from tests.gui.test_fee_preview_page import expected_assessment, retype, type_text
from tests.gui.test_fee_preview_page import make_page as make_page

ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
ISOLATED = re.compile(f"{LRI}[^{PDI}]*{PDI}")  # a code, number or formula letter kept left to right


def invalid_widgets(page: FeePreviewPage) -> list[str]:
    return [w.objectName() or type(w).__name__ for w in page.findChildren(QLineEdit) if w.property("invalid")] + [
        w.objectName() for w in page.findChildren(QComboBox) if w.property("invalid")
    ]


def test_the_page_opens_with_no_field_in_error_and_says_what_is_missing(make_page, qtbot):
    page = make_page()
    assert page.form.renovation_code.text() == ""
    assert invalid_widgets(page) == []
    assert not page.error_label.isVisible()
    assert page.hint_label.isVisible() and "کد نوسازی" in page.hint_label.text()
    assert "لازم است" not in page.hint_label.text()

    # once the operator has edited a field and left it wrong, it is named and outlined
    type_text(qtbot, page.form.renovation_code, "1-2")
    qtbot.waitUntil(lambda: page.error_label.isVisible())
    assert page.error_label.text().startswith("کد نوسازی: باید به شکل")
    assert page.form.renovation_code.property("invalid") is True


def test_tab_leaves_the_floors_table_and_reaches_the_lines_and_the_explanation(make_page, qtbot):
    page = make_page()
    page.fill_case(DEMO_CASE)
    page.activateWindow()
    floors = page.form.floors
    last = floors.text_editor(floors.rowCount() - 1, "frontage_m")
    last.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is last)
    reached = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if reached[-1] is page.view.details:
            break
    assert page.view.lines in reached
    assert page.view.details in reached
    assert not any(floors.isAncestorOf(w) for w in reached[: reached.index(page.view.lines)])

    # and back: Shift+Tab from the fee lines comes back into the floors table, then out of it upwards
    page.view.lines.setFocus()
    back = []
    for _ in range(80):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        back.append(QApplication.focusWidget())
        if back[-1] is page.form.remove_floor_button:
            break
    assert any(floors.isAncestorOf(w) for w in back)
    assert back[-1] is page.form.remove_floor_button


def test_thousands_separators_are_read_in_both_digit_systems(make_page, qtbot):
    page = make_page()
    page.fill_case(DEMO_CASE)
    land = page.form.numbers["land_area_m2"]
    expected = expected_assessment({**DEMO_CASE, "land_area_m2": "1234"}).total_rials
    for typed in ("1,234", "۱٬۲۳۴", "١٬٢٣٤", "۱,۲۳۴"):
        retype(qtbot, land, typed)
        qtbot.waitUntil(lambda: page.assessment is not None and page.assessment.total_rials == expected)
        assert land.text() == typed  # nothing typed is rewritten
        assert not page.error_label.isVisible()
    retype(qtbot, land, "1,23")
    qtbot.waitUntil(lambda: page.error_label.isVisible())
    assert page.error_label.text() == "مساحت عرصه (م²): باید عدد باشد"


def test_a_floor_of_zero_area_and_two_floors_at_one_level_are_refused_naming_their_rows(make_page, qtbot):
    page = make_page()
    page.fill_case(DEMO_CASE)
    floors = page.form.floors
    retype(qtbot, floors.text_editor(2, "area_m2"), "۰")
    qtbot.waitUntil(lambda: page.error_label.isVisible())
    assert page.error_label.text() == "مساحت (م²) در ردیف ۳ طبقات: باید بیشتر از صفر باشد"
    assert floors.text_editor(2, "area_m2").property("invalid") is True
    assert page.assessment is None

    retype(qtbot, floors.text_editor(2, "area_m2"), "130")
    retype(qtbot, floors.text_editor(3, "level"), "1")  # the same level as row 3
    qtbot.waitUntil(lambda: "ردیف ۴" in page.error_label.text())
    assert page.error_label.text() == "طبقه در ردیف ۴ طبقات: همان طبقه ردیف ۳ است؛ هر طبقه یک ردیف دارد"
    assert floors.text_editor(3, "level").property("invalid") is True
    assert page.assessment is None
    retype(qtbot, floors.text_editor(3, "level"), "۲")
    qtbot.waitUntil(lambda: page.assessment is not None)
    assert page.assessment.total_rials == expected_assessment(DEMO_CASE).total_rials
    assert invalid_widgets(page) == []


def visible_texts(page: FeePreviewPage) -> list[tuple[str, str]]:
    """Every text the operator can see on the page: labels, buttons, placeholders, list choices, headers, cells."""
    texts: list[tuple[str, str]] = []
    for label in page.findChildren(QLabel):
        if label.isVisibleTo(page):
            texts.append((f"label {label.objectName()}", label.text()))
    for button in page.findChildren(QAbstractButton):
        if button.isVisibleTo(page):
            texts.append((f"button {button.objectName()}", button.text()))
    for edit in page.findChildren(QLineEdit):
        if edit.isVisibleTo(page):
            texts.append((f"placeholder {edit.objectName()}", edit.placeholderText()))
    for combo in page.findChildren(QComboBox):
        texts += [(f"choice {combo.objectName()}", combo.itemText(i)) for i in range(combo.count())]
    for table in page.findChildren(QTableWidget):
        for column in range(table.columnCount()):
            header = table.horizontalHeaderItem(column)
            texts.append(("floors header", header.text() if header else ""))
    for tree in page.findChildren(QTreeWidget):
        header = tree.headerItem()
        texts += [("lines header", header.text(c)) for c in range(tree.columnCount())]
        for row in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(row)
            texts += [("lines cell", item.text(c)) for c in range(tree.columnCount())]
    return texts


def test_no_visible_text_holds_a_raw_key_or_an_english_word_in_persian(make_page, qtbot):
    page = make_page()
    page.fill_case(DEMO_CASE)
    typed = {page.form.renovation_code.text()}
    for row in range(page.view.lines.topLevelItemCount()):
        page.view.select_line(row)
        for where, text in visible_texts(page):
            if text in typed:
                continue
            bare = ISOLATED.sub("", text)  # codes, numbers and a formula's letters, isolated left to right
            assert not ASCII_WORD.search(bare), f"{where}: {text!r}"
            assert not re.search(r"[0-9]", bare), f"ASCII digits in {where}: {text!r}"
    details = page.view.details_text()
    for raw in ("purpose", "permit", "residential_area", "use =", "commercial", "mezzanine", "false", "hamedan"):
        assert raw not in details


def test_the_explanation_is_shown_whole_at_1024_by_640(make_page, qtbot):
    page = make_page(size=(1024 - 190, 640 - 60))  # the page's share of a 1024×640 window beside the navigation
    page.fill_case(DEMO_CASE)
    for row in range(page.view.lines.topLevelItemCount()):
        page.view.select_line(row)
        qtbot.wait(50)  # the pane lays its new rows out
        labels = [label for label in page.view.details.widget().findChildren(QLabel) if label.isVisibleTo(page)]
        assert len(labels) > 6
        for label in labels:
            if label.wordWrap():
                needed = label.heightForWidth(label.width())
                assert needed <= label.height(), f"{label.text()!r}: {needed} > {label.height()}"
            else:
                assert label.sizeHint().width() <= label.width(), f"{label.text()!r}"
        assert page.view.details.width() >= 250
    for combo in (page.form.purpose, page.form.parking_exemption):
        widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert combo.width() >= widest, combo.objectName()  # «نقل و انتقال (استعلام دفترخانه)» is never cut


def test_at_1024_by_640_every_input_keeps_its_height_and_the_inputs_scroll_to_the_one_in_focus(make_page, qtbot):
    page = make_page()
    # inside the window the page gets the height the window has left, however tall its inputs would like to be
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(1024 - 190, 640 - 80)  # the page's share of a 1024×640 window: beside the navigation, under the bar
    page.setParent(host)
    page.setMinimumSize(0, 0)  # shown first as a window, it took its layout's minimum; a page in the window has none
    page.setGeometry(host.rect())
    host.show()
    page.show()
    page.fill_case(DEMO_CASE)
    qtbot.wait(50)
    assert page.height() == 640 - 80
    form = page.form
    fields = [binding.widget for binding in form.form.bindings.values()]
    assert len(fields) == 10
    for field in fields:  # never squeezed until its text is cut
        assert field.height() >= field.sizeHint().height(), field.objectName()
    assert form.floors.height() >= form.floors.minimumSizeHint().height()
    scroll = page.findChild(QScrollArea, "feeFormScroll")
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0  # taller than the page: the inputs scroll

    def shown(widget) -> bool:
        top_left = widget.mapTo(scroll.viewport(), QPoint(0, 0))
        return scroll.viewport().rect().contains(QRect(top_left, widget.size()))

    # Tab from the last field above the floors into the table brings its first cell into view
    last = form.numbers["renovation_years"]
    last.setFocus()
    level = form.floors.text_editor(0, "level")
    for _ in range(4):
        if level.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert level.hasFocus() and bar.value() > 0 and shown(level)

    # a field in error that is focused in code is scrolled to as well
    bar.setValue(bar.maximum())
    assert not shown(form.purpose)
    problems = [Problem("purpose", "نوع محاسبه را برگزینید.")]
    touch(form.purpose)
    form.form.present(problems, focus=True)
    assert form.purpose.hasFocus() and shown(form.purpose)

    # focus coming from outside the area is brought into view too: Shift+Tab back from the fee lines into the last
    # floor cell, and a new floor's first cell
    page.view.lines.setFocus()
    qtbot.keyClick(page.view.lines, Qt.Key.Key_Backtab)
    last_cell = QApplication.focusWidget()
    assert form.floors.isAncestorOf(last_cell) and shown(last_cell)
    bar.setValue(0)
    form.add_floor_button.click()
    new_level = form.floors.text_editor(form.floors.rowCount() - 1, "level")
    assert new_level.hasFocus() and shown(new_level)


def test_the_floor_column_shows_only_when_a_line_is_of_a_floor(make_page):
    page = make_page()
    page.fill_case(DEMO_CASE)
    where = page.view.lines.headerItem().text(2)
    assert where == "طبقه" and not page.view.lines.isColumnHidden(2)
    page.fill_case(dict(DEMO_CASE, purpose="transfer"))  # a transfer's lines are of the whole parcel
    assert page.assessment is not None and all(line.floor is None for line in page.assessment.lines)
    assert page.view.lines.isColumnHidden(2)  # its width goes to the titles
    page.fill_case(DEMO_CASE)
    assert not page.view.lines.isColumnHidden(2)

"""The list base through real widgets: a real fetch over a local SQLite database of 10,000 rows, read by a real
TaskRunner, paged, filtered, sorted and driven by the keyboard."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from desktop.app import apply_language, create_application
from desktop.tasks import TaskRunner
from desktop.widgets.lists import Column, ColumnKind, ListState, ListView, PagedTableModel, in_background

WAIT_MS = 10_000
ROWS = 10_000
CITIES = ("همدان", "تهران", "ملایر", "نهاوند")


def make_database(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE receipts (id INTEGER PRIMARY KEY, payer TEXT, city TEXT, amount INTEGER)")
        conn.executemany(
            "INSERT INTO receipts (id, payer, city, amount) VALUES (?, ?, ?, ?)",
            ((n, f"پرداخت‌کننده {n}", CITIES[n % len(CITIES)], n * 1250) for n in range(1, ROWS + 1)),
        )
    return path


class Receipts:
    """A fetch function as every list will have one: filters and paging done by the database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.threads: list[int] = []
        self.gate: threading.Event | None = None  # when set, a read waits on it (a slow disk or server)
        self.broken = False

    def __call__(self, page: int, page_size: int, filters: Mapping[str, object]) -> tuple[Sequence[sqlite3.Row], int]:
        self.threads.append(threading.get_ident())
        if self.gate is not None:
            assert self.gate.wait(WAIT_MS / 1000)
        where, params = "1", []
        if "city" in filters:
            where += " AND city = ?"
            params.append(filters["city"])
        table = "no_such_table" if self.broken else "receipts"
        with sqlite3.connect(self.path) as conn:
            conn.row_factory = sqlite3.Row
            total = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params).fetchone()[0]
            rows = conn.execute(
                f"SELECT * FROM {table} WHERE {where} ORDER BY id LIMIT ? OFFSET ?",
                (*params, page_size, page * page_size),
            ).fetchall()
        return rows, total


COLUMNS = (
    Column("id", lambda: QCoreApplication.translate("ReceiptsTest", "شماره"), lambda r: r["id"], ColumnKind.NUMBER),
    Column("payer", lambda: QCoreApplication.translate("ReceiptsTest", "پرداخت‌کننده"), lambda r: r["payer"]),
    Column("city", lambda: QCoreApplication.translate("ReceiptsTest", "شهر"), lambda r: r["city"], stretch=True),
    Column(
        "amount", lambda: QCoreApplication.translate("ReceiptsTest", "مبلغ"), lambda r: r["amount"], ColumnKind.AMOUNT
    ),
)


@pytest.fixture
def receipts(tmp_path: Path) -> Receipts:
    return Receipts(make_database(tmp_path / "receipts.sqlite3"))


@pytest.fixture
def runner(qapp, qtbot):
    create_application("fa")
    apply_language(qapp, "fa")
    tasks = TaskRunner()
    yield tasks
    qtbot.waitUntil(lambda: not tasks.busy, timeout=WAIT_MS)
    tasks.shutdown()


@pytest.fixture
def make_list(qtbot, runner):
    """make_list(fetch) → (window, list view, a button after the list), shown and loaded."""
    windows: list[QWidget] = []  # alive until the test ends

    def make(fetch, *, page_size: int = 50, empty_text=None) -> tuple[QWidget, ListView, QPushButton]:
        window = QWidget()
        model = PagedTableModel(COLUMNS, in_background(fetch, runner), page_size=page_size, row_key=lambda r: r["id"])
        view = ListView(model, window, empty_text=empty_text, name="receipts")
        after = QPushButton("بعدی در صفحه", window)
        layout = QVBoxLayout(window)
        layout.addWidget(view)
        layout.addWidget(after)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(900, 600)
        window.show()
        model.reload()
        qtbot.waitUntil(lambda: model.state is not ListState.LOADING, timeout=WAIT_MS)
        return window, view, after

    return make


def ids(view: ListView) -> list[int]:
    return [row["id"] for row in view.visible_rows()]


def test_ten_thousand_rows_are_read_a_page_at_a_time_off_the_ui_thread(make_list, receipts, qtbot):
    _, view, _ = make_list(receipts)
    model = view.model
    assert model.total == ROWS and model.rowCount() == 50 and ids(view)[:2] == [1, 2]
    assert view.page_label.text() == "صفحه ۱ از ۲۰۰"
    assert view.total_label.text() == "۱۰٬۰۰۰ مورد"
    assert threading.get_ident() not in receipts.threads

    receipts.gate = threading.Event()  # the next read is slow: the UI must not wait for it
    started = time.monotonic()
    view.next_button.click()
    assert time.monotonic() - started < 0.2
    assert model.state is ListState.LOADING and view.status_label.text() == "در حال بارگذاری…"
    assert ids(view)[0] == 1  # the old page stays on screen until the new one is read
    receipts.gate.set()
    qtbot.waitUntil(lambda: model.state is ListState.READY, timeout=WAIT_MS)
    assert ids(view)[0] == 51 and view.page_label.text() == "صفحه ۲ از ۲۰۰"
    assert view.status_label.isHidden()
    receipts.gate = None

    model.go_to_page(199)
    qtbot.waitUntil(lambda: model.state is ListState.READY, timeout=WAIT_MS)
    assert ids(view)[-1] == ROWS and not view.next_button.isEnabled()
    view.previous_button.click()
    qtbot.waitUntil(lambda: model.state is ListState.READY, timeout=WAIT_MS)
    assert ids(view)[0] == 9901 and view.page_label.text() == "صفحه ۱۹۹ از ۲۰۰"
    assert threading.get_ident() not in receipts.threads


def test_an_answer_to_an_older_request_never_replaces_the_newer_page(make_list, receipts, runner, qtbot):
    _, view, _ = make_list(receipts)
    slow = receipts.gate = threading.Event()
    view.model.next_page()  # page 2 waits on the gate
    receipts.gate = None
    view.model.go_to_page(5)  # page 6 is read at once, on another worker
    qtbot.waitUntil(lambda: view.model.state is ListState.READY, timeout=WAIT_MS)
    assert ids(view)[0] == 251
    slow.set()  # page 2 answers late
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
    assert ids(view)[0] == 251 and view.model.page == 5 and view.model.state is ListState.READY


def test_keyboard_pages_with_ctrl_page_down_and_up(make_list, receipts, qtbot):
    _, view, _ = make_list(receipts)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.model.page == 1 and view.model.state is ListState.READY, timeout=WAIT_MS)
    assert ids(view)[0] == 51
    qtbot.keyClick(view.table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.model.page == 0 and view.model.state is ListState.READY, timeout=WAIT_MS)
    assert ids(view)[0] == 1


def test_server_side_filters_go_back_to_the_first_page(make_list, receipts, qtbot):
    _, view, _ = make_list(receipts)
    view.model.go_to_page(3)
    qtbot.waitUntil(lambda: view.model.state is ListState.READY, timeout=WAIT_MS)
    view.model.set_filters({"city": "ملایر"})
    qtbot.waitUntil(lambda: view.model.state is ListState.READY, timeout=WAIT_MS)
    assert view.model.page == 0 and view.model.total == ROWS // 4
    assert {row["city"] for row in view.visible_rows()} == {"ملایر"}
    assert view.page_label.text() == "صفحه ۱ از ۵۰"


def test_the_local_search_takes_persian_or_ascii_digits_and_sorting_uses_plain_values(make_list, receipts, qtbot):
    _, view, _ = make_list(receipts)
    qtbot.keyClicks(view.search_field, "12")
    assert ids(view) == [10, 12]  # «پرداخت‌کننده ۱۲» and 10's «۱۲٬۵۰۰» on screen; 12 typed
    view.search_field.setText("کننده ۴۵")  # (QTest types Latin-1 only)
    assert ids(view) == [45]
    view.search_field.setText("کننده 45")
    assert ids(view) == [45]
    view.search_field.setText("کننده ۴۵۹")
    assert ids(view) == [] and view.status_label.text() == "در این صفحه موردی با این جست‌وجو پیدا نشد."
    assert view.clear_search() and len(ids(view)) == 50 and not view.clear_search()
    view.table.sortByColumn(view.model.column_index("amount"), Qt.SortOrder.DescendingOrder)
    assert ids(view)[:3] == [50, 49, 48]  # numerically, not as text


def test_amounts_are_grouped_in_persian_digits_and_aligned_by_place_value(make_list, receipts):
    _, view, _ = make_list(receipts)
    model = view.model
    amount = model.index(9, model.column_index("amount"))  # row 10: 12,500 rials
    assert amount.data() == "۱۲٬۵۰۰"
    alignment = Qt.AlignmentFlag(amount.data(Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight and alignment & Qt.AlignmentFlag.AlignAbsolute
    city = Qt.AlignmentFlag(model.index(0, model.column_index("city")).data(Qt.ItemDataRole.TextAlignmentRole))
    assert not city & Qt.AlignmentFlag.AlignAbsolute  # words follow the reading direction
    assert model.headerData(3, Qt.Orientation.Horizontal) == "مبلغ"


def test_an_empty_list_says_so_in_the_pages_words(make_list, receipts):
    _, view, _ = make_list(lambda page, size, filters: ([], 0), empty_text=lambda: "رسیدی برای امروز نیست.")
    assert view.model.state is ListState.READY and view.model.rowCount() == 0
    assert view.status_label.text() == "رسیدی برای امروز نیست." and not view.status_label.isHidden()
    assert view.previous_button.isHidden() and view.next_button.isHidden()  # one page: no paging controls


def test_a_failing_fetch_shows_why_and_can_be_read_again(make_list, receipts, qtbot):
    receipts.broken = True
    _, view, _ = make_list(receipts)
    assert view.model.state is ListState.FAILED
    assert view.status_label.text().startswith("فهرست خوانده نشد: ")
    assert not view.reload_button.isHidden()
    receipts.broken = False
    view.reload_button.click()
    qtbot.waitUntil(lambda: view.model.state is ListState.READY, timeout=WAIT_MS)
    assert view.model.total == ROWS and view.reload_button.isHidden() and view.status_label.isHidden()


def test_a_fetch_that_answers_something_else_than_rows_and_total_is_a_failure(make_list):
    _, view, _ = make_list(lambda page, size, filters: [1, 2, 3])
    assert view.model.state is ListState.FAILED and isinstance(view.model.error, TypeError)


def test_tab_leaves_the_table_and_enter_or_a_double_click_activates_a_row(make_list, receipts, qtbot):
    window, view, after = make_list(receipts)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=WAIT_MS)
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(2, 0))
    with qtbot.waitSignal(view.activated, timeout=WAIT_MS) as activated:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert activated.args[0]["id"] == 3
    rect = view.table.visualRect(view.proxy.index(4, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.activated, timeout=WAIT_MS) as activated:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args[0]["id"] == 5
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view.table
    focused = QApplication.focusWidget()
    assert focused is after or view.isAncestorOf(focused)


def test_the_operators_place_is_kept_when_the_page_is_read_again(make_list, receipts, qtbot):
    _, view, _ = make_list(receipts)
    view.table.setCurrentIndex(view.proxy.index(7, 0))
    view.model.reload()
    qtbot.waitUntil(lambda: view.model.state is ListState.READY, timeout=WAIT_MS)
    assert view.current_row()["id"] == 8

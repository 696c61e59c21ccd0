"""The list model on its own: pages, the shrinking list, stale answers and column text, with a loader that answers
at once (the threads are covered by tests/gui/test_lists.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject, Qt

from desktop.app import apply_language
from desktop.widgets.lists import Column, ColumnKind, ListState, PagedTableModel, PageQuery, PageResult


class Source:
    """A loader that keeps each request until the test answers it."""

    def __init__(self, rows: list[int]) -> None:
        self.rows = rows
        self.asked: list[tuple[PageQuery, Callable[[PageResult], None], Callable[[BaseException], None]]] = []

    def __call__(self, query, on_page, on_failed, owner: QObject) -> None:
        self.asked.append((query, on_page, on_failed))

    def answer(self, index: int = -1) -> None:
        query, on_page, _ = self.asked[index]
        on_page(PageResult(self.rows[query.offset : query.offset + query.page_size], len(self.rows)))


COLUMNS = (
    Column("n", lambda: "شماره", lambda n: n, ColumnKind.NUMBER),
    Column("label", lambda: "برچسب", lambda n: f"ردیف {n}"),
)


@pytest.fixture(autouse=True)
def persian(qapp):
    apply_language(qapp, "fa")


def test_pages_are_asked_for_and_the_last_page_is_short():
    source = Source(list(range(1, 24)))
    model = PagedTableModel(COLUMNS, source, page_size=10)
    assert model.state is ListState.IDLE
    model.reload()
    assert model.state is ListState.LOADING
    source.answer()
    assert model.state is ListState.READY and model.page_count == 3 and model.rowCount() == 10
    assert model.next_page() and model.next_page() and not model.next_page()
    source.answer()
    assert model.page == 2 and model.rows == [21, 22, 23]
    assert model.index(0, 0).data() == "۲۱" and model.index(0, 1).data() == "ردیف ۲۱"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "برچسب"


def test_a_list_that_shrank_under_the_page_shows_its_new_last_page():
    source = Source(list(range(1, 31)))
    model = PagedTableModel(COLUMNS, source, page_size=10)
    model.go_to_page(2)
    source.answer()
    source.rows = list(range(1, 15))  # rows left the list meanwhile
    model.reload()
    source.answer()
    assert model.page == 1 and model.state is ListState.LOADING  # asked again, for the page that exists
    source.answer()
    assert model.rows == [11, 12, 13, 14] and model.state is ListState.READY


def test_an_answer_to_an_older_request_is_dropped():
    source = Source(list(range(1, 101)))
    model = PagedTableModel(COLUMNS, source, page_size=10)
    model.reload()
    model.set_filters({"city": "همدان"})
    source.answer(-1)
    source.answer(0)  # the first request answers last
    assert model.rows == list(range(1, 11)) and model.filters == {"city": "همدان"}
    _, _, failed = source.asked[0]
    failed(RuntimeError("too late"))
    assert model.state is ListState.READY and model.error is None


def test_a_failure_is_kept_for_the_view_to_show():
    source = Source([])
    model = PagedTableModel(COLUMNS, source)
    model.reload()
    source.asked[-1][2](OSError("disk"))
    assert model.state is ListState.FAILED and isinstance(model.error, OSError)

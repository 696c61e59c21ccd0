"""The model every list of the application uses: declared columns, pages read off the UI thread, a local filter.

A list never holds all its rows. `PagedTableModel` asks its loader for one page at a time (the server, or the
local database, filters and pages); the loader runs the read in the background and hands the page back on the UI
thread. While a page is read the model keeps showing the previous one and says it is loading; an answer to an older
request (the operator paged on meanwhile) is dropped. `ListFilterProxy` filters and sorts the rows of the page on
screen, with Persian and ASCII digits treated alike.

Two kinds of loader:
- `in_background(fetch, runner)`: a plain function `fetch(page, page_size, filters) -> (rows, total)` (page from 0)
  run by a `TaskRunner`; the function never touches a widget.
- any callable `load(query, on_page, on_failed, owner)` that already runs its work off the UI thread (the outbox
  service's `fetch_rows`, which must use the outbox's own database thread).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from civic.money import format_rials
from civic.text import normalize_digits
from desktop.messages import current_language, localized_digits

log = logging.getLogger(__name__)

R = TypeVar("R")
ROW_ROLE = Qt.ItemDataRole.UserRole  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the column's plain value, for sorting
DEFAULT_PAGE_SIZE = 50

Index = QModelIndex | QPersistentModelIndex


class ColumnKind(StrEnum):
    TEXT = "text"  # words: aligned at the start of the line (right in Persian)
    NUMBER = "number"  # a count: grouped digits, aligned right by place value in both languages
    AMOUNT = "amount"  # integer rials: grouped digits, aligned right by place value in both languages


_PLACE_VALUE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
_LEADING = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter


def grouped_number(n: int) -> str:
    """A whole number with its thousands grouped, in the interface's digits: «۱۰٬۰۰۰» or "10,000"."""
    return format_rials(n, persian_digits=current_language() == "fa")


@dataclass(frozen=True)
class Column(Generic[R]):
    """One declared column. `title` is called when the header is drawn, so the language in force is used (it
    returns a `QCoreApplication.translate(...)` string). `value` gives the plain value (sorting, and the text when
    `text` is not given); `text` gives what is shown; digits are shown in the interface's digits unless
    `localize_digits` is off (text the operator must copy exactly)."""

    id: str
    title: Callable[[], str]
    value: Callable[[R], object]
    kind: ColumnKind = ColumnKind.TEXT
    text: Callable[[R], str] | None = None
    tooltip: Callable[[R], str] | None = None
    stretch: bool = False
    localize_digits: bool = True

    @property
    def alignment(self) -> Qt.AlignmentFlag:
        return _LEADING if self.kind is ColumnKind.TEXT else _PLACE_VALUE

    def display(self, row: R) -> str:
        if self.text is not None:
            shown = self.text(row)
        else:
            value = self.value(row)
            if value is None:
                return ""
            if self.kind is not ColumnKind.TEXT and isinstance(value, int) and not isinstance(value, bool):
                return grouped_number(value)
            shown = str(value)
        return localized_digits(shown) if self.localize_digits else shown


@dataclass(frozen=True)
class PageQuery:
    page: int  # from 0
    page_size: int
    filters: Mapping[str, object] = field(default_factory=dict)

    @property
    def offset(self) -> int:
        return self.page * self.page_size


@dataclass(frozen=True)
class PageResult:
    rows: Sequence[Any]
    total: int  # rows the list holds with these filters, over every page


Fetch = Callable[[int, int, Mapping[str, object]], tuple[Sequence[Any], int]]
Loader = Callable[[PageQuery, Callable[[PageResult], None], Callable[[BaseException], None], QObject], None]


class Runner(Protocol):
    def run(
        self,
        op: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None: ...


def _as_result(answer: object) -> PageResult:
    """A fetch function's answer, checked on the UI thread: (rows, total)."""
    if not (isinstance(answer, tuple) and len(answer) == 2):
        raise TypeError(f"a list's fetch must return (rows, total), got {type(answer).__name__}")
    rows, total = answer
    if not isinstance(total, int) or isinstance(total, bool) or total < 0 or not isinstance(rows, Sequence):
        raise TypeError("a list's fetch must return a sequence of rows and a total count")
    return PageResult(rows, total)


def in_background(fetch: Fetch, runner: Runner) -> Loader:
    """A loader that runs `fetch(page, page_size, filters)` through `runner` (a TaskRunner): never on the UI thread."""

    def load(
        query: PageQuery,
        on_page: Callable[[PageResult], None],
        on_failed: Callable[[BaseException], None],
        owner: QObject,
    ) -> None:
        filters = dict(query.filters)  # the op gets its own copy: plain values only

        def delivered(answer: object) -> None:
            try:
                result = _as_result(answer)
            except TypeError as exc:
                on_failed(exc)
                return
            on_page(result)

        runner.run(lambda: fetch(query.page, query.page_size, filters), delivered, on_failed, owner=owner)

    return load


class ListState(StrEnum):
    IDLE = "idle"  # nothing asked for yet
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


class PagedTableModel(QAbstractTableModel):
    """Rows of one page, read through a loader. Every read is started here and answered on the UI thread."""

    state_changed = Signal()
    page_loaded = Signal()
    # a view may still ask while Qt tears the model down after Python let go of its attributes
    columns: tuple[Column[Any], ...] = ()
    _rows: Sequence[Any] = ()

    def __init__(
        self,
        columns: Sequence[Column[Any]],
        load: Loader,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        row_key: Callable[[Any], object] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self.columns = tuple(columns)
        self.row_key = row_key  # names a row across reloads, so the view can keep the operator's place
        self._load = load
        self._page_size = page_size
        self._filters: dict[str, object] = {}
        self._page = 0
        self._rows: list[Any] = []
        self._total = 0
        self._state = ListState.IDLE
        self._error: BaseException | None = None
        self._request = 0

    # -- what the view reads --------------------------------------------------------------------------

    @property
    def state(self) -> ListState:
        return self._state

    @property
    def error(self) -> BaseException | None:
        return self._error

    @property
    def page(self) -> int:
        """The page on screen (or being read), from 0."""
        return self._page

    @property
    def page_size(self) -> int:
        return self._page_size

    @property
    def total(self) -> int:
        return self._total

    @property
    def page_count(self) -> int:
        return max(1, -(-self._total // self._page_size))

    @property
    def filters(self) -> dict[str, object]:
        return dict(self._filters)

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def column_index(self, column_id: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.id == column_id)

    # -- what the page asks ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the current page again (the rows may have changed)."""
        self._request += 1
        request = self._request
        self._set_state(ListState.LOADING, None)
        query = PageQuery(self._page, self._page_size, dict(self._filters))
        self._load(query, lambda result: self._loaded(request, result), lambda exc: self._failed(request, exc), self)

    def set_filters(self, filters: Mapping[str, object]) -> None:
        """New filters for the server (or the database): back to the first page."""
        self._filters = dict(filters)
        self._page = 0
        self.reload()

    def set_loader(self, load: Loader) -> None:
        """Read from another source (another tab): back to the first page, the old rows shown until the new come."""
        self._load = load
        self._page = 0
        self.reload()

    def go_to_page(self, page: int) -> None:
        """Before the first answer the page count is unknown: a page past the end turns into the last one then."""
        if self._state is not ListState.IDLE:
            page = min(page, self.page_count - 1)
        self._page = max(0, page)
        self.reload()

    def next_page(self) -> bool:
        if self._page + 1 >= self.page_count:
            return False
        self.go_to_page(self._page + 1)
        return True

    def previous_page(self) -> bool:
        if self._page == 0:
            return False
        self.go_to_page(self._page - 1)
        return True

    # -- answers --------------------------------------------------------------------------------------

    def _loaded(self, request: int, result: PageResult) -> None:
        if request != self._request:  # an older read: the operator has moved on
            return
        self.beginResetModel()
        self._rows = list(result.rows)
        self._total = result.total
        self.endResetModel()
        if not self._rows and self._page > 0 and self._total > 0:  # the list shrank under this page: show its last
            self.go_to_page(self.page_count - 1)
            return
        self._set_state(ListState.READY, None)
        self.page_loaded.emit()

    def _failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        log.error("a list could not be read", exc_info=exc)
        self._set_state(ListState.FAILED, exc)

    def _set_state(self, state: ListState, error: BaseException | None) -> None:
        self._state, self._error = state, error
        self.state_changed.emit()

    # -- QAbstractTableModel --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip is not None else None
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            value = column.value(row)
            return value if isinstance(value, int | float | str) else column.display(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ListFilterProxy(QSortFilterProxyModel):
    """Filters and sorts the page on screen: a row stays when any cell holds the typed text (Persian and ASCII
    digits alike, letter case ignored); sorting uses each column's plain value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    @property
    def text(self) -> str:
        return self._needle

    def set_text(self, text: str) -> None:
        needle = normalize_digits(text).strip().casefold()
        if needle == self._needle:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = needle
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        for column in range(model.columnCount()):
            text = model.data(model.index(source_row, column, source_parent), Qt.ItemDataRole.DisplayRole)
            if text and self._needle in normalize_digits(str(text)).casefold():
                return True
        return False

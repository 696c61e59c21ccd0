"""Lists as model/view: declared columns, pages read off the UI thread, a local search, one view for every list."""

from desktop.widgets.lists.model import (
    DEFAULT_PAGE_SIZE,
    ROW_ROLE,
    SORT_ROLE,
    Column,
    ColumnKind,
    Fetch,
    ListFilterProxy,
    ListState,
    Loader,
    PagedTableModel,
    PageQuery,
    PageResult,
    grouped_number,
    in_background,
)
from desktop.widgets.lists.view import ListTable, ListView, share_with_detail

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "ROW_ROLE",
    "SORT_ROLE",
    "Column",
    "ColumnKind",
    "Fetch",
    "ListFilterProxy",
    "ListState",
    "ListTable",
    "ListView",
    "Loader",
    "PageQuery",
    "PageResult",
    "PagedTableModel",
    "grouped_number",
    "in_background",
    "share_with_detail",
]

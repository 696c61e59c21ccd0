"""The view every list uses: a table, a bar to search the page and move between pages, and a status line.

Keyboard first: Tab leaves the table (it never traps focus); Enter on a row, or a double click, activates it;
Ctrl+Page Down and Ctrl+Page Up move to the next and previous page; in the search field Enter or Down goes to the
table. The status line says when the page is being read, when the list is empty, and why a read failed (with a
button to read it again).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import theme
from desktop.messages import error_message, localized_digits
from desktop.widgets.lists.model import ROW_ROLE, ListFilterProxy, ListState, PagedTableModel, grouped_number

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """The widget with its object name set (tests and the theme find it by name)."""
    widget.setObjectName(name)
    return widget


def share_with_detail(splitter: QSplitter) -> None:
    """A list above the record it shows: two fifths of the height to the list, three to the record read to the
    citizen. A splitter's stretch factors share only what is left over its parts' own heights, and a list asks for
    the height of all its rows (at 1024×640 the record got a strip of three lines); call once the page has its
    height. The operator moves the splitter from there."""
    height = max(splitter.height(), 300)
    splitter.setSizes([height * 2 // 5, height * 3 // 5])


class ListTable(QTableView):
    """A table whose Enter activates the current row (and is not passed on to a dialog's default button)."""

    row_activated = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            if self.currentIndex().isValid():
                self.row_activated.emit(self.currentIndex())
                event.accept()
                return
        super().keyPressEvent(event)


class _SearchField(QLineEdit):
    """Down (like Enter) goes from the search to the rows it filtered."""

    leave_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.leave_down.emit()
            return
        super().keyPressEvent(event)


class ListView(QWidget):
    """A `PagedTableModel` shown through a `ListFilterProxy`. `activated(row)` gives the row object."""

    activated = Signal(object)

    def __init__(
        self,
        model: PagedTableModel,
        parent: QWidget | None = None,
        *,
        empty_text: Callable[[], str] | None = None,
        searchable: bool = True,
        name: str = "list",
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._empty_text = empty_text
        self._kept_key: object = None
        self.proxy = ListFilterProxy(self)
        self.proxy.setSourceModel(model)

        # made with its parent: shown without one, it would open as a window of its own and take the focus
        self.search_field = named(_SearchField(self), f"{name}Search")
        self.search_field.setPlaceholderText(self.tr("جست‌وجو در این صفحه"))
        self.search_field.setAccessibleName(self.tr("جست‌وجو در این صفحه"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.textChanged.connect(self._search)
        self.search_field.returnPressed.connect(self._focus_rows)
        self.search_field.leave_down.connect(self._focus_rows)
        self.search_field.setVisible(searchable)

        self.previous_button = named(QPushButton(self.tr("صفحه قبل")), f"{name}PreviousPage")
        self.previous_button.setToolTip(self.tr("صفحه قبل (Ctrl+PgUp)"))
        self.previous_button.clicked.connect(self.model.previous_page)
        self.page_label = named(QLabel(), f"{name}PageLabel")
        self.next_button = named(QPushButton(self.tr("صفحه بعد")), f"{name}NextPage")
        self.next_button.setToolTip(self.tr("صفحه بعد (Ctrl+PgDown)"))
        self.next_button.clicked.connect(self.model.next_page)
        self.total_label = named(QLabel(), f"{name}Total")
        theme.set_tone(self.total_label, "muted")
        for key, step in (("Ctrl+PgDown", self.model.next_page), ("Ctrl+PgUp", self.model.previous_page)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(step)

        self.status_label = named(QLabel(), f"{name}Status")
        self.status_label.setWordWrap(True)
        # hidden, the status line keeps its height: «در حال بارگذاری…» coming and going with every page would
        # otherwise resize the table twice a page, and lay out and repaint it each time
        policy = self.status_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.status_label.setSizePolicy(policy)
        self.reload_button = named(QPushButton(self.tr("بارگذاری دوباره")), f"{name}Reload")
        self.reload_button.clicked.connect(self.model.reload)

        bar = QHBoxLayout()
        bar.addWidget(self.search_field, 1)
        bar.addWidget(self.total_label)
        bar.addStretch(0)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)

        # made in place, as a styled widget moved to another parent is styled again; after the bar, so that Tab goes
        # from the search and the page buttons to the rows
        self.table = named(ListTable(self), f"{name}Table")
        self.table.setModel(self.proxy)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the order the source gave, until a header is clicked
        self.table.setSortingEnabled(True)
        for index, column in enumerate(model.columns):
            mode = QHeaderView.ResizeMode.Stretch if column.stretch else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(index, mode)
        self.table.row_activated.connect(self._activate)
        self.table.doubleClicked.connect(self._activate)
        layout.addWidget(self.table, 1)
        layout.addLayout(status)
        # no focus proxy: with one, Tab into the view would jump straight to the rows, past the search field

        model.state_changed.connect(self._show_state)
        model.modelAboutToBeReset.connect(self._keep_place)
        model.page_loaded.connect(self._restore_place)
        self._show_state()

    # -- what a page asks -----------------------------------------------------------------------------

    def set_empty_text(self, empty_text: Callable[[], str]) -> None:
        self._empty_text = empty_text
        self._show_state()

    def current_row(self) -> Any:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def clear_search(self) -> bool:
        """Esc: clear the search if there is one. False when there was nothing to clear."""
        if not self.search_field.text():
            return False
        self.search_field.clear()
        return True

    def visible_rows(self) -> list[Any]:
        """The rows as shown: after the search and the sort."""
        return [self.proxy.index(row, 0).data(ROW_ROLE) for row in range(self.proxy.rowCount())]

    # -- inside ---------------------------------------------------------------------------------------

    def _activate(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row is not None:
            self.activated.emit(row)

    def _focus_rows(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _search(self, text: str) -> None:
        self.proxy.set_text(text)
        self._show_state()

    def _keep_place(self) -> None:
        key = self.model.row_key
        row = self.current_row()
        self._kept_key = key(row) if key is not None and row is not None else None

    def _restore_place(self) -> None:
        key, wanted = self.model.row_key, self._kept_key
        if key is None or wanted is None:
            return
        for proxy_row in range(self.proxy.rowCount()):
            index = self.proxy.index(proxy_row, 0)
            if key(index.data(ROW_ROLE)) == wanted:
                self.table.setCurrentIndex(index)
                return

    def _show_state(self) -> None:
        model = self.model
        pages = model.page_count
        self.page_label.setText(
            self.tr("صفحه {page} از {pages}").format(
                page=localized_digits(str(model.page + 1)), pages=localized_digits(str(pages))
            )
        )
        self.total_label.setText(self.tr("{n} مورد").format(n=grouped_number(model.total)))
        self.total_label.setVisible(model.state is not ListState.IDLE)
        paged = pages > 1
        for widget in (self.previous_button, self.page_label, self.next_button):
            widget.setVisible(paged)
        self.previous_button.setEnabled(model.page > 0)
        self.next_button.setEnabled(model.page + 1 < pages)

        text, tone = "", ""
        if model.state is ListState.LOADING:
            text, tone = self.tr("در حال بارگذاری…"), "muted"
        elif model.state is ListState.FAILED and model.error is not None:
            text = self.tr("فهرست خوانده نشد: {reason}").format(reason=error_message(model.error))
            tone = "error"
        elif model.state is ListState.READY and model.total == 0:
            text, tone = (self._empty_text() if self._empty_text else self.tr("موردی نیست.")), "muted"
        elif model.state is ListState.READY and self.proxy.text and self.proxy.rowCount() == 0:
            text, tone = self.tr("در این صفحه موردی با این جست‌وجو پیدا نشد."), "muted"
        self.status_label.setText(text)
        theme.set_tone(self.status_label, tone)
        self.status_label.setVisible(bool(text))
        self.reload_button.setVisible(model.state is ListState.FAILED)

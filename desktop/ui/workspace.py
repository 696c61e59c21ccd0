"""The workspace of a signed-in operator: the header (who is signed in, sign-out), the navigation by role and the
pages, each made the first time it is shown and kept until the session ends.

The navigation comes from the page catalogue (desktop/pages.py), keeping only the pages the operator's roles allow;
each page's shortcut opens it. At the end of the session every page flushes its drafts (`session_ending`) while
the outbox is still open, then the pages go.

The main window (desktop/ui/main_window.py) makes the workspace after the sign-in page's first paint.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.messages import isolate
from desktop.pages import Page, PageSpec, group_title, page_spec, pages_for
from desktop.session import Session
from desktop.theme import icon

log = logging.getLogger(__name__)

PAGE_ID_ROLE = Qt.ItemDataRole.UserRole


class Workspace(QWidget):
    page_shown = Signal(str)  # page id
    sign_out_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="workspace")
        self.session: Session | None = None
        self._pages: dict[str, Page] = {}
        self._page_shortcuts: list[QShortcut] = []

        self.nav = QListWidget(objectName="navigation")
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setTabKeyNavigation(False)
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.pages = QStackedWidget(objectName="pages")

        self.operator_badge = QLabel(objectName="operatorBadge")
        self.operator_badge.setProperty("pishkhanData", True)
        self.sign_out_button = QPushButton(self.tr("خروج"), objectName="signOutButton")
        self.sign_out_button.setIcon(icon("sign-out"))
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        header = QHBoxLayout()
        header.addWidget(self.operator_badge)
        header.addStretch(1)
        header.addWidget(self.sign_out_button)

        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body, 1)

        for keys, handler in (
            (QKeySequence("Ctrl+Return"), self._submit_current),
            (QKeySequence("Ctrl+Enter"), self._submit_current),
            (QKeySequence(Qt.Key.Key_Escape), self._cancel_current),
            (QKeySequence(QKeySequence.StandardKey.Print), self._print_current),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handler)

    # -- the session -----------------------------------------------------------------------------------

    def start(self, session: Session) -> None:
        """The operator's navigation, shortcuts and header."""
        self.session = session
        operator = session.operator
        self.operator_badge.setText(f"{isolate(operator.display_name)} — {isolate(operator.office.name)}")
        self._build_navigation(session)
        self._build_page_shortcuts(session)

    def end(self) -> None:
        """Every page flushes what must outlive the session (drafts), while the outbox is still open; then the
        pages go with the session."""
        for page_id, page in list(self._pages.items()):
            try:
                page.session_ending()
            except Exception:
                log.exception("page %s failed to flush at the end of the session", page_id)
        for shortcut in self._page_shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._page_shortcuts.clear()
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        for page in self._pages.values():
            self.pages.removeWidget(page)
            page.hide()
            page.deleteLater()
        self._pages.clear()
        self.session = None

    def may_end(self) -> bool:
        """False when the page on screen has unsaved changes and the operator chose to stay."""
        current = self.current_page()
        return current is None or self._may_leave(current)

    # -- the navigation --------------------------------------------------------------------------------

    def _build_navigation(self, session: Session) -> None:
        self.nav.blockSignals(True)
        self.nav.clear()
        group = None
        widest = 0
        metrics = self.nav.fontMetrics()
        for spec in pages_for(session):
            if spec.group != group:
                group = spec.group
                header = QListWidgetItem(group_title(group), self.nav)
                header.setFlags(Qt.ItemFlag.NoItemFlags)  # a section title: not selectable, skipped by the keys
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                header.setData(Qt.ItemDataRole.AccessibleDescriptionRole, "section")
            title = spec.title()
            if spec.shortcut:
                title_tip = f"{title} ({QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
            else:
                title_tip = title
            item = QListWidgetItem(icon(spec.icon), title, self.nav)
            item.setData(PAGE_ID_ROLE, spec.id)
            item.setToolTip(title_tip)
            widest = max(widest, metrics.horizontalAdvance(title))
        self.nav.blockSignals(False)
        # wide enough for the longest title with its icon, at any window size
        self.nav.setFixedWidth(widest + self.nav.iconSize().width() + 56)

    def _build_page_shortcuts(self, session: Session) -> None:
        taken: set[str] = set()
        for spec in pages_for(session):
            if not spec.shortcut or spec.shortcut in taken:
                continue  # a key two of this operator's pages declare opens the first of them
            taken.add(spec.shortcut)
            shortcut = QShortcut(QKeySequence(spec.shortcut), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda page_id=spec.id: self.show_page(page_id))
            self._page_shortcuts.append(shortcut)

    def visible_page_ids(self) -> list[str]:
        return [
            str(self.nav.item(row).data(PAGE_ID_ROLE))
            for row in range(self.nav.count())
            if self.nav.item(row).data(PAGE_ID_ROLE)
        ]

    def _select_nav(self, page_id: str) -> None:
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(PAGE_ID_ROLE) == page_id:
                if self.nav.currentItem() is not item:
                    self.nav.blockSignals(True)
                    self.nav.setCurrentItem(item)
                    self.nav.blockSignals(False)
                return

    def _nav_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        page_id = item.data(PAGE_ID_ROLE) if item is not None else None
        if page_id:
            self.show_page(str(page_id))

    # -- the pages -------------------------------------------------------------------------------------

    def page(self, page_id: str) -> Page | None:
        """The page if it has been made in this session (tests and screenshots)."""
        return self._pages.get(page_id)

    def current_page(self) -> Page | None:
        widget = self.pages.currentWidget()
        return widget if isinstance(widget, Page) else None

    def show_page(self, page_id: str, **context: Any) -> Page | None:
        """Show a page of this session (made on first show), passing `context` to its `open_with`. None when no
        one is signed in, the operator's roles do not allow the page, or the operator chose to stay."""
        session = self.session
        if session is None:
            return None
        spec = page_spec(page_id)
        if not session.has_any_role(spec.roles):
            log.warning("page %s is not for the roles %s", page_id, sorted(session.roles))
            return None
        current = self.current_page()
        if current is not None and current is not self._pages.get(page_id) and not self._may_leave(current):
            self._select_nav(current.objectName().removeprefix("page-"))
            return None
        page = self._pages.get(page_id)
        if page is None:
            page = self._make_page(spec, session)
        self.pages.setCurrentWidget(page)
        self._select_nav(page_id)
        if context:
            page.open_with(**context)
        self.page_shown.emit(page_id)
        return page

    def _make_page(self, spec: PageSpec, session: Session) -> Page:
        # made inside the stack: a tree of widgets made elsewhere and then moved in is styled again widget by widget
        # (6-22 ms a page); a page made hidden may ask for the focus for later, but must not take it from where it is
        focused = QApplication.focusWidget()
        # the reads the page starts as it is made wait until it is painted (`TaskRunner.release_when_painted`)
        holding = session.tasks.hold()
        try:
            page = spec.create(session, self.pages)
        except BaseException:
            if holding:
                session.tasks.release()
            raise
        if holding:
            session.tasks.release_when_painted(page)
        taken = QApplication.focusWidget()  # a widget of the hidden page, or none at all
        if taken is not focused:
            if focused is not None:
                focused.setFocus()
            elif taken is not None and page.isAncestorOf(taken):
                taken.clearFocus()
        page.show_page_requested.connect(lambda page_id, context: self.show_page(page_id, **context))
        self._pages[spec.id] = page
        self.pages.addWidget(page)
        return page

    def _may_leave(self, page: Page) -> bool:
        if not page.has_unsaved_changes():
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("تغییرات ذخیره‌نشده"))
        box.setText(self.tr("تغییرات این صفحه ذخیره نشده است. بدون ذخیره از صفحه خارج می‌شوید؟"))
        leave = box.addButton(self.tr("خروج بدون ذخیره"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("ماندن در صفحه"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setObjectName("unsavedChangesBox")
        box.exec()
        if box.clickedButton() is leave:
            page.discard_changes()
            return True
        return False

    def _submit_current(self) -> None:
        page = self.current_page()
        if page is not None:
            page.submit()

    def _cancel_current(self) -> None:
        page = self.current_page()
        if page is not None:
            page.cancel()

    def _print_current(self) -> None:
        page = self.current_page()
        if page is not None:
            page.print_document()

"""The notary's inquiries: the office's inquiries as a paged list (the server filters by status and pages), and the
chosen one below it with the municipality's reply (desktop/ui/inquiry_reply_view.py).

- An inquiry confirmed here but still in the outbox is listed first, «در صف ارسال» (desktop/ui/inquiries_data.py).
- Pending inquiries are re-read in the background every `POLL_MS` (one op at a time, never on the UI thread) until
  answered; when one changes, the list is read again and an inquiry on show is shown anew. The outbox's answer to an
  inquiry sent from here reads the list again at once.
- «چاپ پاسخ» (Ctrl+P) prints the reply; certificates are requested from the reply (desktop/ui/inquiry_documents.py).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from client_api import inquiries as api
from client_api.actions import INQUIRY_SEND
from client_api.errors import NotFoundError
from client_api.inquiries import Inquiry
from client_api.outbox import OutboxEntry, State
from desktop import theme
from desktop.formatting import code
from desktop.messages import operator_message
from desktop.outbox_messages import outbox_reason
from desktop.pages import Page
from desktop.session import Session
from desktop.ui.inquiries_data import ALL, ANSWERED, PENDING, ListedInquiry, inquiry_columns, inquiry_loader
from desktop.ui.inquiry_documents import DocumentsMixin
from desktop.ui.inquiry_reply_view import InquiryReplyView
from desktop.ui.inquiry_texts import WAITING, status_name
from desktop.widgets.banner import MessageBanner
from desktop.widgets.lists import ListView, PagedTableModel, share_with_detail
from desktop.widgets.wheel_guard import wheel_when_focused
from printing.model import InquiryReply

log = logging.getLogger(__name__)
PAGE_SIZE = 50
POLL_MS = 2000
CHOOSE_DELAY_MS = 250


def read_reply(inquiry: Inquiry) -> InquiryReply | None:
    """The reply's sealed content as the document it prints (ContentError when the server sent a malformed one)."""
    if inquiry.reply is None:
        return None
    from printing.content import document_from_content

    doc = document_from_content(inquiry.reply.content, seal=inquiry.reply.seal)
    if not isinstance(doc, InquiryReply):
        raise TypeError(f"the reply is a {doc.seal_kind}, not an inquiry reply")
    return doc


class InquiriesPage(DocumentsMixin, Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._shown_id: str | None = None
        self._detail_request = 0
        self._polling = False
        self._select_first = False

        title = QLabel(self.tr("استعلام‌ها"), objectName="pageTitle")
        self.banner = MessageBanner(self, closable=True)
        # made in place: a styled widget moved to another parent is styled again
        self.status_filter = wheel_when_focused(QComboBox(self, objectName="inquiryStatusFilter"))
        self.status_filter.setAccessibleName(self.tr("وضعیت"))
        for value, text in (
            (ALL, self.tr("همه وضعیت‌ها")),
            (PENDING, status_name(PENDING)),
            (ANSWERED, status_name(ANSWERED)),
        ):
            self.status_filter.addItem(text, value)
        self.status_filter.activated.connect(self._filter_chosen)
        self.refresh_button = QPushButton(theme.icon("refresh"), self.tr("به‌روزرسانی"), objectName="inquiryRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.new_button = QPushButton(theme.icon("add"), self.tr("استعلام جدید"), objectName="inquiryNewLink")
        self.new_button.clicked.connect(lambda: self.show_page_requested.emit("inquiry", {}))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.status_filter)
        top.addWidget(self.refresh_button)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self, objectName="inquirySplitter")
        self.splitter.setChildrenCollapsible(False)
        loader = inquiry_loader(session, self._server_unreachable)
        self.model = PagedTableModel(
            inquiry_columns(), loader, page_size=PAGE_SIZE, row_key=lambda r: r.id, parent=self
        )
        self.list_view = ListView(self.model, self.splitter, empty_text=self._empty_text, name="inquiries")
        self.table = self.list_view.table
        self.list_view.activated.connect(lambda row: self.open_inquiry(row.id))
        self._choose = QTimer(self, singleShot=True, interval=CHOOSE_DELAY_MS)
        self._choose.timeout.connect(self._open_current_row)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._choose.start())
        self.model.page_loaded.connect(self._page_loaded)

        scroll = QScrollArea(self.splitter, objectName="inquiryReplyScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.reply_view = InquiryReplyView(scroll.viewport())
        scroll.setWidget(self.reply_view)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self._sized = False
        layout.addWidget(self.splitter, 1)
        self._init_documents()

        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self.poll)
        self._poll.start()
        session.outbox.action_settled.connect(self._action_settled)

    # -- the page's contract ---------------------------------------------------------------------------------------

    def open_with(self, **context: Any) -> None:
        """`inquiry_id`: show that inquiry (also one still in the outbox); `status` ("pending", "answered"): filter
        the list by it; `select_first=True`: once the list is read, show its first inquiry."""
        status = context.get("status")
        if isinstance(status, str) and self.status_filter.findData(status) >= 0:
            self.status_filter.setCurrentIndex(self.status_filter.findData(status))
            self._filter_chosen()
        if context.get("select_first"):
            self._select_first = True
            self.model.reload()
        inquiry_id = context.get("inquiry_id")
        if isinstance(inquiry_id, str) and inquiry_id:
            self.model.reload()
            self.open_inquiry(inquiry_id)

    def session_ending(self) -> None:
        self._poll.stop()  # nothing more is read for this session

    def cancel(self) -> bool:
        if self.banner.isVisible():
            self.banner.clear()
            return True
        return self.list_view.clear_search()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            share_with_detail(self.splitter)
        if not event.spontaneous():
            self.refresh()

    # -- the list --------------------------------------------------------------------------------------------------

    def _filter_chosen(self, *_args: object) -> None:
        value = self.status_filter.currentData()
        self.model.set_filters({"status": value} if value else {})

    def _empty_text(self) -> str:
        if self.model.filters:
            return self.tr("استعلامی با این وضعیت نیست.")
        return self.tr("این دفتر هنوز استعلامی نفرستاده است.")

    def _server_unreachable(self, exc: BaseException) -> None:
        text = self.tr("فهرست شهرداری خوانده نشد: {reason} استعلام‌های در صف ارسال این رایانه فهرست شده است.")
        self.banner.show_message(text.format(reason=operator_message(exc)), "warning")

    def refresh(self) -> None:
        self.model.reload()
        if self._shown_id is not None:
            self.open_inquiry(self._shown_id, quiet=True)

    def _open_current_row(self) -> None:
        row = self.list_view.current_row()
        if row is not None and row.id != self._shown_id:
            self.open_inquiry(row.id)

    def _page_loaded(self) -> None:
        if self._select_first and self.model.rows:
            self._select_first = False
            self.table.setCurrentIndex(self.list_view.proxy.index(0, 0))
            self.open_inquiry(self.list_view.visible_rows()[0].id)
            return
        shown = self.reply_view.listed
        if self._shown_id is None:
            return
        row = next((r for r in self.model.rows if r.id == self._shown_id), None)
        if row is not None and row.status == WAITING and (shown is None or shown.status == WAITING):
            self.reply_view.show_inquiry(row, None)

    # -- one inquiry -----------------------------------------------------------------------------------------------

    def open_inquiry(self, inquiry_id: str, *, quiet: bool = False) -> None:
        """Read an inquiry (with its reply) in the background and show it below the list."""
        self._choose.stop()
        self._shown_id = inquiry_id
        self._detail_request += 1
        wanted = self._detail_request
        if not quiet:
            self.reply_view.show_loading()
        client = self.session.client
        self.session.tasks.run(
            lambda: api.inquiry(client, inquiry_id),
            lambda inquiry: self._inquiry_read(wanted, inquiry),
            lambda exc: self._inquiry_failed(wanted, inquiry_id, exc),
            owner=self,
        )

    def _inquiry_read(self, wanted: int, inquiry: Inquiry) -> None:
        if wanted != self._detail_request:
            return
        self.show_inquiry(inquiry)

    def show_inquiry(self, inquiry: Inquiry) -> None:
        listed = ListedInquiry.from_inquiry(inquiry)
        try:
            reply = read_reply(inquiry)
        except (ValueError, TypeError) as exc:
            log.error("the reply of %s could not be read", inquiry.number, exc_info=exc)
            self.reply_view.show_inquiry(listed, None)
            self.reply_view.status.setText(self.tr("پاسخ شهرداری خوانده نشد و نمایش داده نمی‌شود."))
            theme.set_tone(self.reply_view.status, "error")
            return
        self.reply_view.show_inquiry(listed, reply)
        self._show_certificate()

    def _inquiry_failed(self, wanted: int, inquiry_id: str, exc: BaseException) -> None:
        if wanted != self._detail_request:
            return
        waiting = next((r for r in self.model.rows if r.id == inquiry_id and r.status == WAITING), None)
        if waiting is not None:  # not on the server yet (or the server is out of reach): it waits here
            self.reply_view.show_inquiry(waiting, None)
        elif isinstance(exc, NotFoundError):
            self.reply_view.show_placeholder(
                self.tr("این استعلام هنوز در سامانه شهرداری نیست؛ اگر در صف ارسال است، پس از ارسال نمایش داده می‌شود.")
            )
        else:
            self.reply_view.show_placeholder(
                self.tr("استعلام خوانده نشد: {reason}").format(reason=operator_message(exc)), "error"
            )

    # -- following pending inquiries -------------------------------------------------------------------------------

    def poll(self) -> None:
        """Re-read, in the background, every inquiry on screen that is not answered yet (and the one on show)."""
        if self._polling or not self.session.outbox.active:
            return
        watched = {r.id: r.status for r in self.model.rows if r.status != ANSWERED}
        shown = self.reply_view.listed
        if self._shown_id is not None and (shown is None or shown.status != ANSWERED):
            watched.setdefault(self._shown_id, shown.status if shown is not None else "")
        if not watched:
            return
        self._polling = True
        client = self.session.client

        def read() -> dict[str, Inquiry | None]:
            found: dict[str, Inquiry | None] = {}
            for inquiry_id in watched:
                try:
                    found[inquiry_id] = api.inquiry(client, inquiry_id)
                except NotFoundError:
                    found[inquiry_id] = None
            return found

        self.session.tasks.run(read, lambda found: self._polled(watched, found), self._poll_failed, owner=self)

    def _polled(self, watched: dict[str, str], found: dict[str, Inquiry | None]) -> None:
        self._polling = False
        changed = [i for i, inquiry in found.items() if inquiry is not None and inquiry.status != watched[i]]
        if changed:
            self.model.reload()
        shown = found.get(self._shown_id or "")
        if shown is not None and (self._shown_id in changed or self.reply_view.listed is None):
            self.show_inquiry(shown)
            if shown.answered and self._shown_id in changed:
                self.banner.show_message(
                    self.tr("پاسخ استعلام {number} رسید.").format(number=code(shown.number)), "success"
                )

    def _poll_failed(self, exc: BaseException) -> None:
        self._polling = False
        log.info("following the pending inquiries failed: %s", type(exc).__name__)

    def _action_settled(self, entry: OutboxEntry) -> None:
        self._certificate_settled(entry)
        if entry.kind != INQUIRY_SEND:
            return
        self.model.reload()
        if self._shown_id is not None and entry.path.endswith(self._shown_id):
            self.open_inquiry(self._shown_id, quiet=True)
        if entry.state is State.REJECTED:
            self.banner.show_message(
                self.tr("شهرداری استعلام ملک {code} را نپذیرفت: {reason} فیلدهای آن در «استعلام جدید» است.").format(
                    code=code(entry.summary), reason=outbox_reason(entry)
                ),
                "error",
            )

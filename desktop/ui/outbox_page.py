"""The outbox page: every action the operator confirmed, where it is, and why.

Four tabs: waiting to be sent, waiting for the municipality's answer (sent, but the answer never arrived: it may
already have been applied), rejected (with the later steps of a rejected chain, never sent), done today. The
waiting-for-an-answer case is said plainly: the program keeps asking with the same tracking id until the answer is
known, and never reverses or re-creates anything by itself.

The page reads counts from the outbox service's shared snapshot and rows only for the tab on screen, a page at a
time, through the service's own database thread (`OutboxService.fetch_rows`). Enter or a double click on a row shows
its tracking id, which support asks for.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabBar, QVBoxLayout, QWidget

from civic.jalali import format_jalali_datetime
from client_api.outbox import OutboxEntry
from desktop import theme
from desktop.messages import current_language, isolate, localized_digits
from desktop.outbox import DONE_TODAY_TAB, IN_DOUBT_TAB, QUEUED_TAB, REJECTED_TAB, TABS, OutboxSnapshot
from desktop.outbox_messages import action_kind_name, outbox_reason, outbox_state_name
from desktop.pages import Page
from desktop.session import Session
from desktop.widgets.banner import MessageBanner
from desktop.widgets.lists import Column, ColumnKind, ListView, Loader, PagedTableModel, PageQuery, PageResult

PAGE_SIZE = 50
W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def _when(stamp: float | None) -> str:
    if stamp is None:
        return ""
    moment = dt.datetime.fromtimestamp(stamp, dt.UTC)
    return format_jalali_datetime(moment, persian_digits=current_language() == "fa")


def _end_or_next_attempt(entry: OutboxEntry) -> float | None:
    if entry.final:
        return entry.finished_at
    # a planned retry; an action due now (or waiting for the connection) has no time of its own
    return entry.next_attempt_at if entry.attempts and entry.next_attempt_at > time.time() else None


def _tracking_id(entry: OutboxEntry) -> str:
    return QCoreApplication.translate("OutboxPage", "شناسه پیگیری: {key}").format(key=isolate(entry.idempotency_key))


def outbox_columns() -> tuple[Column[OutboxEntry], ...]:
    return (
        Column(
            "confirmed",
            lambda: QCoreApplication.translate("OutboxPage", "زمان تأیید"),
            lambda e: e.created_at,
            text=lambda e: _when(e.created_at),
            tooltip=_tracking_id,
        ),
        Column(
            "kind",
            lambda: QCoreApplication.translate("OutboxPage", "کار"),
            lambda e: action_kind_name(e.kind),
            tooltip=_tracking_id,
        ),
        Column(
            "summary",
            lambda: QCoreApplication.translate("OutboxPage", "شرح"),
            lambda e: e.summary,
            tooltip=_tracking_id,
            stretch=True,
        ),
        Column(
            "attempts",
            lambda: QCoreApplication.translate("OutboxPage", "تلاش‌ها"),
            lambda e: e.attempts,
            ColumnKind.NUMBER,
            tooltip=_tracking_id,
        ),
        Column(
            "end_or_next",
            lambda: QCoreApplication.translate("OutboxPage", "پایان یا تلاش بعدی"),
            lambda e: _end_or_next_attempt(e) or 0.0,
            text=lambda e: _when(_end_or_next_attempt(e)),
            tooltip=_tracking_id,
        ),
        Column(
            "reason",
            lambda: QCoreApplication.translate("OutboxPage", "وضعیت و علت"),
            lambda e: f"{outbox_state_name(e.state)} — {outbox_reason(e)}",
            tooltip=_tracking_id,
            stretch=True,
        ),
    )


class OutboxPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._service = session.outbox
        self._snapshot: OutboxSnapshot | None = self._service.last
        self._stale = False

        title = named(QLabel(self.tr("صف ارسال")), "pageTitle")
        intro = named(
            QLabel(
                self.tr(
                    "هر کاری که تأیید می‌کنید اینجا ثبت و به سامانه شهرداری فرستاده می‌شود. اگر پاسخی نرسد، همان "
                    "کار دوباره فرستاده می‌شود و سامانه آن را دو بار انجام نمی‌دهد. هیچ کاری از این فهرست پاک "
                    "نمی‌شود."
                )
            ),
            "outboxIntro",
        )
        intro.setWordWrap(True)
        self.offline_banner = MessageBanner(self)
        self.doubt_banner = MessageBanner(self)
        self.defect_banner = MessageBanner(self)
        self.other_server_banner = MessageBanner(self)
        self.details_banner = MessageBanner(self, closable=True)

        self.tabs = named(QTabBar(), "outboxTabs")
        self.tabs.setExpanding(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        self.tabs.setUsesScrollButtons(True)
        for _ in TABS:
            self.tabs.addTab("")
        self.retry_button = named(QPushButton(self.tr("تلاش دوباره اکنون")), "outboxRetry")
        self.retry_button.setIcon(theme.icon("retry"))
        self.retry_button.setToolTip(self.tr("کارهای منتظر همین حالا دوباره فرستاده شوند (با همان شناسه پیگیری)."))
        self.retry_button.clicked.connect(self.retry_now)
        top = QHBoxLayout()
        top.addWidget(self.tabs, 1)
        top.addWidget(self.retry_button)

        self.model = PagedTableModel(
            outbox_columns(), self._loader(QUEUED_TAB), page_size=PAGE_SIZE, row_key=lambda e: e.id, parent=self
        )
        self.list_view = ListView(self.model, self, empty_text=self._empty_text, name="outbox")
        self.table = self.list_view.table
        self.table.setProperty("pishkhanData", True)  # the operator's own words and the server's answers
        self.list_view.activated.connect(self.show_details)
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        for banner in (
            self.offline_banner,
            self.doubt_banner,
            self.defect_banner,
            self.other_server_banner,
            self.details_banner,
        ):
            layout.addWidget(banner)
        layout.addLayout(top)
        layout.addWidget(self.list_view, 1)

        self._service.snapshot_ready.connect(self.show_snapshot)
        self._service.connection_changed.connect(self.set_connection)
        connection = self._service.connection
        if connection is not None:
            self.set_connection(connection.value)
        self._render()
        self.model.reload()

    # -- the page's contract --------------------------------------------------------------------------

    def open_with(self, **context: Any) -> None:
        tab = context.get("tab")
        if isinstance(tab, str) and tab in TABS:
            self.select_tab(tab)

    def cancel(self) -> bool:
        if self.details_banner.isVisible():
            self.details_banner.clear()
            return True
        return self.list_view.clear_search()

    # -- inputs ---------------------------------------------------------------------------------------

    def show_snapshot(self, snapshot: OutboxSnapshot) -> None:
        self._snapshot = snapshot
        self._render()
        if self.isVisible():
            self.model.reload()  # the rows of the tab on screen may have moved on
        else:
            self._stale = True

    def set_connection(self, connection: str) -> None:
        messages = {
            "offline": self.tr(
                "اتصال به سامانه شهرداری برقرار نیست. کارها در این رایانه محفوظ‌اند و پس از برقراری اتصال "
                "فرستاده می‌شوند."
            ),
            "signed_out": self.tr("نشست کاری پایان یافته است. کارها محفوظ‌اند و پس از ورود دوباره فرستاده می‌شوند."),
        }
        self.offline_banner.show_message(messages.get(connection, ""), "warning")

    def retry_now(self) -> None:
        self._service.retry_now()

    def select_tab(self, tab: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(tab))

    @property
    def current_tab(self) -> str:
        return TABS[max(0, self.tabs.currentIndex())]

    def show_details(self, entry: OutboxEntry) -> None:
        """A row was activated: its state, why, and the tracking id support asks for (selectable)."""
        self.details_banner.show_message(
            self.tr("{kind} ({when}): {state} — {reason} {tracking_id}").format(
                kind=action_kind_name(entry.kind),
                when=_when(entry.created_at),
                state=outbox_state_name(entry.state),
                reason=outbox_reason(entry),
                tracking_id=_tracking_id(entry),
            ),
            "info",
        )

    # -- inside ---------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.model.reload()

    def _loader(self, tab: str) -> Loader:
        def load(
            query: PageQuery,
            on_page: Callable[[PageResult], None],
            on_failed: Callable[[BaseException], None],
            owner: QObject,
        ) -> None:
            def delivered(answer: tuple[list[OutboxEntry], int]) -> None:
                rows, total = answer
                on_page(PageResult(rows, total))

            self._service.fetch_rows(tab, query.offset, query.page_size, delivered, on_failed, owner)

        return load

    def _tab_changed(self, _index: int) -> None:
        self._stale = False
        self.details_banner.clear()
        self.model.set_loader(self._loader(self.current_tab))

    def _empty_text(self) -> str:
        texts = {
            QUEUED_TAB: self.tr("کاری در صف نیست."),
            IN_DOUBT_TAB: self.tr("کاری در انتظار پاسخ شهرداری نیست."),
            REJECTED_TAB: self.tr("کاری رد نشده است."),
            DONE_TODAY_TAB: self.tr("امروز هنوز کاری انجام نشده است."),
        }
        return texts[self.current_tab]

    def _render(self) -> None:
        snapshot = self._snapshot
        numbers = {tab: (snapshot.tabs.get(tab, 0) if snapshot else 0) for tab in TABS}
        titles = {
            QUEUED_TAB: self.tr("در صف ({n})"),
            IN_DOUBT_TAB: self.tr("در انتظار پاسخ شهرداری ({n})"),
            REJECTED_TAB: self.tr("ردشده ({n})"),
            DONE_TODAY_TAB: self.tr("انجام‌شده امروز ({n})"),
        }
        for index, tab in enumerate(TABS):
            self.tabs.setTabText(index, titles[tab].format(n=localized_digits(str(numbers[tab]))))
        counts = snapshot.counts if snapshot else None
        waiting = counts.queued + counts.sending + counts.in_doubt if counts else 0
        self.retry_button.setEnabled(waiting > 0)
        in_doubt = counts.in_doubt if counts else 0
        self.doubt_banner.show_message(
            self.tr(
                "{n} کار به سامانه شهرداری فرستاده شده ولی پاسخ آن هنوز نرسیده است؛ شاید انجام شده باشد. "
                "برنامه با همان شناسه پیگیری می‌پرسد تا نتیجه روشن شود و هیچ کاری را خودکار برنمی‌گرداند. "
                "این کارها را از نو انجام ندهید."
            ).format(n=localized_digits(str(in_doubt)))
            if in_doubt
            else "",
            "warning",
        )
        defects = snapshot.defects if snapshot else 0
        self.defect_banner.show_message(
            self.tr(
                "{n} کار به‌دلیل خطای برنامه رد شد. به پشتیبانی خبر دهید و شناسه پیگیری کار را بدهید "
                "(با زدن اینتر یا دو بار کلیک روی سطر نشان داده می‌شود)."
            ).format(n=localized_digits(str(defects)))
            if defects
            else "",
            "error",
        )
        other = counts.other_server if counts else 0
        self.other_server_banner.show_message(
            self.tr("{n} کار برای نشانی دیگری از سامانه تأیید شده و تا ورود به همان نشانی منتظر می‌ماند.").format(
                n=localized_digits(str(other))
            )
            if other
            else "",
            "info",
        )

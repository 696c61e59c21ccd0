"""The outbox page: every action the operator confirmed, where it is, and why.

Four views: waiting (queued or being sent), in doubt, rejected, done today. "In doubt" is said plainly: the action
may already have been applied; the program keeps asking with the same key until the answer is known, and never
reverses or re-creates anything by itself. The page only renders snapshots the outbox service reads off the UI thread.
"""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from civic.jalali import format_jalali_datetime
from client_api.outbox import OutboxEntry
from desktop.messages import action_kind_name, current_language, localized_digits, outbox_reason, outbox_state_name
from desktop.outbox import DONE_TODAY_TAB, IN_DOUBT_TAB, QUEUED_TAB, REJECTED_TAB, TABS, OutboxService, OutboxSnapshot

KEY_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = 6


def _banner(name: str, background: str) -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setStyleSheet(f"background: {background}; padding: 8px; border-radius: 4px;")
    label.hide()
    return label


class OutboxPage(QWidget):
    def __init__(self, service: OutboxService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._snapshot: OutboxSnapshot | None = None
        service.snapshot_ready.connect(self.show_snapshot)
        service.connection_changed.connect(self.set_connection)

        title = QLabel(self.tr("صف ارسال"), objectName="pageTitle")
        intro = QLabel(
            self.tr(
                "هر کاری که تأیید می‌کنید با شناسه یکتای خودش اینجا ثبت و به سامانه شهرداری فرستاده می‌شود. "
                "ارسال دوباره همیشه با همان شناسه است، پس هیچ کاری دو بار انجام نمی‌شود؛ و هیچ کاری از این فهرست "
                "پاک نمی‌شود."
            ),
            objectName="outboxIntro",
        )
        intro.setWordWrap(True)
        self.offline_banner = _banner("outboxOffline", "#fee2e2")
        self.doubt_banner = _banner("outboxInDoubt", "#fef3c7")
        self.defect_banner = _banner("outboxDefects", "#fecaca")
        self.other_server_banner = _banner("outboxOtherServer", "#e5e7eb")

        self.tabs = QTabBar(objectName="outboxTabs")
        for _ in TABS:
            self.tabs.addTab("")
        self.tabs.currentChanged.connect(lambda _: self._fill_table())
        self.retry_button = QPushButton(self.tr("تلاش دوباره اکنون"), objectName="outboxRetry")
        self.retry_button.clicked.connect(self.retry_now)
        top = QHBoxLayout()
        top.addWidget(self.tabs, 1)
        top.addWidget(self.retry_button)

        self.table = QTableWidget(0, COLUMNS, objectName="outboxTable")
        self.table.setProperty("pishkhanData", True)  # the operator's own words and the server's answers
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("زمان تأیید"),
                self.tr("کار"),
                self.tr("شرح"),
                self.tr("تلاش‌ها"),
                self.tr("پایان یا تلاش بعدی"),
                self.tr("وضعیت و علت"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (0, 1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(objectName="outboxEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.offline_banner)
        layout.addWidget(self.doubt_banner)
        layout.addWidget(self.defect_banner)
        layout.addWidget(self.other_server_banner)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.clear()

    # -- inputs ---------------------------------------------------------------------------------------

    def clear(self) -> None:
        """Signed out: nothing to show until the next operator's outbox is read."""
        self._snapshot = None
        self.offline_banner.hide()
        self.retry_button.setEnabled(False)
        self._render()

    def show_snapshot(self, snapshot: OutboxSnapshot) -> None:
        self._snapshot = snapshot
        self.retry_button.setEnabled(True)
        self._render()

    def set_connection(self, connection: str) -> None:
        messages = {
            "offline": self.tr(
                "اتصال به سامانه شهرداری برقرار نیست. کارها در این رایانه محفوظ‌اند و پس از برقراری اتصال "
                "فرستاده می‌شوند."
            ),
            "signed_out": self.tr("نشست کاری پایان یافته است. کارها محفوظ‌اند و پس از ورود دوباره فرستاده می‌شوند."),
        }
        self.offline_banner.setText(messages.get(connection, ""))
        self.offline_banner.setVisible(connection in messages)

    def retry_now(self) -> None:
        self._service.retry_now()

    def select_tab(self, tab: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(tab))

    @property
    def current_tab(self) -> str:
        return TABS[max(0, self.tabs.currentIndex())]

    # -- rendering ------------------------------------------------------------------------------------

    def _render(self) -> None:
        snapshot = self._snapshot
        counts = snapshot.counts if snapshot else None
        numbers = {
            QUEUED_TAB: (counts.queued + counts.sending) if counts else 0,
            IN_DOUBT_TAB: counts.in_doubt if counts else 0,
            REJECTED_TAB: counts.rejected if counts else 0,
            DONE_TODAY_TAB: snapshot.done_today if snapshot else 0,
        }
        titles = {
            QUEUED_TAB: self.tr("در صف ({n})"),
            IN_DOUBT_TAB: self.tr("نامعلوم ({n})"),
            REJECTED_TAB: self.tr("ردشده ({n})"),
            DONE_TODAY_TAB: self.tr("انجام‌شده امروز ({n})"),
        }
        for index, tab in enumerate(TABS):
            self.tabs.setTabText(index, titles[tab].format(n=localized_digits(str(numbers[tab]))))
        in_doubt = numbers[IN_DOUBT_TAB]
        self.doubt_banner.setText(
            self.tr(
                "{n} کار فرستاده شده اما پاسخ سامانه به آن نرسیده است، پس نتیجه‌اش نامعلوم است: شاید انجام شده باشد. "
                "برنامه با همان شناسه پیگیری می‌کند تا نتیجه روشن شود و هیچ کاری را خودکار برنمی‌گرداند. "
                "این کارها را از نو انجام ندهید."
            ).format(n=localized_digits(str(in_doubt)))
        )
        self.doubt_banner.setVisible(in_doubt > 0)
        defects = snapshot.defects if snapshot else 0
        self.defect_banner.setText(
            self.tr(
                "{n} کار به‌دلیل خطای برنامه رد شد. به پشتیبانی خبر دهید و شناسه کار را (در راهنمای سطر) بدهید."
            ).format(n=localized_digits(str(defects)))
        )
        self.defect_banner.setVisible(defects > 0)
        other = counts.other_server if counts is not None else 0
        self.other_server_banner.setText(
            self.tr("{n} کار برای نشانی دیگری از سامانه تأیید شده و تا ورود به همان نشانی منتظر می‌ماند.").format(
                n=localized_digits(str(other))
            )
        )
        self.other_server_banner.setVisible(other > 0)
        self._fill_table()

    def _fill_table(self) -> None:
        entries = self._snapshot.entries.get(self.current_tab, []) if self._snapshot else []
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate(self._cells(entry)):
                item = QTableWidgetItem(text)
                item.setData(KEY_ROLE, entry.idempotency_key)
                item.setToolTip(self.tr("شناسه کار: {key}").format(key=entry.idempotency_key))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        empty = {
            QUEUED_TAB: self.tr("کاری در صف نیست."),
            IN_DOUBT_TAB: self.tr("کاری با نتیجه نامعلوم نیست."),
            REJECTED_TAB: self.tr("کاری رد نشده است."),
            DONE_TODAY_TAB: self.tr("امروز هنوز کاری انجام نشده است."),
        }
        self.empty_label.setText(empty[self.current_tab] if self._snapshot is not None else self.tr("وارد نشده‌اید."))
        self.empty_label.setVisible(not entries)

    def _cells(self, entry: OutboxEntry) -> list[str]:
        persian = current_language() == "fa"

        def when(stamp: float | None) -> str:
            if stamp is None:
                return ""
            return format_jalali_datetime(dt.datetime.fromtimestamp(stamp, dt.UTC), persian_digits=persian)

        if entry.final:
            moment = entry.finished_at
        else:  # a planned retry; an action due now (or waiting for the connection) has no time of its own
            moment = entry.next_attempt_at if entry.attempts and entry.next_attempt_at > time.time() else None
        return [
            when(entry.created_at),
            action_kind_name(entry.kind),
            localized_digits(entry.summary),
            localized_digits(str(entry.attempts)),
            when(moment),
            f"{outbox_state_name(entry.state)} — {outbox_reason(entry)}",
        ]

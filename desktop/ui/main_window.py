"""The main window: sign-in, then the workspace (navigation + pages), a status bar and sign-out."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from client_api import Health, MunicipalClient, OfflineError, SessionExpiredError
from desktop.messages import error_message, isolate, localized_digits
from desktop.outbox import OutboxService, OutboxSnapshot
from desktop.paths import app_dirs
from desktop.tasks import TaskRunner
from desktop.ui.fee_preview_page import ClientOf, FeePreviewPage
from desktop.ui.home_page import HomePage
from desktop.ui.notes_page import NotesPage
from desktop.ui.outbox_page import OutboxPage
from desktop.ui.sign_in_page import ServerConfig, SignInPage, SignInResult

log = logging.getLogger(__name__)

HEALTH_INTERVAL_MS = 20_000


class MainWindow(QMainWindow):
    signed_out = Signal()

    def __init__(
        self,
        server: ServerConfig | None,
        tasks: TaskRunner,
        *,
        training: bool = False,
        local_data_dir: Path | None = None,
    ) -> None:
        """`local_data_dir`: where each operator's local database (drafts, outbox) lives; the data folder."""
        super().__init__()
        self._tasks = tasks
        self._local_data_dir = local_data_dir
        self._client: MunicipalClient | None = None
        self._health_in_flight = False
        self._training = training

        self.sign_in_page = SignInPage(server, tasks)
        self.sign_in_page.signed_in.connect(self._on_signed_in)
        self.home_page = HomePage()
        self.outbox = OutboxService(self)
        self.notes_page = NotesPage(tasks, self.outbox)
        self.outbox_page = OutboxPage(self.outbox)
        self.outbox.snapshot_ready.connect(self._show_outbox_counts)
        self.outbox.connection_changed.connect(self._show_sender_connection)

        self.nav = QListWidget(objectName="navigation")
        self.nav.setMaximumWidth(220)
        self.pages = QStackedWidget(objectName="pages")
        self._add_page(self.tr("خانه"), self.home_page)
        self._add_page(self.tr("پیش‌نمایش عوارض"), FeePreviewPage(tasks, ClientOf(self)))
        self._add_page(self.tr("یادداشت تحویل نوبت"), self.notes_page)
        self._add_page(self.tr("صف ارسال"), self.outbox_page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

        self.operator_badge = QLabel(objectName="operatorBadge")
        self.operator_badge.setProperty("pishkhanData", True)
        self.sign_out_button = QPushButton(self.tr("خروج"), objectName="signOutButton")
        self.sign_out_button.clicked.connect(self.sign_out)
        header = QHBoxLayout()
        header.addWidget(self.operator_badge)
        header.addStretch(1)
        header.addWidget(self.sign_out_button)

        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        self.workspace = QWidget(objectName="workspace")
        workspace_layout = QVBoxLayout(self.workspace)
        workspace_layout.addLayout(header)
        workspace_layout.addLayout(body, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.sign_in_page)
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(self.stack)

        self.server_label = QLabel(objectName="statusServer")
        self.server_label.setProperty("pishkhanData", True)
        self.operator_label = QLabel(objectName="statusOperator")
        self.operator_label.setProperty("pishkhanData", True)
        self.office_label = QLabel(objectName="statusOffice")
        self.office_label.setProperty("pishkhanData", True)
        self.connection_label = QLabel(objectName="statusConnection")
        self.outbox_label = QLabel(objectName="statusOutbox")
        self.training_label = QLabel(self.tr("آموزشی"), objectName="statusTraining")
        self.training_label.setStyleSheet("color: white; background: #c2410c; padding: 1px 8px; font-weight: bold;")
        for widget in (
            self.training_label,
            self.outbox_label,
            self.connection_label,
            self.office_label,
            self.operator_label,
        ):
            self.statusBar().addPermanentWidget(widget)
        self.statusBar().addWidget(self.server_label)

        self._health_timer = QTimer(self)
        self._health_timer.setInterval(HEALTH_INTERVAL_MS)
        self._health_timer.timeout.connect(self.check_connection)

        self._set_training(training)
        self._set_connection(None)
        self.set_server(server)
        self.resize(1100, 720)

    def set_server(self, server: ServerConfig | None) -> None:
        self.sign_in_page.set_server(server)
        self.server_label.setText(self.tr("سامانه: {url}").format(url=server.api_url) if server else "")

    # -- pages ----------------------------------------------------------------------------------------

    def _add_page(self, title: str, page: QWidget) -> None:
        self.pages.addWidget(page)
        QListWidgetItem(title, self.nav)
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    @property
    def client(self) -> MunicipalClient | None:
        return self._client

    # -- state shown in the chrome ---------------------------------------------------------------------

    def _set_training(self, training: bool) -> None:
        self._training = training
        title = self.tr("پیشخوان شهرداری")
        self.setWindowTitle(title + " — " + self.tr("آموزشی") if training else title)
        self.training_label.setVisible(training)

    def _set_connection(self, online: bool | None) -> None:
        if online is None:
            text, color = self.tr("وارد نشده"), "#555"
        elif online:
            text, color = self.tr("متصل"), "#15803d"
        else:
            text, color = self.tr("قطع ارتباط"), "#b91c1c"
        self.connection_label.setText(text)
        self.connection_label.setStyleSheet(f"color: {color};")

    # -- session ---------------------------------------------------------------------------------------

    def _on_signed_in(self, result: SignInResult) -> None:
        self._client = result.client
        operator = result.operator
        self.home_page.show_session(operator, result.health, dt.datetime.now(dt.UTC), result.keyring_warning)
        self.operator_badge.setText(f"{isolate(operator.display_name)} — {isolate(operator.office.name)}")
        self.operator_label.setText(operator.display_name)
        self.office_label.setText(operator.office.code)
        self._set_training(self._training or result.health.is_training)
        self._set_connection(True)
        self.nav.setCurrentRow(0)
        self.stack.setCurrentWidget(self.workspace)
        self._health_timer.start()
        self._open_outbox(result)

    def check_connection(self) -> None:
        client = self._client
        if client is None or self._health_in_flight:
            return
        self._health_in_flight = True
        self._tasks.run(client.health, self._health_ok, self._health_failed, owner=self)

    def _health_ok(self, health: Health) -> None:
        self._health_in_flight = False
        if self._client is not None:
            self._set_connection(True)
            self._set_training(self._training or health.is_training)
            self.outbox.resume_if_offline()

    def _health_failed(self, exc: BaseException) -> None:
        self._health_in_flight = False
        if self._client is not None:
            self._set_connection(False)  # unreachable, failing or untrusted: not a server to work with now
            if not isinstance(exc, OfflineError):
                log.warning("health check failed: %s", error_message(exc))

    def sign_out(self) -> None:
        client = self._client
        if client is None:
            return
        self._client = None
        self._health_timer.stop()
        self.sign_out_button.setEnabled(False)
        self.notes_page.set_client(None)  # saves a draft still being typed, while its outbox is open
        self.outbox_page.clear()
        self.outbox_label.clear()

        def finished(_: object = None) -> None:
            self.sign_out_button.setEnabled(True)
            self.operator_badge.clear()
            self.operator_label.clear()
            self.office_label.clear()
            self._set_connection(None)
            self.outbox_label.clear()
            self.stack.setCurrentWidget(self.sign_in_page)
            self.sign_in_page.username.setFocus()
            self.signed_out.emit()

        def failed(exc: BaseException) -> None:
            # the local session is gone either way (logout wipes the keyring entry in a finally)
            log.warning("sign-out could not reach the server: %s", type(exc).__name__)
            finished()

        # the sender stops (after the attempt in flight) before the session it sends with is revoked
        self.outbox.close(lambda: self._tasks.run(client.logout, finished, failed, owner=self))

    # -- the outbox ------------------------------------------------------------------------------------

    def _open_outbox(self, result: SignInResult) -> None:
        data_dir = self._local_data_dir or app_dirs().data
        operator = result.operator

        def failed(exc: BaseException) -> None:
            log.error("the local database of %s could not be opened", operator.username, exc_info=exc)
            self.outbox_label.setText(self.tr("صف ارسال در دسترس نیست؛ جزئیات در گزارش برنامه ثبت شد."))
            self.outbox_label.setStyleSheet("color: #b91c1c;")

        self.notes_page.set_client(result.client)
        self.outbox.open(data_dir, result.client, operator.office.code, operator.username, failed)

    def _show_outbox_counts(self, snapshot: OutboxSnapshot) -> None:
        counts = snapshot.counts
        text = self.tr("در انتظار ارسال: {n}").format(n=localized_digits(str(counts.waiting)))
        if counts.in_doubt:
            text += " — " + self.tr("نامعلوم: {n}").format(n=localized_digits(str(counts.in_doubt)))
        self.outbox_label.setText(text)
        self.outbox_label.setStyleSheet("color: #b45309; font-weight: bold;" if counts.in_doubt else "")

    def _show_sender_connection(self, connection: str) -> None:
        if self._client is None:
            return
        if connection == "signed_out":
            # the session ended on the server (refresh refused): back to the sign-in page, saying why; the
            # outbox keeps every confirmed action and sends it after the next sign-in
            self.sign_in_page.show_error(error_message(SessionExpiredError()))
            self.sign_out()
        else:
            self._set_connection(connection == "online")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._health_timer.stop()
        self.notes_page.set_client(None)
        self.outbox.close()  # confirmed actions stay in the outbox, sent at the next sign-in
        if self._client is not None:
            client, self._client = self._client, None
            # revoke the session and wipe its tokens without holding the closing window; the process waits
            # for this thread before it exits, and the client's timeouts bound it
            threading.Thread(target=_logout_quietly, args=(client,), name="logout-at-exit").start()
        super().closeEvent(event)


def _logout_quietly(client: MunicipalClient) -> None:
    try:
        client.logout()
    except Exception as exc:
        log.warning("sign-out at exit failed: %s", type(exc).__name__)

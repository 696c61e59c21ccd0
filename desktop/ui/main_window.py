"""The main window: sign-in, then the workspace (navigation by role, pages made on first show), a status bar and
sign-out.

On sign-in the window makes a `Session` and builds the navigation from the page catalogue (desktop/pages.py),
keeping only the pages the operator's roles allow. A page is made the first time it is shown and lives until the
session ends; sign-out asks every page to flush its drafts (`session_ending`) while the outbox is still open, then
throws the pages away.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from client_api.errors import OfflineError, SessionExpiredError
from client_api.profile import ProfileInUseError
from desktop import journaling
from desktop.keyboard import install_keyboard_rules
from desktop.local_data import problem_sentence
from desktop.messages import error_message, isolate, localized_digits
from desktop.outbox import OutboxService, OutboxSnapshot
from desktop.pages import Page, PageSpec, group_title, page_spec, pages_for
from desktop.paths import app_dirs
from desktop.session import Session
from desktop.settings import Settings, load_settings
from desktop.tasks import TaskRunner
from desktop.theme import icon, set_tone
from desktop.ui.lock_screen import ScreenLock
from desktop.ui.sign_in_page import ServerConfig, SignInPage, SignInResult

if TYPE_CHECKING:
    from client_api import Health, MunicipalClient

log = logging.getLogger(__name__)

HEALTH_INTERVAL_MS = 20_000
MINIMUM_SIZE = QSize(1024, 640)
PAGE_ID_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    signed_out = Signal()
    page_shown = Signal(str)  # page id

    def __init__(
        self,
        server: ServerConfig | None,
        tasks: TaskRunner,
        *,
        training: bool = False,
        local_data_dir: Path | None = None,
        settings: Settings | None = None,
        config_dir: Path | None = None,
    ) -> None:
        """`local_data_dir`: where each operator's local database (drafts, outbox) lives; the data folder.
        `settings` and `config_dir`: the settings pages read and write (by default, the config folder's)."""
        super().__init__()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_keyboard_rules(app)
        self._tasks = tasks
        self._local_data_dir = local_data_dir
        self._config_dir = config_dir or app_dirs().config
        self._settings = settings or load_settings(self._config_dir)
        self.session: Session | None = None
        self._health_in_flight = False
        self._training = training
        self._pages: dict[str, Page] = {}
        self._page_shortcuts: list[QShortcut] = []

        self.sign_in_page = SignInPage(server, tasks)
        self.sign_in_page.signed_in.connect(self._on_signed_in)
        self.outbox = OutboxService(self)
        self.outbox.snapshot_ready.connect(self._show_outbox_counts)
        self.outbox.connection_changed.connect(self._show_sender_connection)
        journaling.notifier().failed.connect(self.statusBar().showMessage)

        self.nav = QListWidget(objectName="navigation")
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setTabKeyNavigation(False)
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.pages = QStackedWidget(objectName="pages")

        self.operator_badge = QLabel(objectName="operatorBadge")
        self.operator_badge.setProperty("pishkhanData", True)
        self.sign_out_button = QPushButton(self.tr("خروج"), objectName="signOutButton")
        self.sign_out_button.setIcon(icon("sign-out"))
        self.sign_out_button.clicked.connect(lambda: self.sign_out())
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
        # after the idle time the lock page hides the workspace (desktop/ui/lock_screen.py)
        self.screen_lock = ScreenLock(self.stack, self.workspace, tasks, lambda: self._settings.idle_lock_minutes, self)
        self.screen_lock.session_must_end.connect(self._end_session_from_lock)

        self._build_status_bar()
        self._build_shortcuts()

        self._health_timer = QTimer(self)
        self._health_timer.setInterval(HEALTH_INTERVAL_MS)
        self._health_timer.timeout.connect(self.check_connection)

        self._set_training(training)
        self._set_connection(None)
        self.set_server(server)
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(1100, 720)

    # -- chrome ---------------------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.server_label = QLabel(objectName="statusServer")
        self.server_label.setProperty("pishkhanData", True)
        self.operator_label = QLabel(objectName="statusOperator")
        self.operator_label.setProperty("pishkhanData", True)
        self.office_label = QLabel(objectName="statusOffice")
        self.office_label.setProperty("pishkhanData", True)
        self.connection_label = QLabel(objectName="statusConnection")
        self.outbox_label = QLabel(objectName="statusOutbox")
        self.training_label = QLabel(self.tr("آموزشی"), objectName="statusTraining")
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        bar.addWidget(self.server_label)
        first = True
        for widget in (
            self.connection_label,
            self.outbox_label,
            self.office_label,
            self.operator_label,
            self.training_label,
        ):
            if not first:  # each item stands apart: a thin rule between them, never text run together
                rule = QFrame(objectName="statusSeparator")
                rule.setFrameShape(QFrame.Shape.VLine)
                rule.setFrameShadow(QFrame.Shadow.Sunken)
                bar.addPermanentWidget(rule)
                widget.setProperty("separator", rule)
            first = False
            widget.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(widget)

    def _build_shortcuts(self) -> None:
        for keys, handler in (
            (QKeySequence("Ctrl+Return"), self._submit_current),
            (QKeySequence("Ctrl+Enter"), self._submit_current),
            (QKeySequence(Qt.Key.Key_Escape), self._cancel_current),
            (QKeySequence(QKeySequence.StandardKey.Print), self._print_current),
        ):
            shortcut = QShortcut(keys, self.workspace)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handler)

    def set_server(self, server: ServerConfig | None) -> None:
        self.sign_in_page.set_server(server)
        host = urlsplit(server.api_url).hostname if server and server.api_url else None
        self.server_label.setText(host or "")

    @property
    def client(self) -> MunicipalClient | None:
        return self.session.client if self.session is not None else None

    def _set_training(self, training: bool) -> None:
        self._training = training
        title = self.tr("پیشخوان شهرداری")
        self.setWindowTitle(title + " — " + self.tr("آموزشی") if training else title)
        self._set_visible_with_separator(self.training_label, training)
        if training:
            self.server_label.setText(self.tr("سامانه آموزشی"))

    @staticmethod
    def _set_visible_with_separator(widget: QWidget, visible: bool) -> None:
        widget.setVisible(visible)
        rule = widget.property("separator")
        if isinstance(rule, QWidget):
            rule.setVisible(visible)

    def _set_connection(self, online: bool | None) -> None:
        if online is None:
            text, tone = self.tr("وارد نشده"), "muted"
        elif online:
            text, tone = self.tr("متصل"), "success"
        else:
            text, tone = self.tr("قطع ارتباط"), "error"
        self.connection_label.setText(text)
        set_tone(self.connection_label, tone)

    # -- pages ----------------------------------------------------------------------------------------

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
            shortcut = QShortcut(QKeySequence(spec.shortcut), self.workspace)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda page_id=spec.id: self.show_page(page_id))
            self._page_shortcuts.append(shortcut)

    def visible_page_ids(self) -> list[str]:
        return [
            str(self.nav.item(row).data(PAGE_ID_ROLE))
            for row in range(self.nav.count())
            if self.nav.item(row).data(PAGE_ID_ROLE)
        ]

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
        page = spec.create(session)
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

    # -- session --------------------------------------------------------------------------------------

    def _on_signed_in(self, result: SignInResult) -> None:
        operator = result.operator
        training = self._training or result.health.is_training
        app = QApplication.instance()
        language = app.property("pishkhanLanguage") if app is not None else None
        self.session = Session(
            operator=operator,
            client=result.client,
            health=result.health,
            tasks=self._tasks,
            outbox=self.outbox,
            settings=self._settings,
            config_dir=self._config_dir,
            language=language if language in ("fa", "en") else "fa",
            signed_in_at=dt.datetime.now(dt.UTC),
            keyring_warning=result.keyring_warning,
            training=training,
            password_verifier=result.verifier,
        )
        self.operator_badge.setText(f"{isolate(operator.display_name)} — {isolate(operator.office.name)}")
        self.operator_label.setText(operator.display_name)
        self.office_label.setText(operator.office.code)
        self._set_training(training)
        self._set_connection(True)
        self._build_navigation(self.session)
        self._build_page_shortcuts(self.session)
        self.stack.setCurrentWidget(self.workspace)
        self._health_timer.start()
        self._open_outbox(result)
        journaling.record(self.session, journaling.SIGN_IN, roles=",".join(operator.roles), training=int(training))
        self.show_page("home")
        self.nav.setFocus()
        self.screen_lock.start(self.session)

    def check_connection(self) -> None:
        client = self.client
        if client is None or self._health_in_flight:
            return
        self._health_in_flight = True
        self._tasks.run(client.health, self._health_ok, self._health_failed, owner=self)

    def _health_ok(self, health: Health) -> None:
        self._health_in_flight = False
        if self.session is not None:
            self._set_connection(True)
            self._set_training(self._training or health.is_training)
            self.outbox.resume_if_offline()

    def _health_failed(self, exc: BaseException) -> None:
        self._health_in_flight = False
        if self.session is not None:
            self._set_connection(False)  # unreachable, failing or untrusted: not a server to work with now
            if not isinstance(exc, OfflineError):
                log.warning("health check failed: %s", error_message(exc))

    def _end_pages(self) -> None:
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

    def sign_out(self, *, ask: bool = True) -> None:
        """`ask`: the operator chose to sign out, and is asked about unsaved changes first; False when the
        session ended on the server."""
        session = self.session
        if session is None:
            return
        current = self.current_page()
        if ask and current is not None and not self._may_leave(current):
            return
        self._health_timer.stop()
        self.screen_lock.stop()
        self.sign_out_button.setEnabled(False)
        self._end_pages()
        self.session = None
        self.outbox_label.clear()
        client = session.client

        def finished(_: object = None) -> None:
            self.sign_out_button.setEnabled(True)
            self.operator_badge.clear()
            self.operator_label.clear()
            self.office_label.clear()
            self._set_connection(None)
            self.outbox_label.clear()
            self.stack.setCurrentWidget(self.sign_in_page)
            # the same operator usually signs in again: the password is what is left to type
            target = self.sign_in_page.password if self.sign_in_page.username.text() else self.sign_in_page.username
            target.setFocus()
            self.signed_out.emit()

        def failed(exc: BaseException) -> None:
            # the local session is gone either way (logout wipes the keyring entry in a finally)
            log.warning("sign-out could not reach the server: %s", type(exc).__name__)
            finished()

        journaling.record(session, journaling.SIGN_OUT)  # written before the outbox closes its database
        # the sender stops (after the attempt in flight) before the session it sends with is revoked
        self.outbox.close(lambda: self._tasks.run(client.logout, finished, failed, owner=self))

    # -- the outbox ------------------------------------------------------------------------------------

    def _open_outbox(self, result: SignInResult) -> None:
        data_dir = self._local_data_dir or app_dirs().data
        operator = result.operator

        def failed(exc: BaseException) -> None:
            log.error("the local database of %s could not be opened", operator.username, exc_info=exc)
            if isinstance(exc, ProfileInUseError):  # another copy works for this operator: this sign-in is refused
                self.sign_out(ask=False)
                self.sign_in_page.show_error(problem_sentence(exc))
                return
            self.outbox_label.setText(self.tr("صف ارسال در دسترس نیست؛ جزئیات در گزارش برنامه ثبت شد."))
            set_tone(self.outbox_label, "error")

        identity = journaling.identity(self.session) if self.session is not None else None
        self.outbox.open(
            data_dir, result.client, operator.office.code, operator.username, failed, journal_identity=identity
        )

    def _show_outbox_counts(self, snapshot: OutboxSnapshot) -> None:
        counts = snapshot.counts
        text = self.tr("در انتظار ارسال: {n}").format(n=localized_digits(str(counts.waiting)))
        if counts.in_doubt:
            text += " — " + self.tr("بی‌پاسخ: {n}").format(n=localized_digits(str(counts.in_doubt)))
        self.outbox_label.setText(text)
        set_tone(self.outbox_label, "warning" if counts.in_doubt else "")

    def _show_sender_connection(self, connection: str) -> None:
        if self.session is None:
            return
        if connection == "signed_out":
            # the session ended on the server (refresh refused): back to the sign-in page, saying why; the
            # outbox keeps every confirmed action and sends it after the next sign-in
            self.sign_in_page.show_error(error_message(SessionExpiredError()))
            self.sign_out(ask=False)
        else:
            self._set_connection(connection == "online")

    def _end_session_from_lock(self, message: str) -> None:
        """Sign-out from the lock page, too many wrong passwords, or the session's 12 hours are up: drafts are
        flushed, nothing is asked (the person at the desk may not be the operator)."""
        if message:
            self.sign_in_page.show_error(message)
        self.sign_out(ask=False)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._health_timer.stop()
        self.screen_lock.stop()
        session, self.session = self.session, None
        if session is not None:
            self._end_pages()
            journaling.record(session, journaling.SIGN_OUT, reason="window-closed")
        self.outbox.close()  # confirmed actions stay in the outbox, sent at the next sign-in
        if session is not None:
            # revoke the session and wipe its tokens without holding the closing window; the process waits
            # for this thread before it exits, and the client's timeouts bound it
            threading.Thread(target=_logout_quietly, args=(session.client,), name="logout-at-exit").start()
        super().closeEvent(event)


def _logout_quietly(client: MunicipalClient) -> None:
    try:
        client.logout()
    except Exception as exc:
        log.warning("sign-out at exit failed: %s", type(exc).__name__)

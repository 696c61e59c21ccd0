"""The main window: the sign-in page, then the operator's workspace (desktop/ui/workspace.py: navigation by role,
pages made on first show), the status bar, the outbox and the screen lock.

The sign-in page and the status bar are all the window makes before its first paint. The workspace, the outbox
service and the screen lock (and the modules they need) are made by `prepare_workspace`, which the start-up calls
once the sign-in page is on screen, or at the latest when they are first used (at sign-in).
"""

from __future__ import annotations

import importlib
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QMainWindow, QStackedWidget, QWidget

from client_api.errors import OfflineError, SessionExpiredError
from desktop.keyboard import install_keyboard_rules
from desktop.messages import error_message, localized_digits
from desktop.paths import app_dirs
from desktop.settings import Settings, load_settings
from desktop.tasks import TaskRunner
from desktop.theme import set_tone, with_tone
from desktop.ui.sign_in_page import ServerConfig, SignInPage, SignInResult

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidget  # the workspace's; naming it costs its enums before the first paint

    from client_api import Health, MunicipalClient
    from desktop import preload
    from desktop.outbox import OutboxService, OutboxSnapshot
    from desktop.pages import Page
    from desktop.session import Session
    from desktop.ui.lock_screen import ScreenLock
    from desktop.ui.workspace import Workspace

log = logging.getLogger(__name__)

HEALTH_INTERVAL_MS = 20_000
# what `prepare_workspace` imports (and what they import): loaded off the UI thread after the first paint
WORKSPACE_MODULES = (
    "desktop.journaling",
    "desktop.outbox",
    "desktop.preload",
    "desktop.session",
    "desktop.ui.lock_screen",
    "desktop.ui.workspace",
)
MINIMUM_SIZE = QSize(1024, 640)


class MainWindow(QMainWindow):
    signed_out = Signal()
    page_shown = Signal(str)  # page id
    workspace_prepared = Signal()

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
        self._workspace: Workspace | None = None
        self._outbox: OutboxService | None = None
        self._screen_lock: ScreenLock | None = None
        self._page_modules: preload.PageModuleLoader | None = None  # the pages' modules, loaded ahead of them
        self._loading_ahead = self._swept = False

        # made in place, top-down: a page moved to another parent once made has Qt work out again the style, font
        # and palette of every widget in it (about 1 ms of the start-up for this one)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.sign_in_page = SignInPage(server, tasks, self.stack)
        self.sign_in_page.signed_in.connect(self._on_signed_in)
        self.sign_in_page.stale_sessions_ended.connect(self._sessions_swept)
        self.stack.addWidget(self.sign_in_page)
        self._build_status_bar()

        self._health_timer = QTimer(self)
        self._health_timer.setInterval(HEALTH_INTERVAL_MS)
        self._health_timer.timeout.connect(self.check_connection)

        self._set_training(training)
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
        text, tone = self._connection_look(None)
        self.connection_label = with_tone(QLabel(text, objectName="statusConnection"), tone)
        self.outbox_label = QLabel(objectName="statusOutbox")
        self.training_label = QLabel(self.tr("آموزشی"), objectName="statusTraining")
        # each item's thin rule, shown and hidden with it (a dict, not a Qt property: storing a widget in one makes
        # PySide build QByteArray's type, half a millisecond on the way to the first paint)
        self._separators: dict[QWidget, QFrame] = {}
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
                self._separators[widget] = rule
            first = False
            widget.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(widget)
        for widget in (self.outbox_label, self.office_label, self.operator_label):  # empty until the sign-in
            self._show_status(widget, "")

    def _show_status(self, label: QLabel, text: str) -> None:
        """An item's text; an item without one is hidden with its rule, so no empty boxes stand between rules."""
        label.setText(text)
        self._set_visible_with_separator(label, bool(text))

    # -- the workspace, made after the first paint ------------------------------------------------------

    def prepare_workspace_soon(self) -> None:
        """Load the workspace's modules on a worker thread, then make it on this one: the sign-in page takes
        keys meanwhile. A sign-in before that makes it at once."""
        if self._workspace is None:
            self._tasks.run(_load_workspace_modules, lambda _: self.prepare_workspace(), _not_loaded, owner=self)

    def prepare_workspace(self) -> None:
        """Make the workspace, the outbox service and the screen lock (once)."""
        if self._workspace is not None:
            return
        from desktop import journaling
        from desktop.outbox import OutboxService
        from desktop.ui.lock_screen import ScreenLock
        from desktop.ui.workspace import Workspace

        workspace = Workspace()
        workspace.page_shown.connect(self.page_shown)
        workspace.sign_out_requested.connect(lambda: self.sign_out())
        self.stack.addWidget(workspace)
        outbox = OutboxService(self)
        outbox.snapshot_ready.connect(self._show_outbox_counts)
        outbox.connection_changed.connect(self._show_sender_connection)
        journaling.notifier().failed.connect(self.statusBar().showMessage)
        # after the idle time the lock page hides the workspace (desktop/ui/lock_screen.py)
        screen_lock = ScreenLock(self.stack, workspace, self._tasks, lambda: self._settings.idle_lock_minutes, self)
        screen_lock.session_must_end.connect(self._end_session_from_lock)
        self._workspace, self._outbox, self._screen_lock = workspace, outbox, screen_lock
        self.workspace_prepared.emit()
        self._load_ahead()

    def _load_ahead(self) -> None:
        """What the pages are made of, while the operator signs in (desktop/preload.py): once the workspace is
        made and the sessions an earlier run left are swept (which waits for the server: in --demo the training
        sandbox starts first), or at sign-in; never beside them, as each would wait for the interpreter."""
        if self._loading_ahead or self._workspace is None or not (self._swept or self.session is not None):
            return
        from desktop import preload

        self._loading_ahead = True
        self._tasks.run(preload.load_libraries, self._load_page_modules, _not_preloaded, owner=self)

    def _sessions_swept(self, _wiped: int) -> None:
        self._swept = True
        self._load_ahead()

    @property
    def pages_loaded_ahead(self) -> bool:
        """The pages' libraries and modules are loaded (desktop/preload.py)."""
        return self._page_modules is not None and self._page_modules.done

    def _load_page_modules(self, count: int) -> None:
        from desktop import preload
        from desktop.pages import PAGES

        # and the error dialog, which the start-up leaves out (desktop/crash_dialog.py)
        loader = preload.PageModuleLoader([*(spec.module for spec in PAGES), "desktop.crash_dialog"], self)
        loader.finished.connect(
            lambda: log.info("loaded ahead of the pages: %d library and %d page modules", count, len(loader.loaded))
        )
        self._page_modules = loader

    @property
    def workspace(self) -> Workspace:
        self.prepare_workspace()
        assert self._workspace is not None
        return self._workspace

    @property
    def outbox(self) -> OutboxService:
        self.prepare_workspace()
        assert self._outbox is not None
        return self._outbox

    @property
    def screen_lock(self) -> ScreenLock:
        self.prepare_workspace()
        assert self._screen_lock is not None
        return self._screen_lock

    @property
    def nav(self) -> QListWidget:
        return self.workspace.nav

    @property
    def pages(self) -> QStackedWidget:
        return self.workspace.pages

    @property
    def sign_out_button(self) -> QWidget:
        return self.workspace.sign_out_button

    def visible_page_ids(self) -> list[str]:
        return self.workspace.visible_page_ids()

    def page(self, page_id: str) -> Page | None:
        """The page if it has been made in this session (tests and screenshots)."""
        return self.workspace.page(page_id)

    def current_page(self) -> Page | None:
        return self.workspace.current_page()

    def show_page(self, page_id: str, **context: Any) -> Page | None:
        """Show a page of this session (desktop/ui/workspace.py); None when no one is signed in, the operator's
        roles do not allow the page, or the operator chose to stay."""
        return self.workspace.show_page(page_id, **context)

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

    def _set_visible_with_separator(self, widget: QWidget, visible: bool) -> None:
        widget.setVisible(visible)
        rule = self._separators.get(widget)
        if rule is not None:
            rule.setVisible(visible)

    def _connection_look(self, online: bool | None) -> tuple[str, str]:
        if online is None:
            return self.tr("وارد نشده"), "muted"
        if online:
            return self.tr("متصل"), "success"
        return self.tr("قطع ارتباط"), "error"

    def _set_connection(self, online: bool | None) -> None:
        text, tone = self._connection_look(online)
        self.connection_label.setText(text)
        set_tone(self.connection_label, tone)

    # -- session --------------------------------------------------------------------------------------

    def _on_signed_in(self, result: SignInResult) -> None:
        from datetime import UTC, datetime  # loaded at the sign-in, not on the way to the first paint

        from desktop import journaling
        from desktop.session import Session

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
            signed_in_at=datetime.now(UTC),
            keyring_warning=result.keyring_warning,
            training=training,
            password_verifier=result.verifier,
        )
        self._show_status(self.operator_label, operator.display_name)
        self._show_status(self.office_label, operator.office.code)
        self._set_training(training)
        self._set_connection(True)
        self.workspace.start(self.session)
        self.stack.setCurrentWidget(self.workspace)
        self._health_timer.start()
        self._open_outbox(result)
        journaling.record(self.session, journaling.SIGN_IN, roles=",".join(operator.roles), training=int(training))
        self.show_page("home")
        self.nav.setFocus()
        self._load_ahead()
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

    def sign_out(self, *, ask: bool = True) -> None:
        """`ask`: the operator chose to sign out, and is asked about unsaved changes first; False when the
        session ended on the server."""
        from desktop import journaling

        session = self.session
        if session is None:
            return
        if ask and not self.workspace.may_end():
            return
        self._health_timer.stop()
        self.screen_lock.stop()
        self.sign_out_button.setEnabled(False)
        self.workspace.end()
        self.session = None
        self._show_status(self.outbox_label, "")
        client = session.client

        def finished(_: object = None) -> None:
            self.sign_out_button.setEnabled(True)
            self.workspace.operator_badge.clear()
            self._show_status(self.operator_label, "")
            self._show_status(self.office_label, "")
            self._set_connection(None)
            self._show_status(self.outbox_label, "")
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
            from client_api.profile import ProfileInUseError
            from desktop.local_data import problem_sentence

            log.error("the local database of %s could not be opened", operator.username, exc_info=exc)
            if isinstance(exc, ProfileInUseError):  # another copy works for this operator: this sign-in is refused
                self.sign_out(ask=False)
                self.sign_in_page.show_error(problem_sentence(exc))
                return
            self._show_status(self.outbox_label, self.tr("صف ارسال در دسترس نیست؛ جزئیات در گزارش برنامه ثبت شد."))
            set_tone(self.outbox_label, "error")

        from desktop import journaling

        identity = journaling.identity(self.session) if self.session is not None else None
        self.outbox.open(
            data_dir, result.client, operator.office.code, operator.username, failed, journal_identity=identity
        )

    def _show_outbox_counts(self, snapshot: OutboxSnapshot) -> None:
        counts = snapshot.counts
        text = self.tr("در انتظار ارسال: {n}").format(n=localized_digits(str(counts.waiting)))
        if counts.in_doubt:
            text += " — " + self.tr("بی‌پاسخ: {n}").format(n=localized_digits(str(counts.in_doubt)))
        self._show_status(self.outbox_label, text)
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
        if self._workspace is not None:  # not made yet: no one has signed in, no outbox is open
            from desktop import journaling

            self.screen_lock.stop()
            session, self.session = self.session, None
            if session is not None:
                self.workspace.end()
                journaling.record(session, journaling.SIGN_OUT, reason="window-closed")
            self.outbox.close()  # confirmed actions stay in the outbox, sent at the next sign-in
            if session is not None:
                # revoke the session and wipe its tokens without holding the closing window; the process waits
                # for this thread before it exits, and the client's timeouts bound it
                threading.Thread(target=_logout_quietly, args=(session.client,), name="logout-at-exit").start()
        super().closeEvent(event)


def _load_workspace_modules() -> None:
    for name in WORKSPACE_MODULES:
        importlib.import_module(name)


def _not_preloaded(exc: BaseException) -> None:
    # each page still loads what it needs on its first show, where a failure is reported to the operator
    log.error("the pages' modules could not be loaded ahead of them", exc_info=exc)


def _not_loaded(exc: BaseException) -> None:
    # made at sign-in instead, where the same failure is reported to the operator
    log.error("the workspace's modules could not be loaded ahead of sign-in", exc_info=exc)


def _logout_quietly(client: MunicipalClient) -> None:
    try:
        client.logout()
    except Exception as exc:
        log.warning("sign-out at exit failed: %s", type(exc).__name__)

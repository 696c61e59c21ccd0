"""Sign-in: username, password, office code. Enter submits; the work runs in the background.

The card has one fixed width, so a message that appears (a wrong office code, a lock-out, a server that does not
answer) wraps onto more lines inside it instead of widening it or being cut at its edge. Operators see which
system they sign in to by name (the training system, or the server's host name), never a raw address; a fresh
install that has no server address yet asks for one here, and the address is kept once a sign-in succeeds.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import desktop
from civic.text import normalize_text
from client_api.addresses import api_root
from client_api.errors import ApiError, InsecureTransportError, RateLimitedError, UnauthorizedError
from desktop.messages import error_message, isolate, localized_digits
from desktop.qt_names import set_by_name
from desktop.tasks import TaskRunner
from desktop.theme import set_invalid, with_tone
from desktop.widgets.card import emblem_header, wrapping_label

if TYPE_CHECKING:  # requests and keyring load on a worker thread, after the first paint (ops below)
    from PySide6.QtWidgets import QProgressBar

    from client_api import Health, MunicipalClient, Operator
    from desktop.idle_lock import PasswordVerifier
    from desktop.widgets.banner import MessageBanner

_OFFICE_CODE = re.compile(r"[A-Z]{2}-[0-9]{4}", re.ASCII)
log = logging.getLogger(__name__)
CARD_WIDTH = 440  # fits the smallest supported window (1024×640) with room to spare


def _on_this_machine(netloc: str) -> bool:
    """The client's own rule: plain http is accepted only to this machine, where the training system runs."""
    try:
        api_root(f"http://{netloc}")
    except InsecureTransportError:
        return False
    return True


# The two records are named tuples, not frozen dataclasses: they are made on the way to the first paint
# (client_api/errors.py `FieldError` says why).


class SignInResult(NamedTuple):
    client: MunicipalClient
    operator: Operator
    health: Health
    keyring_warning: str | None
    # the idle lock's offline check, made from the password typed (in memory only: desktop/idle_lock.py)
    verifier: PasswordVerifier | None = None

    def __repr__(self) -> str:  # the verifier never: it is made from the password
        return (
            f"SignInResult(client={self.client!r}, operator={self.operator!r}, health={self.health!r}, "
            f"keyring_warning={self.keyring_warning!r})"
        )


class ServerConfig(NamedTuple):
    api_url: str  # "" on a fresh install that has not been told its server yet
    ca_bundle: str | None
    terminal_id: str


class SignInPage(QWidget):
    signed_in = Signal(object)  # SignInResult
    # a server address the operator typed on a fresh install, emitted once a sign-in against it has succeeded
    # (before `signed_in`), so the address kept is one that is known to work
    server_chosen = Signal(str)
    # sessions a crashed earlier run left in the keyring were revoked and wiped (how many), once per start
    stale_sessions_ended = Signal(int)

    def __init__(self, server: ServerConfig | None, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._server: ServerConfig | None = None
        self._asks_for_server = False
        self._tasks = tasks
        self._stale_swept = False

        card = QFrame()
        card.setObjectName("signInCard")
        card.setFixedWidth(CARD_WIDTH)
        self.card = card

        self.product_label = QLabel(self.tr("پیشخوان شهرداری"))
        self.product_label.setObjectName("signInProduct")
        self.title_label = with_tone(QLabel(self.tr("ورود کارکنان دفتر"), objectName="signInTitle"), "muted")
        header = emblem_header("signInEmblem", 56, self.product_label, self.title_label)

        self.office_label = wrapping_label(QLabel(objectName="signInOffice"))
        self.office_label.hide()
        self.server_label = wrapping_label(with_tone(QLabel(objectName="signInServer"), "muted"))
        version = self.tr("نسخه {version}").format(version=localized_digits(desktop.__version__))
        self.version_label = with_tone(QLabel(version, objectName="signInVersion"), "muted")
        set_by_name(self.version_label, "alignment", "AlignCenter")

        # Made when first needed, not on the way to the first paint, which does without them: the server's address
        # (a fresh install only), the message strip and the busy bar (six widgets, about 0.5 ms made and styled)
        self._server_field: QLineEdit | None = None
        self._server_field_label: QLabel | None = None
        self._banner: MessageBanner | None = None
        self._busy_bar: QProgressBar | None = None
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.office_code = QLineEdit()
        self.office_code.setObjectName("officeCode")
        self.office_code.setPlaceholderText("PK-1001")
        for field in (self.username, self.password, self.office_code):
            set_by_name(field, "layoutDirection", "LeftToRight")

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for text, field in (
            (self.tr("نام کاربری"), self.username),
            (self.tr("گذرواژه"), self.password),
            (self.tr("کد دفتر"), self.office_code),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            self.form.addRow(label, field)

        self.submit = QPushButton(self.tr("ورود"))
        self.submit.setObjectName("signInButton")
        self.submit.setProperty("primary", True)
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.submit_form)
        for field in (self.username, self.password, self.office_code):
            field.returnPressed.connect(self.submit_form)

        inner = QVBoxLayout(card)
        self._inner = inner
        inner.setContentsMargins(28, 24, 28, 20)
        inner.setSpacing(10)
        inner.addLayout(header)
        inner.addWidget(self.office_label)
        inner.addWidget(self.server_label)
        inner.addSpacing(4)
        inner.addLayout(self.form)
        inner.addWidget(self.submit)
        inner.addWidget(self.version_label)

        # The card sits in a row between two stretches rather than in the column with an alignment: a column
        # asks an aligned child for its height at the column's full width, so wrapped text would be measured
        # too short and the card squeezed. The row gives the card its own width first.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.set_server(server)

    # -- what the card shows ---------------------------------------------------------------------------------

    @property
    def server_address(self) -> QLineEdit:
        """The server's address, asked for on a fresh install: the first row of the form, made when first needed."""
        if self._server_field is None:
            field = QLineEdit(self.card)
            field.setObjectName("serverAddress")
            field.setPlaceholderText("https://")
            set_by_name(field, "layoutDirection", "LeftToRight")
            field.setAccessibleName(self.tr("نشانی سامانه شهرداری"))
            field.textEdited.connect(lambda _text: set_invalid(field, False))
            field.returnPressed.connect(self.submit_form)
            field.setEnabled(self._busy_bar is None or self._busy_bar.isHidden())  # as the other fields are
            label = QLabel(self.tr("نشانی سامانه"), self.card)
            label.setBuddy(field)
            self.form.insertRow(0, label, field)
            self.form.setRowVisible(field, False)
            QWidget.setTabOrder(field, self.username)  # the first field Tab reaches, as it is the first row
            self._server_field, self._server_field_label = field, label
        return self._server_field

    @property
    def server_address_label(self) -> QLabel:
        self.server_address  # noqa: B018 (made with its field)
        assert self._server_field_label is not None
        return self._server_field_label

    @property
    def error_label(self) -> MessageBanner:
        """The message strip under the form, made with the first message."""
        if self._banner is None:
            from desktop.widgets.banner import MessageBanner

            banner = MessageBanner(self.card)
            banner.setObjectName("signInError")
            self._inner.insertWidget(self._inner.indexOf(self._busy_bar or self.submit), banner)
            self._banner = banner
        return self._banner

    @property
    def busy(self) -> QProgressBar:
        """The bar that moves while a sign-in is on its way, made with the first one."""
        if self._busy_bar is None:
            from PySide6.QtWidgets import QProgressBar

            bar = QProgressBar(self.card)
            bar.setObjectName("signInBusy")
            bar.setRange(0, 0)
            bar.setTextVisible(False)
            bar.hide()
            self._inner.insertWidget(self._inner.indexOf(self.submit), bar)
            self._busy_bar = bar
        return self._busy_bar

    def _fields(self) -> tuple[QLineEdit, ...]:
        typed = (self.username, self.password, self.office_code)
        return typed if self._server_field is None else (self._server_field, *typed)

    def set_server(self, server: ServerConfig | None) -> None:
        """The server to sign in to; None while it is not known yet (the training sandbox is starting).

        A server with an empty address (a fresh install) makes the page ask for the address.
        """
        self._server = server
        self._asks_for_server = server is not None and not server.api_url.strip()
        if server is not None:
            self._end_stale_sessions(server)
        if self._asks_for_server or self._server_field is not None:
            self.form.setRowVisible(self.server_address, self._asks_for_server)
        if server is None:
            self.server_label.setText(self.tr("در حال آماده‌سازی سامانه آموزشی…"))
        elif self._asks_for_server:
            self.server_label.setText(
                self.tr("نشانی سامانه شهرداری را که واحد فناوری اطلاعات داده است وارد کنید؛ با https آغاز می‌شود.")
            )
        else:
            self.server_label.setText(self._server_name(server.api_url))
        self.submit.setEnabled(server is not None and not (self._busy_bar is not None and self._busy_bar.isVisible()))

    def _server_name(self, url: str) -> str:
        """The system by name: the training system on this machine, or the server's host name."""
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        if not host or _on_this_machine(parts.netloc):
            return self.tr("سامانه آموزشی")
        return self.tr("سامانه: {host}").format(host=isolate(host))

    def set_office(self, code: str, name: str = "") -> None:
        """The office this terminal last signed in for, shown above the form ("" hides the line)."""
        code = code.strip()
        if not code:
            self.office_label.hide()
            return
        if name:
            text = self.tr("دفتر {name} ({code})").format(name=isolate(name), code=isolate(code))
        else:
            text = self.tr("دفتر {code}").format(code=isolate(code))
        self.office_label.setText(text)
        self.office_label.show()

    def fill(self, username: str, password: str, office_code: str) -> None:
        self.username.setText(username)
        self.password.setText(password)
        self.office_code.setText(office_code)
        if office_code and self.office_label.isHidden():
            self.set_office(office_code)

    def set_busy(self, busy: bool) -> None:
        for widget in self._fields():
            widget.setEnabled(not busy)
        self.submit.setEnabled(not busy and self._server is not None)
        if busy or self._busy_bar is not None:
            self.busy.setVisible(busy)
        self.submit.setText(self.tr("در حال ورود…") if busy else self.tr("ورود"))

    def show_error(self, message: str) -> None:
        if message:
            self.error_label.show_message(message, "error")
        elif self._banner is not None:
            self._banner.clear()

    # -- signing in ------------------------------------------------------------------------------------------

    def _validated_server(self) -> str | None:
        """The typed server address when it is one the client may use (https; http only to this machine)."""
        address = self.server_address.text().strip()
        try:
            if not address:
                raise InsecureTransportError("empty")
            api_root(address)
        except InsecureTransportError:
            self.show_error(
                self.tr(
                    "نشانی سامانه باید با https آغاز شود. "
                    "نشانی http تنها برای سامانه آموزشی روی همین رایانه پذیرفته است."
                )
            )
            set_invalid(self.server_address, True)
            self.server_address.setFocus()
            return None
        set_invalid(self.server_address, False)
        return address

    def _validated(self) -> tuple[str, str, str] | None:
        username = normalize_text(self.username.text())
        password = self.password.text()
        office_code = normalize_text(self.office_code.text()).upper()
        if not username:
            self.show_error(self.tr("نام کاربری را وارد کنید."))
            self.username.setFocus()
            return None
        if not password:
            self.show_error(self.tr("گذرواژه را وارد کنید."))
            self.password.setFocus()
            return None
        if not _OFFICE_CODE.fullmatch(office_code):
            self.show_error(
                self.tr("کد دفتر باید به شکل دو حرف لاتین، خط تیره و چهار رقم باشد؛ مانند {example}.").format(
                    example=isolate("PK-1001")
                )
            )
            self.office_code.setFocus()
            return None
        return username, password, office_code

    def submit_form(self) -> None:
        if not self.submit.isEnabled() or self._server is None:
            return
        server = self._server
        chosen = ""
        if self._asks_for_server:
            address = self._validated_server()
            if address is None:
                return
            chosen = address
            server = server._replace(api_url=address)
        values = self._validated()
        if values is None:
            return
        username, password, office_code = values
        self.show_error("")
        self.set_busy(True)

        def op() -> SignInResult:
            from client_api import MunicipalClient, open_token_store
            from desktop.idle_lock import PasswordVerifier

            store, warning = open_token_store()
            client = MunicipalClient(server.api_url, store, ca_bundle=server.ca_bundle)
            health = client.health()
            operator = client.sign_in(username, password, office_code, server.terminal_id)
            return SignInResult(client, operator, health, warning, PasswordVerifier.make(password))

        self._tasks.run(op, lambda result: self._succeeded(result, chosen), self._failed, owner=self)

    def _succeeded(self, result: SignInResult, chosen_server: str) -> None:
        self.set_busy(False)
        self.password.clear()
        self.set_office(result.operator.office.code, result.operator.office.name)
        if chosen_server and self._server is not None:
            self.set_server(self._server._replace(api_url=chosen_server))
            self.server_chosen.emit(chosen_server)
        self.signed_in.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        labels = {"username": self.tr("نام کاربری"), "password": self.tr("گذرواژه"), "office_code": self.tr("کد دفتر")}
        message = error_message(exc, labels)
        problem = exc.problem if isinstance(exc, ApiError) else {}
        if isinstance(exc, RateLimitedError) and problem.get("scope") == "address":
            message = QCoreApplication.translate(
                "SignInPage",
                "به‌دلیل تلاش‌های ناموفق پیاپی از این رایانه، ورود از آن موقتاً بسته است. "
                "{minutes} دقیقه دیگر دوباره تلاش کنید.",
            ).format(minutes=localized_digits(str(max(1, -(-(exc.retry_after_s or 60) // 60)))))
        if isinstance(exc, UnauthorizedError) and problem.get("attempts_left") == 1:
            seconds = problem.get("lockout_seconds")
            minutes = max(1, -(-seconds // 60)) if isinstance(seconds, int) and seconds > 0 else 5
            message += " " + QCoreApplication.translate(
                "SignInPage",
                "هشدار: تنها یک تلاش دیگر مانده است؛ اگر آن هم نادرست باشد، ورود برای {minutes} دقیقه بسته می‌شود.",
            ).format(minutes=localized_digits(str(minutes)))
            self.error_label.show_message(message, "warning")
        else:
            self.show_error(message)
        self.password.setFocus()
        self.password.selectAll()

    # -- sessions an earlier run left behind ------------------------------------------------------------------

    def _end_stale_sessions(self, server: ServerConfig) -> None:
        """Once per start, off the UI thread: revoke and wipe the sessions a crashed run left in the keyring."""
        if self._stale_swept:
            return
        self._stale_swept = True
        ca_bundle = server.ca_bundle

        def op() -> int:
            from client_api.client import revoke_stale_sessions
            from client_api.token_store import open_token_store

            store, _warning = open_token_store()
            return revoke_stale_sessions(store, ca_bundle=ca_bundle)

        self._tasks.run(op, self._stale_ended, self._stale_failed, owner=self)

    def _stale_ended(self, wiped: int) -> None:
        self.stale_sessions_ended.emit(wiped)

    def _stale_failed(self, exc: BaseException) -> None:
        log.warning("sessions an earlier run left in the keyring were not checked: %s", type(exc).__name__)
        self.stale_sessions_ended.emit(0)

"""Sign-in: username, password, office code. Enter submits; the work runs in the background."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from civic.text import normalize_text
from client_api import Health, MunicipalClient, Operator, open_token_store
from desktop.messages import error_message
from desktop.tasks import TaskRunner

_OFFICE_CODE = re.compile(r"[A-Z]{2}-[0-9]{4}", re.ASCII)


@dataclass(frozen=True)
class SignInResult:
    client: MunicipalClient
    operator: Operator
    health: Health
    keyring_warning: str | None


@dataclass(frozen=True)
class ServerConfig:
    api_url: str
    ca_bundle: str | None
    terminal_id: str


class SignInPage(QWidget):
    signed_in = Signal(object)  # SignInResult

    def __init__(self, server: ServerConfig | None, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._server: ServerConfig | None = None
        self._tasks = tasks

        card = QFrame(objectName="signInCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(460)
        title = QLabel(self.tr("ورود به پیشخوان شهرداری"), objectName="pageTitle")
        self.server_label = QLabel(objectName="signInServer")
        self.server_label.setProperty("pishkhanData", True)
        self.server_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.username = QLineEdit(objectName="username")
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.office_code = QLineEdit(objectName="officeCode")
        self.office_code.setPlaceholderText("PK-1001")
        for field in (self.username, self.office_code):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.password.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

        form = QFormLayout()
        form.addRow(self.tr("نام کاربری"), self.username)
        form.addRow(self.tr("گذرواژه"), self.password)
        form.addRow(self.tr("کد دفتر"), self.office_code)

        self.error_label = QLabel(objectName="signInError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.busy = QProgressBar(objectName="signInBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.submit = QPushButton(self.tr("ورود"), objectName="signInButton")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.submit_form)
        for field in (self.username, self.password, self.office_code):
            field.returnPressed.connect(self.submit_form)

        inner = QVBoxLayout(card)
        inner.addWidget(title)
        inner.addWidget(self.server_label)
        inner.addLayout(form)
        inner.addWidget(self.error_label)
        inner.addWidget(self.busy)
        inner.addWidget(self.submit)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.set_server(server)

    def set_server(self, server: ServerConfig | None) -> None:
        """The server to sign in to; None while it is not known yet (the training sandbox is starting)."""
        self._server = server
        if server is None:
            self.server_label.setText(self.tr("در حال آماده‌سازی سامانه آموزشی…"))
        else:
            self.server_label.setText(self.tr("سامانه: {url}").format(url=server.api_url))
        self.submit.setEnabled(server is not None and not self.busy.isVisible())

    def fill(self, username: str, password: str, office_code: str) -> None:
        self.username.setText(username)
        self.password.setText(password)
        self.office_code.setText(office_code)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.office_code):
            widget.setEnabled(not busy)
        self.submit.setEnabled(not busy and self._server is not None)
        self.busy.setVisible(busy)
        self.submit.setText(self.tr("در حال ورود…") if busy else self.tr("ورود"))

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

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
                    example="PK-1001"
                )
            )
            self.office_code.setFocus()
            return None
        return username, password, office_code

    def submit_form(self) -> None:
        if not self.submit.isEnabled() or self._server is None:
            return
        values = self._validated()
        if values is None:
            return
        username, password, office_code = values
        self.show_error("")
        self.set_busy(True)
        server = self._server

        def op() -> SignInResult:
            store, warning = open_token_store()
            client = MunicipalClient(server.api_url, store, ca_bundle=server.ca_bundle)
            health = client.health()
            operator = client.sign_in(username, password, office_code, server.terminal_id)
            return SignInResult(client, operator, health, warning)

        self._tasks.run(op, self._succeeded, self._failed, owner=self)

    def _succeeded(self, result: SignInResult) -> None:
        self.set_busy(False)
        self.password.clear()
        self.signed_in.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.show_error(error_message(exc))
        self.password.setFocus()
        self.password.selectAll()

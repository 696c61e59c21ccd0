"""Signing in and out through the real widgets, against the real sandbox and the real keyring."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from client_api.token_store import SERVICE
from desktop.paths import app_dirs


def type_text(qtbot, field, text):
    """Type like a keyboard (or a scanner that types like one), Persian digits included.

    QTest's keyClicks only takes Latin-1, so other characters go in as key events carrying their text.
    """
    for char in text:
        if char.isascii():
            qtbot.keyClicks(field, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_credentials(qtbot, window, username="counter1", password="pishkhan-demo", office="PK-1001"):
    page = window.sign_in_page
    for field, text in ((page.username, username), (page.password, password), (page.office_code, office)):
        field.clear()
        type_text(qtbot, field, text)


def test_operator_signs_in_with_enter_and_lands_on_home(make_window, qtbot, shared_sandbox, secure_keyring):
    window = make_window(shared_sandbox.url)
    type_credentials(qtbot, window)
    qtbot.keyClick(window.sign_in_page.office_code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=10_000)

    assert window.home_page.isVisible()
    assert "مریم احمدی" in window.home_page.greeting.text()
    assert window.home_page.office_code.text() == "PK-1001"
    assert window.operator_label.text() == "مریم احمدی"
    assert window.connection_label.text() == "متصل"
    assert window.training_label.isVisible()  # the sandbox says it is a training environment
    assert "آموزشی" in window.windowTitle()
    assert [window.nav.item(i).text() for i in range(window.nav.count())][:2] == ["خانه", "پیش‌نمایش عوارض"]

    account = f"{window.client.root}|PK-1001|counter1"
    assert secure_keyring.get_password(SERVICE, account)
    window.sign_out_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=10_000)
    assert secure_keyring.get_password(SERVICE, account) is None
    assert window.connection_label.text() == "وارد نشده"


def test_wrong_password_shows_a_persian_message_and_keeps_what_was_typed(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    type_credentials(qtbot, window, username="notary1", password="nope", office="NT-0042")
    window.sign_in_page.submit.click()
    page = window.sign_in_page
    qtbot.waitUntil(lambda: page.error_label.isVisible(), timeout=10_000)
    assert page.error_label.text() == "نام کاربری، گذرواژه یا کد دفتر درست نیست."
    assert page.username.text() == "notary1"
    assert page.office_code.text() == "NT-0042"
    assert page.submit.isEnabled()
    assert window.stack.currentWidget() is page


def test_each_missing_or_malformed_field_is_named(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    page = window.sign_in_page
    type_credentials(qtbot, window, username="", password="x", office="PK-1001")
    page.submit.click()
    assert page.error_label.text() == "نام کاربری را وارد کنید."
    type_credentials(qtbot, window, username="counter1", password="", office="PK-1001")
    page.submit.click()
    assert page.error_label.text() == "گذرواژه را وارد کنید."
    type_credentials(qtbot, window, username="counter1", password="x", office="1001")
    page.submit.click()
    assert "کد دفتر" in page.error_label.text()
    assert page.submit.isEnabled()  # validation happens before anything is sent


def test_office_code_typed_with_persian_digits_and_lower_case_is_accepted(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    type_credentials(qtbot, window, office="pk-۱۰۰۱")
    assert window.sign_in_page.office_code.text() == "pk-۱۰۰۱"
    window.sign_in_page.submit.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=10_000)
    window.sign_out()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=10_000)


def test_window_keeps_responding_while_the_server_does_not_answer(make_window, qtbot):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)  # connections are queued by the kernel and never answered
    try:
        window = make_window(f"http://127.0.0.1:{listener.getsockname()[1]}")
        type_credentials(qtbot, window)
        ticks = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(20)
        window.sign_in_page.submit.click()
        assert window.sign_in_page.busy.isVisible()
        assert not window.sign_in_page.submit.isEnabled()
        qtbot.wait(600)
        assert len(ticks) >= 10  # the event loop kept running during the call
        timer.stop()
    finally:
        listener.close()  # the pending call now fails; the fixture waits for it to be delivered


def test_no_password_or_token_is_left_in_any_application_folder(make_window, qtbot, shared_sandbox, secure_keyring):
    window = make_window(shared_sandbox.url)
    type_credentials(qtbot, window)
    window.sign_in_page.submit.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=10_000)
    account = f"{window.client.root}|PK-1001|counter1"
    tokens = window.client.token_store.load(account)
    secrets = [b"pishkhan-demo", tokens.access_token.encode(), tokens.refresh_token.encode()]
    window.sign_out()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=10_000)
    assert window.sign_in_page.password.text() == ""

    scanned = 0
    for folder in app_dirs().all():
        assert Path(os.environ["PISHKHAN_HOME"]) in folder.parents
        for path in folder.rglob("*") if folder.exists() else []:
            if path.is_file():
                data = path.read_bytes()
                scanned += 1
                for secret in secrets:
                    assert secret not in data, f"a secret was written to {path}"
    assert secure_keyring.get_password(SERVICE, account) is None

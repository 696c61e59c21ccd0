"""Signing in and out through the real widgets, against the real sandbox and the real keyring."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from client_api.token_store import SERVICE
from desktop.idle_lock import PasswordVerifier
from desktop.paths import app_dirs
from desktop.ui.sign_in_page import CARD_WIDTH, SignInResult


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


def _status_items(window) -> list[str]:
    """What the status bar shows at its end, in order: each item's text, and `|` for each rule shown before one."""
    items = []
    for label in (
        window.connection_label,
        window.outbox_label,
        window.office_label,
        window.operator_label,
        window.training_label,
    ):
        rule = window._separators.get(label)
        if rule is not None and rule.isVisible():
            items.append("|")
        if label.isVisible():
            items.append(label.text())
    return items


def test_operator_signs_in_with_enter_and_lands_on_home(make_window, qtbot, shared_sandbox, keyring_secrets):
    window = make_window(shared_sandbox.url)
    qtbot.waitUntil(window.isVisible)
    # before the sign-in the status bar shows no empty items between rules: the operator, the office and the outbox
    # come with the sign-in
    assert _status_items(window) == ["وارد نشده"]
    type_credentials(qtbot, window)
    qtbot.keyClick(window.sign_in_page.office_code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=10_000)

    assert window.current_page() is window.page("home")
    assert window.current_page().isVisible()
    assert window.operator_label.text() == "مریم احمدی"
    assert window.connection_label.text() == "متصل"
    assert window.training_label.isVisible()  # the sandbox says it is a training environment
    items = _status_items(window)  # the outbox shows once its first count is read
    assert items[-6:] == ["|", "PK-1001", "|", "مریم احمدی", "|", "آموزشی"], items
    assert "" not in items and items[0] == "متصل"
    assert "آموزشی" in window.windowTitle()
    assert window.visible_page_ids()[0] == "home"
    # the card now names the office this terminal signed in for, for the next operator
    assert "PK-1001" in window.sign_in_page.office_label.text()

    account = f"{window.client.root}|PK-1001|counter1"
    assert keyring_secrets.get_password(SERVICE, account)
    window.sign_out_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=10_000)
    assert keyring_secrets.get_password(SERVICE, account) is None
    assert window.connection_label.text() == "وارد نشده"
    assert _status_items(window) == ["وارد نشده", "|", "آموزشی"]  # the operator's items went with the session


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


def test_no_password_or_token_is_left_in_any_application_folder(make_window, qtbot, shared_sandbox, keyring_secrets):
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
    assert keyring_secrets.get_password(SERVICE, account) is None


# -- the card: messages wrap inside it, its width never changes, operators see no raw address ------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _assert_message_fits_the_card(qtbot, page, expected_text):
    """The whole message is inside the card and its label is tall enough for every wrapped line."""
    from PySide6.QtCore import QRect

    banner = page.error_label
    label = banner.text_label
    # Qt lays out again a pass or two after the text changes; the label must then be tall enough for its lines
    qtbot.waitUntil(lambda: label.heightForWidth(label.width()) <= label.height(), timeout=2_000)
    assert banner.isVisible()
    assert label.text() == expected_text
    assert page.card.width() == CARD_WIDTH
    # an independent measure, from the font, fits too
    lines = label.fontMetrics().boundingRect(
        QRect(0, 0, label.width(), 10_000), Qt.TextFlag.TextWordWrap, expected_text
    )
    assert lines.height() <= label.height()
    # the label lies inside the banner, and the banner inside the card's frame, on both edges
    in_card = QRect(label.mapTo(page.card, label.rect().topLeft()), label.size())
    assert page.card.rect().contains(in_card), (in_card, page.card.rect())
    assert in_card.left() > 0 and in_card.right() < page.card.width() - 1


def test_sign_in_errors_wrap_inside_a_card_that_keeps_its_width(make_window, qtbot, shared_sandbox):
    from client_api.errors import RateLimitedError
    from desktop.messages import error_message
    from desktop.ui.sign_in_page import CARD_WIDTH as width

    assert width <= 1024 - 2 * 40  # the card fits the smallest window with a margin
    window = make_window(shared_sandbox.url)
    window.resize(1024, 640)
    page = window.sign_in_page
    qtbot.waitUntil(lambda: page.card.isVisible())
    before = page.card.geometry()

    # a wrong office code, answered by the real server
    type_credentials(qtbot, window, office="PK-9999")
    page.submit.click()
    qtbot.waitUntil(lambda: page.error_label.isVisible() and not page.busy.isVisible(), timeout=10_000)
    _assert_message_fits_the_card(qtbot, page, "نام کاربری، گذرواژه یا کد دفتر درست نیست.")
    assert page.card.width() == before.width() and page.card.x() == before.x()

    # a lock-out: the longest sentence, through the same path a failed sign-in takes
    locked = RateLimitedError("locked", status=429, retry_after_s=900)
    page._failed(locked)
    _assert_message_fits_the_card(qtbot, page, error_message(locked))
    assert page.error_label.text_label.height() > page.error_label.text_label.fontMetrics().height()  # it wrapped
    assert page.card.width() == before.width() and page.card.x() == before.x()


def test_server_down_message_fits_at_the_smallest_size(make_window, qtbot):
    window = make_window(f"http://127.0.0.1:{_free_port()}")  # nothing listens there
    window.resize(1024, 640)
    page = window.sign_in_page
    qtbot.waitUntil(lambda: page.card.isVisible())
    width_before = page.card.width()
    type_credentials(qtbot, window)
    page.submit.click()
    qtbot.waitUntil(lambda: page.error_label.isVisible(), timeout=15_000)
    _assert_message_fits_the_card(qtbot, page, "اتصال به سامانه شهرداری برقرار نیست. اتصال شبکه را بررسی کنید.")
    assert page.card.width() == width_before


def test_the_card_shows_product_and_version_but_no_raw_address(make_window, shared_sandbox):
    import desktop
    from desktop.messages import localized_digits

    window = make_window(shared_sandbox.url)
    page = window.sign_in_page
    shown = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
    assert "پیشخوان شهرداری" in shown
    assert f"نسخه {localized_digits(desktop.__version__)}" in shown
    assert "سامانه آموزشی" in shown  # the sandbox on this machine, by name
    assert not any("http" in text or "127.0.0.1" in text for text in shown)


def test_a_remote_server_is_named_by_its_host(qapp):
    from desktop.tasks import TaskRunner
    from desktop.ui.sign_in_page import ServerConfig, SignInPage

    tasks = TaskRunner()
    try:
        page = SignInPage(ServerConfig("https://pishkhan.hamedan.ir:8443/base", None, "T-GUI0002"), tasks)
        assert page.server_label.text() == "سامانه: \u2068pishkhan.hamedan.ir\u2069"
        assert page._server_field is None  # the address row is not even made: the server is known
    finally:
        tasks.shutdown()


def test_a_fresh_install_asks_for_the_address_and_keeps_it_once_sign_in_works(qapp, qtbot, shared_sandbox):
    from desktop.tasks import TaskRunner
    from desktop.ui.sign_in_page import ServerConfig, SignInPage

    tasks = TaskRunner()
    page = SignInPage(ServerConfig("", None, "T-GUI0003"), tasks)
    qtbot.addWidget(page)
    page.resize(1024, 640)
    page.show()
    try:
        assert page.server_address.isVisible()
        chosen: list[str] = []
        page.server_chosen.connect(chosen.append)

        page.fill("counter1", "pishkhan-demo", "PK-1001")
        type_text(qtbot, page.server_address, "http://pishkhan.hamedan.ir")  # plain http to another machine
        page.submit.click()
        assert page.server_address.property("invalid") is True
        assert "https" in page.error_label.text()
        assert page.focusWidget() is page.server_address
        assert not page.busy.isVisible() and chosen == []  # refused before anything is sent

        page.server_address.clear()
        type_text(qtbot, page.server_address, shared_sandbox.url)  # the training system on this machine
        assert not page.server_address.property("invalid")
        with qtbot.waitSignal(page.signed_in, timeout=10_000):
            page.submit.click()
        assert chosen == [shared_sandbox.url]
        assert not page.server_address.isVisible()
        assert page.server_label.text() == "سامانه آموزشی"
        assert "PK-1001" in page.office_label.text()
    finally:
        qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
        tasks.shutdown()


def test_a_sign_in_result_never_shows_its_password_verifier():
    """Made from the password typed: a log line or a traceback that shows the result must not show it."""
    verifier = PasswordVerifier.make("correct horse")
    result = SignInResult("client", "operator", "health", None, verifier)
    assert result.verifier is verifier
    assert "verifier" not in repr(result) and "PasswordVerifier" not in repr(result)
    assert repr(result) == "SignInResult(client='client', operator='operator', health='health', keyring_warning=None)"

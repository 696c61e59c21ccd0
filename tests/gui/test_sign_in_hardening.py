"""The sign-in page and the network's hardening, through the real widgets: the warning before the last try, a
crashed run's session ended when the page starts, and a redirect refused and named. Real sandbox, real keyring."""

from __future__ import annotations

import time

import requests

from client_api.token_store import SERVICE
from desktop.tasks import TaskRunner
from desktop.ui.sign_in_page import ServerConfig, SignInPage
from tests.gui.test_sign_in import type_credentials
from tests.integration.redirect_helpers import recording_listener, redirecting_https_server
from tests.integration.session_helpers import crash_after_sign_in


def submit_and_wait(qtbot, page) -> None:
    page.submit.click()
    qtbot.waitUntil(lambda: not page.busy.isVisible() and page.error_label.isVisible(), timeout=15_000)


def test_the_page_warns_before_the_last_try_and_then_says_the_user_is_locked(make_window, qtbot, start_sandbox):
    server = start_sandbox()  # private: the shared demo operators are never locked
    window = make_window(server.url)
    page = window.sign_in_page
    type_credentials(qtbot, window, password="not-the-password")
    for _ in range(3):
        submit_and_wait(qtbot, page)
        assert page.error_label.text() == "نام کاربری، گذرواژه یا کد دفتر درست نیست."
        assert page.error_label.tone() == "error"

    submit_and_wait(qtbot, page)  # the fourth: one try is left
    assert page.error_label.text() == (
        "نام کاربری، گذرواژه یا کد دفتر درست نیست. "
        "هشدار: تنها یک تلاش دیگر مانده است؛ اگر آن هم نادرست باشد، ورود برای ۵ دقیقه بسته می‌شود."
    )
    assert page.error_label.tone() == "warning"
    assert page.password.hasFocus() or not window.isActiveWindow()

    submit_and_wait(qtbot, page)  # the fifth locks
    assert "موقتاً بسته است" in page.error_label.text()
    assert "۵ دقیقه" in page.error_label.text()
    assert page.error_label.tone() == "error"


def test_a_crashed_runs_session_is_revoked_and_wiped_when_the_sign_in_page_starts(
    make_window, qtbot, start_sandbox, keyring_secrets
):
    server = start_sandbox()
    account = crash_after_sign_in(server.url)
    left = keyring_secrets.get_password(SERVICE, account)
    assert left  # the tokens the killed run left in the keyring
    access = left.split('"access": "')[1].split('"')[0]
    root = account.split("|")[0]
    headers = {"Authorization": f"Bearer {access}"}
    assert requests.get(f"{root}/me", headers=headers, timeout=5).status_code == 200

    window = make_window(server.url)  # the next start
    with qtbot.waitSignal(window.sign_in_page.stale_sessions_ended, timeout=15_000) as ended:
        pass
    assert ended.args[0] >= 1
    assert keyring_secrets.get_password(SERVICE, account) is None
    assert requests.get(f"{root}/me", headers=headers, timeout=5).status_code == 401


def test_a_redirect_is_refused_and_named_on_the_sign_in_page(qapp, qtbot, tmp_path):
    tasks = TaskRunner()
    with recording_listener("127.0.0.2") as target, redirecting_https_server(tmp_path, target.url) as api:
        page = SignInPage(ServerConfig(api.url, api.ca_bundle, "T-GUI0002"), tasks)
        qtbot.addWidget(page)
        page.show()
        page.fill("counter1", "canary-Pa55-1b7c", "PK-1001")
        submit_and_wait(qtbot, page)
        time.sleep(0.2)
        assert target.url in page.error_label.text()
        assert page.error_label.text().startswith("سامانه شهرداری این درخواست را به نشانی دیگری")
        assert target.connections == 0
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    tasks.shutdown()


def test_a_lock_of_this_computers_address_is_told_apart_from_a_users(make_window, qtbot, start_sandbox):
    server = start_sandbox("--address-lockout-threshold", "2")
    window = make_window(server.url)
    page = window.sign_in_page
    type_credentials(qtbot, window, username="clerk1", password="Winter2025")
    submit_and_wait(qtbot, page)
    assert "تنها یک تلاش دیگر" in page.error_label.text()  # the address has one try left
    type_credentials(qtbot, window, username="clerk2", password="Winter2025")
    submit_and_wait(qtbot, page)
    assert page.error_label.text() == (
        "به‌دلیل تلاش‌های ناموفق پیاپی از این رایانه، ورود از آن موقتاً بسته است. ۵ دقیقه دیگر دوباره تلاش کنید."
    )
    type_credentials(qtbot, window)  # the right password of a real operator waits too
    submit_and_wait(qtbot, page)
    assert "از این رایانه" in page.error_label.text()
    assert window.stack.currentWidget() is page

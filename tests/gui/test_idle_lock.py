"""The idle lock through the real window against the real sandbox: the window locks after the idle time and shows
nothing of the citizen's data, input keeps it open, the password unlocks (checked by the server online, by the
in-memory verifier offline), wrong passwords are refused and counted by the server's lock-out, the outbox keeps
sending while locked, signing out from the lock page flushes drafts, the session ends after its maximum age, and
neither the password nor its verifier reaches any file or the log."""

from __future__ import annotations

import base64
import datetime as dt
import logging
import secrets
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QMessageBox, QWidget

from client_api import MemoryTokenStore, MunicipalClient
from client_api.errors import RateLimitedError, SessionExpiredError, UnauthorizedError
from client_api.journal import entries_of
from client_api.local_db import profile_db_path
from client_api.outbox import State
from desktop.app import configure_logging
from desktop.idle_lock import DEFAULT_IDLE_MINUTES, OFFLINE, SERVER, IdleTimer, PasswordVerifier, idle_minutes
from desktop.paths import app_dirs
from desktop.settings import load_settings
from desktop.ui.lock_screen import MAX_UNLOCK_FAILURES
from sandbox.city import DEMO_PARCEL
from sandbox.passwords import hash_password

DEMO_PASSWORD = "pishkhan-demo"


def sign_in(qtbot, window, username="counter1", office="PK-1001", password=DEMO_PASSWORD):
    window.sign_in_page.fill(username, password, office)
    window.sign_in_page.submit_form()
    qtbot.waitUntil(lambda: window.session is not None, timeout=15_000)
    qtbot.waitUntil(lambda: window.outbox.last is not None, timeout=15_000)


def quick_lock(window, idle_s: float = 0.3) -> None:
    window.screen_lock.timer.set_test_timing(idle_s=idle_s, tick_ms=40)


def wait_locked(qtbot, window, timeout: int = 5_000) -> None:
    qtbot.waitUntil(lambda: window.screen_lock.locked, timeout=timeout)


def type_password(qtbot, window, password: str) -> None:
    field = window.screen_lock.page.password
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, password)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter unlocks


def wait_answer(qtbot, window) -> None:
    page = window.screen_lock.page
    qtbot.waitUntil(lambda: not page.busy.isVisible(), timeout=15_000)


def visible_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isVisible() and isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
    return texts


def set_password(sandbox, username: str, password: str) -> None:
    """Give a sandbox operator a password of the test's own (the canary)."""
    conn = sqlite3.connect(Path(sandbox.data_dir) / "sandbox.sqlite3", timeout=10)
    with conn:
        conn.execute("UPDATE operators SET password_hash = ? WHERE username = ?", (hash_password(password), username))
    conn.close()


def central_grab(window):
    rect = QRect(window.centralWidget().mapTo(window, QPoint(0, 0)), window.centralWidget().size())
    return window.grab(rect).toImage()


# -- locking ----------------------------------------------------------------------------------------------------


def test_the_idle_window_locks_and_no_page_can_be_seen_or_grabbed(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window)
    parcel_page = window.show_page("parcel", renovation_code=DEMO_PARCEL)
    qtbot.waitUntil(lambda: parcel_page.parcel is not None, timeout=15_000)
    owner = parcel_page.parcel.owners[0].name
    qtbot.waitUntil(lambda: any(owner in text for text in visible_texts(window)), timeout=5_000)
    unlocked_image = central_grab(window)

    quick_lock(window)
    wait_locked(qtbot, window)
    lock_page = window.screen_lock.page
    assert window.stack.currentWidget() is lock_page and lock_page.isVisible()
    for hidden in (window.workspace, window.nav, window.pages, parcel_page, window.sign_out_button):
        assert not hidden.isVisible(), hidden.objectName()
        assert hidden.visibleRegion().isEmpty(), hidden.objectName()
    assert not any(owner in text for text in visible_texts(window))
    assert window.session.operator.display_name in lock_page.operator_label.text()
    assert lock_page.password.hasFocus()
    # what the window paints is the lock page: it differs from the page it hid, and stays the same whatever the
    # hidden pages do behind it
    flash = QApplication.cursorFlashTime()
    QApplication.setCursorFlashTime(0)  # a steady text cursor in the password field: the same pixels each grab
    try:
        qtbot.wait(50)
        locked_image = central_grab(window)
        assert locked_image != unlocked_image
        assert window.show_page("fees") is not None  # a page changes behind the lock…
        qtbot.wait(50)
        changed = central_grab(window)
        card_rect = QRect(lock_page.card.mapTo(window.centralWidget(), QPoint(0, 0)), lock_page.card.size())
        card_alone = lock_page.card.grab().toImage()
    finally:
        QApplication.setCursorFlashTime(flash)
    assert changed == locked_image  # …and nothing of it shows
    # what the window shows is the lock card, pixel for pixel, on a plain background: nothing else
    inner = QRect(10, 10, card_rect.width() - 20, card_rect.height() - 20)  # inside the rounded corners
    in_window = locked_image.copy(card_rect).copy(inner)
    assert in_window == card_alone.convertToFormat(locked_image.format()).copy(inner)
    background = {
        locked_image.pixel(x, y)
        for y in range(0, locked_image.height(), 4)
        for x in range(0, locked_image.width(), 4)
        if not card_rect.contains(x, y)
    }
    assert len(background) == 1
    assert not window.page("fees").isVisible()
    # the page in front before the lock is in front again after it, with its data
    window.show_page("parcel")
    type_password(qtbot, window, DEMO_PASSWORD)
    qtbot.waitUntil(lambda: not window.screen_lock.locked, timeout=15_000)
    assert window.stack.currentWidget() is window.workspace and parcel_page.isVisible()
    assert any(owner in text for text in visible_texts(window))


def test_input_keeps_the_window_open_and_a_moving_mouse_does_not(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window)
    quick_lock(window, idle_s=0.8)
    for _ in range(15):  # 3 s of typing, a key every 0.2 s: longer than the idle time three times over
        qtbot.keyClick(window.nav, Qt.Key.Key_Shift)
        qtbot.wait(200)
        assert not window.screen_lock.locked
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    assert not window.screen_lock.locked
    for step in range(8):  # only moves: not the operator at work
        qtbot.mouseMove(window.nav.viewport(), QPoint(10 + step * 5, 20))
        qtbot.wait(100)
    wait_locked(qtbot, window, timeout=3_000)


def test_the_idle_time_comes_from_the_settings_and_is_at_least_a_minute(qapp, tmp_path):
    settings = load_settings(tmp_path)
    assert settings.idle_lock_minutes == DEFAULT_IDLE_MINUTES == 5
    timer = IdleTimer(lambda: settings.idle_lock_minutes)
    assert timer.idle_seconds == 300
    settings.idle_lock_minutes = 0  # not allowed below 1
    assert timer.idle_seconds == 60
    settings.idle_lock_minutes = 12
    assert timer.idle_seconds == 720  # a change counts at once
    assert [idle_minutes(v) for v in (0, -3, 1, 60, 61, True, "7", None)] == [1, 1, 1, 60, 60, 5, 5, 5]


def test_the_settings_page_saves_the_idle_time(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window)
    page = window.show_page("settings")
    assert page.idle_lock_minutes.minimum() == 1
    page.idle_lock_minutes.setValue(9)
    assert page.has_unsaved_changes()
    page.save()
    qtbot.waitUntil(lambda: not page.has_unsaved_changes(), timeout=10_000)
    assert window.session.settings.idle_lock_minutes == 9
    assert load_settings(window.session.config_dir).idle_lock_minutes == 9
    assert window.screen_lock.timer.idle_seconds == 540
    page.idle_lock_minutes.setValue(5)
    page.save()
    qtbot.waitUntil(lambda: not page.has_unsaved_changes(), timeout=10_000)


# -- unlocking --------------------------------------------------------------------------------------------------


def test_the_right_password_unlocks_through_the_server(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window)
    notes = window.show_page("notes")
    notes.editor.setFocus()
    window.screen_lock.lock()
    page = window.screen_lock.page
    # Tab order on the lock page: password → unlock → sign out
    page.password.setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [page.unlock_button, page.sign_out_button, page.password]
    # the workspace's keys reach nothing behind the lock
    keys = (("2", Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))
    for key, modifier in keys:
        qtbot.keyClick(page.password, key, modifier)
        assert window.screen_lock.locked and window.current_page() is notes and not notes.isVisible()
    with qtbot.waitSignal(page.unlocked, timeout=15_000) as unlocked:
        type_password(qtbot, window, DEMO_PASSWORD)
    assert unlocked.args == [SERVER]
    assert not window.screen_lock.locked and window.current_page() is notes
    assert notes.editor.hasFocus()  # back where the operator was
    assert page.password.text() == ""


def test_a_wrong_password_is_refused_and_counts_toward_the_servers_lock_out(make_window, qtbot, start_sandbox):
    server = start_sandbox()
    window = make_window(server.url)
    sign_in(qtbot, window)
    window.screen_lock.lock()
    page = window.screen_lock.page
    type_password(qtbot, window, "not-the-password")
    wait_answer(qtbot, window)
    assert window.screen_lock.locked
    assert "گذرواژه درست نیست" in page.banner.text_label.text()
    assert page.failures == 1 and page.password.hasFocus()
    # an empty password is not a try
    page.password.clear()
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert page.failures == 1 and window.screen_lock.locked
    # the server counted it: a right password still unlocks, and clears the count
    with qtbot.waitSignal(page.unlocked, timeout=15_000):
        type_password(qtbot, window, DEMO_PASSWORD)
    # locked again, the wrong tries go on until the session ends, and the server has locked the username
    window.screen_lock.lock()
    for attempt in range(1, MAX_UNLOCK_FAILURES):
        type_password(qtbot, window, f"wrong-{attempt}")
        wait_answer(qtbot, window)
        assert window.screen_lock.locked and page.failures == attempt
    type_password(qtbot, window, "wrong-last")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=15_000)
    assert window.session is None and window.nav.count() == 0
    assert window.sign_in_page.error_label.isVisible()
    other = MunicipalClient(server.url, MemoryTokenStore())
    with pytest.raises(RateLimitedError):
        other.sign_in("counter1", DEMO_PASSWORD, "PK-1001", "T-OTHER01")


def test_the_lock_page_warns_when_the_server_will_lock_the_username_sooner(make_window, qtbot, start_sandbox):
    server = start_sandbox()
    window = make_window(server.url)
    sign_in(qtbot, window)
    other = MunicipalClient(server.url, MemoryTokenStore())
    for _ in range(3):  # someone mistyped at another desk: the server has 3 of its 5 failures already
        with pytest.raises(UnauthorizedError):
            other.sign_in("counter1", "mistyped", "PK-1001", "T-OTHER02")
    window.screen_lock.lock()
    page = window.screen_lock.page
    type_password(qtbot, window, "not-the-password")
    wait_answer(qtbot, window)
    text = page.banner.text_label.text()
    assert "۱ بار دیگر" in text and "بسته می‌شود" in text, text  # the server's last try, not the local four


def test_a_dialog_open_at_the_lock_is_cancelled(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window)
    settings = window.show_page("settings")
    settings.idle_lock_minutes.setValue(7)  # unsaved: leaving the page asks first
    boxes = []

    def lock_while_asking():
        boxes.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        window.screen_lock.lock()

    QTimer.singleShot(300, lock_while_asking)
    assert window.show_page("home") is None  # the question was open, the lock cancelled it: the operator stays
    assert boxes and not any(box.isVisible() for box in boxes)
    assert window.screen_lock.locked and window.current_page() is settings and not settings.isVisible()
    with qtbot.waitSignal(window.screen_lock.page.unlocked, timeout=15_000):
        type_password(qtbot, window, DEMO_PASSWORD)
    assert settings.isVisible() and settings.has_unsaved_changes()  # nothing was lost
    settings.discard_changes()


def test_reauthenticate_at_the_api(start_sandbox):
    server = start_sandbox()
    client = MunicipalClient(server.url, MemoryTokenStore())
    client.sign_in("counter1", DEMO_PASSWORD, "PK-1001", "T-API00001")
    client.reauthenticate(DEMO_PASSWORD)  # 204
    with pytest.raises(UnauthorizedError) as wrong:
        client.reauthenticate("nope")
    assert not isinstance(wrong.value, SessionExpiredError)
    assert wrong.value.problem["type"].endswith("/invalid-credentials")
    assert client.signed_in  # a wrong password does not end the session
    client.logout()
    with pytest.raises(SessionExpiredError):
        client.reauthenticate(DEMO_PASSWORD)


def test_offline_the_verifier_unlocks_and_refuses(make_window, qtbot, start_sandbox):
    server = start_sandbox()
    window = make_window(server.url)
    sign_in(qtbot, window)
    assert isinstance(window.session.password_verifier, PasswordVerifier)
    window.screen_lock.lock()
    server.stop()
    page = window.screen_lock.page
    type_password(qtbot, window, "not-the-password")
    wait_answer(qtbot, window)
    assert window.screen_lock.locked and page.failures == 1
    assert "گذرواژه درست نیست" in page.banner.text_label.text()
    with qtbot.waitSignal(page.unlocked, timeout=15_000) as unlocked:
        type_password(qtbot, window, DEMO_PASSWORD)
    assert unlocked.args == [OFFLINE]
    assert not window.screen_lock.locked and window.workspace.isVisible()


def journal_kinds(window) -> list[tuple[int, str, dict]]:
    """The operator's journal as written on disk: (sequence, kind, details)."""
    operator = window.session.operator
    path = profile_db_path(app_dirs().data, operator.office.code, operator.username)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    conn.row_factory = sqlite3.Row
    try:
        return [(entry.sequence, entry.kind, dict(entry.details)) for entry in entries_of(conn)]
    finally:
        conn.close()


def test_lock_unlock_and_a_refused_password_go_to_the_journal(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window, "notary1", "NT-0042")
    qtbot.waitUntil(lambda: any(kind == "sign-in" for _, kind, _ in journal_kinds(window)), timeout=10_000)
    before = journal_kinds(window)[-1][0]
    window.screen_lock.lock()
    page = window.screen_lock.page
    page.password.setText(DEMO_PASSWORD + "-wrong")
    page.unlock()
    wait_answer(qtbot, window)
    with qtbot.waitSignal(page.unlocked, timeout=15_000):
        type_password(qtbot, window, DEMO_PASSWORD)

    def written():
        return [(kind, details) for sequence, kind, details in journal_kinds(window) if sequence > before]

    qtbot.waitUntil(lambda: len(written()) >= 3, timeout=10_000)
    kinds = [kind for kind, _ in written()]
    assert kinds[:3] == ["lock", "unlock-failed", "unlock"]
    assert written()[1][1]["reason"] == "wrong-password" and written()[2][1]["checked_by"] == SERVER


# -- what goes on behind the lock, and how the session ends -------------------------------------------------------


def test_the_outbox_keeps_sending_while_locked(make_window, qtbot, start_sandbox):
    server = start_sandbox("--faults", "latency=1:1500")  # every change takes 1.5 s to be answered
    window = make_window(server.url)
    sign_in(qtbot, window)
    notes = window.show_page("notes")
    qtbot.waitUntil(lambda: notes.ready, timeout=10_000)
    notes.editor.setPlainText("یادداشتی که پشت قفل فرستاده می‌شود")
    notes.ask_to_confirm()
    settled = []
    window.outbox.action_settled.connect(settled.append)
    notes.confirm()
    window.screen_lock.lock()  # confirmed, not yet delivered
    assert settled == []
    qtbot.waitUntil(lambda: bool(settled), timeout=20_000)
    assert settled[0].state == State.DONE
    assert window.screen_lock.locked  # delivered while the window stayed locked
    client = MunicipalClient(server.url, MemoryTokenStore())
    client.sign_in("counter1", DEMO_PASSWORD, "PK-1001", "T-CHECK001")
    assert any(note.text == "یادداشتی که پشت قفل فرستاده می‌شود" for note in client.list_notes())


def test_signing_out_from_the_lock_page_keeps_the_draft(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window, "notary1", "NT-0042")
    notes = window.show_page("notes")
    qtbot.waitUntil(lambda: notes.ready, timeout=10_000)
    draft = "پیش‌نویسی که نباید گم شود"
    notes.editor.setFocus()
    notes.editor.setPlainText(draft)
    assert notes._autosave.isActive()  # typed, and not saved yet: the sign-out must flush it
    window.screen_lock.lock()
    page = window.screen_lock.page
    page.sign_out_button.setFocus()
    qtbot.keyClick(page.sign_out_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=15_000)
    assert window.session is None and not window.screen_lock.locked
    assert page.operator_label.text() == "" and page.password.text() == ""
    sign_in(qtbot, window, "notary1", "NT-0042")
    notes = window.show_page("notes")
    qtbot.waitUntil(lambda: notes.editor.toPlainText() == draft, timeout=10_000)
    notes.editor.clear()
    notes.save_draft_now()
    window.sign_out(ask=False)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=15_000)


@pytest.mark.parametrize("locked", [False, True], ids=["open", "locked"])
def test_the_session_ends_at_its_maximum_age(make_window, qtbot, shared_sandbox, locked):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window)
    timer = window.screen_lock.timer
    assert timer.max_age == dt.timedelta(hours=12)
    if locked:
        window.screen_lock.lock()
    timer.set_test_timing(max_age=dt.timedelta(seconds=1), tick_ms=40)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=15_000)
    assert window.session is None and not window.screen_lock.locked
    assert window.sign_in_page.error_label.isVisible()
    assert "۱۲ ساعت" in window.sign_in_page.error_label.text_label.text()


# -- the password stays in memory ---------------------------------------------------------------------------------


def test_neither_the_password_nor_its_verifier_reaches_a_file_or_the_log(make_window, qtbot, start_sandbox):
    dirs = app_dirs()
    log_handler = configure_logging(dirs.log)
    try:
        _search_for_the_canary(make_window, qtbot, start_sandbox, dirs)
    finally:
        logging.getLogger().removeHandler(log_handler)
        log_handler.close()


def _search_for_the_canary(make_window, qtbot, start_sandbox, dirs):
    canary = "Canary-" + base64.b32encode(secrets.token_bytes(10)).decode("ascii")
    server = start_sandbox()
    set_password(server, "counter1", canary)
    window = make_window(server.url)
    sign_in(qtbot, window, password=canary)
    salt, digest = window.session.password_verifier.memory_bytes()
    assert canary not in repr(window.session)
    assert repr(window.session.password_verifier) == "PasswordVerifier(<in memory>)"
    window.show_page("notes")
    window.screen_lock.lock()
    type_password(qtbot, window, canary + "x")  # refused: the typed text must not be kept either
    wait_answer(qtbot, window)
    type_password(qtbot, window, canary)
    qtbot.waitUntil(lambda: not window.screen_lock.locked, timeout=15_000)
    window.screen_lock.lock()
    server.stop()
    type_password(qtbot, window, canary)  # offline, by the verifier
    qtbot.waitUntil(lambda: not window.screen_lock.locked, timeout=15_000)
    window.sign_out(ask=False)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=15_000)
    for handler in logging.getLogger().handlers:
        handler.flush()

    needles = {
        "password": canary.encode("utf-8"),
        "password utf-16": canary.encode("utf-16-le"),
        "salt": salt,
        "digest": digest,
        "digest hex": digest.hex().encode("ascii"),
        "digest base64": base64.b64encode(digest),
        "salt base64": base64.b64encode(salt),
    }
    searched = 0
    hits = []
    for folder in dirs.all():
        for path in Path(folder).rglob("*"):
            if not path.is_file():
                continue
            searched += 1
            content = path.read_bytes()
            hits += [f"{name} in {path}" for name, needle in needles.items() if needle in content]
    assert searched > 0 and (dirs.log / "pishkhan.log").is_file()
    assert hits == []

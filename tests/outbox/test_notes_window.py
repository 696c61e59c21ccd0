"""The hand-over note in the whole window, against the real sandbox: a blank note, the draft across windows and
across sign-out, and a session that ends on the server while a note is confirmed."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop.app import apply_language, create_application
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig

WAIT_MS = 15_000


def type_text(qtbot, widget, text: str) -> None:
    """As a keyboard does (Persian letters go in as key events carrying their text)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def sign_in(qtbot, window: MainWindow):
    window.sign_in_page.fill("counter1", "pishkhan-demo", "PK-1001")
    window.sign_in_page.submit_form()
    qtbot.waitUntil(lambda: window.session is not None, timeout=WAIT_MS)
    page = window.show_page("notes")
    qtbot.waitUntil(lambda: page.ready, timeout=WAIT_MS)
    return page


@pytest.fixture
def desk(qapp, qtbot, tmp_path, secure_keyring):
    """desk(url) → a signed-in main window on the notes page, whose local database lives in this test's folder."""
    create_application("fa")
    apply_language(qapp, "fa")
    made: list[tuple[MainWindow, TaskRunner]] = []

    def open_window(url: str) -> tuple[MainWindow, object]:
        tasks = TaskRunner()
        window = MainWindow(
            ServerConfig(url, None, "T-GUI0101"),
            tasks,
            local_data_dir=tmp_path / "data",
            config_dir=tmp_path / "config",
        )
        qtbot.addWidget(window)
        made.append((window, tasks))
        window.show()
        return window, sign_in(qtbot, window)

    yield open_window
    for window, tasks in made:
        window.close()
        qtbot.waitUntil(lambda tasks=tasks, window=window: not tasks.busy and not window.outbox.busy, timeout=WAIT_MS)
        tasks.shutdown()
    made.clear()
    gc.collect()  # Qt objects in garbage cycles are freed here, on the UI thread, not by a collection on a worker


def test_a_blank_note_is_refused_before_anything_is_recorded(desk, sandbox, qtbot):
    _, page = desk(sandbox().url)
    type_text(qtbot, page.editor, "   ")
    page.submit_button.click()
    assert not page.confirm_bar.isVisible()
    assert page.error_label.text() == "متن یادداشت خالی است؛ چیزی بنویسید."


def test_the_draft_is_autosaved_and_restored_after_the_window_is_gone(desk, sandbox, qtbot):
    server = sandbox()
    first, page = desk(server.url)
    type_text(qtbot, page.editor, "نیمه‌کاره")
    qtbot.waitUntil(lambda: "ذخیره شد" in page.draft_status.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not first.outbox.busy, timeout=WAIT_MS)  # on disk now; the window may die any moment
    first.close()  # one window per operator profile: the next one opens once this one has let the profile go
    qtbot.waitUntil(lambda: not first.outbox.busy, timeout=WAIT_MS)
    _, again = desk(server.url)
    qtbot.waitUntil(lambda: again.editor.toPlainText() == "نیمه‌کاره", timeout=WAIT_MS)
    assert again.draft_status.text() == "پیش‌نویس ذخیره‌شده بازیابی شد."


def test_what_was_typed_just_before_sign_out_is_in_the_draft_at_the_next_sign_in(desk, sandbox, qtbot):
    window, page = desk(sandbox().url)
    type_text(qtbot, page.editor, "تا لحظه خروج")
    window.sign_out(ask=False)  # before the autosave's pause has passed: session_ending flushes it
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=WAIT_MS)
    page = sign_in(qtbot, window)
    qtbot.waitUntil(lambda: page.editor.toPlainText() == "تا لحظه خروج", timeout=WAIT_MS)


def test_when_the_session_ends_the_operator_is_sent_to_sign_in_and_the_note_waits(desk, sandbox, qtbot):
    server = sandbox(access_ttl_s=1, refresh_ttl_s=2)
    window, page = desk(server.url)
    qtbot.wait(2500)  # the session is over on the server: access and refresh tokens both expired
    type_text(qtbot, page.editor, "پس از پایان نشست")
    page.submit_button.click()
    page.confirm_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=WAIT_MS)
    assert window.sign_in_page.error_label.text() == "نشست کاری شما پایان یافته است. لطفاً دوباره وارد شوید."
    assert window.connection_label.text() == "وارد نشده"
    assert server.note_texts() == []
    sign_in(qtbot, window)  # signing in again sends what waited, once
    qtbot.waitUntil(lambda: server.note_texts() == ["پس از پایان نشست"], timeout=WAIT_MS)

"""The outbox through the real widgets: a hand-over note, its draft, the outbox page and the status bar."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop.app import apply_language, create_application
from desktop.outbox import IN_DOUBT_TAB, QUEUED_TAB
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


@pytest.fixture
def desk(qapp, qtbot, tmp_path, secure_keyring):
    """desk(url) → a signed-in main window whose local database lives in this test's folder."""
    create_application("fa")
    apply_language(qapp, "fa")
    made: list[tuple[MainWindow, TaskRunner]] = []

    def open_window(url: str) -> MainWindow:
        tasks = TaskRunner()
        window = MainWindow(ServerConfig(url, None, "T-GUI0101"), tasks, local_data_dir=tmp_path / "data")
        qtbot.addWidget(window)
        made.append((window, tasks))
        window.show()
        window.sign_in_page.fill("counter1", "pishkhan-demo", "PK-1001")
        window.sign_in_page.submit_form()
        qtbot.waitUntil(lambda: window.notes_page.ready, timeout=WAIT_MS)
        window.nav.setCurrentRow(window.pages.indexOf(window.notes_page))
        return window

    yield open_window
    for window, tasks in made:
        window.close()
        qtbot.waitUntil(lambda tasks=tasks, window=window: not tasks.busy and not window.outbox.busy, timeout=WAIT_MS)
        tasks.shutdown()
    made.clear()
    gc.collect()  # Qt objects in garbage cycles are freed here, on the UI thread, not by a collection on a worker


def confirm_note(qtbot, window: MainWindow, text: str) -> None:
    page = window.notes_page
    type_text(qtbot, page.editor, text)
    page.submit.click()
    assert page.confirm_bar.isVisible()
    page.confirm_button.click()
    qtbot.waitUntil(lambda: page.result_label.isVisible(), timeout=WAIT_MS)
    assert page.editor.toPlainText() == ""


def test_a_confirmed_note_is_sent_once_and_listed_as_done_today(desk, sandbox, qtbot):
    server = sandbox()
    window = desk(server.url)
    confirm_note(qtbot, window, "پرونده ۱۲ فردا تحویل شود")
    qtbot.waitUntil(lambda: window.outbox.last is not None and window.outbox.last.done_today == 1, timeout=WAIT_MS)
    assert window.outbox_label.text() == "در انتظار ارسال: ۰"
    assert window.outbox_page.tabs.tabText(3) == "انجام‌شده امروز (۱)"
    window.outbox_page.select_tab("done_today")
    assert window.outbox_page.table.item(0, 2).text() == "پرونده ۱۲ فردا تحویل شود"
    assert server.note_texts() == ["پرونده 12 فردا تحویل شود"]  # digits normalised before sending
    assert list(server.ledger().values()) == [1]
    qtbot.waitUntil(lambda: window.notes_page.recent.count() == 1, timeout=WAIT_MS)


def test_a_blank_note_is_refused_before_anything_is_recorded(desk, sandbox, qtbot):
    window = desk(sandbox().url)
    page = window.notes_page
    type_text(qtbot, page.editor, "   ")
    page.submit.click()
    assert not page.confirm_bar.isVisible()
    assert page.error_label.text() == "متن یادداشت خالی است؛ چیزی بنویسید."


def test_the_draft_is_autosaved_and_restored_after_the_window_is_gone(desk, sandbox, qtbot):
    server = sandbox()
    first = desk(server.url)
    type_text(qtbot, first.notes_page.editor, "نیمه‌کاره")
    qtbot.waitUntil(lambda: "ذخیره شد" in first.notes_page.draft_status.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not first.outbox.busy, timeout=WAIT_MS)  # on disk now; the window may die any moment
    second = desk(server.url)
    qtbot.waitUntil(lambda: second.notes_page.editor.toPlainText() == "نیمه‌کاره", timeout=WAIT_MS)
    assert second.notes_page.draft_status.text() == "پیش‌نویس ذخیره‌شده بازیابی شد."


def test_offline_the_note_waits_safely_and_goes_when_the_server_is_back(desk, sandbox, qtbot):
    server = sandbox()
    window = desk(server.url)
    server.stop()
    confirm_note(qtbot, window, "در قطعی نوشته شد")
    qtbot.waitUntil(lambda: window.connection_label.text() == "قطع ارتباط", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.outbox_label.text() == "در انتظار ارسال: ۱", timeout=WAIT_MS)
    page = window.outbox_page
    assert page.current_tab == QUEUED_TAB
    qtbot.waitUntil(lambda: "سامانه در دسترس نبود" in page.table.item(0, 5).text(), timeout=WAIT_MS)
    assert page.table.item(0, 5).text().startswith("در صف ارسال — ")  # queued: it never reached the server
    assert not page.offline_banner.isHidden()
    server.start()
    page.retry_button.click()
    qtbot.waitUntil(lambda: window.outbox_label.text() == "در انتظار ارسال: ۰", timeout=WAIT_MS)
    assert window.connection_label.text() == "متصل"
    assert list(server.ledger().values()) == [1]


def test_in_doubt_is_shown_plainly_and_never_reversed(desk, sandbox, qtbot):
    server = sandbox("reset-mid-body=1")  # every answer is cut: applied, but the desk cannot know
    window = desk(server.url)
    confirm_note(qtbot, window, "نتیجه نامعلوم")
    qtbot.waitUntil(lambda: window.outbox.last is not None and window.outbox.last.counts.in_doubt == 1, timeout=WAIT_MS)
    assert window.outbox_label.text() == "در انتظار ارسال: ۱ — نامعلوم: ۱"
    page = window.outbox_page
    assert not page.doubt_banner.isHidden() and "از نو انجام ندهید" in page.doubt_banner.text()
    page.select_tab(IN_DOUBT_TAB)
    assert page.table.item(0, 5).text().startswith("نامعلوم — ")
    assert list(server.ledger().values()) == [1]  # it was applied, once
    server.restart()  # the network heals; the same key gets the stored answer
    page.retry_button.click()
    qtbot.waitUntil(lambda: window.outbox.last.counts.waiting == 0, timeout=WAIT_MS)
    assert not not page.doubt_banner.isHidden()
    assert list(server.ledger().values()) == [1]
    assert server.note_texts() == ["نتیجه نامعلوم"]


def test_when_the_session_ends_the_operator_is_sent_to_sign_in_and_the_note_waits(desk, sandbox, qtbot):
    server = sandbox(access_ttl_s=1, refresh_ttl_s=2)
    window = desk(server.url)
    qtbot.wait(2500)  # the session is over on the server: access and refresh tokens both expired
    page = window.notes_page
    type_text(qtbot, page.editor, "پس از پایان نشست")
    page.submit.click()
    page.confirm_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=WAIT_MS)
    assert window.sign_in_page.error_label.text() == "نشست کاری شما پایان یافته است. لطفاً دوباره وارد شوید."
    assert window.connection_label.text() == "وارد نشده"
    assert server.note_texts() == []
    window.sign_in_page.fill("counter1", "pishkhan-demo", "PK-1001")
    window.sign_in_page.submit_form()  # signing in again sends what waited, once
    qtbot.waitUntil(lambda: server.note_texts() == ["پس از پایان نشست"], timeout=WAIT_MS)

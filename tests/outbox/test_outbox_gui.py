"""The outbox page on its own, through real widgets, a real signed-in session and a real sandbox: counts from the
shared snapshot, rows only for the tab on screen, a page at a time."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from client_api.actions import note_action
from client_api.outbox import OutboxEntry
from desktop.outbox import DONE_TODAY_TAB, IN_DOUBT_TAB, QUEUED_TAB, REJECTED_TAB, TABS, OutboxSnapshot
from desktop.outbox_messages import outbox_state_name
from desktop.session import Session
from desktop.ui.outbox_page import OutboxPage
from desktop.widgets.lists import ListState
from tests.gui.conftest import make_session  # noqa: F401 (a fixture: a real sign-in and the operator's own outbox)

WAIT_MS = 15_000
REASON = 5  # the column «وضعیت و علت»
SUMMARY = 2
OTHER_TABS = ("در انتظار پاسخ شهرداری", "ردشده", "انجام‌شده امروز")


@pytest.fixture
def outbox_page(qtbot, make_session):  # noqa: F811
    """outbox_page(url) → (session, page): the page made for a signed-in counter operator, shown."""

    def make(url: str) -> tuple[Session, OutboxPage]:
        session = make_session(url)
        page = OutboxPage(session)
        qtbot.addWidget(page)
        page.resize(1024, 640)
        page.show()
        return session, page

    return make


def confirm(qtbot, session: Session, text: str) -> OutboxEntry:
    queued: list[OutboxEntry] = []
    session.outbox.confirm(note_action(text), queued.append, pytest.fail)
    qtbot.waitUntil(lambda: bool(queued), timeout=WAIT_MS)
    return queued[0]


def cell(page: OutboxPage, row: int, column: int) -> str:
    return str(page.table.model().index(row, column).data() or "")


def loaded(page: OutboxPage) -> bool:
    return page.model.state is ListState.READY


def test_the_snapshot_carries_counts_and_no_rows():
    assert [f.name for f in dataclasses.fields(OutboxSnapshot)] == ["counts", "done_today", "defects", "tabs"]


def test_a_confirmed_note_is_sent_once_and_listed_as_done_today(outbox_page, sandbox, qtbot):
    server = sandbox()
    session, page = outbox_page(server.url)
    confirm(qtbot, session, "پرونده 12 فردا تحویل شود")
    qtbot.waitUntil(lambda: session.outbox.last is not None and session.outbox.last.done_today == 1, timeout=WAIT_MS)
    assert page.tabs.tabText(3) == "انجام‌شده امروز (۱)"
    assert session.outbox.last.tabs == {QUEUED_TAB: 0, IN_DOUBT_TAB: 0, REJECTED_TAB: 0, DONE_TODAY_TAB: 1}
    page.select_tab(DONE_TODAY_TAB)
    assert page.current_tab == DONE_TODAY_TAB
    qtbot.waitUntil(lambda: loaded(page) and page.model.rowCount() == 1, timeout=WAIT_MS)
    assert cell(page, 0, SUMMARY) == "پرونده ۱۲ فردا تحویل شود"  # the operator's digits
    assert not page.retry_button.isEnabled()  # nothing waits: nothing to retry
    assert list(server.ledger().values()) == [1]


def test_offline_the_note_waits_safely_and_goes_when_the_server_is_back(outbox_page, sandbox, qtbot):
    server = sandbox()
    session, page = outbox_page(server.url)
    server.stop()
    confirm(qtbot, session, "در قطعی نوشته شد")
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "در صف (۱)", timeout=WAIT_MS)
    assert page.current_tab == QUEUED_TAB
    qtbot.waitUntil(lambda: "سامانه در دسترس نبود" in cell(page, 0, REASON), timeout=WAIT_MS)
    assert cell(page, 0, REASON).startswith(outbox_state_name("queued") + " — ")  # it never reached the server
    qtbot.waitUntil(lambda: not page.offline_banner.isHidden(), timeout=WAIT_MS)
    assert page.retry_button.isEnabled()
    server.start()
    page.retry_button.click()
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "در صف (۰)", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: loaded(page) and page.model.rowCount() == 0, timeout=WAIT_MS)
    assert page.list_view.status_label.text() == "کاری در صف نیست."
    assert list(server.ledger().values()) == [1]


def test_waiting_for_the_answer_is_shown_plainly_and_never_reversed(outbox_page, sandbox, qtbot):
    server = sandbox("reset-mid-body=1")  # every answer is cut: applied, but the desk cannot know
    session, page = outbox_page(server.url)
    confirm(qtbot, session, "نتیجه نامعلوم")
    qtbot.waitUntil(
        lambda: session.outbox.last is not None and session.outbox.last.counts.in_doubt == 1, timeout=WAIT_MS
    )
    assert session.outbox.last.counts.in_doubt == 1  # the tab is not «نامعلوم»: words an operator understands
    assert not page.doubt_banner.isHidden() and "از نو انجام ندهید" in page.doubt_banner.text()
    page.open_with(tab=IN_DOUBT_TAB)
    assert page.current_tab == IN_DOUBT_TAB
    qtbot.waitUntil(lambda: loaded(page) and page.model.rowCount() == 1, timeout=WAIT_MS)
    assert cell(page, 0, REASON).startswith(outbox_state_name("in_doubt") + " — ")
    assert list(server.ledger().values()) == [1]  # it was applied, once
    server.restart()  # the network heals; the same key gets the stored answer
    page.retry_button.click()
    qtbot.waitUntil(lambda: session.outbox.last.counts.waiting == 0, timeout=WAIT_MS)
    assert page.doubt_banner.isHidden()
    qtbot.waitUntil(lambda: loaded(page) and page.model.rowCount() == 0, timeout=WAIT_MS)
    assert list(server.ledger().values()) == [1]
    assert server.note_texts() == ["نتیجه نامعلوم"]


def test_a_rejected_note_is_listed_with_the_servers_reason(outbox_page, sandbox, qtbot):
    server = sandbox()
    session, page = outbox_page(server.url)
    confirm(qtbot, session, "ی" * 2001)  # longer than the server takes
    qtbot.waitUntil(lambda: page.tabs.tabText(2) == "ردشده (۱)", timeout=WAIT_MS)
    page.open_with(tab=REJECTED_TAB)
    qtbot.waitUntil(lambda: loaded(page) and page.model.rowCount() == 1, timeout=WAIT_MS)
    assert cell(page, 0, REASON).startswith(outbox_state_name("rejected") + " — ")
    page.open_with(tab="no-such-tab")  # a link with a wrong tab leaves the page as it is
    assert page.current_tab == REJECTED_TAB


def test_many_actions_are_paged_newest_first_and_a_row_shows_its_tracking_id(outbox_page, sandbox, qtbot):
    server = sandbox()
    session, page = outbox_page(server.url)
    server.stop()  # they all wait
    entries: list[OutboxEntry] = []
    for n in range(1, 121):  # recorded in this order by the outbox's one database thread
        session.outbox.confirm(note_action(f"یادداشت {n}"), entries.append, pytest.fail)
    qtbot.waitUntil(lambda: len(entries) == 120, timeout=WAIT_MS * 4)
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "در صف (۱۲۰)", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: loaded(page) and page.model.total == 120, timeout=WAIT_MS)
    assert page.model.rowCount() == 50 and page.list_view.page_label.text() == "صفحه ۱ از ۳"
    assert cell(page, 0, SUMMARY) == "یادداشت ۱۲۰"
    page.list_view.next_button.click()
    qtbot.waitUntil(lambda: loaded(page) and page.model.page == 1, timeout=WAIT_MS)
    assert cell(page, 0, SUMMARY) == "یادداشت ۷۰" and page.list_view.page_label.text() == "صفحه ۲ از ۳"
    page.list_view.next_button.click()
    qtbot.waitUntil(lambda: loaded(page) and page.model.page == 2, timeout=WAIT_MS)
    assert page.model.rowCount() == 20 and cell(page, 19, SUMMARY) == "یادداشت ۱"

    page.table.setFocus()
    page.table.setCurrentIndex(page.table.model().index(19, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert not page.details_banner.isHidden()
    assert entries[0].idempotency_key in page.details_banner.text()
    assert page.cancel() and page.details_banner.isHidden()  # Esc closes it
    assert not page.submit()  # Ctrl+Enter: nothing special here

    page.select_tab(DONE_TODAY_TAB)  # another tab: its own rows, from its first page
    qtbot.waitUntil(lambda: loaded(page) and page.model.total == 0, timeout=WAIT_MS)
    assert page.model.page == 0 and page.list_view.status_label.text() == "امروز هنوز کاری انجام نشده است."
    assert [page.tabs.tabText(i) for i in range(len(TABS))] == ["در صف (۱۲۰)", *(f"{t} (۰)" for t in OTHER_TABS)]

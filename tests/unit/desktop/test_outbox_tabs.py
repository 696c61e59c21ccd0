"""What the outbox page reads: counts only in the shared snapshot, and one tab's rows a page at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from client_api.actions import note_action
from client_api.local_db import LocalDatabase
from client_api.outbox import Outbox, Reason, Settlement, State
from desktop.outbox import DONE_TODAY_TAB, IN_DOUBT_TAB, QUEUED_TAB, REJECTED_TAB, read_snapshot, read_tab

ROOT = "http://127.0.0.1:9/api/v1"


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    return Outbox(LocalDatabase(tmp_path / "PK-1001-counter1.sqlite3").open(), ROOT)


def settle(outbox: Outbox, text: str, settlement: Settlement) -> None:
    entry = outbox.enqueue(note_action(text))
    outbox.settle(entry, settlement)


def test_the_snapshot_counts_every_tab_and_the_defects(outbox):
    for n in range(7):
        outbox.enqueue(note_action(f"waiting {n}"))
    settle(outbox, "doubt", Settlement(State.IN_DOUBT, "timeout", error=Reason.TIMEOUT))
    settle(outbox, "done", Settlement(State.DONE, "done"))
    settle(outbox, "refused", Settlement(State.REJECTED, "rejected", error=Reason.REJECTED))
    settle(outbox, "reused", Settlement(State.REJECTED, "rejected", error=Reason.KEY_REUSED, defect=True))
    snapshot = read_snapshot(outbox)
    assert snapshot.tabs == {QUEUED_TAB: 7, IN_DOUBT_TAB: 1, REJECTED_TAB: 2, DONE_TODAY_TAB: 1}
    assert snapshot.defects == 1 and snapshot.done_today == 1
    assert snapshot.counts.queued == 7 and snapshot.counts.in_doubt == 1


def test_a_tab_is_read_a_page_at_a_time_newest_first(outbox):
    for n in range(1, 26):
        outbox.enqueue(note_action(f"note {n}"))
    settle(outbox, "done", Settlement(State.DONE, "done"))
    first, total = read_tab(outbox, QUEUED_TAB, 0, 10)
    assert total == 25 and [e.summary for e in first][:2] == ["note 25", "note 24"]
    last, total = read_tab(outbox, QUEUED_TAB, 20, 10)
    assert total == 25 and [e.summary for e in last] == ["note 5", "note 4", "note 3", "note 2", "note 1"]
    assert [e.summary for e in read_tab(outbox, DONE_TODAY_TAB, 0, 10)[0]] == ["done"]
    assert read_tab(outbox, IN_DOUBT_TAB, 0, 10) == ([], 0)


def test_entries_offset_and_count_agree(outbox):
    for n in range(12):
        outbox.enqueue(note_action(f"n{n}"))
    pages = [outbox.entries((State.QUEUED,), limit=5, offset=offset) for offset in (0, 5, 10)]
    assert [len(page) for page in pages] == [5, 5, 2]
    assert len({e.id for page in pages for e in page}) == 12 == outbox.count_entries((State.QUEUED,))
    assert outbox.count_entries((State.DONE,)) == 0

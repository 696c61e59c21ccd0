"""The log file opens after the first paint: what is logged before waits in memory, then reaches the file first."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from desktop.app import _EarlyRecords, hold_early_records, open_held_log


@pytest.fixture
def root_handlers() -> Iterator[None]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_records_held_before_the_file_opens_are_written_first_and_scrubbed(tmp_path, root_handlers):
    hold_early_records()
    hold_early_records()  # a second call keeps one buffer, not two
    assert sum(isinstance(h, _EarlyRecords) for h in logging.getLogger().handlers) == 1
    log = logging.getLogger("desktop.test_log_file")
    log.warning("before the paint: token=abc123secret")
    log.info("also before")
    open_held_log(tmp_path / "log")
    log.info("after the file opened")
    text = (tmp_path / "log" / "pishkhan.log").read_text(encoding="utf-8")
    lines = [line.split(": ", 1)[1] for line in text.splitlines()]
    assert lines == ["before the paint: token=[hidden]", "also before", "after the file opened"]
    assert not any(isinstance(h, _EarlyRecords) for h in logging.getLogger().handlers)
    assert (tmp_path / "log" / "pishkhan.log").stat().st_mode & 0o777 == 0o600


def test_the_file_opens_once_and_only_when_records_are_held(tmp_path, root_handlers):
    open_held_log(tmp_path / "unheld")
    assert not (tmp_path / "unheld").exists()  # nothing held: nothing opened (tests and tools configure their own)
    hold_early_records()
    open_held_log(tmp_path / "log")
    opened = [h for h in logging.getLogger().handlers if h.get_name() == "pishkhan-log-file"]
    open_held_log(tmp_path / "log")
    assert [h for h in logging.getLogger().handlers if h.get_name() == "pishkhan-log-file"] == opened


def test_the_memory_holds_a_bounded_number_of_records(root_handlers):
    hold_early_records()
    held = next(h for h in logging.getLogger().handlers if isinstance(h, _EarlyRecords))
    log = logging.getLogger("desktop.test_log_file")
    for i in range(_EarlyRecords.LIMIT + 50):
        log.info("record %d", i)
    assert len(held.records) == _EarlyRecords.LIMIT
    logging.getLogger().removeHandler(held)

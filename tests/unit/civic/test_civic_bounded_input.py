"""Item 12: files are sized before they are read, and JSON from outside has its nesting bounded."""

from __future__ import annotations

import json
import os
import resource
import threading
import time
from pathlib import Path

import pytest

from civic import jsonsafe
from civic.files import UnsafeFileError, read_bounded
from civic.keys import TrustList, TrustListError


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100) == b"x" * 100


def test_a_5_gb_sparse_file_is_refused_from_its_size_without_reading(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(5 * 1024**3)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(UnsafeFileError, match="larger than 1000 bytes") as info:
        read_bounded(path, 1000)
    assert time.perf_counter() - start < 0.1
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 10 * 1024  # KiB
    assert isinstance(info.value, OSError) and info.value.filename == str(path)


def test_dev_zero_a_folder_and_a_fifo_are_refused_and_a_fifo_does_not_block(tmp_path):
    with pytest.raises(UnsafeFileError, match="a device"):
        read_bounded("/dev/zero", 1000)
    with pytest.raises(UnsafeFileError, match="a folder"):
        read_bounded(tmp_path, 1000)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_bounded(fifo, 1000)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "reading a FIFO with no writer blocked"
    assert isinstance(outcome[0], UnsafeFileError) and "pipe" in str(outcome[0])


def test_a_file_that_is_longer_than_its_size_said_is_cut_at_the_limit(tmp_path):
    """/proc files report size 0 and yet have content: the read itself stops at limit + 1."""
    with pytest.raises(UnsafeFileError, match="larger than 10 bytes"):
        read_bounded("/proc/self/status", 10)


def test_a_symbolic_link_is_refused_when_links_are_not_followed(tmp_path):
    target = tmp_path / "target"
    target.write_bytes(b"secret")
    link = tmp_path / "link"
    link.symlink_to(target)
    assert read_bounded(link, 100) == b"secret"
    with pytest.raises(UnsafeFileError, match="symbolic link"):
        read_bounded(link, 100, follow_symlinks=False)


def test_json_nested_deeper_than_allowed_is_a_value_error_not_a_recursion_error():
    with pytest.raises(RecursionError):
        json.loads("[" * 100_000)  # the defect: not a ValueError, so `except ValueError` lets it through
    with pytest.raises(jsonsafe.JsonDepthError):
        jsonsafe.loads("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ValueError):
        jsonsafe.loads("[" * 100_000)
    with pytest.raises(jsonsafe.JsonDepthError, match="more than 3"):
        jsonsafe.loads('{"a": [[{"b": 1}]]}', max_depth=3)
    assert jsonsafe.loads('{"a": [[{"b": 1}]]}', max_depth=4) == {"a": [[{"b": 1}]]}
    assert jsonsafe.loads(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}


def test_a_deeply_nested_trust_list_is_a_trust_list_error(tmp_path):
    path = tmp_path / "keys.json"
    path.write_text("[" * 50_000 + "]" * 50_000)
    with pytest.raises(TrustListError, match="nested"):
        TrustList.load(path)
    with pytest.raises(TrustListError, match="a device"):
        TrustList.load(Path("/dev/zero"))

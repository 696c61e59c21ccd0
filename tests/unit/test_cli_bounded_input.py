"""Item 12: every command-line path answers bad input with one line on stderr and exit status 2 — an address
urlsplit cannot take apart, a deeply nested trust list, /dev/zero or a FIFO or a 5 GB file as any input file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "examples" / "case-residential.json"


def run(*args: str, stdin: str | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as source:
        done = subprocess.run(
            [sys.executable, "-m", "desktop.cli", *args],
            cwd=ROOT,
            stdin=source,
            capture_output=True,
            timeout=60,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        )
    result = subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")
    )
    return result, time.perf_counter() - start


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad-input")
    nested = folder / "nested.json"
    nested.write_text("[" * 100_000 + "]" * 100_000)
    fifo = folder / "fifo.toml"
    os.mkfifo(fifo)
    huge = folder / "huge.toml"
    with huge.open("wb") as stream:
        stream.truncate(5 * 1024**3)
    hostile = folder / "hostile.toml"
    hostile.write_text("a" + ".a" * 16000 + " = 1\n")
    return {"nested": nested, "fifo": fifo, "huge": huge, "hostile": hostile}


def test_an_address_urlsplit_cannot_parse_is_one_line():
    line = one_line(run("gui", "--api", "http://[::1")[0])
    assert line.startswith("pishkhan: --api:") and "http://[::1" in line


def test_a_deeply_nested_trust_list_is_one_line(files):
    line = one_line(run("docs", "verify", "SEAL", "--trust", str(files["nested"]))[0])
    assert "--trust" in line and "nested" in line


def test_dev_zero_on_stdin_of_docs_verify_is_one_line():
    line = one_line(run("docs", "verify", "-", stdin="/dev/zero")[0])
    assert "longer than" in line


@pytest.mark.parametrize("bad", ["/dev/zero", "fifo", "huge", "nested"])
def test_any_bad_file_as_a_fee_case_is_one_line(files, bad):
    path = bad if bad.startswith("/") else str(files[bad])
    result, seconds = run("fees", "preview", path)
    one_line(result)
    assert seconds < 30


@pytest.mark.parametrize("bad", ["/dev/zero", "fifo", "huge", "hostile"])
def test_any_bad_book_is_one_line_and_never_read(files, bad):
    path = bad if bad.startswith("/") else str(files[bad])
    line = one_line(run("fees", "preview", str(CASE), "--book", path)[0])
    assert path in line


@pytest.mark.parametrize("bad", ["/dev/zero", "fifo", "huge", "hostile"])
def test_any_bad_sandbox_tariff_book_is_one_line(files, bad):
    path = bad if bad.startswith("/") else str(files[bad])
    data = str(files["nested"].parent / "data")
    line = one_line(run("sandbox", "--port", "0", "--data", data, "--tariff-book", path)[0])
    assert line.startswith("pishkhan sandbox: --tariff-book:")

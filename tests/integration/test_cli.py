"""The `pishkhan` command: bad input is one line on stderr and exit status 2; screenshots render."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]


def pishkhan(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def test_version():
    result = pishkhan("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pishkhan-desk {__version__}"


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["gui", "--api", "http://example.com"], "--api"),
        (["gui", "--api", "https://x.ir", "--demo"], "--demo"),
        (["gui", "--lang", "de"], "--lang"),
        (["screenshots"], "--out"),
        (["frobnicate"], "frobnicate"),
        (["sandbox", "--port", "abc"], "--port"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_status_2(args, names):
    result = pishkhan(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert names in lines[0]
    assert "Traceback" not in result.stderr


def test_screenshots_render_every_page_in_both_languages(tmp_path):
    for language in ("fa", "en"):
        result = pishkhan("screenshots", "--out", str(tmp_path), "--lang", language, timeout=120)
        assert result.returncode == 0, result.stderr
        written = [Path(line) for line in result.stdout.split()]
        assert [p.name for p in written][:3] == [
            f"01-sign-in-{language}.png",
            f"02-home-{language}.png",
            f"03-fees-{language}.png",
        ]
        for path in written:
            assert path.read_bytes().startswith(b"\x89PNG")
            assert path.stat().st_size > 10_000


def test_gui_demo_shows_the_sign_in_page_then_makes_it_usable_once_the_sandbox_is_up():
    env = dict(os.environ, PISHKHAN_STARTUP_PROBE="1")
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "gui", "--demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    marks = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("PISHKHAN_SIGN_IN_")]
    assert marks == ["PISHKHAN_SIGN_IN_SHOWN", "PISHKHAN_SIGN_IN_READY"]

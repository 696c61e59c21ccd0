"""The `pishkhan` command: bad input is one line on stderr and exit status 2; screenshots render."""

from __future__ import annotations

import json
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


def test_screenshots_render_every_page_of_each_demo_operator_in_both_languages_and_sizes(tmp_path):
    result = pishkhan("screenshots", "--out", str(tmp_path), timeout=300)
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stdout.split()]
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert [tmp_path / shot["png"] for shot in index] == written
    for path in written:
        assert path.read_bytes().startswith(b"\x89PNG")
        assert path.stat().st_size > 10_000
    seen = {(shot["operator"], shot["lang"], shot["size"], shot["page_id"]) for shot in index}
    for operator, pages in (
        (
            "counter1",
            (
                "sign-in",
                "home",
                "fees",
                "parcel",
                "permit",
                "permit-building",
                "permit-review",
                "requests",
                "verify",
                "notes",
                "outbox",
                "settings",
                "lock",
            ),
        ),
        ("notary1", ("sign-in", "home", "verify", "notes", "outbox", "settings", "lock")),
    ):
        for language in ("fa", "en"):
            for size in ("1100x720", "1024x640"):
                assert {(operator, language, size, page) for page in pages} <= seen
    assert not any(shot["operator"] == "notary1" and shot["page_id"] == "fees" for shot in index)
    homes = [shot for shot in index if shot["page_id"] == "home" and shot["operator"] == "notary1"]
    assert homes[0]["roles"] == ["notary"]
    assert {shot["title"] for shot in homes} == {"میز امروز", "Today's desk"}


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

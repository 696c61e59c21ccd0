"""Fault soak in CI: bench/soak.py with a few hundred submissions, then an independent look at every database."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS, DESKS, OUTAGES = 320, 2, 24
pytestmark = [pytest.mark.soak, pytest.mark.slow]


def run_soak(*args: str) -> dict:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "soak.py"), "--json", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    print(json.dumps(report, indent=1))  # the figures, for the test log
    return report


@pytest.mark.timeout(300)
def test_fault_soak_loses_nothing_and_applies_nothing_twice(tmp_path):
    soak = run_soak(
        "--submissions", str(SUBMISSIONS), "--desks", str(DESKS), "--outages", str(OUTAGES), "--drain", "0",
        "--keep", str(tmp_path), "--timeout", "240",
    )["soak"]  # fmt: skip

    assert soak["submissions"] >= 300
    assert (soak["lost"], soak["duplicated"], soak["notes_duplicated"]) == (0, 0, 0)
    assert (soak["unexpected"], soak["ledger_mismatch"], soak["not_final"]) == (0, 0, 0)
    assert soak["done"] + soak["rejected"] == SUBMISSIONS and soak["rejected"] > 0
    # the fault mix really happened: server stops (refused connections) and each injected kind
    assert soak["outages"]["killed"] + soak["outages"]["stopped"] == OUTAGES >= 2
    attempts = sum(soak["attempts"].values())
    assert soak["refused_attempts"] >= 0.04 * attempts
    for kind in ("hang-after-commit", "drop-after-commit", "5xx", "reset-mid-body"):
        assert 0.01 * attempts <= soak["faults_injected"][kind] <= 0.12 * attempts, kind

    # independently of the harness: the files themselves
    server = sqlite3.connect(tmp_path / "server" / "sandbox.sqlite3")
    applied = server.execute("SELECT key, COUNT(*) FROM actions WHERE status < 400 GROUP BY key").fetchall()
    assert applied and all(count == 1 for _, count in applied)
    texts = [row[0] for row in server.execute("SELECT text FROM notes")]
    assert len(texts) == len(set(texts)) == len(applied)
    done: set[str] = set()
    for path in sorted((tmp_path / "desks").glob("*/*.sqlite3")):
        desk = sqlite3.connect(path)
        assert desk.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        states = dict(desk.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall())
        assert set(states) <= {"done", "rejected"}, states
        done |= {key for (key,) in desk.execute("SELECT idempotency_key FROM outbox WHERE state = 'done'")}
    assert {key for key, _ in applied} == done


@pytest.mark.timeout(200)
def test_a_thousand_queued_submissions_drain_in_under_a_minute():
    drain = run_soak("--submissions", "0", "--drain", "1000", "--no-baseline")["drain"]
    assert (drain["done"], drain["lost"], drain["duplicated"]) == (1000, 0, 0)
    assert drain["drain_s"] < 60

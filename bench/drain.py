"""Outbox drain against sending straight: what the durable outbox costs when the server is healthy.

Each run measures both sides, each on a fresh sandbox (its own process, data folder and port, no faults):
- direct: COUNT hand-over notes sent straight with the client, one after the other, each under its own idempotency
  key, over one connection warmed before the clock starts; no local database, no sender thread.
- drain: COUNT notes queued in a fresh outbox while no sender runs, then one `OutboxSender` started; the clock runs
  from its start until the last note is settled (told by the sender's listener, so nothing polls the database).
The order of the two sides alternates from run to run. Both use the client's timeouts of bench/soak.py.
Afterwards the server's ledger must hold each drained note applied exactly once, and every direct send must have been
applied: otherwise the exit status is 1. The drain's clock includes its thread opening its own HTTP connection.

Usage: python bench/drain.py [--count 1000] [--runs 3] [--json] [--keep DIR]
Prints each side's time and milliseconds per note, the ratio drain / direct against the goal (GOAL_RATIO), and the
sandbox's CPU time per note on each side (Linux), which shows whether the server, not the desk, made the difference.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.soak import OPERATORS, PASSWORD, TIMEOUTS, Desk, Sandbox, verify  # noqa: E402
from client_api import MemoryTokenStore, MunicipalClient  # noqa: E402
from client_api.actions import note_action  # noqa: E402
from client_api.outbox import FINAL_STATES, new_idempotency_key  # noqa: E402
from client_api.sender import SenderEvent  # noqa: E402

GOAL_RATIO = 1.5
DRAIN_TIMEOUT_S = 600.0


def _cpu_s(pid: int | None) -> float | None:
    """CPU seconds (user + system) a process has used so far; None where /proc does not tell (not Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _used(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def _server(work: Path, name: str) -> Sandbox:
    server = Sandbox(work / name / "server", work / "sandbox.log", restartable=False)
    server.start()
    return server


def direct(count: int, work: Path, run: int) -> dict[str, object]:
    """`count` notes sent straight from a signed-in client, one after the other."""
    server = _server(work, f"direct-{run}")
    try:
        username, office = OPERATORS[0]
        client = MunicipalClient(server.url, MemoryTokenStore(), timeouts=TIMEOUTS)
        client.sign_in(username, PASSWORD, office, "T-DRAIN0001")  # also opens the connection the sends reuse
        actions = [note_action(f"drain {run}/{serial}: تحویل پرونده") for serial in range(count)]
        statuses: Counter[int] = Counter()
        server_cpu = _cpu_s(server.pid)
        started = time.perf_counter()
        for action in actions:
            answer = client.submit_action(action.method, action.path, action.body, new_idempotency_key())
            statuses[answer.status] += 1
        seconds = time.perf_counter() - started
        server_cpu = _used(server_cpu, _cpu_s(server.pid))
    finally:
        server.close()
    applied = sum(n for status, n in statuses.items() if 200 <= status < 300)
    return {"seconds": seconds, "server_cpu_s": server_cpu, "applied": applied, "statuses": dict(statuses)}


def drain(count: int, work: Path, run: int) -> dict[str, object]:
    """`count` notes queued while no sender runs, then drained by one sender."""
    server = _server(work, f"drain-{run}")
    try:
        settled = [0]
        all_settled = threading.Event()

        def listener(event: SenderEvent) -> None:  # on the sender's thread
            if event.state in FINAL_STATES:
                settled[0] += 1
                if settled[0] >= count:
                    all_settled.set()

        desk = Desk(0, server.url, work / f"drain-{run}" / "desk", listener)
        for serial in range(count):
            desk.outbox.enqueue(note_action(f"drain {run}/{serial}: تحویل پرونده"))
        server_cpu = _cpu_s(server.pid)
        started = time.perf_counter()
        desk.sender.start()
        finished = all_settled.wait(DRAIN_TIMEOUT_S)
        seconds = time.perf_counter() - started
        server_cpu = _used(server_cpu, _cpu_s(server.pid))
        desk.sender.stop(30)
        if not finished:
            raise TimeoutError(f"{settled[0]} of {count} settled after {DRAIN_TIMEOUT_S} s")
        figures = verify(server.url, [desk])
        attempts = desk.attempt_outcomes()
    finally:
        server.close()
    return {"seconds": seconds, "server_cpu_s": server_cpu, "attempts": dict(attempts), **figures}


def _per_note_ms(seconds: object, count: int) -> float | None:
    return round(1000 * seconds / count, 2) if isinstance(seconds, float) else None


def measure(count: int, runs: int, work: Path) -> dict[str, object]:
    results = []
    for run in range(runs):
        sides = (direct, drain) if run % 2 == 0 else (drain, direct)
        measured = {side.__name__: side(count, work, run) for side in sides}
        straight, drained = measured["direct"], measured["drain"]
        assert isinstance(straight["seconds"], float) and isinstance(drained["seconds"], float)
        results.append(
            {
                "direct_s": round(straight["seconds"], 3),
                "drain_s": round(drained["seconds"], 3),
                "direct_ms_per_note": round(1000 * straight["seconds"] / count, 2),
                "drain_ms_per_note": round(1000 * drained["seconds"] / count, 2),
                "ratio": round(drained["seconds"] / straight["seconds"], 3),
                "direct_server_cpu_ms_per_note": _per_note_ms(straight["server_cpu_s"], count),
                "drain_server_cpu_ms_per_note": _per_note_ms(drained["server_cpu_s"], count),
                "direct_applied": straight["applied"],
                **{key: drained[key] for key in ("done", "lost", "duplicated", "not_final", "attempts")},
            }
        )
    ratios = [float(str(r["ratio"])) for r in results]
    return {"count": count, "goal_ratio": GOAL_RATIO, "median_ratio": statistics.median(ratios), "runs": results}


def _print(report: dict[str, object]) -> None:
    count = report["count"]
    print(f"{count} notes, fresh sandbox for each side; goal: drain within {GOAL_RATIO}x of direct")
    runs = report["runs"]
    assert isinstance(runs, list)
    for number, r in enumerate(runs, 1):
        print(
            f"  run {number}: direct {r['direct_s']:.2f} s ({r['direct_ms_per_note']} ms/note),"
            f" drain {r['drain_s']:.2f} s ({r['drain_ms_per_note']} ms/note), ratio {r['ratio']:.2f};"
            f" done {r['done']}, lost {r['lost']}, duplicated {r['duplicated']}, attempts {r['attempts']}"
        )
        if r["direct_server_cpu_ms_per_note"] is not None:
            print(
                f"         the sandbox's CPU per note: direct {r['direct_server_cpu_ms_per_note']} ms,"
                f" drain {r['drain_server_cpu_ms_per_note']} ms"
            )
    median = float(str(report["median_ratio"]))
    verdict = "within" if median <= GOAL_RATIO else "over"
    print(f"median ratio {median:.2f}: {verdict} the goal of {GOAL_RATIO}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="notes on each side")
    parser.add_argument("--runs", type=int, default=3, help="runs, each measuring both sides")
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if args.count < 1 or args.runs < 1:
        print("drain: --count and --runs must be at least 1", file=sys.stderr)
        return 2
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = measure(args.count, args.runs, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="pishkhan-drain-") as folder:
            report = measure(args.count, args.runs, Path(folder))
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        _print(report)
    runs = report["runs"]
    assert isinstance(runs, list)
    figures = ("done", "direct_applied", "lost", "duplicated", "not_final")
    sound = all(tuple(r[name] for name in figures) == (args.count, args.count, 0, 0, 0) for r in runs)
    if not sound:
        print("drain: notes were lost, duplicated, left waiting or refused (see the figures)", file=sys.stderr)
    return 0 if sound else 1


if __name__ == "__main__":
    raise SystemExit(main())

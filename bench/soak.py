"""Outbox soak: many submissions from several desks against a faulty, restarting sandbox; then a clean drain.

Soak: desks (each its own outbox database, client and sender thread, as on separate machines) confirm SUBMISSIONS
hand-over notes (2% of them blank, which the server refuses) while the sandbox runs with `--faults` and is stopped
OUTAGES times (alternately SIGTERM and SIGKILL) and started again on the same data and port; while it is down,
connections are refused. Afterwards every outbox row must be final, the server ledger must equal the set of actions
the desks have as done, each key applied exactly once, and each note present once.

Drain: DRAIN submissions queued while no sender runs, then one sender drains them against a sandbox without faults.

Usage: python bench/soak.py [--submissions 10000] [--desks 4] [--outages 250] [--drain 1000] [--json] [--keep DIR]
Prints submissions, faults injected by kind, lost, duplicated and the time to drain.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from client_api import MemoryTokenStore, MunicipalClient, Timeouts  # noqa: E402
from client_api.actions import note_action  # noqa: E402
from client_api.local_db import LocalDatabase, profile_db_path  # noqa: E402
from client_api.outbox import FINAL_STATES, Outbox, State, new_idempotency_key  # noqa: E402
from client_api.sender import OutboxSender, RetryPolicy, SenderEvent  # noqa: E402

FAULTS = "latency=0.2:5-30,hang-after-commit=0.05:3,drop-after-commit=0.05,5xx=0.05,reset-mid-body=0.05"
OPERATORS = (("counter1", "PK-1001"), ("notary1", "NT-0042"))
PASSWORD = "pishkhan-demo"  # the documented demo password of the training sandbox
POLICY = RetryPolicy(base_s=0.05, cap_s=1.0, probe_base_s=0.05, probe_cap_s=0.4)
TIMEOUTS = Timeouts(connect_s=1.0, read_s=0.6)
BLANK_SHARE = 0.02
MAX_WAITING_PER_DESK = 25
# the slow imports happen while the previous server still runs; the server starts when told to
LAUNCHER = (
    "import sys, sandbox.cli, sandbox.app, sandbox.server\n"
    "sys.stdin.readline()\n"
    "sys.exit(sandbox.cli.main(sys.argv[1:]))\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Sandbox:
    """The sandbox as a real process on a fixed port and data folder, restartable; the next process is made ready
    (imports done) in the background, so a restart costs the start-up of the server, not of Python."""

    def __init__(
        self, data: Path, log: Path, faults: str | None = None, seed: int = 0, *, restartable: bool = True
    ) -> None:
        """`restartable=False`: no next process is made ready after a start (nothing else runs while measuring)."""
        self.port = free_port()
        self._restartable = restartable
        self.url = f"http://127.0.0.1:{self.port}"
        self._args = ["--host", "127.0.0.1", "--port", str(self.port), "--data", str(data)]
        self._faults = faults
        self._seeds = itertools.count(seed * 1000)  # each process draws its own faults
        self._log = log.open("a")
        self._standby: subprocess.Popen[str] | None = self._spawn()
        self._running: subprocess.Popen[str] | None = None

    @property
    def pid(self) -> int | None:
        """The running server's process id (None while it is down)."""
        return self._running.pid if self._running is not None else None

    def _spawn(self) -> subprocess.Popen[str]:
        faults = ["--faults", f"{self._faults},seed={next(self._seeds)}"] if self._faults else []
        return subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, *self._args, *faults],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )

    def start(self) -> None:
        process, self._standby = self._standby or self._spawn(), None
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write("go\n")
        process.stdin.flush()
        line = process.stdout.readline()
        if not line.startswith("PISHKHAN_SANDBOX_READY"):
            raise RuntimeError(f"the sandbox did not start: {line!r}")
        self._running = process
        self._standby = self._spawn() if self._restartable else None

    def stop(self, *, kill: bool) -> None:
        process, self._running = self._running, None
        if process is None:
            return
        process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        process.wait(30)

    def close(self) -> None:
        self.stop(kill=False)
        if self._standby is not None:
            self._standby.kill()
            self._standby.wait()
        self._log.close()


class Desk:
    def __init__(
        self, number: int, url: str, folder: Path, listener: Callable[[SenderEvent], None] | None = None
    ) -> None:
        self.username, self.office = OPERATORS[number % len(OPERATORS)]
        self.client = MunicipalClient(url, MemoryTokenStore(), timeouts=TIMEOUTS)
        self.client.sign_in(self.username, PASSWORD, self.office, f"T-SOAK{number:04d}")
        self.db = LocalDatabase(profile_db_path(folder / f"desk-{number}", self.office, self.username)).open()
        self.outbox = Outbox(self.db, self.client.root)
        self.sender = OutboxSender(self.outbox, self.client, policy=POLICY, listener=listener)

    def rows(self) -> list[tuple[str, str, bytes]]:
        with self.db.connect() as conn:
            return [(r[0], r[1], bytes(r[2])) for r in conn.execute("SELECT idempotency_key, state, body FROM outbox")]

    def attempt_outcomes(self) -> Counter[str]:
        with self.db.connect() as conn:
            return Counter(dict(conn.execute("SELECT outcome, COUNT(*) FROM outbox_attempts GROUP BY outcome")))


def _session(url: str, username: str, office: str) -> requests.Session:
    session = requests.Session()
    body = {"username": username, "password": PASSWORD, "office_code": office, "terminal_id": "T-CHECK"}
    token = session.post(f"{url}/api/v1/auth/token", json=body, timeout=30).json()["access_token"]
    session.headers["Authorization"] = f"Bearer {token}"
    return session


def verify(url: str, desks: list[Desk]) -> dict[str, int]:
    """Compare what the desks hold with what the server applied, per operator."""
    figures = Counter(
        lost=0, duplicated=0, unexpected=0, ledger_mismatch=0, not_final=0, done=0, rejected=0, notes_duplicated=0
    )
    for username, office in OPERATORS:
        mine = [desk for desk in desks if desk.username == username]
        if not mine:
            continue
        session = _session(url, username, office)
        ledger = {
            i["idempotency_key"]: i["applied"] for i in session.get(f"{url}/api/v1/training/ledger").json()["items"]
        }
        notes = Counter(note["text"] for note in session.get(f"{url}/api/v1/me/notes").json()["items"])
        rows = [row for desk in mine for row in desk.rows()]
        done = {key for key, state, _ in rows if state == State.DONE}
        figures["done"] += len(done)
        figures["rejected"] += sum(state == State.REJECTED for _, state, _ in rows)
        figures["not_final"] += sum(State(state) not in FINAL_STATES for _, state, _ in rows)
        valid = {key for key, _, body in rows if json.loads(body)["text"].strip()}
        applied = {key for key, count in ledger.items() if count > 0}
        figures["lost"] += len(valid - applied)
        figures["duplicated"] += sum(count - 1 for count in ledger.values() if count > 1)
        figures["unexpected"] += len(applied - {key for key, _, _ in rows})  # applied, but confirmed by no desk
        figures["ledger_mismatch"] += len(applied ^ done)  # the server ledger against the desks' done sets
        figures["notes_duplicated"] += sum(count - 1 for count in notes.values() if count > 1)
    return dict(figures)


def soak(args: argparse.Namespace, work: Path) -> dict[str, object]:
    rng = random.Random(args.seed)
    server = Sandbox(work / "server", work / "sandbox.log", args.faults, args.seed)
    server.start()
    settled = itertools.count(1)
    settled_now = [0]

    def listener(event: SenderEvent) -> None:
        if event.state in FINAL_STATES:
            settled_now[0] = next(settled)

    desks = [Desk(n, server.url, work / "desks", listener) for n in range(args.desks)]
    started = time.monotonic()
    for desk in desks:
        desk.sender.start()
    produced = threading.Event()
    outages = Counter()

    def produce() -> None:
        for serial in range(args.submissions):
            desk = desks[serial % len(desks)]
            while desk.outbox.counts().waiting >= MAX_WAITING_PER_DESK:
                time.sleep(0.01)
            text = f"soak {args.seed}/{serial}: تحویل پرونده" if rng.random() >= BLANK_SHARE else "   "
            desk.outbox.enqueue(note_action(text))
            desk.sender.wake()
        produced.set()

    producer = threading.Thread(target=produce, name="producer")
    producer.start()
    spacing = args.submissions / (args.outages + 1)
    for outage in range(1, args.outages + 1):
        while settled_now[0] < outage * spacing and not (produced.is_set() and _drained(desks)):
            time.sleep(0.01)
        kill = outage % 2 == 0
        server.stop(kill=kill)
        outages["killed" if kill else "stopped"] += 1
        time.sleep(rng.uniform(0.1, 0.4))
        server.start()
    producer.join()
    while not _drained(desks):
        if time.monotonic() - started > args.timeout:
            raise TimeoutError(f"not drained after {args.timeout} s")
        time.sleep(0.02)
    drain_s = time.monotonic() - started
    for desk in desks:
        desk.sender.stop(30)
    injected = requests.get(f"{server.url}/api/v1/training/faults", timeout=30).json()["injected"]
    outcomes = sum((desk.attempt_outcomes() for desk in desks), Counter())
    result = {
        "submissions": args.submissions,
        "desks": args.desks,
        "faults_spec": args.faults,
        "faults_injected": injected,
        "refused_attempts": outcomes.get("not-delivered", 0),
        "refused_probes": sum(desk.sender.failed_probes for desk in desks),
        "outages": dict(outages),
        "attempts": dict(outcomes),
        "time_to_drain_s": round(drain_s, 2),
        **verify(server.url, desks),
    }
    server.close()
    return result


def _drained(desks: list[Desk]) -> bool:
    return all(desk.outbox.counts().waiting == 0 for desk in desks)


def drain(count: int, work: Path, *, baseline: bool) -> dict[str, object]:
    """`count` queued notes drained by one sender; the baseline sends as many straight from the client (no outbox:
    no local database, no sender thread), so the ratio is what durability costs."""
    server = Sandbox(work / "drain-server", work / "sandbox.log")
    server.start()
    desk = Desk(0, server.url, work / "drain-desk")
    for serial in range(count):
        desk.outbox.enqueue(note_action(f"drain {serial}"))
    started = time.monotonic()
    desk.sender.start()
    while not _drained([desk]):
        time.sleep(0.01)
    seconds = time.monotonic() - started
    desk.sender.stop(30)
    figures = verify(server.url, [desk])
    result = {"queued": count, "drain_s": round(seconds, 2), "per_second": round(count / seconds, 1), **figures}
    if baseline:
        started = time.monotonic()
        for serial in range(count):
            action = note_action(f"direct {serial}")
            desk.client.submit_action(action.method, action.path, action.body, new_idempotency_key())
        direct_s = time.monotonic() - started
        result |= {"direct_s": round(direct_s, 2), "ratio": round(seconds / direct_s, 2)}
    server.close()
    return result


def _print(report: dict[str, dict[str, object]]) -> None:
    if "soak" in report:
        s = report["soak"]
        injected = s["faults_injected"]
        assert isinstance(injected, dict)
        print(f"soak: {s['submissions']} submissions from {s['desks']} desks")
        print("  faults injected by the server: " + ", ".join(f"{k} {v}" for k, v in injected.items()))
        print(
            f"  refused connections (server down): {s['refused_attempts']} submission attempts,"
            f" {s['refused_probes']} health probes; outages {s['outages']}"
        )
        print(f"  attempts by outcome: {s['attempts']}")
        print(f"  done {s['done']}, rejected {s['rejected']}, not final {s['not_final']}")
        print(
            f"  lost {s['lost']}, duplicated {s['duplicated']} (notes {s['notes_duplicated']}),"
            f" unexpected {s['unexpected']}, ledger against done sets {s['ledger_mismatch']} apart"
        )
        print(f"  time to drain: {s['time_to_drain_s']} s")
    if "drain" in report:
        d = report["drain"]
        print(
            f"drain: {d['queued']} queued submissions, no faults: {d['drain_s']} s ({d['per_second']}/s),"
            f" lost {d['lost']}, duplicated {d['duplicated']}"
        )
        if "ratio" in d:
            print(f"  baseline, the same sent straight from the client: {d['direct_s']} s; ratio {d['ratio']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--desks", type=int, default=4)
    parser.add_argument("--outages", type=int, default=250, help="server stops (SIGTERM and SIGKILL in turn)")
    parser.add_argument("--faults", default=FAULTS, help="the sandbox's --faults SPEC")
    parser.add_argument("--drain", type=int, default=1000, help="queued submissions for the clean drain; 0: skip")
    parser.add_argument("--no-baseline", action="store_true", help="skip the drain's baseline (direct sends)")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("SOAK_SEED", "5")))
    parser.add_argument("--timeout", type=float, default=3600.0, help="give up the soak after this many seconds")
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="pishkhan-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, dict[str, object]] = {}
    if args.submissions:
        report["soak"] = soak(args, work)
    if args.drain:
        report["drain"] = drain(args.drain, work, baseline=not args.no_baseline)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A small client process for the crash test (no Qt): confirm actions into an outbox, then send them.

Usage: crash_driver.py URL DB COUNT LABEL [POINT:N]

It prints READY, then `ENQUEUED <key>` after each committed confirm, SENDING when the sender starts, and DRAINED
when every action is final. With POINT:N it kills itself with SIGKILL (exactly what `kill -9` does) at the N-th
time it reaches POINT:
    enqueue-commit  inside the confirm transaction, just before its COMMIT
    claim-commit    inside the transaction that marks an action `sending`, just before its COMMIT
    before-send     after that commit, before the request leaves
    in-flight       while the request is on the wire (a few milliseconds after it starts)
    before-ack      after the server's answer arrived, before it is recorded
    ack-commit      inside the transaction that records the answer, just before its COMMIT
The test also kills it from outside at random moments.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from client_api import MemoryTokenStore, MunicipalClient, Timeouts
from client_api.actions import note_action
from client_api.local_db import LocalDatabase
from client_api.outbox import Outbox
from client_api.sender import OutboxSender, RetryPolicy

SQL_POINTS = {"enqueue-commit": "INSERT INTO outbox (", "claim-commit": "attempts + 1", "ack-commit": "outbox_attempts"}


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class CrashPoint:
    def __init__(self, spec: str | None) -> None:
        self.point, _, nth = (spec or "").partition(":")
        self.remaining = int(nth) if nth else 0
        self._lock = threading.Lock()
        self._transaction: dict[int, list[str]] = {}

    def reached(self, point: str) -> bool:
        with self._lock:
            if point != self.point:
                return False
            self.remaining -= 1
            return self.remaining == 0

    def trace(self, conn: sqlite3.Connection) -> None:
        """Watch each connection's statements; at a COMMIT, see what its transaction did."""

        def statement(sql: str) -> None:
            thread, verb = threading.get_ident(), sql.strip().upper()
            if verb.startswith("BEGIN"):
                self._transaction[thread] = []
            elif verb == "COMMIT":
                done = " ".join(self._transaction.pop(thread, []))
                for point, marker in SQL_POINTS.items():
                    if marker in done and self.reached(point):
                        die()
            elif thread in self._transaction:
                self._transaction[thread].append(sql)

        conn.set_trace_callback(statement)


class Wire:
    """The real client, with the crash points around the request."""

    def __init__(self, client: MunicipalClient, crash: CrashPoint) -> None:
        self._client = client
        self._crash = crash

    def submit_action(self, *args, **kwargs):
        if self._crash.reached("before-send"):
            die()
        if self._crash.reached("in-flight"):
            threading.Timer(random.uniform(0.001, 0.012), die).start()
        answer = self._client.submit_action(*args, **kwargs)
        if self._crash.reached("before-ack"):
            die()
        return answer

    def lookup_action(self, key: str):
        return self._client.lookup_action(key)

    def health(self):
        return self._client.health()


def main() -> int:
    url, db_path, count, label = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    crash = CrashPoint(sys.argv[5] if len(sys.argv) > 5 else None)
    client = MunicipalClient(url, MemoryTokenStore(), timeouts=Timeouts(connect_s=2, read_s=5))
    client.sign_in("counter1", "pishkhan-demo", "PK-1001", "T-CRASH01")
    db = LocalDatabase(db_path, on_connect=crash.trace).open()
    outbox = Outbox(db, client.root)
    print("READY", flush=True)
    for serial in range(count):
        entry = outbox.enqueue(note_action(f"crash {label}/{serial}"))
        print("ENQUEUED", entry.idempotency_key, flush=True)
    sender = OutboxSender(outbox, Wire(client, crash), policy=RetryPolicy(base_s=0.01, cap_s=0.05))  # type: ignore[arg-type]
    print("SENDING", flush=True)
    sender.start()
    while outbox.counts().waiting:
        time.sleep(0.005)
    sender.stop(10)
    print("DRAINED", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

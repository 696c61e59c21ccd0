"""The requests page with 10,000 requests against an empty list (not a test).

    python bench/permit_list.py [--requests 10000] [--runs 5]

Two sandboxes run as real subprocesses on loopback: one whose office has REQUESTS permit requests (written with
`sandbox.permit_store.insert_requests`), one whose office has none. For each, in the same process and run, offscreen,
signed in as the demo counter operator, the real `PermitRequestsPage` is made and shown, alternately:
- first page: from making the page until its first page is on screen (read off the UI thread, painted);
- to the end: from asking for the last page until it is on screen and the table is scrolled to its last row.
Prints the medians of each, their ratio (10,000 / empty), and the longest the UI thread stalled (a 5 ms heartbeat).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PISHKHAN_HOME", tempfile.mkdtemp(prefix="pishkhan-bench-home-"))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from client_api import MemoryTokenStore, MunicipalClient  # noqa: E402
from desktop.app import create_application  # noqa: E402
from desktop.fee_books import TariffBookCache  # noqa: E402
from desktop.outbox import OutboxService  # noqa: E402
from desktop.session import Session  # noqa: E402
from desktop.settings import load_settings  # noqa: E402
from desktop.tasks import TaskRunner  # noqa: E402
from desktop.ui.permit_requests_page import PermitRequestsPage  # noqa: E402
from desktop.widgets.lists import ListState  # noqa: E402
from sandbox.db import Database  # noqa: E402
from sandbox.permit_store import insert_requests  # noqa: E402
from sandbox.settings import DB_FILENAME  # noqa: E402

READY = "PISHKHAN_SANDBOX_READY "
PASSWORD = "pishkhan-demo"  # the documented demo password of the training sandbox
TIMEOUT_S = 60.0


class Sandbox:
    def __init__(self, data: Path) -> None:
        self.data = data
        command = [sys.executable, "-m", "sandbox", "--host", "127.0.0.1", "--port", "0", "--data", str(data)]
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith(READY):
            self.process.kill()
            raise RuntimeError(f"the sandbox did not start: {line!r}")
        self.url = line[len(READY) :].strip()

    def fill(self, count: int) -> float:
        start = time.perf_counter()
        with Database(self.data / DB_FILENAME).connect() as conn:
            insert_requests(conn, "PK-1001", "counter1", count, seed=1405)
        return time.perf_counter() - start

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class Heartbeat:
    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer = QTimer(interval=5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def session_for(url: str, tasks: TaskRunner, config: Path) -> Session:
    client = MunicipalClient(url, MemoryTokenStore())
    health = client.health()
    operator = client.sign_in("counter1", PASSWORD, "PK-1001", "T-BENCH01")
    return Session(
        operator=operator,
        client=client,
        health=health,
        tasks=tasks,
        outbox=OutboxService(),  # the page never sends anything
        settings=load_settings(config),
        config_dir=config,
        language="fa",
        signed_in_at=dt.datetime.now(dt.UTC),
        training=health.is_training,
    )


def wait(app: QApplication, done: object) -> None:
    deadline = time.perf_counter() + TIMEOUT_S
    while not done():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError("the list did not answer in time")
        app.processEvents()
        time.sleep(0.0005)


def one_run(app: QApplication, session: Session, cache: TariffBookCache) -> tuple[float, float, int]:
    """(seconds to the first page on screen, seconds to the last page on screen, rows in the list)."""
    start = time.perf_counter()
    page = PermitRequestsPage(session, cache=cache)
    page.resize(1024, 640)
    page.show()
    model = page.model
    wait(app, lambda: model.state is ListState.READY)
    page.table.viewport().repaint()
    first = time.perf_counter() - start

    start = time.perf_counter()
    model.go_to_page(model.page_count - 1)
    wait(app, lambda: model.state is ListState.READY)
    page.table.scrollToBottom()
    page.table.viewport().repaint()
    end = time.perf_counter() - start
    total = model.total
    page.close()
    page.deleteLater()
    app.processEvents()
    return first, end, total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = create_application("fa")
    work = Path(tempfile.mkdtemp(prefix="pishkhan-bench-permits-"))
    full, empty = Sandbox(work / "full"), Sandbox(work / "empty")
    try:
        fill_s = full.fill(args.requests)
        tasks = TaskRunner()
        cache = TariffBookCache(work / "cache")
        sessions = {
            "full": session_for(full.url, tasks, work / "c1"),
            "empty": session_for(empty.url, tasks, work / "c2"),
        }
        heartbeat = Heartbeat()
        for name in sessions:  # warm up: imports, fonts, the servers' first queries
            one_run(app, sessions[name], cache)
        heartbeat.longest = 0.0
        figures: dict[str, list[tuple[float, float, int]]] = {"full": [], "empty": []}
        for _ in range(args.runs):
            for name in ("full", "empty"):
                figures[name].append(one_run(app, sessions[name], cache))
        stall = heartbeat.longest
        tasks.shutdown()
    finally:
        full.stop()
        empty.stop()

    def median_ms(name: str, index: int) -> float:
        return statistics.median(run[index] for run in figures[name]) * 1000

    rows_full, rows_empty = figures["full"][0][2], figures["empty"][0][2]
    first_full, first_empty = median_ms("full", 0), median_ms("empty", 0)
    end_full, end_empty = median_ms("full", 1), median_ms("empty", 1)
    many = f"{rows_full:,} requests"
    empty_label = f"empty list ({rows_empty} rows)"
    width = max(len(many), len(empty_label))
    print(f"runs: {args.runs}; requests written with insert_requests: {rows_full:,} in {fill_s:.2f} s")
    print(f"first page on screen,  {empty_label:<{width}}  median {first_empty:7.1f} ms")
    print(
        f"first page on screen,  {many:<{width}}  median {first_full:7.1f} ms  ({first_full / first_empty:.2f}x empty)"
    )
    print(f"to the end (last row), {empty_label:<{width}}  median {end_empty:7.1f} ms")
    print(f"to the end (last row), {many:<{width}}  median {end_full:7.1f} ms  ({end_full / end_empty:.2f}x empty)")
    print(f"longest UI-thread stall over every run: {stall * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

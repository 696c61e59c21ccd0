"""How long the UI thread works to open each page of an operator the first time (not a test).

    python bench/first_open.py [--operator counter1|notary1 ...] [--runs 3] [--json]

Each run is a fresh process: the real MainWindow, offscreen, signed in through its sign-in page against the demo
sandbox (a real subprocess on loopback), and idle until the pages' libraries, modules, widget classes and icons are
loaded ahead (desktop/preload.py), as after a real sign-in. Then each page the operator's roles give is opened once,
in the navigation's order, as the page's shortcut opens it (`MainWindow.show_page`), and the events that follow at
once (its layout and first paint) are handled; the UI thread's processor time (`time.thread_time`) and the wall time
of that are the page's figures. The baseline, in the same process, is a page of one title label made and shown in
the same stack. Printed: the median over the runs of each figure, and of its ratio to the baseline. The machine is
shared: compare two checkouts by running this in each in turn, several times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPERATORS = {"counter1": "PK-1001", "notary1": "NT-0042"}
RESULT = "PISHKHAN_FIRST_OPEN "


def one_run(username: str) -> dict[str, tuple[float, float]]:
    """In this process: {page id: (UI-thread ms, wall ms)}, the baseline under "(blank page)"."""
    sys.path.insert(0, str(ROOT))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["PISHKHAN_HOME"] = tempfile.mkdtemp(prefix="pishkhan-bench-home-")
    for name in ("PISHKHAN_CONFIG_DIR", "PISHKHAN_DATA_DIR", "PISHKHAN_CACHE_DIR", "PISHKHAN_LOG_DIR"):
        os.environ.pop(name, None)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from bench.compiled import compile_packages
    from bench.responsiveness_rig import PASSWORD, Sandbox, close_window, wait_until
    from desktop.app import create_application
    from desktop.tasks import TaskRunner
    from desktop.ui.main_window import MainWindow
    from desktop.ui.sign_in_page import ServerConfig

    compile_packages(ROOT)
    app = create_application("fa")
    sandbox = Sandbox(Path(tempfile.mkdtemp(prefix="pishkhan-bench-first-open-")))
    figures: dict[str, tuple[float, float]] = {}
    try:
        tasks = TaskRunner()
        window = MainWindow(ServerConfig(sandbox.url, None, "T-BENCH01"), tasks)
        window.show()
        window.activateWindow()
        window.sign_in_page.fill(username, PASSWORD, OPERATORS[username])
        window.sign_in_page.submit_form()
        wait_until(lambda: window.session is not None, 90.0, "sign-in")
        wait_until(lambda: window.pages_loaded_ahead and not tasks.busy, 90.0, "loading ahead")

        def settle() -> None:
            wait_until(lambda: not tasks.busy, 60.0, "the page's reads")
            until = time.perf_counter() + 0.1
            while time.perf_counter() < until:
                app.processEvents()

        def timed(open_it) -> tuple[float, float]:
            processor, wall = time.thread_time(), time.perf_counter()
            open_it()
            app.processEvents()
            return (time.thread_time() - processor) * 1000, (time.perf_counter() - wall) * 1000

        def blank() -> None:
            page = QWidget(window.pages)
            QVBoxLayout(page).addWidget(QLabel("صفحه", objectName="pageTitle"))
            window.pages.addWidget(page)
            window.pages.setCurrentWidget(page)

        figures["(blank page)"] = timed(blank)
        settle()
        for page_id in window.visible_page_ids():
            if window.page(page_id) is None:  # the home page is made at sign-in
                figures[page_id] = timed(lambda page_id=page_id: window.show_page(page_id))
                settle()
        close_window(window, tasks)
    finally:
        sandbox.stop()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operator", action="append", choices=sorted(OPERATORS), help="repeatable; default both")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one", choices=sorted(OPERATORS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.one:
        print(RESULT + json.dumps(one_run(args.one)), flush=True)
        return 0

    document: dict[str, dict[str, dict[str, float]]] = {}
    for username in args.operator or sorted(OPERATORS):
        runs = []
        for _ in range(args.runs):
            done = subprocess.run(
                [sys.executable, __file__, "--one", username], capture_output=True, text=True, check=True
            )
            line = next(line for line in done.stdout.splitlines() if line.startswith(RESULT))
            runs.append(json.loads(line.removeprefix(RESULT)))
        pages: dict[str, dict[str, float]] = {}
        for page_id in runs[0]:
            processor = [run[page_id][0] for run in runs]
            wall = [run[page_id][1] for run in runs]
            ratio = [run[page_id][0] / run["(blank page)"][0] for run in runs]
            pages[page_id] = {
                "ui_thread_ms": round(statistics.median(processor), 1),
                "wall_ms": round(statistics.median(wall), 1),
                "ratio_to_blank": round(statistics.median(ratio), 1),
            }
        document[username] = pages
    if args.json:
        print(json.dumps(document, indent=2))
        return 0
    print(f"opening each page the first time; medians of {args.runs} runs (fresh processes)")
    for username, pages in document.items():
        print(f"{username}:")
        print(f"  {'page':14s} {'UI thread':>10s} {'wall':>8s}  ratio to a blank page")
        for page_id, figures in pages.items():
            print(
                f"  {page_id:14s} {figures['ui_thread_ms']:8.1f} ms {figures['wall_ms']:5.1f} ms"
                f"  {figures['ratio_to_blank']:5.1f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Start-up time: `pishkhan gui --demo` until the sign-in page is on screen, against a bare PySide6 window.

Both run offscreen as fresh processes, alternately, in the same run; prints the medians and their ratio.
Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_WINDOW = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.show()
def report():
    print(f"PISHKHAN_SIGN_IN_SHOWN {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, report)
app.exec()
"""


def _marks(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from launch to each mark the process prints (SHOWN: window on screen; READY: sign-in usable)."""
    started = time.time()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    marks = {}
    for line in result.stdout.splitlines():
        if line.startswith("PISHKHAN_SIGN_IN_"):
            name, stamp = line.split()
            marks[name.removeprefix("PISHKHAN_SIGN_IN_")] = float(stamp) - started
    if "SHOWN" not in marks:
        raise RuntimeError(f"no start-up mark in output: {result.stdout!r} {result.stderr!r}")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PISHKHAN_STARTUP_PROBE="1")
    env["PISHKHAN_HOME"] = tempfile.mkdtemp(prefix="pishkhan-bench-")
    app_cmd = [sys.executable, "-m", "desktop.cli", "gui", "--demo"]
    bare_cmd = [sys.executable, "-c", BARE_WINDOW]
    _marks(app_cmd, env)  # warm the disk cache for both
    _marks(bare_cmd, env)
    shown, ready, bare = [], [], []
    for _ in range(args.runs):
        marks = _marks(app_cmd, env)
        shown.append(marks["SHOWN"])
        ready.append(marks["READY"])
        bare.append(_marks(bare_cmd, env)["SHOWN"])
    bare_ms, shown_ms, ready_ms = (statistics.median(x) * 1000 for x in (bare, shown, ready))
    print(f"runs: {args.runs}")
    print(f"bare PySide6 window on screen:                median {bare_ms:6.0f} ms")
    print(f"pishkhan gui --demo, sign-in page on screen:  median {shown_ms:6.0f} ms  ({shown_ms / bare_ms:.2f}x bare)")
    print(
        f"pishkhan gui --demo, sandbox up, sign-in ready: median {ready_ms:6.0f} ms  ({ready_ms / bare_ms:.2f}x bare)"
    )


if __name__ == "__main__":
    main()

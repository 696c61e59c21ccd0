"""Start-up time of `pishkhan gui`, in the production start (`--api URL`) and in `--demo`, against a bare PySide6
window; all offscreen, each a fresh process, taken in turn in the same run. Prints the medians and their ratios.

Marks (desktop/startup_probe.py, switched on by PISHKHAN_STARTUP_PROBE):
- on screen: the first paint of the sign-in page (the bare window: its first paint);
- usable: painted, the sign-in button enabled (in `--demo`: the sandbox is up) and the event loop idle again;
- warm: what a sign-in needs has loaded too (requests, keyring, the sweep of stale sessions; the workspace made,
  its modules loaded off the UI thread).

Each checkout is byte-compiled first, as an installed application is (bench/compiled.py).

Usage: python bench/startup.py [--runs N] [--root DIR ...] [--bundle DIR ...]
  --root: the checkouts to time, in turn in the same run (default: this one), e.g. an older one beside this one
  --bundle: production one-folder bundles (scripts/bundle.sh makes dist/pishkhan) to time as well, its production
    start only: what a counter PC runs. Its Python has no `site` start-up and no source files for PySide's import
    hook to read (about 20 ms in a checkout), which the bare window, started by this interpreter, still pays.
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
sys.path.insert(0, str(ROOT))

from bench.compiled import compile_packages  # noqa: E402

BARE_WINDOW = """
import time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"PISHKHAN_SIGN_IN_SHOWN {time.time():.6f}", flush=True)
            app.quit()
        return False
probe = FirstPaint()
window.installEventFilter(probe)
window.resize(1100, 720)
window.show()
app.exec()
"""
PRODUCTION_API = "https://e-shahrdari.hamedan.example.ir"
MARKS = (("SHOWN", "sign-in page on screen"), ("READY", "sign-in usable"), ("WARM", "sign-in warm"))


def _marks(command: list[str], env: dict[str, str], cwd: Path) -> dict[str, float]:
    """Seconds from launch to each mark the process prints."""
    started = time.time()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=True)
    marks = {}
    for line in result.stdout.splitlines():
        if line.startswith(("PISHKHAN_SIGN_IN_", "PISHKHAN_STARTUP_WARM")):
            name, stamp = line.split()
            marks[name.split("_")[-1]] = float(stamp) - started
    if "SHOWN" not in marks:
        raise RuntimeError(f"no start-up mark in output: {result.stdout!r} {result.stderr!r}")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--root", type=Path, action="append", help="a checkout to start (default: this one)")
    parser.add_argument(
        "--bundle", type=Path, action="append", help="a production bundle folder (dist/pishkhan) to start as well"
    )
    args = parser.parse_args()
    roots = [root.resolve() for root in args.root or [ROOT]]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PISHKHAN_STARTUP_PROBE="1")
    env["PISHKHAN_HOME"] = tempfile.mkdtemp(prefix="pishkhan-bench-")
    for name in ("PISHKHAN_CONFIG_DIR", "PISHKHAN_DATA_DIR", "PISHKHAN_CACHE_DIR", "PISHKHAN_LOG_DIR"):
        env.pop(name, None)
    commands = {("bare", roots[0]): [sys.executable, "-c", BARE_WINDOW]}
    for root in roots:
        commands[("production", root)] = [sys.executable, "-m", "desktop.cli", "gui", "--api", PRODUCTION_API]
        commands[("demo", root)] = [sys.executable, "-m", "desktop.cli", "gui", "--demo"]
        compile_packages(root)
    bundles = [bundle.resolve() for bundle in args.bundle or []]
    for bundle in bundles:
        commands[("bundle", bundle)] = [str(bundle / "pishkhan"), "gui", "--api", PRODUCTION_API]
    for (_name, root), command in commands.items():  # warm the disk cache for each
        _marks(command, dict(env, PYTHONPATH=str(root)), root)
    runs: dict[tuple[str, Path], list[dict[str, float]]] = {key: [] for key in commands}
    for _ in range(args.runs):
        for (name, root), command in commands.items():
            runs[(name, root)].append(_marks(command, dict(env, PYTHONPATH=str(root)), root))

    def median_ms(key: tuple[str, Path], mark: str) -> float:
        return statistics.median(run[mark] for run in runs[key]) * 1000

    bare = median_ms(("bare", roots[0]), "SHOWN")
    print(f"runs: {args.runs} each, in turn")
    print(f"bare PySide6 window, first paint:              median {bare:6.0f} ms")
    rows = [(root, (("production", "pishkhan gui --api URL"), ("demo", "pishkhan gui --demo"))) for root in roots]
    rows += [(bundle, (("bundle", "bundle gui --api URL"),)) for bundle in bundles]
    for root, modes in rows:
        print(root)
        for name, label in modes:
            for mark, what in MARKS:
                if all(mark in run for run in runs[(name, root)]):
                    value = median_ms((name, root), mark)
                    print(f"  {label:23s} {what:22s} median {value:6.0f} ms  ({value / bare:.2f}x bare)")


if __name__ == "__main__":
    main()

"""What bench/responsiveness.py stands on: the sandbox as a subprocess, the lateness probe, the player that drives
a scenario's steps on the event loop, the signed-in window, and the figures.

The probe is a 10 ms precise QTimer on the UI thread; each tick records how far the interval since the previous
tick was from 10 ms (lateness = actual interval - 10 ms). A tick can only come when the event loop is free, so the
longest lateness is the longest the UI thread was busy (or waited for the interpreter) in one go.
"""

from __future__ import annotations

import gc
import math
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEventLoop, QMarginsF, QObject, Qt, QTimer
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
READY = "PISHKHAN_SANDBOX_READY "
PASSWORD = "pishkhan-demo"  # the documented demo password of the training sandbox
INTERVAL_MS = 10.0
GOAL_P99_MS, GOAL_MAX_MS = 16.0, 50.0


class Sandbox:
    """The reference API as a real subprocess on loopback; `faults` as `pishkhan sandbox --faults` takes it."""

    def __init__(self, data: Path, faults: str | None = None) -> None:
        self.data = data
        command = [sys.executable, "-m", "sandbox", "--host", "127.0.0.1", "--port", "0", "--data", str(data)]
        if faults:
            command += ["--faults", faults]
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith(READY):
            self.process.kill()
            raise RuntimeError(f"the sandbox did not start: {line!r}")
        self.url = line[len(READY) :].strip()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Probe(QObject):
    """The 10 ms timer whose lateness is recorded, with the scenario's steps that ran during each interval."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(int(INTERVAL_MS))
        self.timer.timeout.connect(self._tick)
        self.samples: list[float] = []
        self.steps: list[str] = []  # for each sample: the steps that ran in its interval
        self._during: list[str] = [""]
        self._last = 0.0
        self.notes: list[str] = []  # what a scenario says about its run (counts, targets)

    @property
    def step(self) -> str:
        return self._during[-1]

    @step.setter
    def step(self, name: str) -> None:
        if name != self._during[-1]:
            self._during.append(name)

    def start(self) -> None:
        self.samples, self.steps, self._during, self.notes = [], [], [self.step], []
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.samples

    def _tick(self) -> None:
        now = time.perf_counter()
        self.samples.append((now - self._last) * 1000.0 - INTERVAL_MS)
        self.steps.append(" / ".join(self._during[-3:]))
        self._during = [self._during[-1]]
        self._last = now

    def worst(self, count: int = 3) -> list[tuple[float, str]]:
        order = sorted(range(len(self.samples)), key=self.samples.__getitem__, reverse=True)[:count]
        return [(self.samples[i], self.steps[i]) for i in order]


# What a scenario's step yields: a pause in milliseconds, or a condition to wait for (checked every 5 ms).
Wait = float | int | Callable[[], bool]


def play(steps: Iterator[Wait], probe: Probe, *, timeout_s: float = 180.0) -> None:
    """Run a scenario's steps inside the event loop: the code between two yields runs on the UI thread (as the
    operator's keys and clicks do), each yield lets the loop run until the pause is over or the condition holds.
    A step sets `probe.step` to name itself in the worst stalls."""
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_s
    waiting: dict[str, object] = {"until": 0.0, "condition": None}
    failure: list[BaseException] = []

    def advance() -> None:
        try:
            while True:
                item = next(steps)
                if callable(item):
                    if item():
                        continue
                    waiting.update(until=0.0, condition=item)
                else:
                    waiting.update(until=time.perf_counter() + float(item) / 1000.0, condition=None)
                return
        except StopIteration:
            loop.quit()
        except BaseException as exc:
            failure.append(exc)
            loop.quit()

    def check() -> None:
        now = time.perf_counter()
        if now > deadline:
            failure.append(TimeoutError(f"step {probe.step!r} did not finish within {timeout_s:.0f} s"))
            loop.quit()
            return
        condition = waiting["condition"]
        if now >= waiting["until"] and (condition is None or condition()):  # type: ignore[operator]
            advance()

    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(check)
    poll.start()
    QTimer.singleShot(0, advance)
    loop.exec()
    poll.stop()
    if failure:
        raise failure[0]


def wait_until(condition: Callable[[], bool], timeout_s: float = 60.0, what: str = "") -> None:
    """Outside the measurement: let the loop run until `condition` holds."""
    probe = Probe()

    def steps() -> Iterator[Wait]:
        probe.step = what
        yield condition

    play(steps(), probe, timeout_s=timeout_s)


@dataclass
class Figures:
    name: str
    samples: list[float]
    wall_s: float = 0.0
    worst: list[tuple[float, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(p / 100.0 * len(ordered)) - 1)] if ordered else float("nan")

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p99(self) -> float:
        return self.percentile(99)

    @property
    def max(self) -> float:
        return max(self.samples) if self.samples else float("nan")

    @property
    def passed(self) -> bool:
        return self.p99 < GOAL_P99_MS and self.max < GOAL_MAX_MS

    def as_json(self, baseline: Figures | None) -> dict[str, object]:
        data: dict[str, object] = {
            "samples": len(self.samples), "p50_ms": round(self.p50, 2), "p99_ms": round(self.p99, 2),
            "max_ms": round(self.max, 2), "pass": self.passed, "wall_s": round(self.wall_s, 2),
            "worst": [{"lateness_ms": round(ms, 2), "step": step} for ms, step in self.worst], "notes": self.notes,
        }  # fmt: skip
        if baseline is not None:
            data["p99_vs_idle"] = round(self.p99 / baseline.p99, 2) if baseline.p99 > 0 else None
            data["max_vs_idle"] = round(self.max / baseline.max, 2) if baseline.max > 0 else None
        return data

    def line(self, baseline: Figures | None) -> str:
        verdict = "" if baseline is None else ("  PASS" if self.passed else "  FAIL")
        text = (
            f"{self.name:<14} {self.wall_s:5.1f} s  samples {len(self.samples):5d}  p50 {self.p50:6.2f} ms  "
            f"p99 {self.p99:7.2f} ms  max {self.max:7.2f} ms"
        )
        if baseline is not None and baseline.p99 > 0 and baseline.max > 0:
            text += f"  ({self.p99 / baseline.p99:.1f}x / {self.max / baseline.max:.1f}x idle)"
        return text + verdict


class Collections:
    """The cyclic garbage collections during a measurement (the application runs them on the UI thread): how
    many of the oldest generation, and the longest."""

    def __init__(self) -> None:
        self.full: list[float] = []
        self._started = 0.0

    def __enter__(self) -> Collections:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.full.append((time.perf_counter() - self._started) * 1000.0)

    def note(self) -> str:
        longest = f", longest {max(self.full):.0f} ms" if self.full else ""
        return f"full garbage collections on the UI thread: {len(self.full)}{longest}"


def measure(name: str, steps: Iterator[Wait], probe: Probe, *, timeout_s: float = 180.0) -> Figures:
    started = time.perf_counter()
    probe.start()
    try:
        with Collections() as collections:
            play(steps, probe, timeout_s=timeout_s)
    finally:
        samples = probe.stop()
    notes = [*probe.notes, collections.note()]
    return Figures(name, samples, time.perf_counter() - started, probe.worst(), notes)


def idle(probe: Probe, seconds: float) -> Figures:
    def steps() -> Iterator[Wait]:
        probe.step = "idle"
        yield seconds * 1000.0

    return measure("idle baseline", steps(), probe)


# -- the signed-in window ---------------------------------------------------------------------------------------


def signed_in_window(url: str, app: QApplication, terminal: str = "T-BENCH01"):
    """The real MainWindow, shown, signed in as the demo counter operator through its sign-in page."""
    from desktop.tasks import TaskRunner
    from desktop.ui.main_window import MainWindow
    from desktop.ui.sign_in_page import ServerConfig

    tasks = TaskRunner()
    window = MainWindow(ServerConfig(url, None, terminal), tasks)
    window.show()
    window.activateWindow()
    window.sign_in_page.fill("counter1", PASSWORD, "PK-1001")
    window.sign_in_page.submit_form()
    wait_until(lambda: window.session is not None, 90.0, "sign-in")
    wait_until(lambda: window.outbox.last is not None and not tasks.busy, 90.0, "sign-in settles")
    return window, tasks


def close_window(window, tasks) -> None:
    window.close()
    wait_until(lambda: not tasks.busy, 60.0, "window closes")
    tasks.shutdown()
    window.deleteLater()
    QApplication.processEvents()


# -- a printer --------------------------------------------------------------------------------------------------


def cups_queue() -> str | None:
    """An enabled CUPS queue the scheduler answers for (`lpstat -p`), the test queue first; None when there is none."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return None
    try:
        out = subprocess.run([lpstat, "-p"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    names = [line.split()[1] for line in out.splitlines() if line.startswith("printer ") and "disabled" not in line]
    wanted = os.environ.get("PISHKHAN_TEST_PRINTER", "PishkhanPDF")
    return wanted if wanted in names else (names[0] if names else None)


def print_to_pdf_file(pdf: bytes, path: Path) -> int:
    """The print service's drawing path (QtPdf pages in bands through a QPainter) onto a PDF file, for a machine
    with no print queue; like the service's, it runs on a worker thread. Returns the pages drawn."""
    from desktop import print_service

    document, _buffer = print_service._load(pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    dpi = 300
    printer.setResolution(dpi)
    printer.setFullPage(True)
    size = print_service._page_size(document.pagePointSize(0))
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError(f"could not write {path}")
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            print_service._paint_page(painter, document, page, printer.pageLayout().fullRectPixels(dpi))
    finally:
        painter.end()
    return document.pageCount()

"""How long the UI thread stalls while the operator works (not a test).

    python bench/responsiveness.py [--scenario NAME ...] [--json] [--profile] [--requests 10000]

A 10 ms precise QTimer runs on the UI thread and each tick's lateness (actual interval - 10 ms) is recorded; the
figures are its p50, p99 and max per scenario. Goal: p99 < 16 ms and max < 50 ms (PASS/FAIL). The same timer on an
idle event loop, measured in the same run before and after the scenarios, is the baseline (the machine is noisy;
the ratio to it is printed). Everything runs offscreen in the real MainWindow, signed in through its sign-in page as
the demo counter operator, against sandboxes that run as real subprocesses on loopback. Before a scenario the pages
it uses have been opened once (as in a working day), except in first-show:
- loading-ahead (with first-show): just signed in, the operator idle, while the window loads the pages'
  libraries on a worker thread and their modules on the UI thread, one per turn (desktop/preload.py; a real
  operator is still typing the password then); measured when no earlier window of the run has loaded them (run
  `--scenario first-show` alone for it).
- first-show: then each page of the counter operator opened for the first time by its shortcut (made, shown).
The project's modules are byte-compiled first (bench/compiled.py), as in an installed application.
- slow-server: every answer of the sandbox takes 2 s (`--faults latency=1:2000,on=all`); the operator scans a
  parcel on the parcel page, opens the requests page, the fee page, the home page and the parcel again, and the
  window checks the connection; until every answer has come and been shown.
- long-list: the requests page with REQUESTS permit requests (`sandbox.permit_store.insert_requests`): its first
  page loads, Page Down walks the first page, then Ctrl+Page Down goes through every page, the scroll bar steps
  down each one, and Ctrl+End reaches the last row of the last page (whose request is then read and shown).
- fee-typing: the fee page; a case typed key by key (QTest key clicks, ASCII and Persian digits), KEY_MS apart so
  that each key recomputes after the page's 150 ms debounce; once the case is whole the list of lines takes the
  focus (its first line explained), KEY_MS later Down chooses the next, and its explanation follows the rest of the
  typing.
- printing: ten payment receipts rendered (ReportLab) and printed at once through the print service, as the cashier
  page does (an op each, then `print_in_background`), onto the CUPS queue `lpstat -p` names (the test queue
  first; CUPS_SERVER chooses the scheduler); with none, through the same drawing path onto PDF files. One receipt
  is printed first, unmeasured.
Each scenario prints its three worst stalls with the steps that ran meanwhile, and the full garbage collections
that ran on the UI thread. `--profile` runs cProfile on the UI thread around each scenario (Python only: the time
Qt spends in C++, laying out and painting, shows as the event loop's own).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["PISHKHAN_HOME"] = tempfile.mkdtemp(prefix="pishkhan-bench-home-")  # never the operator's own folders
for _name in ("PISHKHAN_CONFIG_DIR", "PISHKHAN_DATA_DIR", "PISHKHAN_CACHE_DIR", "PISHKHAN_LOG_DIR"):
    os.environ.pop(_name, None)
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # tokens in memory; no keyring touched

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractSlider, QApplication, QWidget  # noqa: E402

from bench.compiled import compile_packages  # noqa: E402
from bench.responsiveness_rig import (  # noqa: E402
    GOAL_MAX_MS,
    GOAL_P99_MS,
    Figures,
    Probe,
    Sandbox,
    Wait,
    close_window,
    cups_queue,
    idle,
    measure,
    print_to_pdf_file,
    signed_in_window,
)
from desktop.app import create_application  # noqa: E402
from desktop.pages import PAGES  # noqa: E402
from desktop.widgets.lists import ListState, PagedTableModel  # noqa: E402
from sandbox.city import DEMO_PARCEL  # noqa: E402
from sandbox.db import Database  # noqa: E402
from sandbox.permit_store import insert_requests  # noqa: E402
from sandbox.settings import DB_FILENAME  # noqa: E402

SCENARIOS = ("first-show", "slow-server", "long-list", "fee-typing", "printing")
# the counter operator's pages and their shortcuts, in the order first-show opens them
PAGE_KEYS = (
    ("fees", Qt.Key.Key_2), ("parcel", Qt.Key.Key_3), ("permit", Qt.Key.Key_4), ("requests", Qt.Key.Key_5),
    ("verify", Qt.Key.Key_6), ("notes", Qt.Key.Key_7), ("outbox", Qt.Key.Key_8), ("settings", Qt.Key.Key_9),
    ("home", Qt.Key.Key_1),
)  # fmt: skip
LATENCY_FAULTS = "latency=1:2000,on=all"
KEY_MS = 180  # a little over the fee page's 150 ms debounce: every key recomputes
SCROLL_MS = 30  # a held key repeats about this often
RECEIPTS = 10
IDLE_S = 3.0


def key(widget: QWidget, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, k, modifier)


def focused(window: QWidget) -> QWidget:
    return QApplication.focusWidget() or window


def type_keys(probe: Probe, widget: QWidget, text: str, every_ms: float) -> Iterator[Wait]:
    """Type like a keyboard, one key every `every_ms`; QTest takes Latin-1 only, so Persian digits go in as events."""
    for char in text:
        probe.step = f"key {char!r} into {widget.objectName() or type(widget).__name__}"
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        yield every_ms


def open_page(probe: Probe, window, page_id: str, shortcut: Qt.Key) -> Iterator[Wait]:
    """The page's shortcut (Ctrl+digit), as the operator opens it."""
    probe.step = f"Ctrl+{page_id} shows the page"
    key(focused(window), shortcut, Qt.KeyboardModifier.ControlModifier)
    yield lambda: window.current_page() is window.page(page_id)


# -- the scenarios -------------------------------------------------------------------------------------------


def loading_ahead(probe: Probe, window) -> Iterator[Wait]:
    """Signed in, the operator idle on the home page while the window loads what the pages are made of."""
    probe.step = "the pages' libraries and modules loading"
    yield lambda: window.pages_loaded_ahead


def visit_pages(probe: Probe, window, pages: tuple[tuple[str, Qt.Key], ...]) -> Iterator[Wait]:
    """Each page opened by its shortcut, and its reads answered and shown, one after another."""
    tasks = window.session.tasks
    for page_id, shortcut in pages:
        yield from open_page(probe, window, page_id, shortcut)
        probe.step = f"{page_id}: its reads answered"
        yield lambda: not tasks.busy
        yield 200


def slow_server(probe: Probe, window) -> Iterator[Wait]:
    tasks = window.session.tasks
    yield from open_page(probe, window, "parcel", Qt.Key.Key_3)
    parcel = window.page("parcel")
    yield from type_keys(probe, parcel.field, DEMO_PARCEL, 40)  # a barcode scanner types fast
    probe.step = "Enter: parcel search sent"
    key(parcel.field, Qt.Key.Key_Return)
    yield 300
    yield from open_page(probe, window, "requests", Qt.Key.Key_5)
    yield 300
    probe.step = "health check"
    window.check_connection()
    yield from open_page(probe, window, "fees", Qt.Key.Key_2)
    yield 300
    yield from open_page(probe, window, "home", Qt.Key.Key_1)
    yield 300
    yield from open_page(probe, window, "parcel", Qt.Key.Key_3)
    probe.step = "waiting for the answers"
    yield lambda: parcel.parcel is not None and not tasks.busy
    yield from open_page(probe, window, "requests", Qt.Key.Key_5)
    requests = window.page("requests")
    probe.step = "the list read again on show"
    yield lambda: requests.model.state is ListState.READY and not tasks.busy
    probe.step = "answers shown"
    yield 200


def page_ready(model: PagedTableModel, wanted: int) -> Callable[[], bool]:
    return lambda: model.page == wanted and model.state is ListState.READY


def long_list(probe: Probe, window) -> Iterator[Wait]:
    yield from open_page(probe, window, "requests", Qt.Key.Key_5)
    page = window.page("requests")
    model, table = page.model, page.table
    probe.step = "first page loading"
    yield lambda: model.state is ListState.READY and model.total > 0
    table.setFocus()
    bar = table.verticalScrollBar()
    while bar.value() < bar.maximum():  # the first page with the keyboard
        probe.step = "Page Down on page 1"
        key(table, Qt.Key.Key_PageDown)
        yield SCROLL_MS
    while model.page + 1 < model.page_count:
        wanted = model.page + 1
        probe.step = f"Ctrl+Page Down to page {wanted + 1}"
        key(table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        yield page_ready(model, wanted)
        yield SCROLL_MS
        for action in (QAbstractSlider.SliderAction.SliderPageStepAdd, QAbstractSlider.SliderAction.SliderToMaximum):
            probe.step = f"scroll bar on page {wanted + 1}"
            bar.triggerAction(action)
            yield SCROLL_MS
    probe.notes.append(f"{model.total:,} requests, {model.page_count} pages of {model.page_size} rows")
    probe.step = "Ctrl+End: the last row"
    key(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    yield 400  # the request under the last row is read after its pause, then shown
    probe.step = "the last request read"
    yield lambda: not page.session.tasks.busy


def fee_typing(probe: Probe, window) -> Iterator[Wait]:
    yield from open_page(probe, window, "fees", Qt.Key.Key_2)
    page = window.page("fees")
    probe.step = "books loading"
    yield lambda: page.books_ready and not page.session.tasks.busy
    recomputed: list[float] = []
    page._debounce.timeout.connect(lambda: recomputed.append(time.perf_counter()))
    form, floors = page.form, page.form.floors
    form.date.setFocus()
    form.date.selectAll()
    yield from type_keys(probe, form.date, "۱۴۰۵/۰۷/۱۵", KEY_MS)
    for widget, text in (
        (form.renovation_code, "1-2-123-45-0-0"),
        (form.numbers["land_area_m2"], "۲۴۰"),
        (form.numbers["parking_provided"], "2"),
        (form.numbers["parking_required"], "۳"),
        (form.numbers["balcony_area_m2"], "12.5"),
        (floors.text_editor(0, "area_m2"), "۱۳۰"),
        (floors.text_editor(0, "units"), "1"),
    ):
        widget.setFocus()
        yield from type_keys(probe, widget, text, KEY_MS)
    probe.step = "the fee lines reached: the first explained"
    yield lambda: page.view.lines.topLevelItemCount() > 0
    page.view.lines.setFocus()  # the list takes its first line as the current one
    yield KEY_MS
    probe.step = "the next fee line chosen: its explanation follows the typing"
    key(page.view.lines, Qt.Key.Key_Down)
    yield KEY_MS
    probe.step = "add a floor"
    QTest.mouseClick(form.add_floor_button, Qt.MouseButton.LeftButton)
    yield KEY_MS
    yield from type_keys(probe, floors.text_editor(1, "level"), "1", KEY_MS)
    probe.step = "the floor's use"
    use = floors.use_editor(1)
    use.setFocus()
    key(use, Qt.Key.Key_Down)  # commercial
    yield KEY_MS
    for name, text in (("area_m2", "110"), ("units", "۲"), ("height_m", "4.5"), ("frontage_m", "۱۰")):
        editor = floors.text_editor(1, name)
        editor.setFocus()
        yield from type_keys(probe, editor, text, KEY_MS)
    probe.step = "the last recompute"
    yield 2 * KEY_MS
    if page.assessment is None:
        raise RuntimeError(f"the typed case was not assessed: {page.error_label.text()} {page.hint_label.text()}")
    probe.notes.append(f"{len(recomputed)} recomputes, a key every {KEY_MS} ms")


def printing(probe: Probe, window, receipts: list, target: str, out: Path) -> Iterator[Wait]:
    from printing import render

    session = window.session
    tasks, service = session.tasks, session.print_service
    done: list[object] = []
    failed: list[BaseException] = []

    def print_one(rendered) -> None:
        if target:
            service.print_in_background(tasks, rendered, done.append, failed.append, owner=window)
        else:
            path = out / f"{rendered.number}.pdf"
            tasks.run(lambda: print_to_pdf_file(rendered.pdf, path), done.append, failed.append, owner=window)

    probe.step = "ten receipts asked for"
    for receipt in receipts:
        tasks.run(lambda receipt=receipt: render(receipt), print_one, failed.append, owner=window)
    probe.step = "rendering and printing"
    yield lambda: len(done) + len(failed) == len(receipts)
    if failed:
        first = "".join(traceback.format_exception(failed[0]))
        raise RuntimeError(f"{len(failed)} of {len(receipts)} receipts did not print; the first:\n{first}")


# -- the run -------------------------------------------------------------------------------------------------


def profiled(run: Callable[[], Figures], enabled: bool) -> tuple[Figures, str]:
    if not enabled:
        return run(), ""
    profile = cProfile.Profile()
    profile.enable()
    try:
        figures = run()
    finally:
        profile.disable()
    text = io.StringIO()
    stats = pstats.Stats(profile, stream=text)
    stats.sort_stats("tottime").print_stats(14)
    stats.sort_stats("cumulative").print_stats(r"(desktop|client_api|fees|printing|civic)/", 14)
    return figures, text.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", action="append", choices=SCENARIOS, help="run only these (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON document")
    parser.add_argument("--profile", action="store_true", help="cProfile on the UI thread around each scenario")
    parser.add_argument("--requests", type=int, default=10_000, help="permit requests in the long list")
    args = parser.parse_args()
    chosen = [name for name in SCENARIOS if name in (args.scenario or SCENARIOS)]

    compile_packages(ROOT)
    app = create_application("fa")
    probe = Probe()
    work = Path(tempfile.mkdtemp(prefix="pishkhan-bench-responsiveness-"))
    sandboxes: list[Sandbox] = []
    results: dict[str, Figures] = {}
    profiles: dict[str, str] = {}
    notes: list[str] = []

    def scenario(name: str, steps: Iterator[Wait]) -> Figures:
        results[name], profiles[name] = profiled(lambda: measure(name, steps, probe), args.profile)
        return results[name]

    try:
        baseline = idle(probe, IDLE_S)
        if "slow-server" in chosen:
            slow = Sandbox(work / "slow", LATENCY_FAULTS)
            sandboxes.append(slow)
            window, tasks = signed_in_window(slow.url, app, "T-BENCH02")
            used = tuple(pair for pair in PAGE_KEYS if pair[0] in ("parcel", "requests", "fees", "home"))
            measure("warm-up", visit_pages(probe, window, used), probe)  # pages made before, as in a working day
            scenario("slow-server", slow_server(probe, window))
            close_window(window, tasks)
        if set(chosen) - {"slow-server"}:
            full = Sandbox(work / "full")
            sandboxes.append(full)
            started = time.perf_counter()
            with Database(full.data / DB_FILENAME).connect() as conn:
                insert_requests(conn, "PK-1001", "counter1", args.requests, seed=1405)
            notes.append(f"{args.requests:,} requests written in {time.perf_counter() - started:.1f} s")
            window, tasks = signed_in_window(full.url, app)
            if "first-show" in chosen:
                if all(spec.module in sys.modules for spec in PAGES):
                    notes.append("loading-ahead: not measured, an earlier window of this run loaded the pages")
                    measure("loaded ahead", loading_ahead(probe, window), probe)
                else:
                    scenario("loading-ahead", loading_ahead(probe, window))
                scenario("first-show", visit_pages(probe, window, PAGE_KEYS))
            else:
                measure("warm-up", visit_pages(probe, window, PAGE_KEYS), probe)
            if "long-list" in chosen:
                scenario("long-list", long_list(probe, window))
            if "fee-typing" in chosen:
                scenario("fee-typing", fee_typing(probe, window))
            if "printing" in chosen:
                results["printing"], profiles["printing"] = run_printing(probe, window, work, args.profile)
            close_window(window, tasks)
        after = idle(probe, IDLE_S)
        baseline = Figures("idle baseline", baseline.samples + after.samples, baseline.wall_s + after.wall_s)
    finally:
        for sandbox in sandboxes:
            sandbox.stop()

    if args.json:
        document = {
            "goal": {"p99_ms": GOAL_P99_MS, "max_ms": GOAL_MAX_MS},
            "baseline": baseline.as_json(None),
            "scenarios": {name: figures.as_json(baseline) for name, figures in results.items()},
            "notes": notes,
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(f"UI-thread lateness of a 10 ms timer; goal p99 < {GOAL_P99_MS:.0f} ms, max < {GOAL_MAX_MS:.0f} ms")
        print(baseline.line(None))
        for figures in results.values():
            print(figures.line(baseline))
            for ms, step in figures.worst:
                print(f"    {ms:7.1f} ms late at: {step}")
            for note in figures.notes:
                print(f"    {note}")
        for note in notes:
            print(note)
    for name, text in profiles.items():
        if text:
            print(f"\n=== profile of {name} (UI thread) ===\n{text}", file=sys.stderr)
    return 0


def run_printing(probe: Probe, window, work: Path, profile: bool) -> tuple[Figures, str]:
    from desktop import doc_samples
    from printing import RECEIPT_PRINTER

    target = cups_queue() or ""
    if target:
        window.session.print_service.set_printer(RECEIPT_PRINTER, target)
    out = work / "printed-pdf"
    out.mkdir()
    day = dt.date.today()
    receipts = [doc_samples.receipt(serial, on=day) for serial in range(1, RECEIPTS + 2)]  # the server signs them
    warm = printing(probe, window, receipts[:1], target, out)  # imports, fonts, the printer's first job
    measure("warm-up", warm, probe)
    figures, text = profiled(
        lambda: measure("printing", printing(probe, window, receipts[1:], target, out), probe), profile
    )
    figures.notes.append(f"{RECEIPTS} receipts onto " + (f"CUPS queue {target}" if target else f"PDF files in {out}"))
    return figures, text


if __name__ == "__main__":
    sys.exit(main())

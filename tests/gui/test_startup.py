"""Start-up: the production start paints the sign-in page before it loads what signing in, fees and printing need,
and background work waits for that first paint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QVBoxLayout, QWidget

from desktop.tasks import AfterFirstPaint, TaskRunner

ROOT = Path(__file__).resolve().parents[2]


def test_held_ops_start_only_when_released_and_in_order(qtbot):
    tasks = TaskRunner()
    results: list[int] = []
    tasks.hold()
    for n in range(3):
        tasks.run(lambda n=n: n, results.append)
    qtbot.wait(200)
    assert results == [] and tasks.busy
    tasks.release()
    qtbot.waitUntil(lambda: len(results) == 3, timeout=5000)
    assert sorted(results) == [0, 1, 2]
    tasks.run(lambda: 9, results.append)  # after release, ops start at once
    qtbot.waitUntil(lambda: 9 in results, timeout=5000)
    tasks.shutdown()


def test_after_first_paint_calls_back_once_the_window_is_painted(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    calls: list[bool] = []
    AfterFirstPaint(window, lambda: calls.append(window.isVisible()), fallback_ms=60_000)
    qtbot.wait(100)
    assert calls == []  # not shown: never painted
    window.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)
    window.update()
    qtbot.wait(100)
    assert calls == [True]  # once only


class Paints(QObject):
    """Counts the paint events a widget receives and, at each (on the UI thread), whether `tasks` still held its
    ops."""

    def __init__(self, widget: QWidget, tasks: TaskRunner | None = None) -> None:
        super().__init__(widget)
        self.count = 0
        self.held: list[bool] = []
        self._tasks = tasks
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            if self._tasks is not None:
                self.held.append(self._tasks._held is not None)
        return False


def test_ops_held_for_a_widget_start_once_it_is_painted(qtbot):
    tasks = TaskRunner()
    widget = QWidget()
    qtbot.addWidget(widget)
    paints = Paints(widget, tasks)
    widget.show()
    assert tasks.hold() and not tasks.hold()  # the second holder leaves the release to the first
    results: list[int] = []
    tasks.run(lambda: 3, results.append)
    tasks.release_when_painted(widget, fallback_ms=60_000)
    qtbot.waitUntil(lambda: results == [3], timeout=5000)
    assert paints.held[:1] == [True]  # still held when it was first painted, released after
    tasks.shutdown()


def test_a_window_shown_waits_for_its_own_paint_not_for_an_update_request_before_it(qtbot):
    """`window.show()` posts an update request, which a real window system may hand over before the window is
    exposed and anything of it painted: at start-up only the window's own paint counts."""
    window = QWidget()
    qtbot.addWidget(window)
    calls: list[bool] = []
    AfterFirstPaint(window, lambda: calls.append(True), fallback_ms=60_000)
    QApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))
    qtbot.wait(100)
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)


def test_ops_held_for_a_page_its_children_cover_start_once_its_window_is_painted(qtbot):
    """A page that is one scroll area gets no paint event of its own: its window's repaint counts."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    page = QWidget(window)
    QVBoxLayout(window).addWidget(page)
    inner = QVBoxLayout(page)
    inner.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea(page)
    scroll.setFrameShape(QFrame.Shape.NoFrame)  # its viewport fills it whole
    inner.addWidget(scroll)
    tasks = TaskRunner()
    paints = Paints(page, tasks)
    tasks.hold()
    results: list[int] = []
    tasks.run(lambda: 5, results.append)
    tasks.release_when_painted(page, fallback_ms=60_000)
    page.show()
    qtbot.waitUntil(lambda: results == [5], timeout=2000)
    assert paints.count == 0  # it was its window's repaint that released them
    window_paints = Paints(scroll.viewport(), tasks)
    scroll.viewport().update()
    qtbot.waitUntil(lambda: window_paints.count > 0, timeout=2000)
    assert window_paints.held == [False]  # released by then (and by nothing else: the fallback is a minute off)
    tasks.shutdown()


def test_ops_held_for_a_widget_not_on_screen_start_at_the_next_turn(qtbot):
    tasks = TaskRunner()
    hidden = QWidget()
    qtbot.addWidget(hidden)
    results: list[int] = []
    tasks.hold()
    tasks.run(lambda: 7, results.append)
    tasks.release_when_painted(hidden, fallback_ms=60_000)
    qtbot.waitUntil(lambda: results == [7], timeout=1000)
    shown = QWidget()
    shown.show()
    tasks.hold()
    tasks.run(lambda: 8, results.append)
    tasks.release_when_painted(shown, fallback_ms=60_000)
    shown.deleteLater()  # gone before its first paint
    qtbot.waitUntil(lambda: results == [7, 8], timeout=1000)
    tasks.shutdown()


def _production_start(home: Path) -> subprocess.CompletedProcess[str]:
    """`pishkhan gui --api URL` with the start-up probe, in `home`; it quits once warm."""
    env = dict(os.environ, PISHKHAN_STARTUP_PROBE="1", PISHKHAN_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    for name in ("PISHKHAN_CONFIG_DIR", "PISHKHAN_DATA_DIR", "PISHKHAN_CACHE_DIR", "PISHKHAN_LOG_DIR"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "gui", "--api", "https://e-shahrdari.example.ir"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_production_start_paints_the_sign_in_page_before_loading_network_fees_and_printing(tmp_path):
    result = _production_start(tmp_path)
    lines = [line.split() for line in result.stdout.splitlines() if line.startswith("PISHKHAN_")]
    assert [line[0] for line in lines] == [
        "PISHKHAN_SIGN_IN_SHOWN",
        "PISHKHAN_STARTUP_LOADED",
        "PISHKHAN_STARTUP_GC",
        "PISHKHAN_STARTUP_ICON",
        "PISHKHAN_SIGN_IN_READY",
        "PISHKHAN_STARTUP_WARM",  # the keyring sweep ran after the first paint, and finished
        "PISHKHAN_STARTUP_ICON",
    ]
    # the window's icon, drawn at its seven sizes, waits for the sign-in page's first paint
    assert (lines[3][1:], lines[6][1:]) == (["none"], ["set"])
    # nothing of desktop.startup_probe.LATER was imported before the first paint, nor of LATER_TYPES made (the `Qt`
    # namespace, the style: desktop/qt_names.py)
    assert lines[1][1:] == []
    # what was loaded before the window was made (PySide, the window's modules) was frozen: the collections on the
    # UI thread after the first paint pass those objects by
    *_collections, frozen = map(int, lines[2][1:])
    assert frozen > 20_000, lines[2]
    assert float(lines[0][1]) <= float(lines[4][1])


def test_no_garbage_collection_runs_while_pyside_and_the_window_modules_load():
    """Loading them makes objects by the ten thousand that all live on; CPython's automatic collection walked them
    over fifty times before the first paint. `pishkhan gui` switches it off first (desktop/cli.py)."""
    script = (
        "import gc\n"
        "from desktop import cli\n"
        "cli._before_qt_modules()\n"
        "before = [generation['collections'] for generation in gc.get_stats()]\n"
        "import desktop.main\n"
        "print(gc.isenabled(), before == [generation['collections'] for generation in gc.get_stats()])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["False", "True"], done.stderr


def test_what_is_logged_before_the_first_paint_reaches_the_log_file_opened_after_it(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text("{not json", encoding="utf-8")  # set aside, with a warning, at start
    result = _production_start(tmp_path)
    loaded = [line.split()[1:] for line in result.stdout.splitlines() if line.startswith("PISHKHAN_STARTUP_LOADED")]
    # logging.handlers not among them: the log file was not opened before the first paint. (The notice about the
    # settings is shown before it: its banner is made, and showing it makes Qt types and loads QtSvg for its icon,
    # only here.)
    banner = {
        "desktop.widgets.banner",
        "PySide6.QtSvg",
        "PySide6.QtCore.Qt",
        "PySide6.QtCore.QByteArray",
        "PySide6.QtGui.QIcon",
        "PySide6.QtGui.QPainter",
        "PySide6.QtGui.QPalette",
        "PySide6.QtWidgets.QSizePolicy",
        "PySide6.QtWidgets.QStyle",
    }
    assert len(loaded) == 1 and set(loaded[0]) <= banner, loaded
    log_file = tmp_path / "log" / "pishkhan.log"
    assert "WARNING desktop.settings [MainThread]: settings unreadable" in log_file.read_text(encoding="utf-8")
    assert log_file.stat().st_mode & 0o777 == 0o600

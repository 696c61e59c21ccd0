"""Every visible string goes through Qt's translation, and English has a translation for each one."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QListWidget, QWidget

from desktop.app import apply_language
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "i18n" / "pishkhan_en.ts"
QM_FILE = ROOT / "resources" / "i18n" / "pishkhan_en.qm"
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
ISOLATED_DATA = re.compile("\u2068[^\u2069]*\u2069")  # server data placed inside a sentence (desktop.messages.isolate)


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is part of PySide6-Essentials and must be installed")
    return path


def _messages(ts_path: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts_path)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


def test_every_english_translation_is_finished():
    unfinished = [
        source
        for (_, source), translation in _messages(TS_FILE).items()
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not (translation.text or "").strip()
    ]
    assert unfinished == []


def test_the_translation_file_holds_every_string_of_the_code(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "desktop").rglob("*.py"))
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources,
            "-ts",
            str(fresh),
            "-source-language",
            "fa_IR",
            "-target-language",
            "en_GB",
        ],
        check=True,
        capture_output=True,
    )
    in_code = set(_messages(fresh))
    committed = set(_messages(TS_FILE))
    assert in_code - committed == set(), "run tools/i18n.sh and translate the new strings"


def test_the_compiled_translations_match_their_source(tmp_path):
    rebuilt = tmp_path / "rebuilt.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS_FILE), "-qm", str(rebuilt)], check=True, capture_output=True)
    assert rebuilt.read_bytes() == QM_FILE.read_bytes(), "run tools/i18n.sh to rebuild the .qm"


def _visible_texts(root: QWidget) -> list[tuple[str, str]]:
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property("pishkhanData"):  # server data is shown as the server gave it
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append((widget.objectName(), ISOLATED_DATA.sub("", widget.text())))
        elif isinstance(widget, QLineEdit):
            texts.append((widget.objectName(), widget.placeholderText()))
        elif isinstance(widget, QListWidget):
            texts.extend((widget.objectName(), widget.item(i).text()) for i in range(widget.count()))
    return texts


def test_the_english_interface_shows_no_persian_text(qapp, qtbot, shared_sandbox):
    apply_language(qapp, "en")
    tasks = TaskRunner()
    try:
        window = MainWindow(ServerConfig(shared_sandbox.url, None, "T-GUI0002"), tasks, training=True)
        qtbot.addWidget(window)
        window.show()
        window.sign_in_page.fill("counter1", "pishkhan-demo", "PK-1001")
        window.sign_in_page.show_error("")
        assert window.isLeftToRight()
        leftovers = [(name, text) for name, text in _visible_texts(window) if ARABIC_SCRIPT.search(text)]
        window.sign_in_page.submit.click()
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=10_000)
        qtbot.waitUntil(lambda: window.outbox.last is not None, timeout=10_000)
        for page_id in window.visible_page_ids():  # every page of the operator, in English
            window.show_page(page_id)
            qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
            leftovers += [
                (f"{page_id}:{name}", text) for name, text in _visible_texts(window) if ARABIC_SCRIPT.search(text)
            ]
        leftovers += [("title", window.windowTitle())] if ARABIC_SCRIPT.search(window.windowTitle()) else []
        assert leftovers == []
        assert window.page("home").roles.text() == "Counter operator, Cashier"
        window.sign_out(ask=False)
        qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    finally:
        tasks.shutdown()
        apply_language(qapp, "fa")


def test_the_persian_interface_is_right_to_left(qapp, qtbot, shared_sandbox):
    apply_language(qapp, "fa")
    window = MainWindow(ServerConfig(shared_sandbox.url, None, "T-GUI0003"), TaskRunner())
    qtbot.addWidget(window)
    assert window.isRightToLeft()
    assert window.sign_in_page.submit.text() == "ورود"

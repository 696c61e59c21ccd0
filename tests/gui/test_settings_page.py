"""The settings page against a real signed-in session: what it saves, what it refuses, and a test page that comes
out of the real CUPS-PDF queue."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from PySide6.QtCore import Qt

from desktop.settings import FILE_NAME
from desktop.ui.settings_page import SettingsPage
from printing import A4_PRINTER, RECEIPT_PRINTER
from tests.trust_resources import production_resources


def _office_ca(path: Path) -> Path:
    """A real self-signed CA certificate in PEM, as an office's IT would hand out."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Hamedan municipality test CA")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


@pytest.fixture
def settings_page(make_session, shared_sandbox, qtbot):
    session = make_session(shared_sandbox.url)
    page = SettingsPage(session)
    qtbot.addWidget(page)
    page.resize(1024, 640)
    page.show()
    qtbot.waitUntil(lambda: not page._listing, timeout=10_000)
    return page


def _saved(page: SettingsPage) -> dict:
    return json.loads((page.session.config_dir / FILE_NAME).read_text(encoding="utf-8"))


def _choose(combo, name: str) -> None:
    index = combo.findData(name)
    assert index >= 0, f"{name} is not offered: {[combo.itemData(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def test_saving_writes_the_chosen_values_to_the_settings_file(settings_page, qtbot, tmp_path):
    page = settings_page
    assert not page.has_unsaved_changes()
    ca = _office_ca(tmp_path / "office-ca.pem")
    page.api_url.setText("https://api.hamedan.example.ir")
    page.ca_bundle.setText(str(ca))
    _choose(page.language, "en")
    printer = os.environ.get("PISHKHAN_TEST_PRINTER")
    if printer:
        _choose(page.printer_combos[RECEIPT_PRINTER], printer)
        _choose(page.printer_combos[A4_PRINTER], printer)
    assert page.has_unsaved_changes()

    with qtbot.waitSignal(page.saved, timeout=10_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    saved = _saved(page)
    assert saved["api_url"] == "https://api.hamedan.example.ir"
    assert saved["ca_bundle"] == str(ca)
    assert saved["language"] == "en"
    if printer:
        assert saved["receipt_printer"] == printer and saved["a4_printer"] == printer
    assert not page.has_unsaved_changes()
    assert page.banner.tone() == "success"
    assert "راه‌اندازی بعدی" in page.banner.text()  # the address and language wait for the next start


def test_a_training_installation_shows_the_training_key_believed_with_nothing_to_choose(settings_page):
    box = settings_page.trust_training
    assert box.isChecked() and not box.isEnabled()
    assert not settings_page.has_unsaved_changes()


def test_a_production_installation_believes_the_training_key_when_the_office_asks(
    make_session, shared_sandbox, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setenv("PISHKHAN_RESOURCES", str(production_resources(tmp_path / "resources")))
    page = SettingsPage(make_session(shared_sandbox.url))
    qtbot.addWidget(page)
    page.show()
    box = page.trust_training
    assert box.isEnabled() and not box.isChecked() and not page.has_unsaved_changes()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.isChecked() and page.has_unsaved_changes()
    with qtbot.waitSignal(page.saved, timeout=10_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert _saved(page)["trust_training_key"] is True
    assert "کلید آموزشی از راه‌اندازی بعدی" in page.banner.text()  # read at the next start
    assert not page.has_unsaved_changes()


def test_plain_http_to_another_host_is_refused_naming_the_field(settings_page, qtbot):
    page = settings_page
    before = _saved(page)
    page.api_url.setText("http://api.hamedan.example.ir")
    assert page.submit()  # what Ctrl+Enter does
    assert page.banner.tone() == "error"
    assert page.banner.text().startswith("نشانی سامانه")
    assert "https" in page.banner.text()
    assert page.api_url.property("invalid") is True
    assert _saved(page) == before
    assert page.has_unsaved_changes()

    qtbot.keyClicks(page.api_url, "x")  # editing takes the outline away
    assert not page.api_url.property("invalid")


def test_plain_http_to_this_machine_is_allowed(settings_page, qtbot):
    page = settings_page
    page.api_url.setText("http://127.0.0.1:8765")
    with qtbot.waitSignal(page.saved, timeout=5_000):
        page.submit()
    assert _saved(page)["api_url"] == "http://127.0.0.1:8765"


def test_a_ca_bundle_that_is_not_pem_is_refused_naming_the_field(settings_page, qtbot, tmp_path):
    page = settings_page
    not_pem = tmp_path / "notes.txt"
    not_pem.write_text("not a certificate", encoding="utf-8")
    for path, words in ((not_pem, "PEM"), (tmp_path / "missing.pem", "پیدا نشد")):
        page.ca_bundle.setText(str(path))
        page.save()
        qtbot.waitUntil(lambda: bool(page.banner.text()), timeout=5_000)
        assert page.banner.tone() == "error"
        assert page.banner.text().startswith("فایل گواهی")
        assert words in page.banner.text()
        assert page.ca_bundle.property("invalid") is True
        page.banner.clear()
    assert _saved(page)["ca_bundle"] == ""


def test_discarding_puts_back_what_is_saved(settings_page):
    page = settings_page
    page.api_url.setText("https://other.example.ir")
    assert page.has_unsaved_changes()
    page.discard_changes()
    assert not page.has_unsaved_changes()
    assert page.api_url.text() == page.session.settings.api_url


def _queue() -> tuple[str, Path]:
    name = os.environ.get("PISHKHAN_TEST_PRINTER")
    out = os.environ.get("PISHKHAN_TEST_PRINTER_OUT")
    if not name or not out:
        if os.environ.get("CI"):
            pytest.fail("CI must provide the CUPS-PDF queue (scripts/test.sh sets it up)")
        pytest.skip("no CUPS-PDF queue: run the tests with scripts/test.sh")
    return name, Path(out)


def _wait_for_output(folder: Path, number: str, timeout: float = 20.0) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in folder.glob(f"*{number}*.pdf"):
            if path.read_bytes().rstrip().endswith(b"%%EOF"):
                return path
        time.sleep(0.1)
    raise AssertionError(f"no output for {number} in {folder} within {timeout} s")


@pytest.mark.printer
@pytest.mark.slow
@pytest.mark.parametrize("role", [RECEIPT_PRINTER, A4_PRINTER])
def test_a_test_page_comes_out_of_the_print_queue(settings_page, qtbot, role):
    printer, out = _queue()
    page = settings_page
    _choose(page.printer_combos[role], printer)  # chosen, not yet saved: the test page needs no saving
    button = page.test_buttons[role]
    assert button.isEnabled()
    with qtbot.waitSignal(page.test_page_done, timeout=30_000) as outcome:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert outcome.args[0] == role
    assert not isinstance(outcome.args[1], Exception), page.printer_status[role].text()
    assert page.printer_status[role].property("tone") == "success"
    number = page.last_test_page[role]
    printed = _wait_for_output(out, number)
    # the queue's file is what went to paper: the test page's own size (an 80 mm roll or A4), one page
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return
    info = subprocess.run([pdfinfo, str(printed)], capture_output=True, check=True, text=True).stdout
    fields = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in info.splitlines())}
    assert fields["Pages"] == "1"
    width = float(fields["Page size"].split()[0])
    assert abs(width - (80 / 25.4 * 72 if role == RECEIPT_PRINTER else 595.28)) < 2, fields["Page size"]

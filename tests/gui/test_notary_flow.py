"""A notary's transfer inquiry the whole way through, against the real sandbox: notary1 types it into the real form
and sends it with the keyboard, the reply arrives by itself on the inquiries page, «چاپ پاسخ» prints it through the
preview to the real CUPS-PDF queue, the printed page's QR code (read back with pdftoppm and zbarimg) verifies against
the bundled trust list, and the verification page shows the same number and holder. A second print is a reprint
(«المثنی»)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from civic.keys import TrustList
from civic.seal import verify
from printing import A4_PRINTER
from sandbox.city import DEMO_PARCEL
from tests.gui.test_notary_pages import BUYER_ID, SELLER_ID, fill, make_form, make_list
from tests.gui.test_permit_wizard import persian

WAIT_MS = 30_000
BIDI = str.maketrans("", "", "\u2066\u2067\u2068\u2069\u200e\u200f")


def printer_queue() -> tuple[str, Path]:
    printer, out = os.environ.get("PISHKHAN_TEST_PRINTER"), os.environ.get("PISHKHAN_TEST_PRINTER_OUT")
    if not printer or not out:
        if os.environ.get("CI"):
            pytest.fail("CI must provide the CUPS-PDF queue (scripts/test.sh sets it up)")
        pytest.skip("no CUPS-PDF queue: run the tests with scripts/test.sh")
    return printer, Path(out)


def scan_qr(pdf: Path, folder: Path) -> list[str]:
    """Every QR code on the first page of a printed PDF, as a phone or a desk scanner would read it."""
    pdftoppm, zbarimg = shutil.which("pdftoppm"), shutil.which("zbarimg")
    if pdftoppm is None or zbarimg is None:
        if os.environ.get("CI"):
            pytest.fail("CI must provide poppler-utils and zbar-tools")
        pytest.skip("pdftoppm or zbarimg is not installed")
    subprocess.run([pdftoppm, "-png", "-r", "200", "-f", "1", "-l", "1", str(pdf), str(folder / "page")], check=True)
    (png,) = folder.glob("page*.png")
    out = subprocess.run([zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
                         capture_output=True, check=False)  # fmt: skip
    return [line for line in out.stdout.decode("utf-8").splitlines() if line]


def print_through_preview(qtbot, listing, printer: str) -> object:
    """Ctrl+P's action on the page, then «چاپ» in the preview; the preview's result."""
    assert listing.print_document()
    qtbot.waitUntil(lambda: listing.preview is not None, timeout=WAIT_MS)
    dialog = listing.preview
    assert dialog.printers.currentData() == printer  # the A4 printer chosen for replies
    results: list[object] = []
    dialog.printed.connect(results.append)
    dialog.print_button.click()
    qtbot.waitUntil(dialog.print_button.isEnabled, timeout=WAIT_MS)  # disabled until the outcome is in
    assert results, dialog.status.text()
    dialog.close()
    return results[0]


@pytest.mark.printer
def test_notary1_sends_a_transfer_inquiry_prints_the_sealed_reply_and_it_verifies(
    make_session, qtbot, start_sandbox, tmp_path
):
    printer, out = printer_queue()
    server = start_sandbox("--inquiry-delay", "0")
    session = make_session(server.url, "notary1", "NT-0042")
    session.print_service.archive_dir = tmp_path / "printed"
    session.print_service.set_printer(A4_PRINTER, printer)
    started = time.time() - 1  # a job of the same name from an earlier run may be overwritten in place

    form = make_form(qtbot, session)
    listing = make_list(qtbot, session)
    form.show_page_requested.connect(lambda _target, context: listing.open_with(**context))
    fill(qtbot, form, persian(DEMO_PARCEL), [("رضا کریمی", SELLER_ID), ("مینا رحیمی", persian(BUYER_ID))])
    assert form.type.currentData() == "transfer"
    form.send_button.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: form.sent_inquiry_id is not None, timeout=WAIT_MS)

    shown = listing.reply_view
    qtbot.waitUntil(lambda: shown.reply is not None, timeout=WAIT_MS)
    reply = shown.reply
    assert reply is not None and shown.listed is not None and shown.listed.id == form.sent_inquiry_id
    assert reply.parcel.renovation_code == DEMO_PARCEL and reply.owner_name == "رضا کریمی"

    result = print_through_preview(qtbot, listing, printer)
    assert result.printer == printer and (tmp_path / "printed" / f"{reply.number}.pdf").exists()

    def printed() -> list[Path]:
        return [p for p in out.glob(f"*{reply.number}*.pdf")
                if p.stat().st_mtime >= started and p.read_bytes().rstrip().endswith(b"%%EOF")]  # fmt: skip

    qtbot.waitUntil(lambda: bool(printed()), timeout=WAIT_MS * 3)  # the queue is shared with other jobs
    (paper,) = printed()
    codes = scan_qr(paper, tmp_path)
    assert codes, "no QR code on the printed reply"
    seal_text = codes[0]
    payload = verify(seal_text, TrustList.load())
    assert payload.number == reply.number and payload.kind == "inquiry-reply"
    assert payload.holder == reply.owner_name and payload.amount_rials == reply.total_due_rials

    # the verification page, as at the counter: the scanner types the seal and presses Enter
    from desktop.ui.verify_page import VerifyPage

    checker = VerifyPage(session)
    qtbot.addWidget(checker)
    checker.show()
    checker.field.setText(seal_text)
    qtbot.keyClick(checker.field, Qt.Key.Key_Return)
    assert checker.last_check is not None and checker.last_check.payload is not None
    assert checker.fields["number"].text().translate(BIDI) == reply.number
    assert checker.fields["holder"].text().translate(BIDI) == reply.owner_name

    # a second print of the same reply is a duplicate, archived beside the first
    again = print_through_preview(qtbot, listing, printer)
    assert again.archived.name == f"{reply.number}-2.pdf"
    assert "المثنی" in listing.banner.text()


def test_through_the_window_ctrl_enter_sends_the_inquiry_opens_its_page_and_journals_it(
    make_window, qtbot, start_sandbox
):
    from client_api.journal import read_entries
    from client_api.local_db import LocalDatabase, profile_db_path
    from desktop.paths import app_dirs
    from tests.gui.test_workspace import sign_in

    server = start_sandbox("--inquiry-delay", "0")
    window = make_window(server.url)
    sign_in(qtbot, window, "notary1", "NT-0042")
    form = window.show_page("inquiry")
    qtbot.waitUntil(lambda: form._loaded, timeout=WAIT_MS)
    form.start_new()
    fill(qtbot, form, DEMO_PARCEL, [("رضا کریمی", SELLER_ID), ("مینا رحیمی", BUYER_ID)])
    qtbot.keyClick(form.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.page("inquiries") is not None, timeout=WAIT_MS)  # Ctrl+Enter sent it, and went on
    listing = window.page("inquiries")
    assert window.current_page() is listing
    qtbot.waitUntil(lambda: listing.reply_view.reply is not None, timeout=WAIT_MS)
    assert listing.reply_view.listed.id == form.sent_inquiry_id

    database = LocalDatabase(profile_db_path(app_dirs().data, "NT-0042", "notary1"))
    qtbot.waitUntil(lambda: any(e.kind == "inquiry" for e in read_entries(database)), timeout=WAIT_MS)
    (entry,) = [e for e in read_entries(database) if e.kind == "inquiry"][-1:]
    assert entry.details["inquiry"] == form.sent_inquiry_id and entry.details["parcel"] == DEMO_PARCEL
    assert entry.details["type"] == "transfer" and entry.details["parties"] == 2
    window.sign_out(ask=False)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=WAIT_MS)

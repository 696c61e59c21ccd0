"""What the cashier's GUI tests share: the CUPS-PDF queue, reading a printed QR back, driving the cashier page, and
the server's own view (a second client signed in as the same operator)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from client_api import MemoryTokenStore, MunicipalClient
from client_api.cashier import Bill, bills
from desktop.ui.cashier_page import CashierPage
from tests.gui.test_permit_wizard import type_text

WAIT_MS = 30_000
PASSWORD = "pishkhan-demo"
DEMO_OWNER = "0012345679"  # owner of the demo parcel 2-14-123-45-0-0: owes the 1404 renovation and waste fees
CARD = "603799******1234"


def printer_queue() -> tuple[str, Path]:
    printer, out = os.environ.get("PISHKHAN_TEST_PRINTER"), os.environ.get("PISHKHAN_TEST_PRINTER_OUT")
    if not printer or not out:
        if os.environ.get("CI"):
            pytest.fail("CI must provide the CUPS-PDF queue (scripts/test.sh sets it up)")
        pytest.skip("no CUPS-PDF queue: run the tests with scripts/test.sh")
    return printer, Path(out)


def printed_with(out: Path, number: str, before: set[Path], timeout_s: float = 90.0) -> list[Path]:
    """The whole PDFs that appeared in the queue's folder since `before` for the print job named by `number` (the
    print service names each job by its document's number; CUPS-PDF names the file after the job)."""
    deadline = time.monotonic() + timeout_s
    found: list[Path] = []
    while time.monotonic() < deadline:
        found = []
        for path in set(out.glob(f"*{number}*.pdf")) - before:
            if path.read_bytes().rstrip().endswith(b"%%EOF"):
                found.append(path)
        if found:
            return found
        time.sleep(0.3)
    return found


def scan_qr(pdf: Path, folder: Path) -> list[str]:
    """Every QR code on the first page of a PDF (pdftoppm at 200 dpi, then zbarimg)."""
    pdftoppm, zbarimg = shutil.which("pdftoppm"), shutil.which("zbarimg")
    if pdftoppm is None or zbarimg is None:
        pytest.skip("pdftoppm or zbarimg is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([pdftoppm, "-png", "-r", "200", "-f", "1", "-l", "1", str(pdf), str(folder / "page")], check=True)
    (png,) = folder.glob("page*.png")
    out = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)], capture_output=True, check=False
    )
    png.unlink()
    return [line for line in out.stdout.decode("utf-8").splitlines() if line]


def api_client(url: str, username: str = "counter1", office: str = "PK-1001") -> MunicipalClient:
    client = MunicipalClient(url, MemoryTokenStore())
    client.sign_in(username, PASSWORD, office, "T-CASHIER-API")
    return client


def unpaid_bills(url: str, national_id: str = DEMO_OWNER) -> list[Bill]:
    return [bill for bill in bills(api_client(url), national_id=national_id) if not bill.paid]


def open_session_through_page(qtbot, page: CashierPage, float_text: str = "۵۰۰٬۰۰۰") -> None:
    qtbot.waitUntil(lambda: page._started and not page.session_box.status.text().startswith("در حال"), timeout=WAIT_MS)
    if page.cashier_session is None:
        page.session_box.float_field.setFocus()
        type_text(qtbot, page.session_box.float_field, float_text)
        qtbot.keyClick(page.session_box.float_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.cashier_session is not None, timeout=WAIT_MS)


def scan_bill(qtbot, page: CashierPage, bill: Bill) -> None:
    """A scanner types the bill id, Enter, the payment id, Enter."""
    page.lookup.bill_id.setFocus()
    type_text(qtbot, page.lookup.bill_id, bill.bill_id)
    qtbot.keyClick(page.lookup.bill_id, Qt.Key.Key_Return)
    assert page.lookup.payment_id.hasFocus()
    type_text(qtbot, page.lookup.payment_id, bill.payment_id)
    qtbot.keyClick(page.lookup.payment_id, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bill.ref in {b.ref for b in page.lookup.model.selected()}, timeout=WAIT_MS)


def fill_card(qtbot, page: CashierPage, amount: str, rrn: str = "123456789012", trace: str = "654321") -> None:
    form = page.pay_form
    for field, text in ((form.amount, amount), (form.rrn, rrn), (form.trace, trace), (form.card, CARD)):
        field.setFocus()
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_Delete)
        type_text(qtbot, field, text)

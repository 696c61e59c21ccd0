"""The print service against a real print queue (CUPS with a CUPS-PDF printer): a receipt comes out at 80 mm, an A4
report with all its pages; refusals are clear; the queue's own errors reach the operator; every print is archived."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from desktop import doc_samples as samples
from desktop.print_service import (
    AlreadyPrintedError,
    NoPrinterError,
    PrinterMissingError,
    PrinterNotChosenError,
    PrinterStoppedError,
    PrintService,
    QueueError,
)
from desktop.settings import Settings, load_settings
from desktop.tasks import TaskRunner
from desktop.widgets.pdf_preview import PdfPreviewDialog
from printing import A4_PRINTER, RECEIPT_PRINTER, render

ROLL_WIDTH_PT = 80 / 25.4 * 72


@pytest.fixture
def service(tmp_path, qapp):
    return PrintService(Settings(), config_dir=tmp_path / "config", archive_dir=tmp_path / "printed")


def _serial() -> int:
    return int(time.time() * 1000) % 900_000 + os.getpid() % 1000  # a fresh number, so the queue's file is ours


def _wait_for_output(folder: Path, number: str, timeout: float = 10.0) -> Path:
    """The queue's output file for document `number`, once complete (CUPS-PDF writes it while Ghostscript runs)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in folder.glob(f"*{number}*.pdf"):
            if path.read_bytes().rstrip().endswith(b"%%EOF"):
                return path
        time.sleep(0.1)
    raise AssertionError(f"no output for {number} in {folder} within {timeout} s: {sorted(os.listdir(folder))}")


def _settle(qtbot, tasks: TaskRunner) -> None:
    """Let background work finish and its deliveries be deleted while the runner still exists."""
    qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    tasks.shutdown()


def _page_size(info: dict[str, str]) -> tuple[float, float]:
    match = re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"])
    assert match, info
    return float(match[1]), float(match[2])


def _cups_admin(*command: str) -> None:
    exe = shutil.which(command[0])
    result = subprocess.run([exe or command[0], *command[1:]], capture_output=True, text=True)
    if result.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"{' '.join(command)}: {result.stderr.strip()}")
        pytest.skip(f"cannot administer the queue here: {result.stderr.strip()}")


def test_with_no_printer_chosen_printing_is_refused_clearly(service):
    doc = render(samples.receipt(sealed=False))
    with pytest.raises((PrinterNotChosenError, NoPrinterError)) as info:
        service.print_document(doc)
    assert "چاپگر" in info.value.message()
    assert not service.archive_dir.exists()  # nothing printed, nothing archived


def test_a_printer_that_is_not_installed_is_refused_by_name(service):
    service.set_printer(RECEIPT_PRINTER, "NoSuchPrinter-7F3A")
    with pytest.raises(PrinterMissingError) as info:
        service.print_document(render(samples.receipt(sealed=False)))
    assert "NoSuchPrinter-7F3A" in info.value.message()


def test_the_chosen_printer_is_remembered_per_kind(service, tmp_path):
    service.set_printer(RECEIPT_PRINTER, "Roll-80")
    service.set_printer(A4_PRINTER, "Office-A4")
    saved = load_settings(tmp_path / "config")
    assert (saved.receipt_printer, saved.a4_printer) == ("Roll-80", "Office-A4")
    assert render(samples.receipt()).printer_role == RECEIPT_PRINTER
    assert render(samples.receipt(), "a5").printer_role == A4_PRINTER
    assert render(samples.certificate()).printer_role == A4_PRINTER


def test_the_archive_never_overwrites_a_print(service):
    doc = render(samples.receipt(sealed=False))
    first = service.archive(doc)
    second = service.archive(dataclasses.replace(doc, pdf=doc.pdf + b"\n"))
    assert (first.name, second.name) == (f"{doc.number}.pdf", f"{doc.number}-2.pdf")
    assert first.read_bytes() == doc.pdf


@pytest.mark.printer
@pytest.mark.slow
def test_a_receipt_prints_through_the_queue_on_80_mm_paper(service, qtbot, cups_queue, pdf_info):
    name, out = cups_queue
    service.set_printer(RECEIPT_PRINTER, name)
    doc = render(samples.receipt(_serial(), sealed=False))
    tasks = TaskRunner()
    outcome: dict[str, object] = {}
    try:
        started = time.monotonic()
        service.print_in_background(tasks, doc, lambda r: outcome.update(done=r), lambda e: outcome.update(error=e))
        assert time.monotonic() - started < 0.2  # the caller's thread does not wait for the printer
        qtbot.waitUntil(lambda: bool(outcome), timeout=20_000)
    finally:
        _settle(qtbot, tasks)
    assert "error" not in outcome, outcome
    result = outcome["done"]
    printed = _wait_for_output(out, doc.number)
    info = pdf_info(printed)
    assert info["Pages"] == "1"
    width, _ = _page_size(info)
    assert width == pytest.approx(ROLL_WIDTH_PT, abs=1.0)
    assert result.archived.read_bytes() == doc.pdf
    assert result.archived.name == f"{doc.number}.pdf"


@pytest.mark.printer
@pytest.mark.slow
def test_an_a4_report_prints_every_page_on_a4(service, cups_queue, pdf_info):
    name, out = cups_queue
    service.set_printer(A4_PRINTER, name)
    report = samples.day_close()
    long_day = dataclasses.replace(
        report, number=f"DC-1001-{_serial()}", transactions=report.transactions * 6, seal=None, training=True
    )
    doc = render(long_day)
    result = service.print_document(doc)
    info = pdf_info(_wait_for_output(out, doc.number))
    assert int(info["Pages"]) == result.pages >= 2
    width, height = _page_size(info)
    assert (round(width), round(height)) == (595, 842)


@pytest.mark.printer
@pytest.mark.slow
def test_an_original_prints_once_and_a_reprint_is_archived_beside_it(service, cups_queue):
    name, _ = cups_queue
    service.set_printer(RECEIPT_PRINTER, name)
    receipt = samples.receipt(_serial(), sealed=False)
    first = service.print_document(render(receipt))
    with pytest.raises(AlreadyPrintedError) as info:
        service.print_document(render(receipt))
    assert "المثنی" in info.value.message()
    again = service.print_document(render(dataclasses.replace(receipt, reprint=True)))
    assert again.archived.name == f"{receipt.number}-2.pdf"
    assert first.archived.read_bytes() == render(receipt).pdf


@pytest.mark.printer
@pytest.mark.slow
def test_a_queue_that_refuses_jobs_is_reported_in_its_own_words(service, cups_queue):
    name, _ = cups_queue
    service.set_printer(RECEIPT_PRINTER, name)
    _cups_admin("cupsreject", "-r", "maintenance", name)
    try:
        with pytest.raises(QueueError) as info:
            service.print_document(render(samples.receipt(_serial(), sealed=False)))
    finally:
        _cups_admin("cupsaccept", name)
    assert "not accepting jobs" in info.value.detail
    assert "صف چاپ" in info.value.message()
    assert not service.archive_dir.exists() or not any(service.archive_dir.iterdir())


@pytest.mark.printer
@pytest.mark.slow
def test_a_stopped_printer_is_refused_before_printing(service, cups_queue):
    name, _ = cups_queue
    service.set_printer(RECEIPT_PRINTER, name)
    _cups_admin("cupsdisable", name)
    try:
        with pytest.raises(PrinterStoppedError):
            service.print_document(render(samples.receipt(_serial(), sealed=False)))
    finally:
        _cups_admin("cupsenable", name)


def test_the_preview_shows_the_pages_and_refuses_without_a_printer(service, qtbot):
    tasks = TaskRunner()
    dialog = PdfPreviewDialog(render(samples.certificate()), service, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        assert dialog.document.pageCount() == 1
        assert dialog.printers.currentData() == ""
        dialog.print_button.click()
        assert not dialog.print_button.isEnabled()  # busy until the outcome arrives
        qtbot.waitUntil(dialog.print_button.isEnabled, timeout=10_000)
        assert "چاپگر" in dialog.status.text()
    finally:
        _settle(qtbot, tasks)


@pytest.mark.printer
@pytest.mark.slow
def test_the_preview_prints_to_the_printer_chosen_in_it(service, qtbot, cups_queue):
    name, out = cups_queue
    tasks = TaskRunner()
    receipt = samples.receipt(_serial())
    dialog = PdfPreviewDialog(render(receipt), service, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        dialog.printers.setCurrentIndex(dialog.printers.findData(name))
        assert service.printer_for(RECEIPT_PRINTER) == name
        with qtbot.waitSignal(dialog.printed, timeout=20_000) as printed:
            dialog.print_button.click()
        assert printed.args[0].pages == 1
        assert _wait_for_output(out, receipt.number)
    finally:
        _settle(qtbot, tasks)

"""A4 and A5 documents come out of the real print queue (CUPS with a CUPS-PDF printer) on their true page sizes: the
printed file's MediaBox is the document's paper, every page of it."""

from __future__ import annotations

import dataclasses
import io
import os
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop import doc_samples as samples
from desktop.print_service import PrintService
from desktop.settings import Settings
from printing import A4_PRINTER, render
from printing.model import CLEARANCE

A4_PT = (595.28, 841.89)
A5_PT = (419.53, 595.28)
TOLERANCE = 1.5  # points: a driver's PPD rounds the sizes to whole points (CUPS-PDF's A5 is 421 × 595)


@pytest.fixture
def service(tmp_path, qapp):
    return PrintService(Settings(), config_dir=tmp_path / "config", archive_dir=tmp_path / "printed")


def _serial() -> int:
    return int(time.time() * 1000) % 900_000 + os.getpid() % 1000  # a fresh number, so the queue's file is ours


def _printed(folder: Path, number: str, timeout: float = 90.0) -> Path:
    """The queue's output for `number` once complete (Ghostscript behind CUPS-PDF is slow on a busy machine)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in folder.glob(f"*{number}*.pdf"):
            if path.read_bytes().rstrip().endswith(b"%%EOF"):
                return path
        time.sleep(0.1)
    raise AssertionError(f"no output for {number} in {folder} within {timeout} s")


def _page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(pdf)).pages]


def _all_of_size(sizes: list[tuple[float, float]], size: tuple[float, float]) -> bool:
    return bool(sizes) and all(abs(w - size[0]) <= TOLERANCE and abs(h - size[1]) <= TOLERANCE for w, h in sizes)


@pytest.mark.printer
@pytest.mark.slow
def test_an_a5_receipt_prints_on_a5(service, cups_queue):
    name, out = cups_queue
    service.set_printer(A4_PRINTER, name)  # the A5 tray is on the office's sheet printer
    doc = render(samples.receipt(_serial()), "a5")
    assert doc.printer_role == A4_PRINTER
    assert _all_of_size(_page_sizes(doc.pdf), A5_PT)
    result = service.print_document(doc)
    printed = _page_sizes(_printed(out, doc.number).read_bytes())
    assert len(printed) == result.pages == 1
    assert _all_of_size(printed, A5_PT), printed


@pytest.mark.printer
@pytest.mark.slow
def test_a_sealed_certificate_prints_on_a4(service, cups_queue):
    name, out = cups_queue
    service.set_printer(A4_PRINTER, name)
    cert = samples.certificate(CLEARANCE)
    fresh = samples.with_training_seal(dataclasses.replace(cert, number=f"CL-1405-{_serial():06d}", seal=None))
    doc = render(fresh)
    result = service.print_document(doc)
    printed = _page_sizes(_printed(out, doc.number).read_bytes())
    assert len(printed) == result.pages == len(_page_sizes(doc.pdf))
    assert _all_of_size(_page_sizes(doc.pdf), A4_PT)
    assert _all_of_size(printed, A4_PT), printed

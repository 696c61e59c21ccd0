"""The application receipt «رسید ثبت درخواست»: on the 80 mm roll, the tracking number readable and scannable, the
fee marked as an estimate, the same bytes for the same request; read back with pdftotext, pdftoppm and zbarimg."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from civic.keys import TrustList
from civic.seal import verify
from desktop import doc_samples as samples
from printing import RECEIPT_PRINTER, build_pdf, render
from printing.common import jdate, rials
from printing.request_receipt import build_request_receipt

ROOT = Path(__file__).resolve().parents[2]
ROLL_POINTS = 80 / 25.4 * 72


def _squashed(text: str) -> str:
    return "".join(text.replace("\u200c", "").split())


def _width_and_height(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width), float(box.height)


def test_the_text_holds_the_title_tracking_number_and_applicant_in_logical_order(pdf_text):
    doc = samples.request_receipt()
    text = pdf_text(build_pdf(doc))
    assert "PR-۱۰۰۰۴۲" in text  # Persian digits on a Persian receipt; the QR keeps the ASCII number
    squashed = _squashed(text)
    for words in (
        "رسید ثبت درخواست",
        "درخواست پروانه ساختمانی",
        "رضا کریمی",
        "۰۰۱۲۳۴۵۶۷۹",
        "۲-۱۴-۱۲۳-۴۵-۰-۰",
        jdate(doc.issued_at),  # a sample is dated on the day it is made
        "سند مالکیت تک‌برگ",  # pdftotext moves a trailing ".pdf" in a right-to-left line: the name alone
        "نقشه معماری",
        rials(doc.fee_preview_rials),  # the fee engine's total for the sample case
        "برآورد؛ مبلغ قطعی پس از بررسی",
        "شماره پیگیری این رسید را در همین دفتر یا در سامانه",
    ):
        assert _squashed(words) in squashed, words
    assert squashed.index(_squashed("رسید ثبت درخواست")) < squashed.index("PR-۱۰۰۰۴۲")  # title first, as printed


def test_the_qr_reads_back_as_the_tracking_number(scan_qr):
    assert scan_qr(build_pdf(samples.request_receipt())) == ["PR-100042"]


def test_it_is_on_the_80_mm_roll_for_the_receipt_printer_and_grows_with_its_attachments():
    doc = samples.request_receipt()
    rendered = render(doc)
    assert (rendered.paper, rendered.printer_role, rendered.number, rendered.kind) == (
        "roll-80mm",
        RECEIPT_PRINTER,
        "PR-100042",
        "request-receipt",
    )
    width, height = _width_and_height(rendered.pdf)
    assert width == pytest.approx(ROLL_POINTS, abs=0.01)
    more = dataclasses.replace(doc, attachments=doc.attachments * 3)
    longer_width, longer_height = _width_and_height(build_pdf(more))
    assert longer_width == width and longer_height > height + 6 * 7 * 1.5  # six more 7 pt lines
    with pytest.raises(ValueError):
        build_pdf(doc, "a4")


def test_identical_requests_give_identical_bytes_and_the_number_is_in_the_metadata():
    doc = samples.request_receipt()
    pdf = build_request_receipt(doc)
    assert pdf == build_request_receipt(samples.request_receipt())
    assert pdf != build_request_receipt(dataclasses.replace(doc, number="PR-100043"))
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta.subject == "PR-100042" and "PR-100042" in meta.title and "training" in meta["/Keywords"]


def test_without_a_preview_no_amount_is_printed(pdf_text):
    doc = dataclasses.replace(samples.request_receipt(), fee_preview_rials=None, fee_book_version="")
    text = pdf_text(build_pdf(doc))
    words = text.split()
    assert "ریال" not in words and not any(word.startswith("برآورد") for word in words), text
    assert _squashed("شماره پیگیری این رسید") in _squashed(text)


def test_training_and_reprint_are_marked_and_a_real_original_is_not(pdf_text):
    doc = samples.request_receipt()
    real = dataclasses.replace(doc, training=False)
    assert "آموزشی" not in _squashed(PdfReader(io.BytesIO(build_pdf(real))).pages[0].extract_text())
    assert "آموزشی" in _squashed(PdfReader(io.BytesIO(build_pdf(doc))).pages[0].extract_text())
    assert "المثنی" not in _squashed(pdf_text(build_pdf(real)))
    reprint = build_pdf(dataclasses.replace(real, reprint=True))
    assert "المثنی" in _squashed(pdf_text(reprint))
    assert "duplicate" in PdfReader(io.BytesIO(reprint)).metadata["/Keywords"]


def test_a_sealed_receipt_prints_the_seal_beside_the_tracking_qr(scan_qr):
    doc = samples.with_training_seal(samples.request_receipt())
    codes = scan_qr(build_pdf(doc))
    assert sorted(codes) == sorted(["PR-100042", doc.seal])
    payload = verify(doc.seal, TrustList.load(), today=doc.issued_at.date())
    assert (payload.number, payload.kind, payload.holder) == ("PR-100042", "request-receipt", "رضا کریمی")


def test_pishkhan_docs_sample_request_receipt(tmp_path):
    out = tmp_path / "rr.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "docs", "sample", "request-receipt", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == build_pdf(samples.request_receipt())

"""The official design every document shares, read back from the PDFs with poppler: the letterhead's hierarchy top down,
the signature-and-stamp area and the seal at the foot of the last page, the footer on every page, the page sizes
(here, and on the real CUPS queue for A4 and A5)."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop import doc_samples as samples
from printing import KINDS, build_pdf
from printing.common import BISMILLAH, a4_sheet, seal_block, signature_area
from printing.layout import Meta
from printing.letterhead import issuer
from printing.qr import qr_matrix

FIXED = [kind for kind, (_, paper) in KINDS.items() if paper != "roll-80mm"]  # A4 and A5: pages with a footer
A4_KINDS = [kind for kind, (_, paper) in KINDS.items() if paper == "a4"]
SIGNED = ["clearance", "completion", "no-violation", "inquiry-reply", "zoning"]  # signed for the municipality
_CONTROLS = re.compile("[\u200c\u200e\u200f\u202a-\u202e]")
# poppler guesses which side of a space a number or a colon beside Persian belongs to: compare without those spaces
_LOOSE = re.compile(r"\s*([0-9\u06f0-\u06f9][0-9\u06f0-\u06f9\u066b\u066c/.,-]*|[:\u060c\u061b])\s*")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def _write(tmp_path: Path, pdf: bytes) -> Path:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return path


def _lines(path: Path, page: int | None = None) -> list[str]:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, check=True)
    return [" ".join(_CONTROLS.sub("", line).split()) for line in out.stdout.decode("utf-8").splitlines()]


def _words(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, top, bottom, word in reading order) of every word; -bbox gives a Persian word in drawing order."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout.decode()
    words: list[tuple[int, float, float, str]] = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for _, top, _, bottom, text in _WORD.findall(page):
            text = unescape(text)
            if re.search("[\u0600-\u06ff]", text):
                text = text[::-1]
            words.append((number, float(top), float(bottom), text))
    return words


def _loose(text: str) -> str:
    return _LOOSE.sub(r"\1", " ".join(_CONTROLS.sub("", text).split()))


def _line_of(lines: list[str], words: str) -> int:
    for i, line in enumerate(lines):
        if _loose(words) in _loose(line):
            return i
    raise AssertionError(f"«{words}» not found in {lines[:20]}")


def _signature_boxes(words: list[tuple[int, float, float, str]]) -> list[tuple[int, float]]:
    """(page, top) of each «محل امضا و مهر» / «محل امضا» label of a signature box."""
    at = {(page, round(top)): set() for page, top, _, _ in words}
    for page, top, _, word in words:
        at[(page, round(top))].add(word)
    return sorted(key for key, found in at.items() if {"محل", "امضا"} <= found)


@pytest.mark.parametrize("kind", A4_KINDS)
def test_the_letterhead_reads_top_down_as_an_official_letter(kind, sample_pdfs, tmp_path):
    """«بسمه تعالی» first; then country, ministry and organisation in that order; the number/date/attachment block
    beside them; the document's title under them all."""
    _, pdf = sample_pdfs[kind]
    lines = _lines(_write(tmp_path, pdf), 1)
    body = issuer()
    order = [_line_of(lines, text) for text in (BISMILLAH, body.country, body.ministry, body.organisation)]
    assert order == sorted(order) and len(set(order)) == 4, order
    assert order[0] == min(i for i, line in enumerate(lines) if line)
    block = _loose(" ".join(lines[: order[-1] + 1]))
    assert all(label in block for label in ("شماره:", "تاریخ:", "پیوست:")), block
    words = _words(_write(tmp_path, pdf))
    heights = {word: bottom - top for page, top, bottom, word in words if page == 1}
    tops = {word: top for page, top, _, word in words if page == 1}
    organisation_top = tops[body.organisation.split()[0]]
    title_words = [(top, bottom - top) for page, top, bottom, _ in words if page == 1 and top > organisation_top]
    first_below = min(title_words)
    assert first_below[1] > heights[body.organisation.split()[0]], "the title is the largest line under the letterhead"


@pytest.mark.parametrize("kind", SIGNED)
def test_signed_kinds_carry_the_signatory_and_a_signature_and_stamp_box_at_the_foot(kind, sample_pdfs, tmp_path):
    doc, pdf = sample_pdfs[kind]
    path = _write(tmp_path, pdf)
    words = _words(path)
    last = max(page for page, *_ in words)
    height = float(_PAGE.search(subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                                               check=True).stdout.decode())[2])  # fmt: skip
    boxes = _signature_boxes(words)
    assert boxes, "no «محل امضا و مهر»"
    page, top = boxes[-1]
    assert page == last
    assert top > height * 2 / 3, "the signature area sits in the lower third of the last page"
    if getattr(doc, "signatory_name", ""):
        text = _loose(" ".join(_lines(path, last)))
        assert _loose(doc.signatory_name) in text and _loose(doc.signatory_title) in text


@pytest.mark.parametrize("kind", FIXED)
def test_every_page_has_the_footer_with_the_address_page_number_and_verification_hint(kind, sample_pdfs, tmp_path):
    doc, pdf = sample_pdfs[kind]
    if kind == "day-close":  # a day long enough for several pages, sealed again for its new content
        doc = samples.with_training_seal(dataclasses.replace(doc, transactions=doc.transactions * 4, seal=None))
        pdf = build_pdf(doc, KINDS[kind][1])
    path = _write(tmp_path, pdf)
    total = len(PdfReader(io.BytesIO(pdf)).pages)
    for page in range(1, total + 1):
        text = _loose(" ".join(_lines(path, page)))
        assert _loose(f"صفحه {page:d} از {total:d}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))) in text
        if kind != "receipt-a5":  # the A5 receipt keeps to the office's letterhead; the address is the municipality's
            assert "نشانی:" in text and "شهرداری همدان" in text, text[-300:]
        if doc.seal is not None:
            assert issuer().verify_url in text and "بررسی اصالت سند" in text
            assert "pishkhan docs verify" not in text


def test_the_closing_band_sits_at_the_foot_and_moves_to_a_new_page_only_when_it_must(tmp_path):
    def pdf(paragraphs: int) -> bytes:
        sheet = a4_sheet()
        for _ in range(paragraphs):
            sheet.paragraph("متن آزمایشی برای پر کردن صفحه و دیدن جای امضا در پایین برگه.")
        seal_block(sheet, qr_matrix("PK1:TEST"))
        signature_area(sheet, "مهندس سعید محمدی", "معاون شهرسازی و معماری شهرداری همدان")
        return sheet.render(Meta("t", "T-1", "test"), training=False)

    short = _words(_write(tmp_path, pdf(3)))
    assert {page for page, *_ in short} == {1}
    ((_, top),) = _signature_boxes(short)
    assert top > 842 * 0.75  # pushed to the foot, not right under three lines
    full = PdfReader(io.BytesIO(pdf(44)))
    assert len(full.pages) == 2  # it did not fit under a full page


def test_page_sizes(sample_pdfs):
    sizes = {
        kind: tuple(round(float(v)) for v in PdfReader(io.BytesIO(pdf)).pages[0].mediabox[2:])
        for kind, (_, pdf) in sample_pdfs.items()
    }
    for kind in A4_KINDS:
        assert sizes[kind] == (595, 842), kind
    assert sizes["receipt-a5"] == (420, 595)
    assert sizes["receipt-80mm"][0] == sizes["request-receipt"][0] == round(80 / 25.4 * 72)


def test_the_roll_receipt_stays_compact(sample_pdfs):
    _, pdf = sample_pdfs["receipt-80mm"]
    height = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.height)
    assert height < 260 * 72 / 25.4  # under 26 cm of paper for a three-line sealed receipt


def test_the_training_mark_stays_whole_on_the_roll_and_the_qr_reads_through_it(sample_pdfs, scan_qr, tmp_path):
    doc, pdf = sample_pdfs["receipt-80mm"]
    assert scan_qr(pdf) == [doc.seal]  # the QR sits on white over the mark
    height = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.height)
    mark = [(top, bottom) for _, top, bottom, _ in _words(_write(tmp_path, pdf)) if bottom - top > 40]
    assert mark, "no training mark"
    assert all(top >= 0 and bottom <= height for top, bottom in mark), (height, mark)

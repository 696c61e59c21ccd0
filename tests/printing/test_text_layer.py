"""The text layer of every printed document: what pdftotext (poppler) and pypdf extract is the logical Persian text in
standard letters (U+0600 block), so a search of the archive for «رسید پرداخت», «مفاصاحساب» or a holder's name finds
it; and the glyphs drawn for that text layer are exactly the glyphs seen before (the rendering does not change)."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from printing import KINDS, certificate, day_close, fee_sheet, inquiry, receipt, request_receipt, zoning
from printing.fonts import ALIASES, BOLD, REGULAR, TABULAR_ALIAS, reading_text, register_fonts
from printing.model import (
    Certificate,
    DayCloseReport,
    Document,
    FeePreviewSheet,
    InquiryReply,
    PaymentReceipt,
    RequestReceipt,
    ZoningSheet,
)
from printing.rtl import drawn, visual

PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
_AROUND_NUMBER = re.compile(r"\s*([0-9\u06f0-\u06f9][0-9\u06f0-\u06f9\u066b\u066c/.,-]*)\s*")


def _title(kind: str, doc: Document) -> str:
    if isinstance(doc, Certificate):
        return certificate.TITLES[doc.certificate_kind]
    return {
        PaymentReceipt: receipt.TITLE,
        RequestReceipt: request_receipt.TITLE,
        InquiryReply: inquiry.TITLE,
        ZoningSheet: zoning.TITLE,
        FeePreviewSheet: fee_sheet.TITLE,
        DayCloseReport: day_close.TITLE,
    }[type(doc)]


def _holder(doc: Document) -> str:
    """The name a clerk searches the archive for."""
    if isinstance(doc, PaymentReceipt):
        return doc.payer_name
    if isinstance(doc, RequestReceipt):
        return doc.applicant_name
    if isinstance(doc, Certificate | InquiryReply):
        return doc.owner_name
    if isinstance(doc, ZoningSheet):
        return doc.street_name  # drawn on the parcel's map, straight on the canvas
    if isinstance(doc, FeePreviewSheet):
        return doc.office_name
    if isinstance(doc, DayCloseReport):
        return doc.operator_name
    raise TypeError(type(doc).__name__)


def _searchable(text: str) -> str:
    """As a search box compares: no bidi controls (poppler marks embeddings), no half-spaces (the non-joiner is not
    drawn, so it is not in the PDF), single spaces, none around a number (poppler guesses which side of a number
    inside Persian its space belongs to). No Unicode normalisation: the letters must already be standard."""
    text = _SPACES.sub(" ", _BIDI_CONTROLS.sub("", text).replace("\u200c", ""))
    return _AROUND_NUMBER.sub(r"\1", text).strip()


@pytest.fixture(scope="module")
def poppler(tmp_path_factory: pytest.TempPathFactory, pdf_text: object) -> object:  # pdf_text: the tool is there
    folder = tmp_path_factory.mktemp("textlayer")

    def extract(pdf: bytes, *options: str) -> str:
        path = folder / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, check=True)
        return out.stdout.decode("utf-8")

    return extract


@pytest.mark.parametrize("options", [(), ("-layout",)], ids=["reading", "layout"])
@pytest.mark.parametrize("kind", KINDS)
def test_pdftotext_gives_the_title_and_the_holder_in_reading_order(kind, options, sample_pdfs, poppler):
    doc, pdf = sample_pdfs[kind]
    text = poppler(pdf, *options)
    assert PRESENTATION_FORMS.search(text) is None, PRESENTATION_FORMS.findall(text)[:10]
    found = _searchable(text)
    for words in (_title(kind, doc), _holder(doc)):
        assert _searchable(words) in found, (words, found[:800])


@pytest.mark.parametrize("kind", KINDS)
def test_pypdf_gives_the_title_and_the_holder_in_standard_letters(kind, sample_pdfs):
    doc, pdf = sample_pdfs[kind]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert PRESENTATION_FORMS.search(text) is None, PRESENTATION_FORMS.findall(text)[:10]
    found = _searchable(text)
    for words in (_title(kind, doc), _holder(doc)):
        # pypdf reads a run of Persian digits backwards (it counts them as right-to-left letters): words only here
        assert _searchable(words) in found, (words, found[:800])


def test_the_searches_the_issue_names_find_their_documents(sample_pdfs, poppler):
    receipt_text = _searchable(poppler(sample_pdfs["receipt-80mm"][1]))
    assert "رسید پرداخت" in receipt_text
    assert "(شعبه بوعلی)" in receipt_text  # a bracket that is drawn mirrored reads as the logical one
    assert "مفاصاحساب" in _searchable(poppler(sample_pdfs["clearance"][1]))
    reply = _searchable(poppler(sample_pdfs["inquiry-reply"][1]))
    assert "بلامانع" in reply or "مقدور نیست" in reply  # the headline, whichever the sample states
    assert "جمهوری اسلامی ایران" in reply  # lam-alef: drawn as one ligature, read as «لا» in order


def test_a_lam_alef_and_brackets_read_in_order_from_one_line(poppler):
    from printing.common import a4_sheet
    from printing.layout import Meta

    sheet = a4_sheet()
    sheet.line("انجام معامله بلامانع است (با شرط) و «اعلام» شد")
    pdf = sheet.render(Meta("t", "T-1", "test"), training=False)
    assert "انجام معامله بلامانع است (با شرط) و «اعلام» شد" in _searchable(poppler(pdf))


_SAMPLES = [
    "گواهی مفاصاحساب پایان کار بلامانع لا إلا أحمد آموزشی المثنی",
    "بانک ملت (شعبه بوعلی) «نقل و انتقال» [پیوست] {کد}",
    "کد نوسازی 2-14-123-45-0-0 به مبلغ ۶٬۳۶۸٬۰۰۰ ریال",
    "T = (S × P) × K",
]


@pytest.mark.parametrize("text", _SAMPLES)
@pytest.mark.parametrize("tabular", [False, True])
def test_the_drawn_line_shows_the_same_glyphs_as_before(text, tabular):
    """The aliases draw the glyphs `visual` gives (what was printed before the text layer), in the same places."""
    register_fonts()
    from reportlab.pdfbase import pdfmetrics

    for font in (REGULAR, BOLD):
        face = pdfmetrics.getFont(font).face  # type: ignore[attr-defined]

        def glyphs(line: str, face=face) -> list[int]:
            return [face.charToGlyph[ord(ch)] for ch in line if face.charWidths.get(ord(ch), 0) or ch == " "]

        seen, line = visual(text), drawn(text, tabular=tabular)
        assert glyphs(line) == glyphs(seen)
        if not tabular:
            assert pdfmetrics.stringWidth(line, font, 10) == pytest.approx(pdfmetrics.stringWidth(seen, font, 10))


def test_tabular_amounts_line_up_by_place_value_and_read_without_gaps(poppler):
    from reportlab.pdfbase import pdfmetrics

    from printing.common import a4_sheet
    from printing.layout import Column, Meta

    register_fonts()
    amounts = ["۷۱۷٬۰۰۰", "۱٬۶۱۰٬۰۰۰", "۳٬۸۲۵٬۰۰۰", "۱۲٬۳۴۵٬۱۱۱"]

    def centres(amount: str, font: str) -> list[float]:
        """Each glyph's centre, measured from the right edge of the right-aligned amount."""
        line = drawn(amount, tabular=True)
        return [
            round(
                pdfmetrics.stringWidth(line[i:], font, 10) - pdfmetrics.stringWidth(visual(amount)[i], font, 10) / 2, 3
            )
            for i in range(len(line))
        ]

    for font in (REGULAR, BOLD):
        for amount in amounts:  # the units, tens, ... of every amount sit at the same distance from the right edge
            assert centres(amount, font) == centres(amounts[-1], font)[-len(amount) :], (font, amount)
    assert {reading_text(code) for code in TABULAR_ALIAS.values()} == set("۰۱۲۳۴۵۶۷۸۹0123456789٬٫,./-:")

    sheet = a4_sheet()
    sheet.table([Column("شرح", 70), Column("مبلغ (ریال)", 30, tabular=True)], [["ردیف", a] for a in amounts])
    text = _BIDI_CONTROLS.sub("", poppler(sheet.render(Meta("t", "T-1", "test"), training=False)))
    assert all(amount in text for amount in amounts), text  # no space guessed inside a number


def test_every_alias_reads_as_text_and_no_presentation_form_reads_as_itself():
    assert all(reading_text(code) and not PRESENTATION_FORMS.search(reading_text(code)) for code in ALIASES)
    for code in [*range(0xFB50, 0xFDFF), *range(0xFE70, 0xFEFD)]:
        text = reading_text(code)
        if text != chr(code):
            assert PRESENTATION_FORMS.search(text) is None
    assert reading_text(0xFEFB) == "ل"  # lam-alef: its alef comes from the zero-width alias drawn before it
    assert reading_text(0xFE8E) == "ا"

"""Every printed document kind: it renders, carries its number, reads right in Persian and carries a seal that
verifies against the trust list (read back with the real tools: pdftotext, pdftoppm and zbarimg)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from civic.keys import TrustList
from civic.seal import BadSignatureError, b45decode, b45encode, content_digest, verify
from printing import KINDS, build_pdf, samples
from printing.common import SealMismatchError
from printing.model import document_content

KEY_WORDS = {
    "receipt-80mm": ["رسید پرداخت", "زهرا کریمی", "۶٬۳۶۸٬۰۰۰", "شش میلیون و سیصد و شصت و هشت هزار ریال",
                     "PK-1001-14040512-000123", "2-14-123-45-0-0", "۱۴۰۴/۰۵/۱۲", "بانک ملت"],
    "receipt-a5": ["رسید پرداخت", "زهرا کریمی", "۶٬۳۶۸٬۰۰۰", "کارمزد خدمات دفتر پیشخوان"],
    "request-receipt": ["رسید ثبت درخواست", "PR-100042", "رضا کریمی", "برآورد؛ مبلغ قطعی پس از بررسی"],
    "clearance": ["گواهی مفاصاحساب", "علی رضایی", "شهرداری همدان", "هیچ‌گونه بدهی عوارض"],
    "completion": ["گواهی پایان کار ساختمان", "تبصره ۸ ماده ۱۰۰ قانون شهرداری", "۴ واحد مسکونی"],
    "no-violation": ["گواهی عدم خلاف", "تخلفی از مفاد پروانه ساختمانی مشاهده نشده است"],
    "inquiry-reply": ["پاسخ استعلام", "انجام معامله بلامانع است", "۷۳٬۵۴۰٬۸۰۰", "NT-0042-1404-0311"],
    "zoning": ["برگ ضوابط شهرسازی", "حداکثر سطح اشغال", "شمال", "۱۸۳٫۸۵ متر مربع", "۱۲٫۴۲ م"],
    "fee-preview": ["پیش‌نمایش عوارض", "T = S × P × K", "۱٬۱۷۹٬۴۶۶٬۰۰۰", "عوارض کسری پارکینگ"],
    "day-close": ["گزارش بستن صندوق روزانه", "مغایرت", "R-1404-1001-000109", "۲۶٬۸۶۰٬۰۰۰"],
}  # fmt: skip
UNSEALED = {"fee-preview", "request-receipt"}  # an estimate, a request's receipt: nothing the municipality signed
ON_ISSUE_DAY = dt.date(2025, 8, 3)


def _no_joiners(text: str) -> str:
    return text.replace("\u200c", "")  # the PDF draws joined forms; the non-joiner itself is not extracted


def _squashed(text: str) -> str:
    """Without joiners and spaces: pdftotext guesses the spaces around a run of digits, not always right."""
    return "".join(_no_joiners(text).split())


def test_every_kind_has_a_sample_and_key_words():
    assert set(KEY_WORDS) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_renders_with_its_number_in_the_metadata(kind, sample_pdfs):
    doc, pdf = sample_pdfs[kind]
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    assert reader.metadata.subject == doc.number
    assert doc.number in reader.metadata.title
    assert "pishkhan" in reader.metadata["/Keywords"]


@pytest.mark.parametrize("kind", KINDS)
def test_text_extraction_finds_the_key_persian_words(kind, sample_pdfs, pdf_text):
    _, pdf = sample_pdfs[kind]
    text = _squashed(pdf_text(pdf))
    missing = [word for word in KEY_WORDS[kind] if _squashed(word) not in text]
    assert missing == [], text[:600]


@pytest.mark.parametrize("kind", sorted(set(KINDS) - UNSEALED))
def test_the_printed_qr_decodes_and_verifies_against_the_trust_list(kind, sample_pdfs, scan_qr):
    doc, pdf = sample_pdfs[kind]
    (seal,) = scan_qr(pdf)
    assert seal == doc.seal
    payload = verify(seal, TrustList.load(), today=ON_ISSUE_DAY)
    assert payload.number == doc.number
    assert payload.content_sha256 == content_digest(document_content(doc))
    assert payload.training


def test_one_flipped_byte_of_the_scanned_seal_fails_verification(sample_pdfs, scan_qr):
    (seal,) = scan_qr(sample_pdfs["receipt-80mm"][1])
    raw = bytearray(b45decode(seal[4:]))
    raw[-64 - 10] ^= 0x01  # inside the content hash: the key id and the format still read, the signature fails
    with pytest.raises(BadSignatureError):
        verify(seal[:4] + b45encode(bytes(raw)), TrustList.load(), today=ON_ISSUE_DAY)


@pytest.mark.parametrize("kind", KINDS)
def test_identical_input_gives_identical_bytes(kind, sample_pdfs):
    doc, pdf = sample_pdfs[kind]
    assert build_pdf(doc, KINDS[kind][1]) == pdf


def _has_training_mark(pdf: bytes, pdf_text) -> bool:
    # the mark is drawn at an angle, as one run: read it in content-stream order, where it is in drawing order
    drawn = _squashed(pdf_text(pdf, raw=True))
    return "آموزشی"[::-1] in drawn and "training" in PdfReader(io.BytesIO(pdf)).metadata["/Keywords"]


def test_training_documents_say_so_across_the_page_and_real_ones_do_not(pdf_text):
    unsealed = samples.receipt(sealed=False)
    assert not _has_training_mark(build_pdf(unsealed), pdf_text)
    assert _has_training_mark(build_pdf(dataclasses.replace(unsealed, training=True)), pdf_text)
    assert _has_training_mark(build_pdf(samples.receipt()), pdf_text)  # sealed with the training key


@pytest.mark.parametrize("kind", ["receipt-80mm", "receipt-a5", "clearance", "inquiry-reply"])
def test_a_reprint_says_almosanna_and_the_original_does_not(kind, sample_pdfs, pdf_text):
    doc, original = sample_pdfs[kind]
    reprint = build_pdf(dataclasses.replace(doc, reprint=True), KINDS[kind][1])
    assert "المثنی" not in _squashed(pdf_text(original))
    assert "المثنی" in _squashed(pdf_text(reprint))
    assert "duplicate" in PdfReader(io.BytesIO(reprint)).metadata["/Keywords"]


def test_the_roll_receipt_is_80_mm_wide_and_grows_with_its_lines():
    doc = samples.receipt(sealed=False)
    longer = dataclasses.replace(doc, lines=doc.lines * 3)
    short_page = PdfReader(io.BytesIO(build_pdf(doc))).pages[0].mediabox
    long_page = PdfReader(io.BytesIO(build_pdf(longer))).pages[0].mediabox
    assert float(short_page.width) == pytest.approx(80 / 25.4 * 72, abs=0.01)
    assert float(long_page.width) == float(short_page.width)
    assert float(long_page.height) > float(short_page.height) + 6 * 12  # six more rows of a 8 pt table


def test_the_a5_receipt_and_the_certificates_use_their_paper(sample_pdfs):
    a5 = PdfReader(io.BytesIO(sample_pdfs["receipt-a5"][1])).pages[0].mediabox
    a4 = PdfReader(io.BytesIO(sample_pdfs["clearance"][1])).pages[0].mediabox
    assert (round(float(a5.width)), round(float(a5.height))) == (420, 595)
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_a_seal_made_for_other_content_is_never_printed():
    doc = samples.receipt()
    altered = dataclasses.replace(doc, payer_name="شخص دیگر")
    with pytest.raises(SealMismatchError):
        build_pdf(altered)
    with pytest.raises(SealMismatchError):
        build_pdf(dataclasses.replace(samples.receipt(124, sealed=False), seal=doc.seal))


def test_a_long_day_close_report_runs_onto_more_pages_with_the_header_repeated(pdf_text):
    doc = samples.day_close()
    long_day = dataclasses.replace(doc, transactions=doc.transactions * 6, seal=None)
    pdf = build_pdf(long_day)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    assert reader.metadata.subject == doc.number
    assert pdf_text(pdf).count(_no_joiners("شناسه تراکنش")) >= 2  # the table's header starts every page it is on

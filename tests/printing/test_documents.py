"""Every printed document kind: it renders, carries its number, reads right in Persian and carries a seal that
verifies against the trust list (read back with the real tools: pdftotext, pdftoppm and zbarimg)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase.pdfmetrics import getFont

from civic.jalali import TEHRAN
from civic.keys import TrustList
from civic.seal import BadSignatureError, b45decode, b45encode, content_digest, read_unverified, tehran_today, verify
from desktop import doc_sample_fees as sample_fees
from desktop import doc_samples as samples
from fees import bundled_books
from printing import (
    KINDS,
    build_pdf,
    certificate,
    fee_sheet,
    inquiry,
    receipt,
    request_receipt,
    zoning,
)
from printing.common import SealMismatchError, fa, jdate
from printing.fonts import REGULAR
from printing.model import (
    CLEARANCE,
    COMPLETION,
    NO_VIOLATION,
    Certificate,
    DayCloseReport,
    FeePreviewSheet,
    InquiryReply,
    PaymentReceipt,
    RequestReceipt,
    ZoningSheet,
    document_content,
)

ROOT = Path(__file__).resolve().parents[2]


def _key_words(kind: str, doc) -> list[str]:
    """Words each sample must show, as a search of the archive would type them (dates and numbers are the sample's
    own: a sample is dated on the day it is made)."""
    day = jdate(doc.issued_at)
    return {
        "receipt-80mm": ["رسید پرداخت", "زهرا کریمی", "۶٬۳۶۸٬۰۰۰", "شش میلیون و سیصد و شصت و هشت هزار ریال",
                         fa(getattr(doc, "tracking_code", "")), "۲-۱۴-۱۲۳-۴۵-۰-۰", day,
                         "بانک ملت"],
        "receipt-a5": ["رسید پرداخت", "زهرا کریمی", "۶٬۳۶۸٬۰۰۰", "کارمزد خدمات دفتر پیشخوان"],
        "request-receipt": ["رسید ثبت درخواست", "رضا کریمی", "برآورد؛ مبلغ قطعی پس از بررسی"],
        "clearance": ["گواهی مفاصاحساب", "علی رضایی", "شهرداری همدان", "هیچ‌گونه بدهی عوارض"],
        "completion": ["گواهی پایان کار ساختمان", "تبصره ۸ ماده ۱۰۰ قانون شهرداری", "۴ واحد مسکونی"],
        "no-violation": ["گواهی عدم خلاف", "تخلفی از مفاد پروانه ساختمانی مشاهده نشده است"],
        "inquiry-reply": ["پاسخ استعلام", "انجام معامله به شرط پرداخت بدهی‌ها", "سردفتر محترم دفتر اسناد رسمی",
                          "۰۰۴۱۲۳۹۸۷۳", "مهندس سعید محمدی"],
        "zoning": ["برگ ضوابط شهرسازی", "حداکثر سطح اشغال", "۱۸۳٫۸۵ متر مربع", "۱۲٫۴۲ م"],
        "fee-preview": ["پیش‌نمایش عوارض", "T = S × P × K", "عوارض کسری پارکینگ"],
        "day-close": ["گزارش بستن صندوق روزانه", "مریم احمدی"],
    }[kind]  # fmt: skip


UNSEALED = {"fee-preview", "request-receipt"}  # an estimate, a request's receipt: nothing the municipality signed


def _no_joiners(text: str) -> str:
    return text.replace("\u200c", "")  # the PDF draws joined forms; the non-joiner itself is not extracted


def _squashed(text: str) -> str:
    """Without joiners and spaces: pdftotext guesses the spaces around a run of digits, not always right."""
    return "".join(_no_joiners(text).split())


def test_every_kind_has_a_sample_and_key_words(sample_pdfs):
    for kind in KINDS:
        assert _key_words(kind, sample_pdfs[kind][0])


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
    doc, pdf = sample_pdfs[kind]
    text = _squashed(pdf_text(pdf))
    missing = [word for word in _key_words(kind, doc) if _squashed(word) not in text]
    assert missing == [], text[:600]


@pytest.mark.parametrize("kind", sorted(set(KINDS) - UNSEALED))
def test_the_printed_qr_decodes_and_verifies_as_genuine_and_valid_today(kind, sample_pdfs, scan_qr):
    doc, pdf = sample_pdfs[kind]
    (seal,) = [code for page in _pages(pdf) for code in scan_qr(page)]  # the seal sits in the last page's foot
    assert seal == doc.seal
    payload = verify(seal, TrustList.load(), today=tehran_today())  # ExpiredSealError if the sample were stale
    assert payload.number == doc.number
    assert payload.content_sha256 == content_digest(document_content(doc))
    assert payload.training


def _pages(pdf: bytes) -> list[bytes]:
    """Each page as a PDF of its own."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        writer = PdfWriter()
        writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
        pages.append(out.getvalue())
    return pages


def test_one_flipped_byte_of_the_scanned_seal_fails_verification(sample_pdfs, scan_qr):
    (seal,) = scan_qr(sample_pdfs["receipt-80mm"][1])
    raw = bytearray(b45decode(seal[4:]))
    raw[-64 - 10] ^= 0x01  # inside the content hash: the key id and the format still read, the signature fails
    with pytest.raises(BadSignatureError):
        verify(seal[:4] + b45encode(bytes(raw)), TrustList.load())


@pytest.mark.parametrize("kind", KINDS)
def test_identical_input_gives_identical_bytes(kind, sample_pdfs):
    doc, pdf = sample_pdfs[kind]
    assert build_pdf(doc, KINDS[kind][1]) == pdf


def _has_training_mark(pdf: bytes) -> bool:
    # the mark is drawn at an angle, under everything: pypdf reads it whole, in logical order
    text = "".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    return "آموزشی" in text and "training" in PdfReader(io.BytesIO(pdf)).metadata["/Keywords"]


def test_training_documents_say_so_across_the_page_and_real_ones_do_not():
    unsealed = samples.receipt(sealed=False)
    assert not _has_training_mark(build_pdf(unsealed))
    assert _has_training_mark(build_pdf(dataclasses.replace(unsealed, training=True)))
    assert _has_training_mark(build_pdf(samples.receipt()))  # sealed with the training key


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


# --- the content of issue 12: titles and holders searchable, dated today, no expiry on completion, the engine's fees,
# --- the inquiry's condition in its headline, one digit system


def _title_and_holder(kind: str, doc) -> tuple[str, str]:
    if isinstance(doc, Certificate):
        return certificate.TITLES[doc.certificate_kind], doc.owner_name
    return {
        PaymentReceipt: lambda: (receipt.TITLE, doc.payer_name),
        RequestReceipt: lambda: (request_receipt.TITLE, doc.applicant_name),
        InquiryReply: lambda: (inquiry.TITLE, doc.owner_name),
        ZoningSheet: lambda: (zoning.TITLE, fa(doc.parcel.renovation_code)),  # a parcel's sheet: its code
        FeePreviewSheet: lambda: ("پیش‌نمایش عوارض", doc.office_name),
        DayCloseReport: lambda: ("گزارش بستن صندوق روزانه", doc.operator_name),
    }[type(doc)]()


@pytest.mark.parametrize("kind", KINDS)
def test_pdftotext_finds_the_title_and_the_holder_in_logical_order(kind, sample_pdfs, pdf_text):
    doc, pdf = sample_pdfs[kind]
    title, holder = _title_and_holder(kind, doc)
    text = _squashed(pdf_text(pdf))  # in reading order: a reversed or presentation-form text would not match
    assert _squashed(title) in text, text[:400]
    assert _squashed(holder) in text, text[:400]


@pytest.mark.parametrize("kind", sorted(set(KINDS) - UNSEALED))
def test_each_sample_is_dated_today_in_tehran(kind, sample_pdfs):
    doc, _ = sample_pdfs[kind]
    made = doc.issued_at.astimezone(TEHRAN).date()
    assert made in (tehran_today(), tehran_today() - dt.timedelta(days=1))  # the run may cross midnight in Tehran
    expires = samples.seal_terms(doc)[2]
    assert expires is None or expires > tehran_today()


def test_the_completion_certificate_never_expires_and_prints_no_validity(sample_pdfs, pdf_text):
    doc, pdf = sample_pdfs[COMPLETION]
    assert doc.valid_until is None
    assert read_unverified(doc.seal)[0].expires is None
    text = _squashed(pdf_text(pdf))
    assert "اعتبار" not in text and "معتبر" not in text
    # the others do say how long they hold
    for kind in (CLEARANCE, NO_VIOLATION, "inquiry-reply"):
        other, other_pdf = sample_pdfs[kind]
        assert _squashed(jdate(other.valid_until)) in _squashed(pdf_text(other_pdf))


def test_a_completion_certificate_given_an_expiry_still_prints_none(pdf_text):
    doc = samples.certificate(COMPLETION)
    dated = dataclasses.replace(doc, valid_until=tehran_today(), seal=None)
    assert "اعتبار" not in _squashed(pdf_text(build_pdf(dated)))


def test_certificate_notes_never_repeat_each_other():
    for kind in (CLEARANCE, COMPLETION, NO_VIOLATION):
        doc = samples.certificate(kind)
        notes = certificate.notes(doc)
        assert len(notes) == len(set(notes))
        same = dataclasses.replace(doc, notes=certificate.notes(doc)[0], seal=None)
        assert len(certificate.notes(same)) == len(notes) - 1  # a note equal to the legal line is printed once


def test_the_inquiry_headline_states_the_condition():
    doc = samples.inquiry_reply()
    assert inquiry.verdict(doc) == f"انجام معامله به شرط {doc.condition} بلامانع است."
    free = dataclasses.replace(doc, condition="")
    assert inquiry.verdict(free) == "انجام معامله بلامانع است."
    refused = dataclasses.replace(doc, transfer_allowed=False, condition="تعیین تکلیف تخلف در کمیسیون ماده ۱۰۰")
    assert inquiry.verdict(refused) == "انجام معامله تا تعیین تکلیف تخلف در کمیسیون ماده ۱۰۰ مقدور نیست."
    # a reason the server already words as the whole answer is printed as it is, not wrapped again
    whole = "به علت تخلف ساختمانی در انتظار رسیدگی کمیسیون ماده ۱۰۰، نقل و انتقال تا صدور رأی کمیسیون مجاز نیست"
    assert inquiry.verdict(dataclasses.replace(refused, condition=whole)) == whole + "."
    mortgage = dataclasses.replace(free, inquiry_type="استعلام رهن بانکی")
    assert inquiry.verdict(mortgage) == "تنظیم سند رهنی بلامانع است."


def test_the_inquiry_reply_never_says_unconditionally_allowed_when_a_condition_follows(sample_pdfs, pdf_text):
    doc, pdf = sample_pdfs["inquiry-reply"]
    text = _squashed(pdf_text(pdf))
    assert doc.condition and _squashed("انجام معامله بلامانع است") not in text
    assert _squashed(inquiry.verdict(doc)) in text
    for words in (doc.addressee, fa(doc.owner_national_id), doc.signatory_name, doc.signatory_title):
        assert words and _squashed(words) in text


def test_the_fee_preview_sample_is_the_engines_assessment_line_for_line(tmp_path):
    """Every line, code, title, formula and amount, the book's version and fingerprint: what `pishkhan fees preview
    --json` prints for the same case."""
    day = tehran_today()
    case = sample_fees.permit_case(samples.PARCEL, on=day)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "fees", "preview", str(path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    cli = json.loads(result.stdout)
    sheet = samples.fee_preview(on=day)
    assert (sheet.book_version, sheet.book_sha256) == (cli["book"]["version"], cli["book"]["sha256"])
    assert sheet.book_version in {book.version for book in bundled_books()}
    assert len(sheet.lines) == len(cli["lines"]) > 0
    for printed, line in zip(sheet.lines, cli["lines"], strict=True):
        assert (printed.code, printed.title, printed.formula, printed.amount_rials) == (
            line["code"],
            line["title"],
            line["formula"],
            line["amount_rials"],
        )
        for name, value in {**line["intermediate"], "P": line["inputs"]["P"]}.items():
            assert fee_sheet.binding(name, value) in printed.inputs.split("\n")
    assert sheet.total_rials == cli["total_rials"]
    assert samples.request_receipt(on=day).fee_preview_rials == cli["total_rials"]


def test_the_inquiry_replys_transfer_and_renovation_fees_are_the_engines():
    day = tehran_today()
    doc = samples.inquiry_reply(on=day)
    assessed = sample_fees.transfer_assessment(samples.PARCEL, renovation_years=3, on=day)
    amounts = {line["code"]: line["amount_rials"] for line in assessed["lines"]}
    assert doc.transfer_fee_rials == amounts["701"]
    assert doc.debts[0].amount_rials == amounts["601"]


_ASCII_DIGITS = re.compile(r"[0-9]")


@pytest.mark.parametrize("kind", sorted(set(KINDS) - {"day-close"}))
def test_one_digit_system_on_a_persian_document(kind, sample_pdfs, pdf_text):
    """Codes, numbers, plates, versions and amounts all in Persian digits; the one exception is the tariff book's
    SHA-256 fingerprint (and the algorithm's name), a machine string compared with `sha256sum`."""
    doc, pdf = sample_pdfs[kind]
    # pypdf, not pdftotext through NFKC: that would turn the book's «m²» into «m2»
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    if isinstance(doc, FeePreviewSheet):
        text = text.replace(doc.book_sha256, "").replace("SHA-256", "")
    assert _ASCII_DIGITS.findall(text) == [], text


def test_the_zoning_sheet_says_north_in_persian_and_keeps_its_scale_label_clear_of_the_bar(sample_pdfs, pdf_text):
    _, pdf = sample_pdfs["zoning"]
    words = pdf_text(pdf).split()
    assert "ش" in words and "N" not in words
    descent = -getFont(REGULAR).face.descent / 1000 * 7.5  # how far «ر» and «م» reach below the baseline
    tick = 1.5
    assert zoning.SCALE_LABEL_RISE - descent >= tick + 1.0  # at least a point of white between the letters and ticks


_WORD = re.compile(r'<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>')


@pytest.mark.parametrize(
    ("kind", "amounts"),
    [
        ("receipt-80mm", lambda doc: [*(line.amount_rials for line in doc.lines), doc.total_rials]),
        ("receipt-a5", lambda doc: [*(line.amount_rials for line in doc.lines), doc.total_rials]),
        (
            "inquiry-reply",
            lambda doc: [*(d.amount_rials for d in doc.debts), doc.transfer_fee_rials, doc.total_due_rials],
        ),
        ("fee-preview", lambda doc: [*(line.amount_rials for line in doc.lines), doc.total_rials]),
    ],
)
def test_amounts_in_a_table_line_up_by_place_value(kind, amounts, sample_pdfs, tmp_path):
    """Units under units (the same right edge) and, for the rows' amounts of as many digits, the same left edge too:
    every digit in the same place (read back from the drawn glyphs' boxes with `pdftotext -bbox`; a digit's cell is
    about 5 pt wide at 8 pt, so a place out of line would be off by a whole cell)."""
    doc, pdf = sample_pdfs[kind]
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = [(float(x0), float(x1), word) for x0, x1, word in _WORD.findall(boxes)]
    wanted = [fa(f"{amount:,}".replace(",", "\u066c")) for amount in amounts(doc)]
    found = {}
    for text in wanted:
        found[text] = [(x0, x1) for x0, x1, word in words if word == text][-1]  # the table's, below any sentence
    right_edges = {round(x1, 1) for x0, x1 in found.values()}
    assert len(right_edges) == 1, found
    by_length: dict[int, list[float]] = {}
    for text, (x0, _) in found.items():
        by_length.setdefault(len(text), []).append(x0)
    # a word's left edge is where its first digit's ink starts, centred in its cell: within 2 pt, well under a cell
    assert all(max(lefts) - min(lefts) <= 2.0 for lefts in by_length.values()), found

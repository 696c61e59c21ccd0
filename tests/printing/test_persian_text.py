"""Persian on a PDF canvas: shaping, right-to-left order, mirrored brackets, codes and digits in their order, wrapping
in logical order, and every glyph present in the bundled font."""

from __future__ import annotations

import unicodedata

import pytest

from civic.money import format_rials, rials_in_words
from desktop import doc_samples as samples
from printing.fonts import BOLD, REGULAR, has_glyph
from printing.rtl import text_width, visual, wrap


def _letters(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_letters_take_their_joined_forms():
    shown = visual("رسید")
    assert all("\ufb50" <= ch <= "\ufeff" for ch in shown)  # presentation forms only
    assert _letters(shown) == "دیسر"  # drawn from the left: the last letter first


def test_brackets_are_mirrored_so_a_bracketed_bank_name_reads_right():
    shown = visual("بانک ملت (شعبه بوعلی)")
    # drawn left to right: "(" + «بوعلی شعبه» reversed + ")" ... so the reader sees «(شعبه بوعلی)» from the right
    assert shown.startswith("(") and shown.index(")") > shown.index("(")
    assert _letters(shown).startswith("(یلعوب هبعش)")


def test_a_renovation_code_inside_persian_keeps_its_order():
    shown = visual("کد نوسازی 2-14-123-45-0-0 ثبت شد")
    assert "2-14-123-45-0-0" in shown


def test_a_latin_tracking_code_and_persian_digits_read_in_order():
    shown = visual("کد رهگیری PK-1001-14040512-000123 به مبلغ ۵٬۰۰۰٬۰۰۰ ریال")
    assert "PK-1001-14040512-000123" in shown
    assert format_rials(5_000_000) in shown


def test_a_masked_card_number_keeps_its_groups_in_order():
    shown = visual("شماره کارت ۶۱۰۴-۳۳**-****-۷۷۸۱")
    assert "۶۱۰۴-۳۳**-****-۷۷۸۱" in shown


def test_a_jalali_date_keeps_year_month_day_order():
    assert "۱۴۰۳/۱۲/۳۰" in visual("تاریخ ۱۴۰۳/۱۲/۳۰")


def test_no_bidi_control_or_joiner_reaches_the_canvas():
    shown = visual("پرداخت‌کننده \u202a2-14\u202c")
    assert not any(ch in shown for ch in "\u200c\u200d\u202a\u202b\u202c\u200e\u200f")


def test_wrapping_happens_in_logical_order_before_reordering():
    text = rials_in_words(5_000_000_000) + " بابت عوارض نوسازی و پسماند سال ۱۴۰۳"
    lines = wrap(text, REGULAR, 9, 120)
    assert len(lines) > 1
    assert " ".join(lines) == text  # each line is a run of the logical text, first words first
    assert all(text_width(line, REGULAR, 9) <= 120 for line in lines if " " in line)


def test_every_glyph_a_document_draws_exists_in_vazirmatn():
    texts = [
        "گواهی مفاصاحساب پایان کار عدم خلاف لا إلا أحمد آموزشی المثنی ژاله چگونه پژوهش ۰۱۲۳۴۵۶۷۸۹٬٫٪",
        rials_in_words(987_654_321_012),
        samples.inquiry_reply().condition,
        samples.certificate().parcel.address,
    ]
    missing = {
        (font, ch)
        for text in texts
        for ch in visual(text)
        for font in (REGULAR, BOLD)
        if not ch.isspace() and not has_glyph(font, ch)
    }
    assert missing == set()


@pytest.mark.parametrize("amount", [0, 5_000_000_000, 1_205, 999_999_999_999])
def test_amounts_print_with_persian_digits_and_separator(amount):
    shown = visual(f"جمع {format_rials(amount)} ریال")
    assert format_rials(amount) in shown

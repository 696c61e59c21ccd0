"""Numbers in one digit system per language, codes kept in order inside Persian sentences, and typed numbers read
with thousands separators in either digit system."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.fee_books import book_name
from desktop.formatting import LRI, PDI, code, format_amount, format_number, phone
from desktop.forms import ParseError, parse_amount, parse_number


@pytest.mark.parametrize(
    ("value", "fa", "en"),
    [
        (1000000, "۱٬۰۰۰٬۰۰۰", "1,000,000"),
        (Decimal("12.50"), "۱۲٫۵", "12.5"),
        (Decimal("0.15"), "۰٫۱۵", "0.15"),
        (110, "۱۱۰", "110"),
    ],
)
def test_numbers_use_one_digit_system_per_language(value, fa, en):
    assert format_number(value, "fa") == fa
    assert format_number(value, "en") == en


def test_amounts_are_whole_rials_with_separators_and_never_floats():
    assert format_amount(439_706_000, "fa") == "۴۳۹٬۷۰۶٬۰۰۰"
    with pytest.raises(TypeError):
        format_amount(1.5, "fa")  # type: ignore[arg-type]


def test_codes_and_phone_numbers_keep_their_order_inside_a_persian_sentence():
    assert code("2-14-123-45-0-0", "fa") == f"{LRI}۲-۱۴-۱۲۳-۴۵-۰-۰{PDI}"
    assert phone("0912-123-4567", "fa") == f"{LRI}۰۹۱۲-۱۲۳-۴۵۶۷{PDI}"
    assert code("PK-1001", "en") == f"{LRI}PK-1001{PDI}"


@pytest.mark.parametrize("typed", ["1,234", "۱٬۲۳۴", "١٬٢٣٤", "1234", "۱۲۳۴", "1٬234"])
def test_thousands_separators_are_read_in_every_digit_system(typed):
    assert parse_number(typed) == Decimal(1234)
    assert parse_amount(typed) == 1234


@pytest.mark.parametrize(("typed", "value"), [("۱۲٫۵", "12.5"), ("12/5", "12.5"), ("1,234.5", "1234.5")])
def test_decimal_points_are_read(typed, value):
    assert parse_number(typed) == Decimal(value)


@pytest.mark.parametrize(
    ("typed", "limits", "reason"),
    [
        ("1,23", {}, "باید عدد باشد"),
        ("۱۱۰م", {}, "باید عدد باشد"),
        ("-5", {}, "نباید منفی باشد"),
        ("0", {"above_zero": True}, "باید بیشتر از صفر باشد"),
        ("2.5", {"whole": True}, "باید عدد صحیح باشد"),
        ("2000000", {"maximum": 1_000_000}, "نباید بیشتر از ۱٬۰۰۰٬۰۰۰ باشد"),
    ],
)
def test_a_wrong_number_is_refused_in_the_operators_words(typed, limits, reason):
    with pytest.raises(ParseError) as caught:
        parse_number(typed, **limits)
    assert caught.value.message == reason


def test_books_are_named_as_the_operator_knows_them():
    assert book_name("hamedan", "1405.1", "همدان", "fa") == "همدان ۱۴۰۵٫۱"
    assert book_name("hamedan", "1405.1", "همدان", "en") == "Hamedan 1405.1"

from decimal import Decimal

import pytest

from civic.errors import CivicValueError
from civic.money import format_rials, number_in_words, rials_in_words


@pytest.mark.parametrize(
    ("amount", "persian", "ascii_"),
    [
        (0, "۰", "0"),
        (999, "۹۹۹", "999"),
        (1000, "۱٬۰۰۰", "1,000"),
        (5_000_000, "۵٬۰۰۰٬۰۰۰", "5,000,000"),
        (-1_234_567, "-۱٬۲۳۴٬۵۶۷", "-1,234,567"),
    ],
)
def test_format_rials(amount, persian, ascii_):
    assert format_rials(amount) == persian
    assert format_rials(amount, persian_digits=False) == ascii_


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "صفر"),
        (1, "یک"),
        (10, "ده"),
        (11, "یازده"),
        (20, "بیست"),
        (21, "بیست و یک"),
        (100, "یکصد"),
        (101, "یکصد و یک"),
        (110, "یکصد و ده"),
        (999, "نهصد و نود و نه"),
        (1000, "یک هزار"),
        (1001, "یک هزار و یک"),
        (1205, "یک هزار و دویست و پنج"),
        (100_000, "یکصد هزار"),
        (1_000_000, "یک میلیون"),
        (2_500_000, "دو میلیون و پانصد هزار"),
        (1_000_000_000, "یک میلیارد"),
        (1_000_000_001, "یک میلیارد و یک"),
        (5_000_000_000, "پنج میلیارد"),
        (
            12_345_678_901,
            "دوازده میلیارد و سیصد و چهل و پنج میلیون و ششصد و هفتاد و هشت هزار و نهصد و یک",
        ),
        (
            999_999_999_999,
            "نهصد و نود و نه میلیارد و نهصد و نود و نه میلیون و نهصد و نود و نه هزار و نهصد و نود و نه",
        ),
        (1_000_000_000_000, "یک هزار میلیارد"),
        (2_500_000_000_000, "دو هزار و پانصد میلیارد"),
        (1_000_000_000_000_000, "یک میلیون میلیارد"),
        (-7, "منفی هفت"),
        (-1_000_000_000, "منفی یک میلیارد"),
    ],
)
def test_number_in_words(n, words):
    assert number_in_words(n) == words


def test_teens_and_hundreds_spelling():
    teens = "ده یازده دوازده سیزده چهارده پانزده شانزده هفده هجده نوزده".split()
    assert [number_in_words(n) for n in range(10, 20)] == teens
    hundreds = "یکصد دویست سیصد چهارصد پانصد ششصد هفتصد هشتصد نهصد".split()
    assert [number_in_words(n * 100) for n in range(1, 10)] == hundreds


def test_no_stray_joiners():
    for n in [*range(0, 2100), 10**9 + 10**6, 10**12 + 1, 10**17 + 10**9]:
        words = number_in_words(n)
        assert "  " not in words and " و و " not in words
        assert not words.startswith("و ") and not words.endswith(" و") and words == words.strip()


def test_largest_and_too_large():
    assert number_in_words(10**18 - 1).startswith("نهصد و نود و نه میلیون و")
    with pytest.raises(CivicValueError) as info:
        number_in_words(10**18)
    assert (info.value.field, info.value.code) == ("amount", "out_of_range")
    with pytest.raises(CivicValueError):
        number_in_words(-(10**18))


def test_rials_in_words():
    assert rials_in_words(5_000_000_000) == "پنج میلیارد ریال"
    assert rials_in_words(0) == "صفر ریال"


@pytest.mark.parametrize("fn", [format_rials, number_in_words, rials_in_words])
@pytest.mark.parametrize("bad", [1.5, 1.0, True, False, Decimal("1"), "1000", None])
def test_non_int_money_rejected(fn, bad):
    with pytest.raises(TypeError):
        fn(bad)

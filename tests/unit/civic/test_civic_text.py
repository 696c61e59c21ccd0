import pytest

from civic.text import digits_only, normalize_digits, normalize_text, to_persian_digits

ZWNJ = "\u200c"


def test_normalize_digits_persian_and_arabic_indic():
    assert normalize_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert normalize_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert normalize_digits("کد ۱۲a٣") == "کد 12a3"


def test_normalize_digits_rejects_non_str():
    with pytest.raises(TypeError):
        normalize_digits(123)


def test_normalize_text_letter_forms():
    assert normalize_text("علي") == "علی"
    assert normalize_text("موسى") == "موسی"
    assert normalize_text("كتاب") == "کتاب"
    assert normalize_text("يك") == "یک"


def test_normalize_text_digits_kashida_and_bidi():
    assert normalize_text("تهـــران ۱۴۰۳") == "تهران 1403"
    assert normalize_text("\u200f۰۹۱۲\u200e") == "0912"
    assert normalize_text("\u202bمتن\u202c \u2067x\u2069") == "متن x"
    assert normalize_text("\ufeffabc") == "abc"


def test_normalize_text_zwnj_kept_inside_words():
    assert normalize_text(f"می{ZWNJ}خواهم") == f"می{ZWNJ}خواهم"
    assert normalize_text(f"می{ZWNJ}{ZWNJ}{ZWNJ}خواهم") == f"می{ZWNJ}خواهم"


def test_normalize_text_zwnj_dropped_at_word_edges():
    assert normalize_text(f"{ZWNJ}کتاب{ZWNJ}") == "کتاب"
    assert normalize_text(f"کتاب{ZWNJ} {ZWNJ}ها") == "کتاب ها"
    assert normalize_text(f"a {ZWNJ} b") == "a b"


def test_normalize_text_whitespace():
    assert normalize_text("  a \t\n b\u00a0 c  ") == "a b c"
    assert normalize_text("") == ""


def test_to_persian_digits():
    assert to_persian_digits("1403/12/30") == "۱۴۰۳/۱۲/۳۰"
    assert to_persian_digits(-205) == "-۲۰۵"
    assert to_persian_digits("abc ٣") == "abc ٣"


@pytest.mark.parametrize("bad", [True, 1.5, None])
def test_to_persian_digits_rejects_other_types(bad):
    with pytest.raises(TypeError):
        to_persian_digits(bad)


def test_digits_only_drops_separators():
    assert digits_only(" ۰۴۹-۹۳۷ ۰۸۹_۹ ") == "0499370899"
    assert digits_only("12.34/56") == "123456"
    assert digits_only("12\u201334\u221256") == "123456"


def test_digits_only_keeps_other_characters_for_the_validator():
    assert digits_only("12a4") == "12a4"

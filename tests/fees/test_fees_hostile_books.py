"""Broken and hostile tariff books are rejected with the file, the item code and the reason; nothing is executed."""

import pytest
from fees_helpers import TEMPLATE, book_with, make_case, residential, shop

from fees import BookError, EvaluationError, parse_book, parse_case


def rejected(amount, extra=""):
    with pytest.raises(BookError) as info:
        book_with(amount, extra)
    error = info.value
    assert error.file == "hostile.toml"
    assert "hostile.toml" in str(error) and "\n" not in str(error)
    return error


def test_the_template_itself_is_a_valid_book():
    book = book_with("P * K(land_area) * land_area")
    case = parse_case(make_case("1405/02/01", 123, [residential(100)], land=150))
    # 90,000 × 0.2 (150 > 100) × 150 = 2,700,000
    assert book.evaluate(case).total_rials == 2_700_000


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("P * * 2", "syntax error"),
        ("P +", "syntax error"),
        ("unknown_thing * P", "unknown name 'unknown_thing'"),
        ("__import__('os')", "'__import__' is not allowed"),
        ("__import__('os').system('true')", "attribute access is not allowed"),
        ("__builtins__", "'__builtins__' is not allowed"),
        ("P.real", "attribute access is not allowed"),
        ("P.__class__.__mro__", "attribute access is not allowed"),
        ("().__class__", "attribute access is not allowed"),
        ("land_area.as_integer_ratio()", "attribute access is not allowed"),
        ("P[0]", "subscripts are not allowed"),
        ("10**10**10", "powers are limited"),
        ("P ** 100", "powers are limited"),
        ("P ** land_area", "powers are limited"),
        ("P ** -1", "powers are limited"),
        ("100000000000000000000000 * P", "number literal too large"),
        ("1e400 * P", "number literal too large"),
        ("P / 0", "division by zero"),
        ("P / (2 - 2)", "division by zero"),
        ("(10**6)**6 * P", "value too large"),
        ("(lambda: 1)()", "only named functions"),
        ("[x for x in (1, 2)]", "comprehensions are not allowed"),
        ("(y := 3)", "assignment expressions are not allowed"),
        ("f'{P}'", "f-strings are not allowed"),
        ("open('x')", "unknown function or table 'open'"),
        ("max(P, key=1)", "keyword arguments are not allowed"),
        ("max(*P)", "'*' arguments are not allowed"),
        ("'a' * P", "needs a number"),
        ("P if purpose else 0", "needs a boolean"),
        ("P % 7", "operator '%' is not allowed"),
        ("P // 7", "operator '//' is not allowed"),
        ("P if purpose == 1 else 0", "cannot compare text with number"),
        ("K", "is a function or table"),
        ("K(purpose)", "argument 1 of table K needs a number"),
        ("area * P", 'only items with per = "floor" can read it'),
        ("purpose", "expected a number expression"),
        ("(" * 300 + "P" + ")" * 300, ""),
        ("+".join(["P"] * 500), "more than"),
        ("b'x'", "bytes literals are not allowed"),
        ("None", "NoneType literals are not allowed"),
        ("{1: 2}", "only allowed after 'in'"),
    ],
)
def test_hostile_expression_is_rejected_with_item_and_reason(amount, reason):
    error = rejected(amount)
    assert error.item == "X-1"
    assert reason in error.reason


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ('rounding_typo = "down_1000"', "unknown key 'rounding_typo'"),
        ('per = "building"', "'per' must be"),
        ('applies = "P"', "applies: expected a boolean expression"),
        ('minimum = "purpose"', "minimum: expected a number expression"),
        ('let.L0 = "1"', "already taken"),
        ('let.max = "1"', "already taken"),
        ('let.__x = "1"', "must be a plain name"),
        ("discounts = [{ when = 'true', rate = 1.5, reason = 'x' }]", "rate"),
        ("discounts = [{ when = 'P', rate = 0.5, reason = 'x' }]", "expected a boolean"),
    ],
)
def test_broken_item_keys_are_rejected(extra, reason):
    error = rejected("P", extra)
    assert error.item == "X-1" and reason in error.reason


def _replace(old, new):
    text = TEMPLATE.format(amount="P", extra="").replace(old, new)
    assert text != TEMPLATE.format(amount="P", extra="") or old == new
    with pytest.raises(BookError) as info:
        parse_book(text.encode("utf-8"), name="broken.toml")
    assert info.value.file == "broken.toml"
    return info.value.reason


def test_book_level_problems_are_rejected():
    assert "TOML syntax error" in _replace('code = "test"', "code = ")
    assert "unknown section" in _replace("[constants]", "[constantz]")
    assert "'code' is required" in _replace('code = "test"', "")
    assert "effective_from is after effective_to" in _replace('"1405/01/01"', '"1406/01/01"')
    assert "does not exist" in _replace('"1405/12/29"', '"1405/12/31"') or "out of" in _replace(
        '"1405/12/29"', '"1405/12/31"'
    )
    assert "'sample' must be true or false" in _replace("sample = true", 'sample = "yes"')
    assert "'upto' values must increase" in _replace(
        "{ upto = 100, value = 0.1 }", "{ upto = 100, value = 0.1 }, { upto = 50, value = 0.1 }"
    )
    assert "unknown rounding rule" in _replace('rounding = "down_1000"', 'rounding = "sideways_7"')
    assert "P must be a positive number" in _replace('"123" = 90000', '"123" = -5')
    assert "not a block number" in _replace('"123" = 90000', '"abc" = 5')
    assert "constant name 'P' is already taken" in _replace("L0 = 3", "P = 3")
    assert "at least one [[items]]" in _replace("[[items]]", "[[itemz]]").replace(
        "unknown section [itemz]", "at least one [[items]]"
    )


def test_item_code_used_twice_is_rejected():
    text = TEMPLATE.format(amount="P", extra="")
    item = text[text.index("[[items]]") :]
    with pytest.raises(BookError) as info:
        parse_book((text + item).encode(), name="twice.toml")
    assert info.value.item == "X-1" and "used twice" in info.value.reason


def test_not_utf8_and_oversized_books_are_rejected():
    with pytest.raises(BookError, match="not UTF-8"):
        parse_book(b"\xff\xfe[book]", name="bad.toml")
    with pytest.raises(BookError, match="larger than"):
        parse_book(b"#" * 1_000_001, name="big.toml")


def test_division_by_zero_on_the_case_values_names_the_item():
    book = book_with("P / parking_provided")
    fine = parse_case(make_case("1405/02/01", 123, [residential(100)], pp=2, pr=2))
    assert book.evaluate(fine).total_rials == 45_000  # 90,000 / 2
    broken = parse_case(make_case("1405/02/01", 123, [residential(100)], pp=0))
    with pytest.raises(EvaluationError) as info:
        book.evaluate(broken)
    assert info.value.item == "X-1" and info.value.reason == "division by zero"
    assert "X-1" in info.value.message("en") and "X-1" in info.value.message("fa")


def test_zero_by_zero_and_overflow_at_evaluation_name_the_item():
    with pytest.raises(EvaluationError, match="undefined arithmetic"):
        book_with("parking_provided / parking_required").evaluate(
            parse_case(make_case("1405/02/01", 123, [residential(1)]))
        )
    huge = book_with("(P * land_area) ** 6")
    with pytest.raises(EvaluationError, match="too large") as info:
        huge.evaluate(parse_case(make_case("1405/02/01", 123, [residential(1)], land=900000)))
    assert info.value.item == "X-1"


def test_per_floor_errors_name_the_floor_and_missing_table_rows_are_errors():
    book = book_with(
        "P / units",
        extra='per = "floor"\n[tables.G]\nkind = "grid"\nrows.ground = { commercial = 1 }',
    )
    case = parse_case(make_case("1405/02/01", 123, [shop("office", 0, 10, 2, 3, 3), shop("office", 1, 10, 0, 3, 3)]))
    with pytest.raises(EvaluationError) as info:
        book.evaluate(case)
    assert info.value.item == "X-1 (floors[1])"
    grid = book_with(
        'P * G("ground", use)', extra='per = "floor"\n[tables.G]\nkind = "grid"\nrows.ground = { commercial = 1 }'
    )
    with pytest.raises(EvaluationError, match="no value for row 'ground', column 'office'"):
        grid.evaluate(case)


def test_constant_table_lookups_are_checked_at_load_time():
    error = rejected('P * G("ground", "office")', extra='[tables.G]\nkind = "grid"\nrows.ground = { commercial = 1 }')
    assert "no value for row 'ground', column 'office'" in error.reason

"""The book's expression language and tables: what is allowed, and that it computes what the book says."""

import decimal
from decimal import Decimal

import pytest
from fees_helpers import book_with, make_case, residential, shop
from hypothesis import given, settings
from hypothesis import strategies as st

from fees import EvaluationError, parse_case
from fees.rounding import RoundingRule
from fees.tables import Marginal

CASE = parse_case(make_case("1405/02/01", 123, [residential(150)], land=250, pp=1, pr=3, balcony="7.5"))


def amount_of(expression, extra="", case=CASE):
    return book_with(expression, extra).evaluate(case).total_rials


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("P * 2 * 3", 540_000),  # 90,000 × 6
        ("P ** 2 / 1000000", 8_000),  # 8,100,000,000 / 10^6 = 8,100 → down_1000
        ("1000 if purpose in ('permit', 'transfer') else 0", 1_000),
        ("1000 if purpose not in ('transfer',) else 0", 1_000),
        ("1000 if 0 < parking_provided < parking_required <= 3 else 0", 1_000),
        ("1000 if not (balcony_area > 10 or land_area < 100) else 0", 1_000),
        ("max(P, 5000, land_area) - min(P, 5000)", 85_000),
        ("abs(parking_provided - parking_required) * 1000", 2_000),
        ("floor(balcony_area) * 1000 + ceil(balcony_area) * 1000000", 8_007_000),
        ("L0 * 1000", 3_000),
        ("K(land_area) * P", 18_000),  # 250 > 100 → .2 × 90,000
        ("K(100) * P", 9_000),
        ("-(-P)", 90_000),
        ("1000 if residential_units == 1 and floor_count == 1 and total_area == 150 else 0", 1_000),
        ("parking_shortfall * 1000", 2_000),
        ("1000 if district == '1' and block == '123' and region == '1' else 0", 1_000),
    ],
)
def test_expression_values(expression, expected):
    assert amount_of(expression) == expected


MARGINAL = (
    '[tables.T]\nkind = "marginal"\nrows = [{ upto = 100, rate = 0.1 }, { upto = 200, rate = 0.2 }, { rate = 0.3 }]'
)


def test_marginal_brackets_tax_each_band_at_its_own_rate():
    # land 250: 100 × .1 + 100 × .2 + 50 × .3 = 10 + 20 + 15 = 45 → × 1000
    assert amount_of("T(land_area) * 1000", MARGINAL) == 45_000


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10_000, places=2))
def test_marginal_table_equals_the_band_by_band_sum(x):
    table = Marginal(
        "T",
        {
            "rows": [
                {"upto": 100, "rate": Decimal("0.1")},
                {"upto": 200, "rate": Decimal("0.2")},
                {"rate": Decimal("0.3")},
            ]
        },
    )
    expected = (
        min(x, 100) * Decimal("0.1") + max(min(x, 200) - 100, 0) * Decimal("0.2") + max(x - 200, 0) * Decimal("0.3")
    )
    assert table.lookup(x) == expected


def test_keyed_table_default_and_missing_row():
    keyed = '[tables.D]\nkind = "keyed"\nrows = { "2" = 5 }'
    assert amount_of("D(district) * 1000", keyed + "\ndefault = 7") == 7_000
    with pytest.raises(EvaluationError, match="table D has no row '1'"):
        amount_of("D(district) * 1000", keyed)


def test_text_valued_brackets_choose_grid_rows():
    extra = (
        'per = "floor"\n[tables.R]\nkind = "brackets"\nrows = [{ upto = 0, value = "low" }, { value = "high" }]\n'
        '[tables.G]\nkind = "grid"\nrows.low = { office = 1 }\nrows.high = { office = 2 }'
    )
    case = parse_case(make_case("1405/02/01", 123, [shop("office", -1, 10, 1, 3, 3), shop("office", 4, 10, 1, 3, 3)]))
    lines = book_with("G(R(level), use) * 1000", extra).evaluate(case).lines
    assert [(line.scope, line.amount_rials) for line in lines] == [("floors[0]", 1_000), ("floors[1]", 2_000)]


def test_first_matching_discount_applies_after_minimum_and_cap():
    extra = (
        'minimum = "100000"\ncap = "200000"\ndiscounts = ['
        "{ when = 'land_area > 1000', rate = 0.9, reason = 'a' },"
        " { when = 'land_area > 100', rate = 0.25, reason = 'b' },"
        " { when = 'True', rate = 1, reason = 'c' }]"
    )
    assert amount_of("P", extra) == 75_000  # max(90,000, 100,000) = 100,000; × (1 − .25) = 75,000
    line = book_with("P * 10", extra).evaluate(CASE).lines[0]
    assert (line.cap_applied, line.discount.reason, line.amount_rials) == (True, "b", 150_000)


@pytest.mark.parametrize(
    ("rule", "amount", "rials"),
    [
        ("down_1000", "1999.99", 1_000),
        ("up_1000", "1000.01", 2_000),
        ("up_1000", "1000", 1_000),
        ("half_up_1000", "1500", 2_000),
        ("half_up_1000", "1499.99", 1_000),
        ("half_even_1000", "2500", 2_000),
        ("half_even_1000", "3500", 4_000),
        ("down_1", "12.99", 12),
        ("down_10000", "19999", 10_000),
        ("down_100000", "99999", 0),
    ],
)
def test_named_rounding_rules(rule, amount, rials):
    assert RoundingRule(rule).apply(Decimal(amount)) == rials


@pytest.mark.parametrize("rule", ["down", "down_7", "nearest_1000", "down_1e3", "DOWN_1000", "down_۱۰۰۰"])
def test_unknown_rounding_rules_are_refused(rule):
    with pytest.raises(ValueError, match="unknown rounding rule"):
        RoundingRule(rule)


def test_result_does_not_depend_on_the_callers_decimal_context():
    book = book_with("P * land_area / 7")
    expected = book.evaluate(CASE).to_json_dict()
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_UP
        assert book.evaluate(CASE).to_json_dict() == expected


def test_line_lists_inputs_constants_and_intermediates():
    book = book_with("S * P * k", 'let.S = "land_area - L0"\nlet.k = "K(S)"')
    body = book.evaluate(CASE).to_json_dict()["lines"][0]
    assert body["inputs"] == {"land_area": "250", "P": "90000", "L0": "3"}
    assert body["intermediate"] == {"S": "247", "k": "0.2"}
    assert body["base"] == "4446000.0" and body["amount_rials"] == 4_446_000  # 247 × 90,000 × .2

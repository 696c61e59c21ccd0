"""Properties of assessments over random valid cases (Hypothesis)."""

import json
from decimal import Decimal

from fees_helpers import assess_dict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fees import parse_case

BLOCKS = ("77", "101", "123", "124", "210", "305", "412")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def decimals(high, places=2):
    return st.decimals(min_value=0, max_value=high, places=places, allow_nan=False, allow_infinity=False)


@st.composite
def floors(draw):
    use = draw(st.sampled_from(("residential", "commercial", "office", "industrial", "storage")))
    floor = {
        "level": draw(st.one_of(st.integers(-3, 9), st.just("mezzanine"))),
        "use": use,
        "area_m2": draw(decimals(2000)),
        "units": draw(st.integers(1, 6) if use == "residential" else st.integers(0, 6)),
        "height_m": draw(decimals(9, 1)),
        "frontage_m": draw(decimals(40, 1)),
    }
    if use == "storage" and draw(st.booleans()):
        floor["serves"] = draw(st.sampled_from(("commercial", "office", "industrial")))
    return floor


@st.composite
def cases(draw):
    year = draw(st.sampled_from((1404, 1405)))
    region, district, block = draw(st.integers(1, 9)), draw(st.integers(1, 20)), draw(st.sampled_from(BLOCKS))
    case = {
        "renovation_code": f"{region}-{district}-{block}-7-0-0",
        "date": f"{year}/{draw(st.integers(1, 12)):02d}/{draw(st.integers(1, 29)):02d}",
        "purpose": draw(st.sampled_from(("permit", "permit", "permit", "transfer"))),
        "land_area_m2": draw(decimals(5000)),
        "renovation_years": draw(st.integers(0, 10)),
        "parking_provided": draw(st.integers(0, 8)),
        "parking_required": draw(st.integers(0, 10)),
        "parking_exemption": draw(st.sampled_from(("none", "restricted", "forbidden"))),
        "balcony_area_m2": draw(decimals(150)),
        "extra_floor_area_m2": draw(decimals(400)),
        "floors": draw(st.lists(floors(), min_size=1, max_size=6)),
    }
    return case


def _walk(value, path="$"):
    assert not isinstance(value, float), f"float at {path}"
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _walk(item, f"{path}[{i}]")


@SETTINGS
@given(cases())
def test_line_amounts_sum_to_the_total(case):
    assessment = assess_dict(case)
    assert type(assessment.total_rials) is int
    assert all(type(line.amount_rials) is int and line.amount_rials >= 0 for line in assessment.lines)
    assert sum(line.amount_rials for line in assessment.lines) == assessment.total_rials
    body = assessment.to_json_dict()
    assert sum(line["amount_rials"] for line in body["lines"]) == body["total_rials"]


@SETTINGS
@given(cases())
def test_no_float_anywhere_in_an_assessment(case):
    assessment = assess_dict(case)
    body = assessment.to_json_dict()
    _walk(body)
    assert set(body) == {"book", "lines", "total_rials"}
    for line in assessment.lines:  # the objects too, not only their JSON form
        _walk(list(line))
        _walk(line.inputs)
        _walk(line.intermediate)
        assert all(isinstance(v, Decimal | str | bool) for v in line.inputs.values())
    json.loads(json.dumps(body), parse_float=lambda s: (_ for _ in ()).throw(AssertionError(f"float {s}")))


AREA_FIELDS = ("land_area_m2", "balcony_area_m2", "extra_floor_area_m2", "floor")


@SETTINGS
@given(cases(), st.sampled_from(AREA_FIELDS), st.integers(0, 5), decimals(500).filter(lambda d: d > 0))
def test_area_priced_items_never_decrease_when_an_area_grows(case, field, floor_index, growth):
    before = assess_dict(case)
    grown = json.loads(json.dumps(case, default=str))
    if field == "floor":
        floor = grown["floors"][floor_index % len(grown["floors"])]
        floor["area_m2"] = str(Decimal(floor["area_m2"]) + growth)
    else:
        grown[field] = str(Decimal(grown[field]) + growth)
    after = assess_dict(grown)
    amounts = {(line.code, line.scope): line.amount_rials for line in after.lines}
    for line in before.lines:
        assert amounts.get((line.code, line.scope), -1) >= line.amount_rials, (line.code, line.scope)
    assert after.total_rials >= before.total_rials


@SETTINGS
@given(cases())
def test_evaluation_is_repeatable_and_json_floats_read_exactly(case):
    first = assess_dict(case).to_json_dict()
    assert assess_dict(case).to_json_dict() == first
    as_floats = json.loads(json.dumps(case, default=str), parse_float=float)
    for key in ("land_area_m2", "balcony_area_m2"):
        as_floats[key] = float(as_floats[key])
    assert parse_case(as_floats) == parse_case(case)

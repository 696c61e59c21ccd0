"""`fees.permit_case`: a permit request's building completed into the case both sides compute."""

import json
from decimal import Decimal

import pytest

from fees import CaseError, assess, case_from_json, parse_case, permit_case

BUILDING = {
    "parking_provided": 2,
    "parking_required": 3,
    "balcony_area_m2": 12.5,
    "floors": [
        {"level": 0, "use": "commercial", "area_m2": 80, "units": 1, "height_m": 4, "frontage_m": 8},
        {"level": 1, "use": "residential", "area_m2": 120, "units": 2},
    ],
}


def test_the_case_is_the_building_with_the_code_the_purpose_the_land_area_and_the_date():
    case = permit_case(BUILDING, "2-14-123-45-0-0", Decimal("245.30"), "1405/03/01")
    assert case == {
        **BUILDING,
        "renovation_code": "2-14-123-45-0-0",
        "purpose": "permit",
        "land_area_m2": "245.30",
        "date": "1405/03/01",
    }
    parsed = case_from_json(json.dumps(case))  # JSON-ready: no float, no Decimal
    assert parsed.land_area_m2 == Decimal("245.3") and parsed.purpose == "permit" and parsed.date == (1405, 3, 1)
    assert parsed.floors[1].units == 2 and parsed.balcony_area_m2 == Decimal("12.5")
    assert assess(parse_case(case)).total_rials > 0


def test_the_building_is_not_changed():
    building = json.loads(json.dumps(BUILDING))
    permit_case(building, "2-14-123-45-0-0", Decimal(200), "1405/03/01")
    assert building == BUILDING


@pytest.mark.parametrize("key", ["renovation_code", "date", "purpose", "land_area_m2"])
def test_a_building_naming_a_field_it_does_not_carry_is_refused_naming_it(key):
    with pytest.raises(CaseError) as info:
        permit_case({**BUILDING, key: "x"}, "2-14-123-45-0-0", Decimal(200), "1405/03/01")
    assert info.value.field == key and "not part of the building" in info.value.reason_en


@pytest.mark.parametrize("building", [[], "floors", None, 3])
def test_a_building_that_is_not_an_object_is_refused(building):
    with pytest.raises(CaseError, match="JSON object"):
        permit_case(building, "2-14-123-45-0-0", Decimal(200), "1405/03/01")


def test_a_land_area_that_is_not_a_finite_decimal_is_refused():
    for area in (Decimal("NaN"), Decimal("Infinity"), 200.5):
        with pytest.raises(CaseError) as info:
            permit_case(BUILDING, "2-14-123-45-0-0", area, "1405/03/01")  # type: ignore[arg-type]
        assert info.value.field == "land_area_m2"


def test_errors_inside_the_building_name_the_building_field():
    bad = {**BUILDING, "floors": [BUILDING["floors"][0], {"level": 1, "use": "residential", "area_m2": -3, "units": 1}]}
    with pytest.raises(CaseError) as info:
        parse_case(permit_case(bad, "2-14-123-45-0-0", Decimal(200), "1405/03/01"))
    assert info.value.field == "floors[1].area_m2"

"""Case validation: every error names the field as a path, in Persian and in English."""

import copy
import json
from decimal import Decimal

import pytest
from fees_helpers import ROOT, make_case, residential, shop

from fees import CaseError, case_from_json, parse_case

GOOD = make_case("1405/02/01", 123, [residential(150), shop("commercial", 0, 40, 1, 4, 3)], pp=1, pr=1)


def _with(path, value):
    case = copy.deepcopy(GOOD)
    target = case
    *parents, last = path
    for key in parents:
        target = target[key]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return case


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "field", "en"),
    [
        (("renovation_code",), _DELETE, "renovation_code", "is required"),
        (("renovation_code",), "12-3", "renovation_code", "region-district-block"),
        (("renovation_code",), 12345, "renovation_code", "region-district-block"),
        (("land_area_m2",), _DELETE, "land_area_m2", "is required"),
        (("land_area_m2",), -1, "land_area_m2", "must not be negative"),
        (("land_area_m2",), "abc", "land_area_m2", "must be a number"),
        (("land_area_m2",), True, "land_area_m2", "must be a number"),
        (("land_area_m2",), float("nan"), "land_area_m2", "must be a number"),
        (("land_area_m2",), "1e5", "land_area_m2", "must be a number"),
        (("land_area_m2",), 10**9, "land_area_m2", "must be at most"),
        (("land_area_m2",), "1.123456", "land_area_m2", "at most 4 decimal places"),
        (("parking_provided",), _DELETE, "parking_provided", "is required"),
        (("parking_required",), 1.5, "parking_required", "must be a whole number"),
        (("balcony_area_m2",), _DELETE, "balcony_area_m2", "is required"),
        (("parking_exemption",), "sometimes", "parking_exemption", "must be one of"),
        (("purpose",), "gift", "purpose", "must be one of"),
        (("date",), "1405/13/01", "date", "does not exist"),
        (("date",), "yesterday", "date", "year/month/day"),
        (("date",), 14050101, "date", "must be text"),
        (("floors",), _DELETE, "floors", "is required"),
        (("floors",), [], "floors", "at least one floor"),
        (("floors",), "two", "floors", "must be a list"),
        (("floors", 0), "x", "floors[0]", "JSON object"),
        (("floors", 0, "area_m2"), -5, "floors[0].area_m2", "must not be negative"),
        (("floors", 1, "use"), "garden", "floors[1].use", "must be one of"),
        (("floors", 1, "use"), _DELETE, "floors[1].use", "is required"),
        (("floors", 1, "height_m"), _DELETE, "floors[1].height_m", "required for a commercial floor"),
        (("floors", 1, "frontage_m"), None, "floors[1].frontage_m", "required for a commercial floor"),
        (("floors", 1, "level"), "roof", "floors[1].level", "whole floor number"),
        (("floors", 1, "level"), 1.5, "floors[1].level", "whole floor number"),
        (("floors", 1, "serves"), "office", "floors[1].serves", "only a storage floor"),
        (("floors", 0, "units"), 0, "floors", "residential floors need at least one unit"),
        (("floors", 0, "colour"), "blue", "floors[0].colour", "unknown field"),
        (("owner",), "someone", "owner", "unknown field"),
    ],
)
def test_invalid_field_is_named_in_both_languages(path, value, field, en):
    with pytest.raises(CaseError) as info:
        parse_case(_with(path, value))
    error = info.value
    assert error.field == field
    assert en in error.reason_en
    assert error.message("en") == f"{field}: {error.reason_en}"
    assert error.message("fa").startswith(f"{field}: ") and error.reason_fa != error.reason_en


def test_good_case_reads_persian_digits_and_separators():
    case = _with(("renovation_code",), "۱–۲–۱۲۳–۴۵–۰–۰")
    case["land_area_m2"] = "۲۰۰٫۵"
    case["floors"][0]["level"] = "-۱"
    parsed = parse_case(case)
    assert (parsed.renovation_code, parsed.district, parsed.block) == ("1-2-123-45-0-0", "2", "123")
    assert parsed.land_area_m2 == Decimal("200.5") and parsed.floors[0].level == -1


def test_defaults_for_optional_fields():
    parsed = parse_case(GOOD)
    assert (parsed.purpose, parsed.parking_exemption, parsed.extra_floor_area_m2, parsed.renovation_years) == (
        "permit",
        "none",
        0,
        0,
    )
    transfer = parse_case(
        {"renovation_code": "1-1-123-1-0-0", "date": "1405/01/05", "purpose": "transfer", "land_area_m2": 90}
    )
    assert transfer.floors == () and transfer.parking_required == 0


def test_storage_serves_commercial_unless_told():
    floors = [shop("storage", -1, 20, 0, 3, 0), shop("storage", -2, 20, 0, 3, 0, serves="industrial")]
    parsed = parse_case(make_case("1405/02/01", 123, floors))
    assert [f.serves for f in parsed.floors] == ["commercial", "industrial"]


def test_missing_date_means_today_in_tehran():
    case = copy.deepcopy(GOOD)
    del case["date"]
    year, month, day = parse_case(case).date
    assert 1404 <= year <= 1500 and 1 <= month <= 12 and 1 <= day <= 31


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (b"{", "malformed JSON at line 1"),
        (b"[1, 2]", "must be a JSON object"),
        (b"\xff", "not UTF-8"),
        (b'{"a": NaN}', "NaN"),
    ],
)
def test_malformed_json_is_a_case_error(text, needle):
    with pytest.raises(CaseError) as info:
        case_from_json(text)
    assert info.value.field == "case" and needle in info.value.message("en")


def test_example_files_are_valid_cases():
    for name in ("case-residential.json", "case-commercial.json", "case-transfer.json"):
        parse_case(json.loads((ROOT / "examples" / name).read_text(encoding="utf-8")))

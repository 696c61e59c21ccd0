"""The wizard's checks of a building against its parcel's rules, on buildings worked out by hand.

The parcel: a 12 m × 25 m rectangle on the street (edge 0, its southern side), registered land 300 m²; coverage 60 %
(largest storey 180 m²), density 180 % (540 m² above ground), 3 floors; setbacks front 2 m, back 3.5 m, side 0,
which leave 12 × (25 − 2 − 3.5) = 234 m² buildable.
"""

from __future__ import annotations

import dataclasses
import math
from decimal import Decimal
from typing import Any

import pytest

from desktop.permit_checks import COVERAGE, DENSITY, FLOORS, SETBACKS, buildable_area, check_building


@dataclasses.dataclass(frozen=True)
class Rules:
    density_percent: Decimal = Decimal(180)
    coverage_percent: Decimal = Decimal(60)
    max_floors: int = 3
    front_setback_m: Decimal = Decimal(2)
    back_setback_m: Decimal = Decimal("3.5")
    side_setback_m: Decimal = Decimal(0)


def _rectangle(width: float, depth: float) -> dict[str, Any]:
    """A width × depth rectangle in Hamedan, its first edge (the street) running east along the south side; projected
    with the same local scale printing.geometry uses, about the rectangle's own centre."""
    lat_c, lon0 = 34.80, 48.51
    lat0 = math.radians(lat_c)
    per_lat = 111_132.92 - 559.82 * math.cos(2 * lat0) + 1.175 * math.cos(4 * lat0)
    per_lon = 111_412.84 * math.cos(lat0) - 93.5 * math.cos(3 * lat0)
    south, north = lat_c - depth / 2 / per_lat, lat_c + depth / 2 / per_lat
    east = lon0 + width / per_lon
    ring = [[lon0, south], [east, south], [east, north], [lon0, north]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


@dataclasses.dataclass(frozen=True)
class Parcel:
    land_area_m2: Decimal = Decimal(300)
    street_edge: int = 0
    geometry: dict[str, Any] = dataclasses.field(default_factory=lambda: _rectangle(12, 25))
    rules: Rules = Rules()


PARCEL = Parcel()


def _floor(level: int | str, area: object, use: str = "residential") -> dict[str, Any]:
    return {"level": level, "use": use, "area_m2": area, "units": 1, "height_m": 3.2, "frontage_m": 12}


def _building(*floors: dict[str, Any]) -> dict[str, Any]:
    return {"parking_provided": 2, "parking_required": 2, "balcony_area_m2": 0, "floors": list(floors)}


def test_the_setbacks_leave_234_square_metres_of_the_rectangle():
    assert buildable_area(PARCEL) == Decimal("234.00")
    no_setbacks = dataclasses.replace(PARCEL, rules=Rules(front_setback_m=Decimal(0), back_setback_m=Decimal(0)))
    assert buildable_area(no_setbacks) is None


def test_a_compliant_building_gives_no_warning():
    # 3 storeys of 150 (≤ 180 footprint, ≤ 234 buildable), a basement that counts for nothing, a 40 m² mezzanine:
    # 490 m² above ground ≤ 540
    building = _building(
        _floor(-1, 200, "storage"), _floor(0, 150), _floor("mezzanine", 40), _floor(1, 150), _floor(2, "150.00")
    )
    assert check_building(building, PARCEL) == []


def test_four_storeys_on_a_three_floor_parcel_warn_on_the_top_floors_level():
    building = _building(_floor(0, 100), _floor(1, 100), _floor(2, 100), _floor(3, 100))
    (warning,) = check_building(building, PARCEL)
    assert (warning.rule, warning.field) == (FLOORS, "floors[3].level")
    assert "تعداد طبقات" in warning.message and "۴ طبقه" in warning.message and "۳ طبقه" in warning.message


def test_a_mezzanine_and_basements_are_not_floors_and_rows_of_one_level_are_one_storey():
    building = _building(
        _floor(-2, 100), _floor(-1, 100), _floor(0, 60, "commercial"), _floor(0, 90), _floor("mezzanine", 30),
        _floor(1, 150), _floor(2, 150),
    )  # fmt: skip
    assert check_building(building, PARCEL) == []


def test_a_ground_storey_over_the_coverage_warns_on_its_largest_row():
    # a shop of 80 and a flat of 120 on the ground: one storey of 200 > 60 % × 300 = 180
    building = _building(_floor(0, 80, "commercial"), _floor(0, 120), _floor(1, 150))
    (warning,) = check_building(building, PARCEL)
    assert (warning.rule, warning.field) == (COVERAGE, "floors[1].area_m2")
    assert "سطح اشغال" in warning.message
    assert "۲۰۰ متر مربع" in warning.message and "۱۸۰ متر مربع" in warning.message and "۶۰٪" in warning.message


def test_half_a_square_metre_of_mezzanine_over_the_density_warns():
    # 3 × 180 = 540 = 180 % × 300 exactly: allowed; a 0.5 m² mezzanine makes 540.5
    building = _building(_floor(0, 180), _floor(1, 180), _floor(2, 180))
    assert check_building(building, PARCEL) == []
    (warning,) = check_building(_building(*building["floors"], _floor("mezzanine", "0.5")), PARCEL)
    assert (warning.rule, warning.field) == (DENSITY, "floors")
    assert "تراکم" in warning.message and "۵۴۰٫۵ متر مربع" in warning.message and "۵۴۰ متر مربع" in warning.message


def test_a_storey_larger_than_the_setbacks_leave_warns_even_within_the_coverage():
    generous = dataclasses.replace(PARCEL, rules=Rules(coverage_percent=Decimal(80)))  # 240 m² footprint allowed
    building = _building(_floor(0, 234), _floor(1, 150))
    assert check_building(building, generous) == []
    (warning,) = check_building(_building(_floor(0, "234.5"), _floor(1, 150)), generous)
    assert (warning.rule, warning.field) == (SETBACKS, "floors[0].area_m2")
    assert "عقب‌نشینی" in warning.message and "۲۳۴٫۵" in warning.message and "۲۳۴ متر مربع" in warning.message


def test_every_rule_broken_at_once_gives_four_warnings_in_order():
    building = _building(*(_floor(level, 250) for level in range(4)))
    warnings = check_building(building, PARCEL)
    assert [w.rule for w in warnings] == [FLOORS, COVERAGE, DENSITY, SETBACKS]
    assert [w.field for w in warnings] == ["floors[3].level", "floors[0].area_m2", "floors", "floors[0].area_m2"]


def test_limits_are_rounded_half_up_to_the_square_centimetre():
    # 100.01 × 50 % = 50.005 → 50.01 (half up; half-even would give 50.00)
    parcel = dataclasses.replace(PARCEL, land_area_m2=Decimal("100.01"), rules=Rules(coverage_percent=Decimal(50)))
    parcel = dataclasses.replace(parcel, rules=dataclasses.replace(parcel.rules, front_setback_m=Decimal(0)))
    parcel = dataclasses.replace(parcel, rules=dataclasses.replace(parcel.rules, back_setback_m=Decimal(0)))
    assert check_building(_building(_floor(0, "50.01")), parcel) == []
    (warning,) = check_building(_building(_floor(0, "50.011")), parcel)
    assert warning.rule == COVERAGE and "۵۰٫۰۱۱" in warning.message and "۵۰٫۰۱ متر" in warning.message


def test_persian_digits_in_the_form_are_read_and_unreadable_rows_are_left_to_the_form():
    building = _building(_floor("۰", "۲۰۰"), _floor(1, "abc"), _floor(None, 500), _floor(2, -5))
    (warning,) = check_building(building, PARCEL)
    assert warning.rule == COVERAGE and warning.field == "floors[0].area_m2"
    assert check_building({"floors": "none"}, PARCEL) == []
    assert check_building({}, PARCEL) == []


def test_a_parcel_without_a_usable_polygon_skips_only_the_setbacks():
    broken = dataclasses.replace(PARCEL, geometry={"type": "Point", "coordinates": [48.5, 34.8]})
    building = _building(*(_floor(level, 250) for level in range(4)))
    assert [w.rule for w in check_building(building, broken)] == [FLOORS, COVERAGE, DENSITY]


@pytest.fixture
def english(qapp):
    qapp.setProperty("pishkhanLanguage", "en")
    yield
    qapp.setProperty("pishkhanLanguage", "fa")


def test_the_english_interface_gets_ascii_digits(english):
    (warning,) = check_building(
        _building(_floor(0, 180), _floor(1, 180), _floor(2, 180), _floor("mezzanine", "0.5")), PARCEL
    )
    assert "540.5" in warning.message and "540" in warning.message and "۵" not in warning.message


def test_the_api_parcel_is_checked_with_the_limits_it_states_itself():
    from client_api.parcels import Parcel as ApiParcel

    parcel = ApiParcel.from_json(
        {
            "renovation_code": "2-14-123-45-0-0",
            "postal_code": "6517834567",
            "registration_plate": "1234/56",
            "registry_section": "بخش ۲ همدان",
            "address": "همدان، خیابان بوعلی",
            "block": "123",
            "land_area_m2": 245.35,
            "regional_value_rials": 117000,
            "owners": [{"national_id": "0012345679", "name": "رضا کریمی", "share": "6/6"}],
            "street": {"name": "خیابان بوعلی", "width_m": 12, "edge": 0},
            "geometry": _rectangle(9.8, 25),
            "rules": {
                "land_use": "residential",
                "land_use_title": "مسکونی",
                "density_percent": 180,
                "coverage_percent": 60,
                "max_floors": 3,
                "setbacks_m": {"front": 0, "back": 0, "side": 0},
                "zones": [{"code": "R-180", "share": 1}],
                "straddles": False,
                "deciding_zone": "R-180",
            },
        }
    )
    # 245.35 × 60 % = 147.21 and × 180 % = 441.63, as the parcel says
    at_limit = _building(_floor(0, parcel.max_footprint_m2), _floor(1, "147.21"), _floor(2, 147.21))
    assert (parcel.max_footprint_m2, parcel.max_gross_area_m2) == (Decimal("147.21"), Decimal("441.63"))
    assert check_building(at_limit, parcel) == []
    over = _building(_floor(0, "147.22"), _floor(1, "147.21"), _floor(2, 147.21))  # 441.64 in all
    assert [w.rule for w in check_building(over, parcel)] == [COVERAGE, DENSITY]

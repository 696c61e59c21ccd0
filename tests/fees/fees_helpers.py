"""Helpers shared by the fee tests: build case dicts and assess them with the bundled books."""

from pathlib import Path

from fees import bundled_books, parse_case, select_book

ROOT = Path(__file__).resolve().parents[2]
TARIFFS = ROOT / "resources" / "tariffs"
TRAINING_KEY = ROOT / "resources" / "keys" / "training-signing-key.pem"


def residential(area, units=1, level=0):
    return {"level": level, "use": "residential", "area_m2": area, "units": units}


def shop(use, level, area, units, height, frontage, **extra):
    return {
        "level": level,
        "use": use,
        "area_m2": area,
        "units": units,
        "height_m": height,
        "frontage_m": frontage,
        **extra,
    }


def make_case(date, block, floors=(), *, district=1, land=200, pp=0, pr=0, balcony=0, extra=0, years=0,
              exemption="none", purpose="permit"):  # fmt: skip
    case = {
        "renovation_code": f"1-{district}-{block}-45-0-0",
        "date": date,
        "purpose": purpose,
        "land_area_m2": land,
        "renovation_years": years,
    }
    if purpose == "permit":
        case |= {"parking_provided": pp, "parking_required": pr, "parking_exemption": exemption,
                 "balcony_area_m2": balcony, "extra_floor_area_m2": extra, "floors": list(floors)}  # fmt: skip
    return case


def assess_dict(case_dict):
    case = parse_case(case_dict)
    return select_book(bundled_books(), case.date).evaluate(case)

"""Helpers shared by the fee tests: build case dicts and assess them with the bundled books."""

from pathlib import Path

from fees import bundled_books, parse_book, parse_case, select_book

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


# A minimal book; tests put an item's amount expression and extra item keys (or sections) in it.
TEMPLATE = """
[book]
code = "test"
version = "1"
title = "test book"
city = "test"
sample = true
effective_from = "1405/01/01"
effective_to = "1405/12/29"
approval = "none"

[constants]
L0 = 3

[regional_values]
"123" = 90000

[tables.K]
kind = "brackets"
rows = [{{ upto = 100, value = 0.1 }}, {{ value = 0.2 }}]

[[items]]
code = "X-1"
title = "t"
formula = "T = ..."
legal = "none"
amount = '''{amount}'''
rounding = "down_1000"
{extra}
"""


def book_with(amount, extra="", name="hostile.toml"):
    return parse_book(TEMPLATE.format(amount=amount, extra=extra).encode("utf-8"), name=name)

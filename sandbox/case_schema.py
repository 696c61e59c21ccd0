"""The JSON Schema of a fee case (`POST /assessments`), as strict as `fees.parse_case` where a schema can say it.

What a schema can say, it says: the fields and their kinds, bounds and choices; that a permit case needs its parking,
balcony and at least one floor while a transfer case does not; that a non-residential floor needs its height and
frontage and only a storage floor says which use it serves; numbers as JSON numbers or as text of digits with at most
four decimals; a Jalali date within the bundled tariff books (1404 and 1405). What it cannot say is left to the
server's 422 `invalid-case`: that residential floors together have at least one unit, the decimals of a JSON number
as written (1.5 is read, 1.50000 is not), digits in other scripts and spaces the parser also reads in text.
"""

from __future__ import annotations

from typing import Any

from fees.case import MAX_COUNT, MAX_FLOORS, PARKING_EXEMPTIONS, SERVED_USES, USES

CODE_PATTERN = r"^[0-9]{1,4}-[0-9]{1,4}-[0-9]{1,6}-[0-9]{1,6}-[0-9]{1,4}-[0-9]{1,4}$"
# a day of 1404 or 1405: months 1–6 have 31 days, 7–11 have 30, Esfand 29 (neither year is leap)
DATE_PATTERN = (
    r"^140[45]/((0?[1-6])/(0?[1-9]|[12][0-9]|3[01])|(0?[7-9]|1[01])/(0?[1-9]|[12][0-9]|30)|12/(0?[1-9]|[12][0-9]))$"
)
MAX_AREA = 1_000_000


def _number(description: str, maximum: int, *, whole: bool = False) -> dict[str, Any]:
    """A JSON number or the text of one, from 0 to `maximum` (whole numbers only when `whole`)."""
    digits = len(str(maximum)) - 1  # below `maximum` by the digits alone
    if whole:
        as_number: dict[str, Any] = {"type": "integer", "minimum": 0, "maximum": maximum}
        as_text = {"type": "string", "pattern": rf"^[0-9]{{1,{digits}}}$"}
    else:
        as_number = {"type": "number", "minimum": 0, "maximum": maximum}
        as_text = {"type": "string", "pattern": rf"^[0-9]{{1,{digits}}}(\.[0-9]{{1,4}})?$"}
    return {"description": description, "anyOf": [as_number, as_text]}


def _floor(uses: tuple[str, ...], *, shaped: bool, serves: bool) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "level": {
            "description": "0 ground, negative basements, or mezzanine",
            "anyOf": [
                {"type": "integer", "minimum": -20, "maximum": 200},
                {"type": "string", "enum": ["mezzanine"]},
            ],
        },
        "use": {"type": "string", "enum": list(uses)},
        "area_m2": _number("floor area, m²", MAX_AREA),
        "units": _number("units on the floor", MAX_COUNT, whole=True),
        "height_m": _number("H, m", 100),
        "frontage_m": _number("L, m", 1000),
    }
    if serves:
        properties["serves"] = {"type": "string", "enum": list(SERVED_USES)}
    required = ["level", "use", "area_m2", "units"] + (["height_m", "frontage_m"] if shaped else [])
    return {"type": "object", "required": required, "additionalProperties": False, "properties": properties}


FLOOR_SCHEMA: dict[str, Any] = {
    "description": "A floor. A non-residential floor needs height_m and frontage_m; a storage floor may say which "
    "use it serves (default commercial).",
    "anyOf": [
        _floor(("residential",), shaped=False, serves=False),
        _floor(tuple(u for u in USES if u not in ("residential", "storage")), shaped=True, serves=False),
        _floor(("storage",), shaped=True, serves=True),
    ],
}


CASE_SCHEMA: dict[str, Any] = {
    "description": "The case of `pishkhan fees preview` (fees/README.md). Numbers may be JSON numbers or text. "
    "A permit case (purpose permit, the default) needs its parking, balcony and floors; a transfer case does not.",
    "type": "object",
    "required": ["renovation_code", "land_area_m2"],
    "additionalProperties": False,
    "properties": {
        "renovation_code": {"type": "string", "pattern": CODE_PATTERN, "examples": ["1-2-123-45-0-0"]},
        "date": {
            "anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "null"}],
            "description": "Jalali YYYY/MM/DD; default (or null) today",
        },
        "purpose": {"type": "string", "enum": ["permit", "transfer"]},
        "land_area_m2": _number("parcel area, m²", MAX_AREA),
        "parking_provided": _number("spaces provided", MAX_COUNT, whole=True),
        "parking_required": _number("spaces required", MAX_COUNT, whole=True),
        "parking_exemption": {"type": "string", "enum": list(PARKING_EXEMPTIONS)},
        "balcony_area_m2": _number("balcony / projection area, m²", MAX_AREA),
        "extra_floor_area_m2": _number("area above what the zoning allows, m²", MAX_AREA),
        "renovation_years": _number("unpaid years of renovation fee", 100, whole=True),
        "floors": {"type": "array", "items": FLOOR_SCHEMA, "maxItems": MAX_FLOORS},
    },
    "anyOf": [
        {
            "title": "A permit case",
            "required": ["parking_provided", "parking_required", "balcony_area_m2", "floors"],
            "properties": {"purpose": {"enum": ["permit"]}, "floors": {"minItems": 1}},
        },
        {"title": "A transfer case", "required": ["purpose"], "properties": {"purpose": {"enum": ["transfer"]}}},
    ],
}

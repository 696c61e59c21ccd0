"""A case: the parcel and building a fee preview is computed for, read from JSON and validated field by field.

Every error is a CaseError naming the field as a path (``floors[2].area_m2``) with a Persian and an English reason.
The schema is documented in fees/README.md; `CASE_NAMES` and `FLOOR_NAMES` are the names a tariff book's formulas
may read, in the order of their slots in the evaluation environment.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

from fees.fields import (
    MEZZANINE,
    case_date,
    choice,
    fail,
    level,
    no_unknown,
    number,
    renovation_code,
    required,
)
from fees.nodes import BOOL, CTX, NUM, TEXT

USES = ("residential", "commercial", "office", "industrial", "storage")
SERVED_USES = ("commercial", "office", "industrial")
PURPOSES = ("permit", "transfer")
PARKING_EXEMPTIONS = ("none", "restricted", "forbidden")

CASE_NAMES: tuple[tuple[str, str], ...] = (
    ("purpose", TEXT), ("region", TEXT), ("district", TEXT), ("block", TEXT),
    ("land_area", NUM), ("parking_provided", NUM), ("parking_required", NUM), ("parking_shortfall", NUM),
    ("parking_exemption", TEXT), ("balcony_area", NUM), ("extra_floor_area", NUM), ("renovation_years", NUM),
    ("residential_area", NUM), ("residential_units", NUM), ("commercial_area", NUM), ("office_area", NUM),
    ("industrial_area", NUM), ("storage_area", NUM), ("total_area", NUM), ("total_units", NUM), ("floor_count", NUM),
)  # fmt: skip
FLOOR_NAMES: tuple[tuple[str, str], ...] = (
    ("floor_no", NUM), ("level", NUM), ("mezzanine", BOOL), ("use", TEXT), ("serves", TEXT),
    ("area", NUM), ("units", NUM), ("height", NUM), ("frontage", NUM),
)  # fmt: skip

_TOP_KEYS = frozenset(
    "renovation_code date purpose land_area_m2 parking_provided parking_required parking_exemption balcony_area_m2 "
    "extra_floor_area_m2 renovation_years floors".split()
)
_FLOOR_KEYS = frozenset("level use serves area_m2 units height_m frontage_m".split())
MAX_AREA = Decimal(1_000_000)
MAX_COUNT = 10_000
MAX_FLOORS = 200


@dataclasses.dataclass(frozen=True)
class Floor:
    index: int
    level: int | str  # an int (0 ground, negative basement) or "mezzanine"
    use: str
    serves: str  # for storage floors: the use the storage belongs to; otherwise the floor's own use
    area_m2: Decimal
    units: int
    height_m: Decimal | None
    frontage_m: Decimal | None

    @property
    def values(self) -> tuple[Any, ...]:
        """Slot values in FLOOR_NAMES order."""
        mezzanine = self.level == MEZZANINE
        return (
            Decimal(self.index), Decimal(0 if mezzanine else self.level), mezzanine, self.use, self.serves,
            self.area_m2, Decimal(self.units), self.height_m or Decimal(0), self.frontage_m or Decimal(0),
        )  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Case:
    renovation_code: str
    region: str
    district: str
    block: str
    date: tuple[int, int, int]  # Jalali (year, month, day)
    purpose: str
    land_area_m2: Decimal
    parking_provided: int
    parking_required: int
    parking_exemption: str
    balcony_area_m2: Decimal
    extra_floor_area_m2: Decimal
    renovation_years: int
    floors: tuple[Floor, ...]
    values: tuple[Any, ...] = dataclasses.field(init=False, repr=False, compare=False)
    floor_values: tuple[tuple[Any, ...], ...] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        areas = dict.fromkeys(USES, Decimal(0))
        res_units = total_units = 0
        for floor in self.floors:
            areas[floor.use] = CTX.add(areas[floor.use], floor.area_m2)
            total_units += floor.units
            res_units += floor.units if floor.use == "residential" else 0
        total_area = Decimal(0)
        for area in areas.values():
            total_area = CTX.add(total_area, area)
        shortfall = max(self.parking_required - self.parking_provided, 0)
        values = (
            self.purpose, self.region, self.district, self.block, self.land_area_m2,
            Decimal(self.parking_provided), Decimal(self.parking_required), Decimal(shortfall), self.parking_exemption,
            self.balcony_area_m2, self.extra_floor_area_m2, Decimal(self.renovation_years),
            areas["residential"], Decimal(res_units), areas["commercial"], areas["office"], areas["industrial"],
            areas["storage"], total_area, Decimal(total_units), Decimal(len(self.floors)),
        )  # fmt: skip
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "floor_values", tuple(f.values for f in self.floors))

    @property
    def date_text(self) -> str:
        return "{:04d}/{:02d}/{:02d}".format(*self.date)

    def with_date(self, date: tuple[int, int, int]) -> Case:
        return dataclasses.replace(self, date=date)


def case_from_json(data: str | bytes) -> Case:
    """A case from JSON text; malformed JSON is a CaseError on field "case"."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        obj = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise fail("case", "پرونده با UTF-8 خوانا نیست", "the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise fail(
            "case",
            f"JSON نامعتبر در سطر {exc.lineno} ستون {exc.colno}: {exc.msg}",
            f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
        ) from None
    except (RecursionError, ValueError) as exc:
        raise fail("case", f"JSON نامعتبر: {exc}", f"malformed JSON: {exc}") from None
    return parse_case(obj)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


def parse_case(obj: Any) -> Case:
    """A validated case from a decoded JSON object (floats are read by their shortest decimal form).

    Fields are checked in the schema's order, the floors last, so the first error reported is the first field wrong.
    """
    if not isinstance(obj, dict):
        raise fail("case", "باید یک شیء JSON باشد", "must be a JSON object")
    no_unknown(obj, _TOP_KEYS, "")
    code, region, district, block = renovation_code(obj.get("renovation_code"))
    date = case_date(obj.get("date"))
    purpose = choice(obj.get("purpose", "permit"), "purpose", PURPOSES)
    permit = purpose == "permit"

    def count(key: str) -> int:
        return int(number(required(obj, key) if permit else obj.get(key, 0), key, MAX_COUNT, whole=True))

    def area(key: str, mandatory: bool) -> Decimal:
        return number(required(obj, key) if mandatory else obj.get(key, 0), key, MAX_AREA)

    fields: dict[str, Any] = {
        "renovation_code": code,
        "region": region,
        "district": district,
        "block": block,
        "date": date,
        "purpose": purpose,
        "land_area_m2": area("land_area_m2", True),
        "parking_provided": count("parking_provided"),
        "parking_required": count("parking_required"),
        "parking_exemption": choice(obj.get("parking_exemption", "none"), "parking_exemption", PARKING_EXEMPTIONS),
        "balcony_area_m2": area("balcony_area_m2", permit),
        "extra_floor_area_m2": area("extra_floor_area_m2", False),
        "renovation_years": int(number(obj.get("renovation_years", 0), "renovation_years", Decimal(100), whole=True)),
    }
    return Case(**fields, floors=_floors(required(obj, "floors") if permit else obj.get("floors", []), permit))


def _floors(raw: Any, permit: bool) -> tuple[Floor, ...]:
    if not isinstance(raw, list):
        raise fail("floors", "باید فهرست باشد", "must be a list")
    if permit and not raw:
        raise fail("floors", "برای پروانه دست‌کم یک طبقه لازم است", "a permit case needs at least one floor")
    if len(raw) > MAX_FLOORS:
        raise fail("floors", f"حداکثر {MAX_FLOORS} طبقه", f"at most {MAX_FLOORS} floors")
    floors = tuple(_floor(item, i) for i, item in enumerate(raw))
    residential = [f for f in floors if f.use == "residential"]
    if any(f.area_m2 > 0 for f in residential) and not any(f.units for f in residential):
        raise fail("floors", "طبقات مسکونی دست‌کم یک واحد لازم دارند", "residential floors need at least one unit")
    return floors


def _floor(raw: Any, i: int) -> Floor:
    where = f"floors[{i}]"
    if not isinstance(raw, dict):
        raise fail(where, "باید یک شیء JSON باشد", "must be a JSON object")
    no_unknown(raw, _FLOOR_KEYS, where + ".")
    use = choice(required(raw, "use", where), f"{where}.use", USES)
    serves = use
    if "serves" in raw:
        if use != "storage":
            raise fail(f"{where}.serves", "فقط برای طبقه انبار", "only a storage floor says which use it serves")
        serves = choice(raw["serves"], f"{where}.serves", SERVED_USES)
    elif use == "storage":
        serves = "commercial"
    needs_shape = use != "residential"  # height and frontage enter the «پذیره» formula

    def optional(key: str, maximum: Decimal) -> Decimal | None:
        if key not in raw and not needs_shape:
            return None
        return number(required(raw, key, where, f"برای طبقه {use}", f"for a {use} floor"), f"{where}.{key}", maximum)

    return Floor(
        index=i,
        level=level(required(raw, "level", where), f"{where}.level"),
        use=use,
        serves=serves,
        area_m2=number(required(raw, "area_m2", where), f"{where}.area_m2", MAX_AREA),
        units=int(number(required(raw, "units", where), f"{where}.units", MAX_COUNT, whole=True)),
        height_m=optional("height_m", Decimal(100)),
        frontage_m=optional("frontage_m", Decimal(1000)),
    )

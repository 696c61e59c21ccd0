"""The building of a permit request checked against its parcel's zoning rules, before it is submitted.

The checks warn; they do not refuse: the municipality decides, and a building over a rule can still be filed (it is
then assessed with the fee for the excess). Each warning names the rule, the field it concerns and both numbers.

What counts (the reading of the zoning rules these checks use):
- A storey is one `level`; several rows of the same level (a shop and a flat on the ground floor) are one storey whose
  area is their sum. Storeys above ground are levels ≥ 0; basements (negative levels) count for nothing here.
- A mezzanine («نیم‌طبقه», level "mezzanine") is not a storey: it does not count towards the number of floors nor
  the footprint, but its area is built area above ground and counts towards the density (the total area).
- floors: the number of storeys above ground ≤ the rule's max_floors.
- coverage: the largest storey above ground ≤ land area × coverage % (the largest footprint allowed).
- density: the total area above ground ≤ land area × density %.
- setbacks: the largest storey above ground fits inside what the front, back and side setbacks leave of the parcel's
  polygon (printing.geometry.plan); skipped when every setback is zero or the parcel has no usable polygon.
Arithmetic is Decimal; each limit is rounded to 0.01 m² half up, the way the parcel's own figures are.
A row whose level or area cannot be read is left out: the form and the fee engine report those themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication

from civic.text import normalize_digits
from desktop.formatting import format_number
from printing.geometry import GeometryError, area, plan

log = logging.getLogger(__name__)

FLOORS = "floors"
COVERAGE = "coverage"
DENSITY = "density"
SETBACKS = "setbacks"
RULES = (FLOORS, COVERAGE, DENSITY, SETBACKS)
MEZZANINE = "mezzanine"
CENT = Decimal("0.01")


class ZoningRulesView(Protocol):
    """What these checks read of `client_api.parcels.ParcelRules`."""

    @property
    def density_percent(self) -> Decimal: ...
    @property
    def coverage_percent(self) -> Decimal: ...
    @property
    def max_floors(self) -> int: ...
    @property
    def front_setback_m(self) -> Decimal: ...
    @property
    def back_setback_m(self) -> Decimal: ...
    @property
    def side_setback_m(self) -> Decimal: ...


class ParcelView(Protocol):
    """What these checks read of `client_api.parcels.Parcel`."""

    @property
    def land_area_m2(self) -> Decimal: ...
    @property
    def street_edge(self) -> int: ...
    @property
    def geometry(self) -> Mapping[str, Any]: ...
    @property
    def rules(self) -> ZoningRulesView: ...


@dataclass(frozen=True)
class RuleWarning:
    rule: str  # floors, coverage, density or setbacks
    field: str  # the building field it concerns, e.g. floors[3].level, floors[1].area_m2, floors
    message: str  # translated; names the rule and both numbers


@dataclass(frozen=True)
class _Storey:
    level: int
    area: Decimal
    row: int  # the index of the storey's largest row: the field a warning points at
    top_row: int  # the index of the storey's last row


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(normalize_digits(str(value)).strip().replace("\u066b", ".").replace("\u066c", ""))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() and number >= 0 else None


def _level(value: Any) -> int | str | None:
    if isinstance(value, str) and value.strip() == MEZZANINE:
        return MEZZANINE
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        number = Decimal(normalize_digits(str(value)).strip().replace("\u2212", "-"))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return int(number) if number.is_finite() and number == number.to_integral_value() else None


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _storeys(building: Mapping[str, Any]) -> tuple[list[_Storey], Decimal]:
    """The storeys above ground, by level, and the mezzanines' total area."""
    floors = building.get("floors")
    if not isinstance(floors, list):
        return [], Decimal(0)
    rows: dict[int, list[tuple[int, Decimal]]] = {}
    mezzanine = Decimal(0)
    for index, floor in enumerate(floors):
        if not isinstance(floor, Mapping):
            continue
        level, floor_area = _level(floor.get("level")), _decimal(floor.get("area_m2"))
        if level is None or floor_area is None:
            continue
        if level == MEZZANINE:
            mezzanine += floor_area
        elif isinstance(level, int) and level >= 0:
            rows.setdefault(level, []).append((index, floor_area))
    storeys = []
    for level, members in sorted(rows.items()):
        biggest = max(members, key=lambda m: (m[1], -m[0]))
        storeys.append(_Storey(level, sum((a for _, a in members), Decimal(0)), biggest[0], members[-1][0]))
    return storeys, mezzanine


def check_building(building: Mapping[str, Any], parcel: ParcelView) -> list[RuleWarning]:
    """Warnings for each zoning rule the building breaks, in the order floors, coverage, density, setbacks."""
    rules = parcel.rules
    land = Decimal(parcel.land_area_m2)
    storeys, mezzanine = _storeys(building)
    warnings: list[RuleWarning] = []
    if not storeys:
        return warnings
    if len(storeys) > rules.max_floors:
        top = storeys[-1]
        text = QCoreApplication.translate(
            "PermitChecks",
            "ضابطه تعداد طبقات: ساختمان {count} طبقه روی زمین دارد، بیش از {allowed} طبقه‌ای که ضوابط این ملک "
            "اجازه می‌دهد.",
        )
        message = text.format(count=format_number(len(storeys)), allowed=format_number(rules.max_floors))
        warnings.append(RuleWarning(FLOORS, f"floors[{top.top_row}].level", message))
    largest = max(storeys, key=lambda s: (s.area, -s.level))
    max_footprint = _cents(land * Decimal(rules.coverage_percent) / 100)
    if largest.area > max_footprint:
        text = QCoreApplication.translate(
            "PermitChecks",
            "ضابطه سطح اشغال: بزرگ‌ترین طبقه {area} متر مربع است، بیش از سطح اشغال مجاز {allowed} متر مربع "
            "({percent}٪ مساحت عرصه).",
        )
        message = text.format(
            area=format_number(largest.area),
            allowed=format_number(max_footprint),
            percent=format_number(Decimal(rules.coverage_percent)),
        )
        warnings.append(RuleWarning(COVERAGE, f"floors[{largest.row}].area_m2", message))
    total = sum((s.area for s in storeys), mezzanine)
    max_gross = _cents(land * Decimal(rules.density_percent) / 100)
    if total > max_gross:
        text = QCoreApplication.translate(
            "PermitChecks",
            "ضابطه تراکم: زیربنای روی زمین {area} متر مربع است، بیش از زیربنای مجاز {allowed} متر مربع "
            "({percent}٪ مساحت عرصه).",
        )
        message = text.format(
            area=format_number(total),
            allowed=format_number(max_gross),
            percent=format_number(Decimal(rules.density_percent)),
        )
        warnings.append(RuleWarning(DENSITY, FLOORS, message))
    buildable = buildable_area(parcel)
    if buildable is not None and largest.area > buildable:
        text = QCoreApplication.translate(
            "PermitChecks",
            "ضابطه عقب‌نشینی: بزرگ‌ترین طبقه {area} متر مربع است، اما پس از عقب‌نشینی‌های جلو، عقب و کنار فقط "
            "{allowed} متر مربع از زمین قابل ساخت است.",
        )
        message = text.format(area=format_number(largest.area), allowed=format_number(buildable))
        warnings.append(RuleWarning(SETBACKS, f"floors[{largest.row}].area_m2", message))
    return warnings


def buildable_area(parcel: ParcelView) -> Decimal | None:
    """The area (m², to 0.01 half up) the setbacks leave of the parcel's polygon; None when there are no setbacks or
    no usable polygon."""
    rules = parcel.rules
    setbacks = (Decimal(rules.front_setback_m), Decimal(rules.back_setback_m), Decimal(rules.side_setback_m))
    if not any(s > 0 for s in setbacks):
        return None
    front, back, side = (float(s) for s in setbacks)  # geometry is in floating metres; the result is rounded below
    try:
        sketch = plan(parcel.geometry, parcel.street_edge, front=front, rear=back, side=side, coverage=0.0)
    except GeometryError as exc:
        log.info("setbacks not checked: the parcel's geometry is not usable (%s)", exc)
        return None
    free = area(sketch.buildable) if len(sketch.buildable) >= 3 else 0.0
    return _cents(Decimal(repr(max(free, 0.0))))

"""The demo city in the sandbox's database, and each parcel's rules derived from the zoning layer on every read.

Rules are never stored per parcel: `derive_rules` intersects the parcel's polygon with every zoning tile (both in
metres about the parcel, civic.geo), and the zone with the larger share decides. A change to a zone row changes the
rules of every parcel in it at once, as a change of the city's zoning plan does.

Other sandbox modules ask `find_parcel(conn, code)` whether a renovation code names a parcel and who owns it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from civic.geo import (
    LocalProjection,
    Point,
    bounds,
    bounds_overlap,
    geojson_polygon,
    intersection_area,
    polygon_ring,
    signed_area,
)
from sandbox.city import LAND_USE_TITLES, build_city

SHARE_STEP = Decimal("0.0001")
ORDER = "region, district, CAST(block AS INTEGER), number"


@dataclass(frozen=True)
class ParcelRecord:
    renovation_code: str
    block: str
    land_area_m2: Decimal
    owners: tuple[str, ...]  # national ids


@dataclass(frozen=True)
class ZoneRow:
    code: str
    land_use: str
    density_percent: Decimal
    coverage_percent: Decimal
    max_floors: int
    front_setback_m: Decimal
    back_setback_m: Decimal
    side_setback_m: Decimal
    ring: tuple[Point, ...]

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> ZoneRow:
        return cls(
            row["code"],
            row["land_use"],
            Decimal(row["density_percent"]),
            Decimal(row["coverage_percent"]),
            int(row["max_floors"]),
            Decimal(row["front_setback_m"]),
            Decimal(row["back_setback_m"]),
            Decimal(row["side_setback_m"]),
            tuple(polygon_ring(json.loads(row["geometry"]))),
        )


class ParcelNotZoned(Exception):
    """No zoning tile covers any part of the parcel (only when the zoning layer was edited so)."""


def seed_city(conn: sqlite3.Connection) -> None:
    """Write the demo city's zones and parcels that are missing (inside the caller's transaction); rows that exist
    are left as they are, so a zone a trainer edited stays edited."""
    city = build_city()
    conn.executemany(
        "INSERT OR IGNORE INTO zones (code, land_use, density_percent, coverage_percent, max_floors,"
        " front_setback_m, back_setback_m, side_setback_m, geometry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                z.code,
                z.rule.land_use,
                str(z.rule.density_percent),
                str(z.rule.coverage_percent),
                z.rule.max_floors,
                str(z.rule.front_setback_m),
                str(z.rule.back_setback_m),
                str(z.rule.side_setback_m),
                json.dumps(geojson_polygon(z.ring)),
            )
            for z in city.zones
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO parcels (renovation_code, region, district, block, number, postal_code,"
        " registration_plate, registry_section, address, street_name, street_width_m, street_edge, land_area_m2,"
        " geometry, owners) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                p.renovation_code,
                p.region,
                p.district,
                p.block,
                p.number,
                p.postal_code,
                p.registration_plate,
                p.registry_section,
                p.address,
                p.street_name,
                str(p.street_width_m),
                p.street_edge,
                str(p.land_area_m2),
                json.dumps(geojson_polygon(p.ring)),
                json.dumps([vars(o) for o in p.owners], ensure_ascii=False),
            )
            for p in city.parcels
        ],
    )


def parcel_row(conn: sqlite3.Connection, renovation_code: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM parcels WHERE renovation_code = ?", (renovation_code,)
    ).fetchone()
    return row


def find_parcel(conn: sqlite3.Connection, renovation_code: str) -> ParcelRecord | None:
    """The parcel with this (canonical) renovation code, or None when the demo city has none."""
    row = parcel_row(conn, renovation_code)
    if row is None:
        return None
    owners = tuple(str(o["national_id"]) for o in json.loads(row["owners"]))
    return ParcelRecord(row["renovation_code"], row["block"], Decimal(row["land_area_m2"]), owners)


def zoning_layer(conn: sqlite3.Connection) -> list[ZoneRow]:
    return [ZoneRow.from_row(r) for r in conn.execute("SELECT * FROM zones ORDER BY code")]


def _shares(areas: list[tuple[str, float]]) -> list[tuple[str, Decimal]]:
    """Each zone's share of the zoned area, rounded to 4 decimals and summing to exactly 1 (the rounding remainder
    goes to the largest share); largest first, then by code. Zones whose share rounds to nothing are left out."""
    total = sum(a for _, a in areas)
    rounded = [(code, Decimal(repr(a / total)).quantize(SHARE_STEP, ROUND_HALF_UP)) for code, a in areas]
    rounded = sorted((s for s in rounded if s[1] > 0), key=lambda s: (-s[1], s[0]))
    remainder = Decimal(1) - sum(s for _, s in rounded)
    if rounded and remainder:
        rounded[0] = (rounded[0][0], rounded[0][1] + remainder)
    return rounded


def derive_rules(ring: Sequence[Point], zones: list[ZoneRow]) -> dict[str, Any]:
    """The rules of a parcel (its (lon, lat) ring) from the zoning layer, as the API answers them."""
    projection = LocalProjection.for_ring(ring)
    parcel = projection.ring_to_metres(ring)
    parcel_box = bounds(list(ring))
    minimum = abs(signed_area(parcel)) * 1e-9
    areas: list[tuple[str, float]] = []
    by_code = {z.code: z for z in zones}
    for zone in zones:
        if not bounds_overlap(parcel_box, bounds(zone.ring)):
            continue
        overlap = intersection_area(parcel, projection.ring_to_metres(zone.ring))
        if overlap > minimum:
            areas.append((zone.code, overlap))
    shares = _shares(areas) if areas else []
    if not shares:
        raise ParcelNotZoned
    deciding = by_code[shares[0][0]]
    return {
        "land_use": deciding.land_use,
        "land_use_title": LAND_USE_TITLES.get(deciding.land_use, deciding.land_use),
        "density_percent": json_number(deciding.density_percent),
        "coverage_percent": json_number(deciding.coverage_percent),
        "max_floors": deciding.max_floors,
        "setbacks_m": {
            "front": json_number(deciding.front_setback_m),
            "back": json_number(deciding.back_setback_m),
            "side": json_number(deciding.side_setback_m),
        },
        "zones": [{"code": code, "share": float(share)} for code, share in shares],
        "straddles": len(shares) > 1,
        "deciding_zone": deciding.code,
    }


def json_number(value: Decimal) -> int | float:
    """A decimal as a JSON number: whole values as integers, others with at most 2 decimals."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.quantize(Decimal("0.01"), ROUND_HALF_UP))


def summary_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "renovation_code": row["renovation_code"],
        "postal_code": row["postal_code"],
        "registration_plate": row["registration_plate"],
        "address": row["address"],
        "block": row["block"],
        "land_area_m2": json_number(Decimal(row["land_area_m2"])),
    }


def parcel_json(row: sqlite3.Row, zones: list[ZoneRow], regional_value_rials: int | None) -> dict[str, Any]:
    """The whole parcel as `GET /parcels/{renovation_code}` answers it. Raises ParcelNotZoned."""
    geometry = json.loads(row["geometry"])
    return {
        **summary_json(row),
        "registry_section": row["registry_section"],
        "regional_value_rials": regional_value_rials,
        "owners": json.loads(row["owners"]),
        "street": {
            "name": row["street_name"],
            "width_m": json_number(Decimal(row["street_width_m"])),
            "edge": row["street_edge"],
        },
        "geometry": geometry,
        "rules": derive_rules(polygon_ring(geometry), zones),
    }

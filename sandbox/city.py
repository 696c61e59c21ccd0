"""The demo city: a zoning layer and the parcels of six blocks of Hamedan, the same on every start.

Everything is synthetic but shaped like the real thing. The blocks are those the bundled tariff books price (101,
123, 124, 210, 305, 412), laid out in metres about lon 48.51, lat 34.80: each block is two rows of parcels back to
back, the southern row facing the street south of the block, the northern row the street north of it. Dividers
between parcels are sometimes slightly slanted, so many parcels are not rectangles. Parcels are numbered along the
southern row west to east, then along the northern row east to west, and their renovation codes are
region-district-block-parcel-0-0 with the block's own region and district.

The zoning layer is a set of convex tiles (rectangles), each one zoning class with its rule (land use, density,
coverage, floors, setbacks). Tiles run across both rows of a block, so a parcel that a tile boundary crosses lies
in two zones. Parcels near a boundary keep straight dividers: a straddling parcel is a rectangle, and its shares
can be checked by hand.

`build_city()` is deterministic (one seeded random.Random) and cached. The sandbox stores what it builds on first
start (sandbox/parcels.py), and derives each parcel's rules from the stored zones on every read.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from civic.geo import LocalProjection, Point, signed_area
from civic.text import to_persian_digits

SEED = 1405
CENTRE: Point = (48.51, 34.80)
COORDINATE_DECIMALS = 8  # about a millimetre

DEMO_PARCEL = "2-14-123-45-0-0"
DEMO_OWNER = "0012345679"
DEMO_OWNER_NAME = "رضا کریمی"
DEMO_POSTAL_CODE = "6517834567"
DEMO_PLATE = "1234/56"
DEMO_STRADDLING = "2-14-123-21-0-0"

LAND_USE_TITLES = {
    "residential": "مسکونی",
    "commercial": "تجاری",
    "office": "اداری",
    "industrial": "صنعتی",
    "mixed": "مختلط تجاری و مسکونی",
    "green": "فضای سبز",
}


@dataclass(frozen=True)
class ZoneRule:
    """One zoning class: what may be built on land in it."""

    code: str
    land_use: str
    density_percent: Decimal
    coverage_percent: Decimal
    max_floors: int
    front_setback_m: Decimal
    back_setback_m: Decimal
    side_setback_m: Decimal


def _rule(code: str, use: str, density: str, coverage: str, floors: int, front: str, back: str, side: str) -> ZoneRule:
    return ZoneRule(
        code, use, Decimal(density), Decimal(coverage), floors, Decimal(front), Decimal(back), Decimal(side)
    )


RULES = {
    rule.code: rule
    for rule in (
        _rule("R-120", "residential", "120", "60", 2, "0", "3", "0"),
        _rule("R-150", "residential", "150", "50", 3, "0", "3.5", "0"),
        _rule("R-160", "residential", "160", "55", 3, "0", "3", "0"),
        _rule("R-180", "residential", "180", "60", 3, "0", "3.5", "0"),
        _rule("R-200", "residential", "200", "50", 4, "0", "4", "0"),
        _rule("R-210", "residential", "210", "60", 4, "0", "4", "0"),
        _rule("R-240", "residential", "240", "50", 5, "0", "4.5", "0"),
        _rule("C-240", "commercial", "240", "60", 4, "2", "3", "0"),
        _rule("C-300", "commercial", "300", "60", 5, "2", "3", "0"),
        _rule("M-200", "mixed", "200", "60", 4, "1.5", "3.5", "0"),
        _rule("O-180", "office", "180", "60", 3, "3", "3", "0"),
        _rule("I-100", "industrial", "100", "60", 2, "5", "3", "2"),
        _rule("G-10", "green", "10", "5", 1, "5", "5", "5"),
    )
}


@dataclass(frozen=True)
class Zone:
    """A zoning tile: a convex polygon of (lon, lat) corners, counter-clockwise, and its class."""

    rule: ZoneRule
    ring: tuple[Point, ...]

    @property
    def code(self) -> str:
        return self.rule.code


@dataclass(frozen=True)
class Owner:
    national_id: str
    name: str
    share: str  # of the six dang (دانگ) of the property, e.g. "3/6"


@dataclass(frozen=True)
class Parcel:
    renovation_code: str
    region: int
    district: int
    block: str
    number: int
    postal_code: str
    registration_plate: str
    registry_section: str
    address: str
    street_name: str
    street_width_m: Decimal
    street_edge: int  # edge i runs from corner i to corner i + 1
    ring: tuple[Point, ...]  # (lon, lat), counter-clockwise, open (the first corner is not repeated)
    land_area_m2: Decimal
    owners: tuple[Owner, ...]


@dataclass(frozen=True)
class City:
    zones: tuple[Zone, ...]
    parcels: tuple[Parcel, ...]

    def parcel(self, renovation_code: str) -> Parcel | None:
        return next((p for p in self.parcels if p.renovation_code == renovation_code), None)

    def zone(self, code: str) -> Zone | None:
        return next((z for z in self.zones if z.code == code), None)


@dataclass(frozen=True)
class _Street:
    name: str
    width_m: int


@dataclass(frozen=True)
class _Block:
    block: str
    region: int
    district: int
    section: int  # registry section (بخش ثبتی)
    main_plate: int
    sub_plate_offset: int
    x0: float  # south-west corner, metres east of CENTRE
    y0: float  # metres north of CENTRE
    length: float
    south_depth: float
    north_depth: float
    south: _Street
    north: _Street
    north_via: str  # the main street the northern lane opens on, for the address
    tiles: tuple[str, ...]  # zone codes west to east, across both rows
    splits: tuple[float, ...]  # where one tile ends and the next begins, as a fraction of the block's length
    row_zones: tuple[str, str] | None = None  # (southern row, northern row) zoned apart instead of by tiles


_AVENUE = {
    "بوعلی": _Street("خیابان بوعلی", 20),
    "اکباتان": _Street("خیابان اکباتان", 18),
    "شریعتی": _Street("خیابان شریعتی", 16),
    "خواجه رشید": _Street("خیابان خواجه رشید", 14),
    "مهدیه": _Street("خیابان مهدیه", 24),
}

BLOCKS = (
    _Block("101", 1, 3, 1, 1012, 3, -505.0, -160.0, 320.0, 22.0, 22.0, _AVENUE["اکباتان"],
           _Street("کوچه شقایق", 8), "خیابان اکباتان", ("R-120", "R-150"), (0.55,)),
    _Block("123", 2, 14, 2, 1234, 11, -170.0, -160.0, 320.0, 25.0, 25.0, _AVENUE["بوعلی"],
           _Street("کوچه لاله", 10), "خیابان بوعلی", ("R-180", "C-240"), (0.84,)),
    _Block("124", 2, 14, 2, 1241, 5, 170.0, -160.0, 320.0, 24.0, 26.0, _AVENUE["بوعلی"],
           _Street("کوچه نسترن", 8), "خیابان بوعلی", ("M-200", "R-200"), (0.17,)),
    _Block("210", 3, 7, 3, 2107, 2, -505.0, 80.0, 320.0, 23.0, 24.0, _AVENUE["شریعتی"],
           _Street("کوچه یاس", 8), "خیابان شریعتی", ("O-180", "R-210", "G-10"), (0.2, 0.88)),
    _Block("305", 4, 2, 4, 3050, 7, -170.0, 80.0, 320.0, 22.0, 23.0, _AVENUE["خواجه رشید"],
           _Street("کوچه سرو", 8), "خیابان خواجه رشید", ("R-160", "I-100"), (0.7,)),
    _Block("412", 1, 9, 1, 4120, 1, 170.0, 80.0, 320.0, 25.0, 24.0, _AVENUE["مهدیه"],
           _Street("کوچه اقاقیا", 10), "خیابان مهدیه", (), (), ("C-300", "R-240")),
)  # fmt: skip

_FIRST_NAMES = (
    "علی", "محمد", "حسین", "رضا", "مهدی", "احمد", "جواد", "سعید", "حمید", "مجید", "امیر", "ناصر",
    "فاطمه", "زهرا", "مریم", "زینب", "سمیه", "لیلا", "نرگس", "معصومه", "الهام", "سارا", "مینا", "پروین",
)  # fmt: skip
_LAST_NAMES = (
    "احمدی", "محمدی", "کریمی", "رضایی", "حسینی", "موسوی", "جعفری", "قاسمی", "صادقی", "رحیمی", "نوری", "کاظمی",
    "اکبری", "یوسفی", "حیدری", "طاهری", "شریفی", "همدانی", "باقری", "عزیزی", "مرادی", "فراهانی", "نیک‌نام",
)  # fmt: skip
_SHARES = {1: (("6/6",),), 2: (("3/6", "3/6"), ("4/6", "2/6")), 3: (("2/6", "2/6", "2/6"), ("3/6", "2/6", "1/6"))}
_HAMEDAN_ID_PREFIXES = ("386", "387", "388", "389")
_POSTAL_DIGITS_A = "13456789"  # the common heuristic's digit sets (DOMAIN.md): positions 3-4
_POSTAL_DIGIT_E = "1346789"  # position 5
_POSTAL_DIGITS_TAIL = "013456789"  # positions 6-10

_PROJECTION = LocalProjection.about(CENTRE)
_STRAIGHT_NEAR_SPLIT_M = 30.0  # dividers this close to a tile boundary stay square to the street


def _national_id(rng: random.Random) -> str:
    body = rng.choice(_HAMEDAN_ID_PREFIXES) + f"{rng.randrange(1, 1_000_000):06d}"
    r = sum(int(body[i]) * (10 - i) for i in range(9)) % 11
    return body + str(r if r < 2 else 11 - r)


def _postal_code(rng: random.Random) -> str:
    return (
        "65"
        + "".join(rng.choice(_POSTAL_DIGITS_A) for _ in range(2))
        + rng.choice(_POSTAL_DIGIT_E)
        + "".join(rng.choice(_POSTAL_DIGITS_TAIL) for _ in range(5))
    )


def _widths(rng: random.Random, length: float) -> list[float]:
    """Frontages along a row, summing to `length`: mostly 7.5-14 m, some wider plots."""
    widths: list[float] = []
    while True:
        width = rng.uniform(7.5, 14.0) if rng.random() < 0.8 else rng.uniform(14.0, 20.5)
        if sum(widths) + width > length:
            break
        widths.append(width)
    scale = length / sum(widths)
    return [w * scale for w in widths]


def _dividers(x0: float, widths: list[float]) -> list[float]:
    xs = [x0]
    for width in widths:
        xs.append(xs[-1] + width)
    return xs


def _lonlat(point: Point) -> Point:
    lon, lat = _PROJECTION.to_lonlat(point)
    return (round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS))


def _land_area(ring: tuple[Point, ...]) -> Decimal:
    metres = LocalProjection.for_ring(ring).ring_to_metres(ring)
    return Decimal(repr(abs(signed_area(metres)))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _owners(rng: random.Random, used_ids: set[str]) -> tuple[Owner, ...]:
    count = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
    shares = rng.choice(_SHARES[count])
    owners = []
    for share in shares:
        national_id = _national_id(rng)
        while national_id in used_ids:
            national_id = _national_id(rng)
        used_ids.add(national_id)
        owners.append(Owner(national_id, f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}", share))
    return tuple(owners)


def _tiles(plan: _Block, split_xs: list[float]) -> list[Zone]:
    """The block's zoning tiles, reaching to the middle of the streets around it."""
    south = plan.y0 - plan.south.width_m / 2
    north = plan.y0 + plan.south_depth + plan.north_depth + plan.north.width_m / 2
    west, east = plan.x0 - 8.0, plan.x0 + plan.length + 8.0
    boxes: list[tuple[str, float, float, float, float]] = []
    if plan.row_zones is not None:
        middle = plan.y0 + plan.south_depth
        boxes = [(plan.row_zones[0], west, south, east, middle), (plan.row_zones[1], west, middle, east, north)]
    else:
        edges = [west, *split_xs, east]
        boxes = [(code, edges[i], south, edges[i + 1], north) for i, code in enumerate(plan.tiles)]
    zones = []
    for code, x_a, y_a, x_b, y_b in boxes:
        corners = ((x_a, y_a), (x_b, y_a), (x_b, y_b), (x_a, y_b))
        zones.append(Zone(RULES[code], tuple(_lonlat(c) for c in corners)))
    return zones


def _block_city(
    plan: _Block, rng: random.Random, used_ids: set[str], used_postal: set[str]
) -> tuple[list[Zone], list[Parcel]]:
    south_xs = _dividers(plan.x0, _widths(rng, plan.length))
    north_xs = _dividers(plan.x0, _widths(rng, plan.length))
    # a tile boundary crosses a southern parcel at a share that is far from a tie, so the deciding zone is clear
    split_xs = []
    for fraction in plan.splits:
        target = plan.x0 + fraction * plan.length
        i = max(k for k in range(len(south_xs) - 1) if south_xs[k] <= target)
        share = rng.uniform(0.25, 0.4) if rng.random() < 0.5 else rng.uniform(0.6, 0.75)
        split_xs.append(south_xs[i] + share * (south_xs[i + 1] - south_xs[i]))
    n_south = len(south_xs) - 1
    demo = plan.block == DEMO_PARCEL.split("-")[2]
    demo_north_index = int(DEMO_PARCEL.split("-")[3]) - n_south - 1  # counted from the eastern end

    def slant(xs: list[float], straight: set[int]) -> list[float]:
        backs = list(xs)
        for k in range(1, len(xs) - 1):
            near_split = any(abs(xs[k] - s) < _STRAIGHT_NEAR_SPLIT_M for s in split_xs)
            if k in straight or near_split or rng.random() >= 0.3:
                continue
            room = 0.2 * min(xs[k] - xs[k - 1], xs[k + 1] - xs[k])
            backs[k] = xs[k] + rng.uniform(-min(1.6, room), min(1.6, room))
        return backs

    south_back = slant(south_xs, set())
    n_north = len(north_xs) - 1
    demo_west = n_north - 1 - demo_north_index  # index from the west of the demo parcel's western divider
    north_back = slant(north_xs, {demo_west, demo_west + 1} if demo else set())

    y_front_s, y_back = plan.y0, plan.y0 + plan.south_depth
    y_front_n = y_back + plan.north_depth
    rows: list[tuple[tuple[Point, ...], _Street, str, int]] = []
    corners: tuple[Point, ...]
    for k in range(n_south):
        corners = ((south_xs[k], y_front_s), (south_xs[k + 1], y_front_s), (south_back[k + 1], y_back),
                   (south_back[k], y_back))  # fmt: skip
        rows.append((corners, plan.south, plan.south.name, 0))
    for j in range(n_north):
        k = n_north - 1 - j  # east to west
        corners = ((north_back[k], y_back), (north_back[k + 1], y_back), (north_xs[k + 1], y_front_n),
                   (north_xs[k], y_front_n))  # fmt: skip
        rows.append((corners, plan.north, plan.north_via, 2))  # the northern edge, corner 2 to 3, is on the lane

    parcels = []
    owners: tuple[Owner, ...]
    for index, (corners, street, via, edge) in enumerate(rows):
        number = index + 1
        code = f"{plan.region}-{plan.district}-{plan.block}-{number}-0-0"
        ring = tuple(_lonlat(c) for c in corners)
        house = to_persian_digits(2 * (index if index < n_south else index - n_south) + (2 if edge == 0 else 1))
        if via == street.name:
            address = f"همدان، {street.name}، پلاک {house}"
        else:
            address = f"همدان، {via}، {street.name}، پلاک {house}"
        if code == DEMO_PARCEL:
            postal, owners = DEMO_POSTAL_CODE, (Owner(DEMO_OWNER, DEMO_OWNER_NAME, "6/6"),)
        else:
            postal = _postal_code(rng)
            while postal in used_postal or postal == DEMO_POSTAL_CODE:
                postal = _postal_code(rng)
            owners = _owners(rng, used_ids)
        used_postal.add(postal)
        parcels.append(
            Parcel(
                renovation_code=code,
                region=plan.region,
                district=plan.district,
                block=plan.block,
                number=number,
                postal_code=postal,
                registration_plate=f"{plan.main_plate}/{number + plan.sub_plate_offset}",
                registry_section=f"بخش {to_persian_digits(plan.section)} همدان",
                address=address,
                street_name=street.name,
                street_width_m=Decimal(street.width_m),
                street_edge=edge,
                ring=ring,
                land_area_m2=_land_area(ring),
                owners=owners,
            )
        )
    return _tiles(plan, split_xs), parcels


@functools.lru_cache(maxsize=1)
def build_city() -> City:
    """The demo city's zoning layer and parcels (deterministic: the same on every call and every start)."""
    rng = random.Random(SEED)
    used_ids, used_postal = {DEMO_OWNER}, {DEMO_POSTAL_CODE}
    zones: list[Zone] = []
    parcels: list[Parcel] = []
    for plan in BLOCKS:
        block_zones, block_parcels = _block_city(plan, rng, used_ids, used_postal)
        zones.extend(block_zones)
        parcels.extend(block_parcels)
    return City(tuple(zones), tuple(parcels))

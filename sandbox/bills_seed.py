"""The demo city's bills, the same on every start (written once, beside the parcels; sandbox/seed.py).

Every parcel of the demo city (sandbox/city.py) is billed to its first owner, except every parcel whose number is a
multiple of 6, which owes nothing (e.g. `NO_DEBT_PARCEL`, 2-14-123-42-0-0: a clearance can be issued for it). The
others owe:
- the renovation fee (عوارض نوسازی) of 1 to 3 years back from 1404 (1 + number mod 3 years), land area × the year's
  rate, down to the thousand rials;
- the waste fee (عوارض پسماند) of 1404 when the parcel's number is odd (a fixed amount by land use);
- the business fee (عوارض صنفی) of 1404 when the parcel is zoned commercial or mixed.
`DEMO_PARCEL` 2-14-123-45-0-0 (owner `DEMO_OWNER` 0012345679, رضا کریمی) owes the 1404 renovation fee and the 1404
waste fee.

Bill ids: file number = (10000 + the parcel's place in the city) × 10 + the kind's digit (1 renovation, 2 waste,
3 business; 4 is a permit's assessment, sandbox/permit_bills.py), so each parcel has one bill id per kind and the
renovation fee of each year has its own payment id (civic/bills.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from civic.bills import make_bill_id, make_payment_id
from civic.text import to_persian_digits
from sandbox.city import DEMO_PARCEL, Parcel, build_city
from sandbox.parcels import ParcelNotZoned, ZoneRow, derive_rules

NO_DEBT_PARCEL = "2-14-123-42-0-0"
CURRENT_YEAR = 1404
RENOVATION_RATE_RIALS_PER_M2 = {1402: Decimal(18_000), 1403: Decimal(22_000), 1404: Decimal(26_000)}
WASTE_FEE_RIALS = {"residential": 1_800_000, "green": 600_000}
WASTE_FEE_OTHER_RIALS = 4_200_000
BUSINESS_FEE_BASE_RIALS = 7_500_000
BUSINESS_FEE_RIALS_PER_M2 = Decimal(12_000)
KIND_DIGITS = {"renovation": 1, "waste": 2, "business": 3, "permit": 4}
FILE_BASE = 10_000
THOUSAND = Decimal(1000)


@dataclass(frozen=True)
class SeedBill:
    bill_id: str
    payment_id: str
    kind: str
    title: str
    period: str
    renovation_code: str
    payer_name: str
    payer_national_id: str
    amount_rials: int


def _thousands(amount: Decimal) -> int:
    """Down to the next thousand rials (a payment id carries thousands)."""
    return int((amount / THOUSAND).to_integral_value(ROUND_DOWN) * THOUSAND)


def bill_title(kind: str, period: str) -> str:
    titles = {"renovation": "عوارض نوسازی", "waste": "عوارض پسماند", "business": "عوارض صنفی"}
    return f"{titles[kind]} سال {to_persian_digits(period)}"


def file_number(parcel_index: int, kind: str) -> int:
    return (FILE_BASE + parcel_index) * 10 + KIND_DIGITS[kind]


def _land_use(parcel: Parcel, zones: list[ZoneRow]) -> str:
    try:
        return str(derive_rules(parcel.ring, zones)["land_use"])
    except ParcelNotZoned:
        return "residential"


def parcel_bills(index: int, parcel: Parcel, land_use: str) -> list[SeedBill]:
    """The bills of the parcel at `index` (its place in the city, from 1)."""
    if parcel.number % 6 == 0 and parcel.renovation_code != DEMO_PARCEL:
        return []
    owner = parcel.owners[0]
    out: list[SeedBill] = []

    def add(kind: str, year: int, amount: int) -> None:
        bill_id = make_bill_id(file_number(index, kind))
        out.append(
            SeedBill(
                bill_id,
                make_payment_id(bill_id, amount, year=year),
                kind,
                bill_title(kind, str(year)),
                str(year),
                parcel.renovation_code,
                owner.name,
                owner.national_id,
                amount,
            )
        )

    years = 1 + parcel.number % 3
    for year in range(CURRENT_YEAR - years + 1, CURRENT_YEAR + 1):
        add("renovation", year, _thousands(parcel.land_area_m2 * RENOVATION_RATE_RIALS_PER_M2[year]))
    if parcel.number % 2 == 1:
        add("waste", CURRENT_YEAR, WASTE_FEE_RIALS.get(land_use, WASTE_FEE_OTHER_RIALS))
    if land_use in ("commercial", "mixed"):
        amount = BUSINESS_FEE_BASE_RIALS + _thousands(parcel.land_area_m2 * BUSINESS_FEE_RIALS_PER_M2)
        add("business", CURRENT_YEAR, amount)
    return out


def demo_bills() -> list[SeedBill]:
    """Every seeded bill of the demo city, in the city's order."""
    city = build_city()
    zones = [
        ZoneRow(
            z.code,
            z.rule.land_use,
            z.rule.density_percent,
            z.rule.coverage_percent,
            z.rule.max_floors,
            z.rule.front_setback_m,
            z.rule.back_setback_m,
            z.rule.side_setback_m,
            z.ring,
        )
        for z in city.zones
    ]
    bills: list[SeedBill] = []
    for index, parcel in enumerate(city.parcels, start=1):
        bills.extend(parcel_bills(index, parcel, _land_use(parcel, zones)))
    return bills


def seed_bills(conn: sqlite3.Connection) -> None:
    """Write the demo bills once (inside the caller's transaction); a database that has them keeps them as they are
    (paid or not)."""
    if conn.execute("SELECT 1 FROM bills WHERE kind != 'permit' LIMIT 1").fetchone() is not None:
        return
    conn.executemany(
        "INSERT OR IGNORE INTO bills (bill_id, payment_id, kind, title, period, renovation_code, payer_name,"
        " payer_national_id, amount_rials) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                b.bill_id,
                b.payment_id,
                b.kind,
                b.title,
                b.period,
                b.renovation_code,
                b.payer_name,
                b.payer_national_id,
                b.amount_rials,
            )
            for b in demo_bills()
        ],
    )

"""Who issues the municipality's replies and certificates, how they are numbered, and what the city knows of a parcel
that they state: its building, its violations (ماده ۱۰۰) and its plan status.

The demo city has no building register, so a parcel's building facts are derived deterministically from its number
(and from its permit requests: a request the municipality marked `completed` means a finished building, `issued` one
under construction). Every seventh parcel has a violation; the commission has ruled on some and not on others.
The contents built here are exactly the field sets of `printing.model.InquiryReply` and `Certificate`
(contract-docs): the sandbox cannot import `printing`, so each field is written out by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

import jdatetime

from civic.geo import polygon_ring
from civic.jalali import TEHRAN, to_jalali
from civic.money import format_rials
from civic.text import to_persian_digits
from sandbox.parcels import ParcelNotZoned, derive_rules, zoning_layer

MUNICIPALITY = "شهرداری همدان"
SIGNATORY_NAME = "مهندس سعید محمدی"
SIGNATORY_TITLE = "معاون شهرسازی و معماری شهرداری همدان"
VALIDITY_MONTHS = 3  # of a reply, a clearance and a no-violation certificate; a completion certificate never expires

COMPLETED = "completed"
UNDER_CONSTRUCTION = "under_construction"
NO_BUILDING = "none"
PENDING_COMMISSION = "در انتظار رسیدگی کمیسیون ماده ۱۰۰"
RULED_AND_PAID = "رأی کمیسیون صادر و جریمه پرداخت شده"
NUMBER_PREFIXES = {
    "inquiry-reply": "IR",
    "clearance": "CL",
    "completion": "CP",
    "no-violation": "NV",
}
WIDENING_TARGET_M = Decimal(12)  # lanes narrower than this are to be widened by the city's plan


@dataclass(frozen=True)
class ViolationFact:
    description: str
    commission_status: str

    @property
    def pending(self) -> bool:
        return self.commission_status == PENDING_COMMISSION


@dataclass(frozen=True)
class ParcelFacts:
    """What a reply or certificate states about a parcel."""

    renovation_code: str
    registration_plate: str
    registry_section: str
    address: str
    land_area_m2: Decimal
    land_use: str  # its Persian title
    block: str
    number: int
    owner_name: str
    owner_national_id: str
    plan_status: str
    building: str  # COMPLETED, UNDER_CONSTRUCTION or NO_BUILDING
    floors: int
    violations: tuple[ViolationFact, ...]

    @property
    def violation_pending(self) -> bool:
        return any(v.pending for v in self.violations)

    def parcel_content(self) -> dict[str, object]:
        """`printing.model.Parcel`, field for field."""
        return {
            "renovation_code": self.renovation_code,
            "registration_plate": self.registration_plate,
            "registry_section": self.registry_section,
            "address": self.address,
            "land_area_m2": self.land_area_m2,
            "land_use": self.land_use,
        }


def _fa(value: object) -> str:
    if isinstance(value, Decimal):
        value = format(value.normalize(), "f")
    return to_persian_digits(str(value))


def _violations(number: int, floors: int) -> tuple[ViolationFact, ...]:
    if number % 7 != 0:
        return ()
    area = 8 + number % 17
    description = f"اضافه بنا در طبقه {_fa(floors + 1)} به مساحت {_fa(area)} متر مربع"
    status = PENDING_COMMISSION if (number // 7) % 2 == 1 else RULED_AND_PAID
    return (ViolationFact(description, status),)


def _building(conn: sqlite3.Connection, code: str, number: int) -> str:
    statuses = {
        row[0]
        for row in conn.execute(
            "SELECT status FROM permit_requests WHERE renovation_code = ? AND status IN ('issued', 'completed')",
            (code,),
        )
    }
    if "completed" in statuses:
        return COMPLETED
    if "issued" in statuses:
        return UNDER_CONSTRUCTION
    return {0: COMPLETED, 1: UNDER_CONSTRUCTION}.get(number % 4, NO_BUILDING)


def _plan_status(street_name: str, width: Decimal) -> str:
    if width < WIDENING_TARGET_M:
        each_side = ((WIDENING_TARGET_M - width) / 2).quantize(Decimal("0.1"), ROUND_DOWN)
        return (
            f"مشمول {_fa(each_side)} متر تعریض از بر {street_name} "
            f"(عرض موجود {_fa(width)} متر، عرض طرح {_fa(WIDENING_TARGET_M)} متر)"
        )
    return f"فاقد طرح تعریض؛ ملک در بر اصلاحی {street_name} قرار دارد"


def parcel_facts(conn: sqlite3.Connection, row: sqlite3.Row) -> ParcelFacts:
    """The facts of the parcel in `row` (a row of the `parcels` table)."""
    owners = json.loads(row["owners"])
    try:
        rules = derive_rules(polygon_ring(json.loads(row["geometry"])), zoning_layer(conn))
        land_use, max_floors = str(rules["land_use_title"]), int(rules["max_floors"])
    except ParcelNotZoned:
        land_use, max_floors = "", 2
    number = int(row["number"])
    floors = max(1, min(max_floors, 2 + number % 3))
    return ParcelFacts(
        renovation_code=row["renovation_code"],
        registration_plate=row["registration_plate"],
        registry_section=row["registry_section"],
        address=row["address"],
        land_area_m2=Decimal(row["land_area_m2"]),
        land_use=land_use,
        block=row["block"],
        number=number,
        owner_name="، ".join(str(o["name"]) for o in owners),
        owner_national_id="، ".join(str(o["national_id"]) for o in owners),
        plan_status=_plan_status(row["street_name"], Decimal(row["street_width_m"])),
        building=_building(conn, row["renovation_code"], number),
        floors=floors,
        violations=_violations(number, floors),
    )


def issued_instant(now: float) -> dt.datetime:
    """The issue time a document states: whole seconds, UTC."""
    return dt.datetime.fromtimestamp(int(now), dt.UTC)


def jalali_year(now: float) -> int:
    return to_jalali(dt.datetime.fromtimestamp(now, dt.UTC))[0]


def valid_until(now: float, months: int = VALIDITY_MONTHS) -> dt.date:
    """The Tehran date `months` Jalali months after the day of `now` (the day clamped to the month's length)."""
    today = jdatetime.date.fromgregorian(date=dt.datetime.fromtimestamp(now, TEHRAN).date())
    month_index = today.month - 1 + months
    year, month = today.year + month_index // 12, month_index % 12 + 1
    day = today.day
    while True:
        try:
            return jdatetime.date(year, month, day).togregorian()
        except ValueError:
            day -= 1


def next_document_number(conn: sqlite3.Connection, kind: str, now: float) -> str:
    """The next number of a kind in the Jalali year of `now`: `IR-1405-000001`, `CL-1405-000002`, ..."""
    prefix = f"{NUMBER_PREFIXES[kind]}-{jalali_year(now)}-"
    row = conn.execute(
        "SELECT MAX(CAST(SUBSTR(number, ?) AS INTEGER)) FROM documents WHERE number LIKE ?",
        (len(prefix) + 1, prefix + "%"),
    ).fetchone()
    largest = int(row[0]) if row is not None and row[0] is not None else 0
    return f"{prefix}{largest + 1:06d}"


def rials_text(amount: int) -> str:
    return format_rials(amount)


def office_name(conn: sqlite3.Connection, office_code: str) -> str:
    row = conn.execute("SELECT name FROM offices WHERE code = ?", (office_code,)).fetchone()
    return str(row["name"]) if row is not None else office_code

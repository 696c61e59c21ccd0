"""Many plausible permit requests written straight into the sandbox database: for tests, benchmarks and training.

Each request is on a real parcel of the demo city (as stored: sandbox/parcels.py), filed by one of its owners
(now and then by someone with a power of attorney), with a building the fee engine computes; it was made some time
in the past year and has gone some way along the lifecycle, with its whole history. Requests past `assessed` carry
the assessment the engine gives under the book in force on the day they were assessed; rejected ones their reasons.
Tracking numbers continue the submit endpoint's numbering (sandbox/permit_store.py), in the order of submission.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
import uuid
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fees import Case, TariffBook, bundled_books, parse_case, permit_case, select_book
from fees.errors import CaseError, EvaluationError
from fees.fields import parse_date
from sandbox.db import transaction
from sandbox.permit_lifecycle import jalali_day
from sandbox.permit_store import LIFECYCLE, REJECTABLE, REJECTED, fields_digest, next_tracking_number, tracking_number

YEAR_S = 365 * 86_400
DAY_S = 86_400
BUILDING_DESIGNS = 24
DESIGNS_PER_PARCEL = 3
TEHRAN_OFFSET_S = 12_600  # UTC+3:30 all year (Iran keeps no summer time since 2022): days begin together
# How far along the lifecycle requests are (weights): most are on their way, some done, some rejected.
STATUS_WEIGHTS = {
    "draft": 6,
    "submitted": 16,
    "under_review": 14,
    "assessed": 14,
    "paid": 10,
    "issued": 10,
    "completed": 18,
    REJECTED: 12,
}
REASONS = (
    "نقشه‌های معماری با ضوابط طرح تفصیلی مطابقت ندارد.",
    "سند مالکیت پیوست نشده یا خوانا نیست.",
    "تعداد طبقات درخواستی بیش از حد مجاز پهنه است.",
    "کسری پارکینگ بدون تأیید کمیسیون ماده پنج.",
    "وکالت‌نامه ارائه‌شده اعتبار ندارد.",
)
NOTES = (None, None, "بازدید میدانی انجام شد.", "مدارک کامل است.", None)


@dataclass(frozen=True)
class _Parcel:
    renovation_code: str
    land_area_m2: Decimal
    owners: tuple[tuple[str, str], ...]  # (national id, name)


def _parcels(conn: sqlite3.Connection) -> list[_Parcel]:
    parcels = [
        _Parcel(
            row["renovation_code"],
            Decimal(row["land_area_m2"]),
            tuple((str(o["national_id"]), str(o["name"])) for o in json.loads(row["owners"])),
        )
        for row in conn.execute("SELECT renovation_code, land_area_m2, owners FROM parcels ORDER BY renovation_code")
    ]
    if not parcels:
        raise ValueError("this database has no demo city: no parcel to file a request on")
    return parcels


def _building(rng: random.Random) -> dict[str, Any]:
    """A building: one to four storeys above ground, sometimes a shop on the ground floor or a basement."""
    storeys = rng.choices((1, 2, 3, 4), weights=(2, 4, 3, 1))[0]
    footprint = rng.randrange(80, 181)
    floors: list[dict[str, Any]] = []
    if rng.random() < 0.2:
        floors.append({"level": -1, "use": "storage", "area_m2": footprint, "units": 0, "height_m": 3, "frontage_m": 0})
    for level in range(storeys):
        if level == 0 and rng.random() < 0.25:
            frontage = rng.randrange(6, 13)
            shop = {"level": 0, "use": "commercial", "area_m2": footprint, "units": 1, "height_m": 4}
            floors.append({**shop, "frontage_m": frontage})
        else:
            units = rng.choice((1, 1, 2))
            floors.append({"level": level, "use": "residential", "area_m2": footprint, "units": units})
    units = sum(f["units"] for f in floors if f["use"] == "residential")
    return {
        "parking_provided": max(units - rng.choice((0, 0, 1)), 0),
        "parking_required": units,
        "balcony_area_m2": rng.choice((0, 6, 8, 12)),
        "floors": floors,
    }


def _national_id(rng: random.Random) -> str:
    body = f"{rng.randrange(1, 10)}{rng.randrange(0, 100_000_000):08d}"
    check = sum(int(body[i]) * (10 - i) for i in range(9)) % 11
    return body + str(check if check < 2 else 11 - check)


def _path(rng: random.Random, status: str) -> list[str]:
    """The statuses a request of this final status went through, in order."""
    if status != REJECTED:
        return list(LIFECYCLE[: LIFECYCLE.index(status) + 1])
    rejected_at = rng.choice(REJECTABLE)
    return [*LIFECYCLE[: LIFECYCLE.index(rejected_at) + 1], REJECTED]


class _Assessor:
    """Assessments of the generated requests: each case parsed once per (building, parcel), and evaluated once per
    (building, parcel, book in force), since the rest of the date does not enter the figures."""

    def __init__(self) -> None:
        self.books = bundled_books()
        self.days: dict[int, tuple[str, TariffBook | None]] = {}
        self.cases: dict[tuple[int, str], Case | None] = {}
        self.documents: dict[tuple[int, str, str], tuple[int, str] | None] = {}
        self.texts: dict[int, str] = {}

    def building_json(self, building: dict[str, Any]) -> str:
        if id(building) not in self.texts:
            self.texts[id(building)] = json.dumps(building, ensure_ascii=False)
        return self.texts[id(building)]

    def _day(self, at: float) -> tuple[str, TariffBook | None]:
        key = int((at + TEHRAN_OFFSET_S) // DAY_S)
        if key not in self.days:
            day = jalali_day(at)
            try:
                self.days[key] = (day, select_book(self.books, parse_date(day)))
            except CaseError:  # no book in force that day
                self.days[key] = (day, None)
        return self.days[key]

    def __call__(self, building: dict[str, Any], parcel: _Parcel, at: float) -> tuple[int, str] | None:
        day, book = self._day(at)
        case_key = (id(building), parcel.renovation_code)
        if case_key not in self.cases:
            try:
                self.cases[case_key] = parse_case(
                    permit_case(building, parcel.renovation_code, parcel.land_area_m2, day)
                )
            except CaseError:
                self.cases[case_key] = None
        parsed = self.cases[case_key]
        if book is None or parsed is None:
            return None
        key = (*case_key, book.label)
        if key not in self.documents:
            try:
                document = book.evaluate(parsed).to_json_dict()
                self.documents[key] = (document["total_rials"], json.dumps(document, ensure_ascii=False))
            except (CaseError, EvaluationError):
                self.documents[key] = None
        return self.documents[key]


@dataclass
class _Rows:
    requests: list[list[Any]] = field(default_factory=list)
    history: list[tuple[str, str, float, str | None]] = field(default_factory=list)
    assessments: list[tuple[str, int, str, float]] = field(default_factory=list)
    rejections: list[tuple[str, str, float]] = field(default_factory=list)
    submitted: list[tuple[float, str]] = field(default_factory=list)  # (submitted at, id): for tracking numbers


def _one_request(
    rng: random.Random,
    rows: _Rows,
    assess: _Assessor,
    parcel: _Parcel,
    building: dict[str, Any],
    final: tuple[str, float, float],  # the status it has come to, when it was made, now
) -> None:
    status, at, now = final
    rid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    owner_id, owner_name = rng.choice(parcel.owners)
    attorney = rng.random() < 0.1
    fields: dict[str, Any] = {
        "applicant_name": owner_name,
        "building": building,
        "national_id": _national_id(rng) if attorney else owner_id,
        "mobile": f"09{rng.choice((12, 13, 18, 19, 35, 36))}{rng.randrange(0, 10_000_000):07d}",
        "renovation_code": parcel.renovation_code,
        "power_of_attorney": f"{rng.randrange(10_000, 99_999)}/{rng.randrange(1, 60)}" if attorney else None,
    }
    path = _path(rng, status)
    times = [at]
    for _step in path[1:]:
        times.append(min(times[-1] + rng.uniform(0.02, 9) * DAY_S, now))
    for step, moment in zip(path, times, strict=True):
        if step == "assessed":
            assessed = assess(building, parcel, moment)
            if assessed is None:  # the engine refuses it: the request ends rejected, as a review would leave it
                status = REJECTED
                rows.rejections.append((rid, json.dumps([REASONS[0]], ensure_ascii=False), moment))
                rows.history.append((rid, REJECTED, moment, None))
                break
            rows.assessments.append((rid, assessed[0], assessed[1], moment))
        if step == REJECTED:
            reasons = rng.sample(REASONS, rng.choice((1, 1, 2)))
            rows.rejections.append((rid, json.dumps(reasons, ensure_ascii=False), moment))
        rows.history.append((rid, step, moment, rng.choice(NOTES) if step not in ("draft", "submitted") else None))
    submitted_at = times[1] if len(path) > 1 else None
    if submitted_at is not None:
        rows.submitted.append((submitted_at, rid))
    rows.requests.append(
        [
            rid,
            *(fields[k] for k in ("national_id", "applicant_name", "mobile", "renovation_code", "power_of_attorney")),
            assess.building_json(building),
            fields_digest(fields),
            status,
            None,  # the tracking number, given when written
            at,
            submitted_at,
        ]
    )


def insert_requests(
    conn: sqlite3.Connection, office_code: str, username: str, count: int, *, seed: int = 0, now: float | None = None
) -> list[str]:
    """Write `count` requests of one office (made by `username`) in one transaction (the caller's, if one is open);
    returns their ids. The same seed and `now` write the same requests (ids included)."""
    rng = random.Random(seed)
    now = time.time() if now is None else now
    parcels = _parcels(conn)
    buildings = [_building(rng) for _ in range(BUILDING_DESIGNS)]
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    rows, assess = _Rows(), _Assessor()
    for _ in range(count):
        final = (rng.choices(statuses, weights)[0], now - rng.uniform(0, YEAR_S), now)
        index = rng.randrange(len(parcels))
        # a parcel sees a few designs again and again (as a street does), not every design there is
        building = buildings[(index * 7 + rng.randrange(DESIGNS_PER_PARCEL)) % len(buildings)]
        _one_request(rng, rows, assess, parcels[index], building, final)
    with transaction(conn) if not conn.in_transaction else nullcontext(conn):
        first = next_tracking_number(conn)
        numbers = {rid: tracking_number(first + i) for i, (_, rid) in enumerate(sorted(rows.submitted))}
        conn.executemany(
            "INSERT INTO permit_requests (id, office_code, username, national_id, applicant_name, mobile,"
            " renovation_code, power_of_attorney, building, fields_sha256, status, tracking_number, created_at,"
            " submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r[0], office_code, username, *r[1:9], numbers.get(r[0]), *r[10:]) for r in rows.requests],
        )
        conn.executemany(
            "INSERT INTO permit_request_history (request_id, status, at, note) VALUES (?, ?, ?, ?)", rows.history
        )
        conn.executemany(
            "INSERT INTO permit_assessments (request_id, total_rials, document, computed_at) VALUES (?, ?, ?, ?)",
            rows.assessments,
        )
        conn.executemany("INSERT INTO permit_rejections (request_id, reasons, at) VALUES (?, ?, ?)", rows.rejections)
    return [r[0] for r in rows.requests]

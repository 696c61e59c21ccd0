"""Fee engine throughput against a hand-written function computing the same demo-book items (not a test).

    python bench/fees_bench.py [--cases 100000] [--seed 1405]

Generates valid cases on the bundled 1405 demo book, checks that the engine and the hand-written function agree to
the rial on every case, then times both on one core and prints cases/s and the ratio (goal: ≥ 10,000 cases/s and
within 3× of the hand-written function).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fees import bundled_books, parse_case, select_book
from fees.nodes import CTX

D = Decimal
USES = ("residential", "residential", "residential", "commercial", "office", "industrial", "storage")


def generate(rng: random.Random, blocks: list[str]) -> dict:
    if rng.random() < 0.1:
        return {
            "renovation_code": f"{rng.randint(1, 4)}-{rng.randint(1, 5)}-{rng.choice(blocks)}-{rng.randint(1, 99)}-0-0",
            "date": "1405/03/10",
            "purpose": "transfer",
            "land_area_m2": f"{rng.randint(50, 900)}.{rng.randint(0, 9)}",
            "renovation_years": rng.randint(0, 5),
        }
    floors = []
    for level in range(rng.randint(-1, 0), rng.randint(1, 5)):
        use = rng.choice(USES)
        floor = {"level": level, "use": use, "area_m2": f"{rng.randint(20, 400)}.{rng.randint(0, 99):02d}"}
        floor["units"] = rng.randint(1, 3) if use == "residential" else rng.randint(0, 6)
        floor["height_m"] = f"{rng.randint(25, 60) / 10}"
        floor["frontage_m"] = rng.randint(0, 20)
        floors.append(floor)
    if rng.random() < 0.1:
        floors.append({"level": "mezzanine", "use": rng.choice(("commercial", "office")), "area_m2": 30, "units": 1,
                       "height_m": 2.5, "frontage_m": 6})  # fmt: skip
    return {
        "renovation_code": f"{rng.randint(1, 4)}-{rng.randint(1, 5)}-{rng.choice(blocks)}-{rng.randint(1, 99)}-0-0",
        "date": "1405/03/10",
        "land_area_m2": rng.randint(80, 1000),
        "parking_provided": rng.randint(0, 4),
        "parking_required": rng.randint(0, 6),
        "parking_exemption": rng.choice(("none", "none", "none", "restricted", "forbidden")),
        "balcony_area_m2": rng.choice((0, 0, 6, 12.5, 20)),
        "extra_floor_area_m2": rng.choice((0, 0, 0, 25, 80.5)),
        "renovation_years": rng.randint(0, 3),
        "floors": floors,
    }


# ---- the hand-written function: the 1405 demo book's items, written out directly ---------------------------------

K_SINGLE = ((D(60), D("0.05")), (D(100), D("0.10")), (D(150), D("0.18")), (D(200), D("0.30")), (D(300), D("0.45")),
            (D(400), D("0.65")), (D(500), D("0.90")))  # fmt: skip
X_SEVERAL = ((D(200), D("0.15")), (D(400), D("0.20")), (D(600), D("0.25")))
M_PAZIREH = {
    "ground": (D("1.00"), D("0.60"), D("1.00")), "basement": (D("0.60"), D("0.50"), D("0.50")),
    "first": (D("0.50"), D("0.40"), D("0.35")), "second": (D("0.45"), D("0.30"), D("0.35")),
    "third_up": (D("0.35"), D("0.20"), D("0.35")), "storage": (D("0.20"), D("0.20"), D("0.35")),
    "mezzanine": (D("0.10"), D("0.10"), D("0.35")),
}  # fmt: skip
COLUMN = {"commercial": 0, "office": 1, "industrial": 2}
PARKING = {"residential_single": (D(50), D(910000)), "residential_several": (D(70), D(910000)),
           "office_industrial": (D(80), D(1040000)), "commercial": (D(100), D(1300000))}  # fmt: skip
X_EXTRA = {"1": D(45), "2": D(35), "3": D(35), "4": D(25)}
P_1405 = {"77": D(15600), "101": D(97500), "123": D(117000), "124": D(143000), "210": D(195000), "305": D(78000),
          "412": D(169000)}  # fmt: skip
THOUSAND, TEN_THOUSAND = D(1000), D(10000)


def bracket(table: tuple, x: Decimal, above: Decimal) -> Decimal:
    for upto, value in table:
        if x <= upto:
            return value
    return above


def down(amount: Decimal, unit: Decimal) -> int:
    return int((amount / unit).to_integral_value(rounding=ROUND_DOWN)) * int(unit)


def hand_assess(case) -> list[tuple[str, int]]:
    p = P_1405[case.block]
    lines = []
    if case.purpose == "permit":
        res_area = sum((f.area_m2 for f in case.floors if f.use == "residential"), D(0))
        res_units = sum(f.units for f in case.floors if f.use == "residential")
        if res_units == 1:
            s = max(res_area - 20 * case.parking_provided, D(0))
            lines.append(("101", down(s * p * bracket(K_SINGLE, s, D("1.20")), THOUSAND)))
        elif res_units > 1:
            lines.append(("102", down(res_area * p * bracket(X_SEVERAL, res_area / res_units, D("0.30")), THOUSAND)))
        for f in case.floors:
            if f.use == "residential":
                continue
            if f.use == "storage":
                row = "storage"
            elif f.level == "mezzanine":
                row = "mezzanine"
            else:
                row = ("basement", "ground", "first", "second")[f.level + 1] if f.level < 3 else "third_up"
            m = M_PAZIREH[row][COLUMN[f.serves]]
            factor = 1 + max(f.frontage_m - 3, D(0)) / 10 + max(f.height_m - 4, D(0)) / 10 + D(f.units) / 10
            lines.append(("201", down(5 * p * m * factor * f.area_m2, THOUSAND)))
        shortfall = case.parking_required - case.parking_provided
        if shortfall > 0:
            uses = {f.use for f in case.floors if f.area_m2 > 0}
            if "commercial" in uses:
                kind = "commercial"
            elif "office" in uses or "industrial" in uses:
                kind = "office_industrial"
            else:
                kind = "residential_several" if res_units > 1 else "residential_single"
            m, minimum = PARKING[kind]
            s = shortfall * 25
            amount = max(m * p * s, minimum * s)
            if case.parking_exemption == "forbidden":
                amount *= D("0.05")
            elif case.parking_exemption == "restricted":
                amount *= D("0.50")
            lines.append(("301", down(amount, THOUSAND)))
        if case.balcony_area_m2 > 0:
            lines.append(("401", down(3 * p * case.balcony_area_m2, THOUSAND)))
        if case.extra_floor_area_m2 > 0:
            s = case.extra_floor_area_m2
            lines.append(("501", down(min(X_EXTRA.get(case.district, D(25)) * p * s, 3900000 * s), THOUSAND)))
    if case.renovation_years > 0:
        lines.append(("601", down(case.renovation_years * D("0.015") * p * case.land_area_m2, TEN_THOUSAND)))
    if case.purpose == "transfer":
        lines.append(("701", down(D("0.02") * p * case.land_area_m2, THOUSAND)))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1405)
    args = parser.parse_args()
    book = select_book(bundled_books(), (1405, 3, 10))
    rng = random.Random(args.seed)
    raw = [generate(rng, sorted(book.regional_values)) for _ in range(args.cases)]
    start = time.perf_counter()
    cases = [parse_case(r) for r in raw]
    parse_s = time.perf_counter() - start

    mismatches = sum(
        1
        for case in cases
        if [(line.code, line.amount_rials) for line in book.evaluate(case).lines] != hand_assess(case)
    )

    start = time.perf_counter()
    engine_total = sum(book.evaluate(case).total_rials for case in cases)
    engine_s = time.perf_counter() - start
    start = time.perf_counter()
    hand_total = sum(amount for case in cases for _, amount in hand_assess(case))
    hand_s = time.perf_counter() - start

    n = len(cases)
    print(f"cases: {n} (book {book.label}, sha256 {book.sha256[:16]}…), Decimal context prec={CTX.prec}")
    print(f"case parsing+validation: {n / parse_s:12,.0f} cases/s")
    print(f"engine (compiled book):  {n / engine_s:12,.0f} cases/s  ({engine_s * 1e6 / n:.1f} µs/case)")
    print(f"hand-written function:   {n / hand_s:12,.0f} cases/s  ({hand_s * 1e6 / n:.1f} µs/case)")
    print(f"ratio engine/hand time:  {engine_s / hand_s:.2f}×   (goal ≤ 3×; engine goal ≥ 10,000 cases/s)")
    print(f"totals agree: {engine_total == hand_total} ({engine_total:,} rials); line mismatches: {mismatches}")
    return 0 if mismatches == 0 and engine_total == hand_total else 1


if __name__ == "__main__":
    sys.exit(main())

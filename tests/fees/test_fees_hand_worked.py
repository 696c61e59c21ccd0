"""Cases worked by hand from the printed formulas of the bundled demo books, equal to the rial.

Pinned to the books' versions and SHA-256: if a book's bytes change, every figure here must be worked again.
Values used (from the books):
  P 1404: 77→12,000 · 101→75,000 · 123→90,000 · 124→110,000 · 210→150,000 · 305→60,000 · 412→130,000
  P 1405: 77→15,600 · 101→97,500 · 123→117,000 · 124→143,000 · 210→195,000 · 305→78,000 · 412→169,000
  K (single, whole area): ≤60 .05 ≤100 .10 ≤150 .18 ≤200 .30 ≤300 .45 ≤400 .65 ≤500 .90 else 1.20
  X (several, by average unit area): ≤200 .15 ≤400 .20 ≤600 .25 else .30
  «پذیره» T = 5 × P × M × F × S, F = 1 + max(L−3,0)/10 + max(H−4,0)/10 + N/10
  parking T = M × P × S, S = shortfall × 25; M 50/70/80/100; minimum per m² 700k/700k/800k/1M (1404),
  910k/910k/1.04M/1.3M (1405); discounts 95% forbidden, 50% restricted, after the minimum
  balcony 3 × P × S · extra floor x × P × S capped at 3,000,000 (1404) / 3,900,000 (1405) per m², x by district
  1→45 2→35 3→35 4→25 other→25 · renovation years × 0.015 × P × land (down_10000) · transfer 0.02 × P × land
  Every other item rounds down_1000.
"""

import json
from decimal import Decimal

import pytest
from fees_helpers import ROOT, assess_dict, make_case, residential, shop

SHA_1404 = "e54df66b4ffdd620599a5b72c0eee6a8302aafb4879adc621ec753e9c82c481c"
SHA_1405 = "c8c4b00926d17f35d981f10f293f2b473fbbbd6fba1a6e043744d794a1776edd"
PINS = {"1404.1": SHA_1404, "1405.1": SHA_1405}
D04, D05 = "1404/06/01", "1405/06/01"

CASES = [
    # --- 101 residential, single unit ---------------------------------------------------------------------------
    # S = 150, K .18: 150 × 90,000 = 13,500,000 × .18 = 2,430,000
    ("single-150", make_case(D04, 123, [residential(150)]), {("101", "case"): 2_430_000}),
    # S = 60 is still the first bracket: 60 × 90,000 = 5,400,000 × .05 = 270,000
    ("single-60-bracket-edge", make_case(D04, 123, [residential(60)]), {("101", "case"): 270_000}),
    # S = 60.5 → K .10: 60.5 × 90,000 = 5,445,000 × .10 = 544,500 → down_1000 → 544,000
    ("single-60.5", make_case(D04, 123, [residential("60.5")]), {("101", "case"): 544_000}),
    # 2 parking spaces: S = 170 − 40 = 130 → .18: 130 × 90,000 = 11,700,000 × .18 = 2,106,000
    ("single-deduction", make_case(D04, 123, [residential(170)], pp=2, pr=2), {("101", "case"): 2_106_000}),
    # deduction moves the bracket: S = 165 − 20 = 145 → .18: 145 × 90,000 = 13,050,000 × .18 = 2,349,000
    ("single-deduction-bracket", make_case(D04, 123, [residential(165)], pp=1, pr=1), {("101", "case"): 2_349_000}),
    # S = 520 → 1.20: 520 × 90,000 = 46,800,000 × 1.2 = 56,160,000
    ("single-520", make_case(D04, 123, [residential(520)]), {("101", "case"): 56_160_000}),
    # S = max(30 − 40, 0) = 0 → 0 (the item applies, its amount is zero)
    ("single-deducted-to-zero", make_case(D04, 123, [residential(30)], pp=2, pr=2), {("101", "case"): 0}),
    # block 77: 100 × 12,000 = 1,200,000 × .10 = 120,000
    ("single-block-77", make_case(D04, 77, [residential(100)]), {("101", "case"): 120_000}),
    # 1405: 150 × 117,000 = 17,550,000 × .18 = 3,159,000
    ("single-1405", make_case(D05, 123, [residential(150)]), {("101", "case"): 3_159_000}),
    # 123.45 × 110,000 = 13,579,500 × .18 = 2,444,310 → 2,444,000
    ("single-rounding", make_case(D04, 124, [residential("123.45")]), {("101", "case"): 2_444_000}),
    # --- 102 residential, several units -------------------------------------------------------------------------
    # S = 220, A = 110 → .15: 220 × 90,000 = 19,800,000 × .15 = 2,970,000
    ("several-220", make_case(D04, 123, [residential(100), residential(120, level=1)]), {("102", "case"): 2_970_000}),
    # A = 450 → .25: 900 × 195,000 = 175,500,000 × .25 = 43,875,000
    ("several-1405", make_case(D05, 210, [residential(900, units=2)]), {("102", "case"): 43_875_000}),
    # A = 200 → .15: 400 × 60,000 = 24,000,000 × .15 = 3,600,000
    ("several-avg-200", make_case(D04, 305, [residential(400, units=2)]), {("102", "case"): 3_600_000}),
    # A = 200.5 → .20: 401 × 60,000 = 24,060,000 × .20 = 4,812,000
    ("several-avg-200.5", make_case(D04, 305, [residential(401, units=2)]), {("102", "case"): 4_812_000}),
    # A = 650 → .30: 1300 × 75,000 = 97,500,000 × .30 = 29,250,000
    ("several-avg-650", make_case(D04, 101, [residential(1300, units=2)]), {("102", "case"): 29_250_000}),
    # S = 120.25 + 130.5 = 250.75, A ≈ 83.6 → .15: 250.75 × 110,000 = 27,582,500 × .15 = 4,137,375 → 4,137,000
    (
        "several-fractional",
        make_case(D04, 124, [residential("120.25", units=1), residential("130.5", units=2, level=1)]),
        {("102", "case"): 4_137_000},
    ),
    # --- 201 «پذیره» per floor ------------------------------------------------------------------------------------
    # ground commercial, M 1, F = 1 + 0 + 0 + .1 = 1.1: 5 × 90,000 = 450,000 × 1.1 = 495,000 × 50 = 24,750,000
    ("pazireh-ground", make_case(D04, 123, [shop("commercial", 0, 50, 1, 4, 3)]), {("201", "floors[0]"): 24_750_000}),
    # F = 1 + (8−3)/10 + (5−4)/10 + 2/10 = 1.8: 450,000 × 1 × 1.8 = 810,000 × 80 = 64,800,000
    ("pazireh-frontage", make_case(D04, 123, [shop("commercial", 0, 80, 2, 5, 8)]), {("201", "floors[0]"): 64_800_000}),
    # office 1st M .40, L 2 < 3 and H 3.5 < 4 count 0, F = 1.3:
    # 5 × 143,000 = 715,000 × .4 = 286,000 × 1.3 = 371,800 × 120 = 44,616,000
    (
        "pazireh-office-1405",
        make_case(D05, 124, [shop("office", 1, 120, 3, "3.5", 2)]),
        {("201", "floors[0]"): 44_616_000},
    ),
    # industrial basement M .50, F = 1 + .7 + .2 + 0 = 1.9: 5 × 130,000 = 650,000 × .5 = 325,000 × 1.9 = 617,500 × 200
    # = 123,500,000
    (
        "pazireh-industrial-basement",
        make_case(D04, 412, [shop("industrial", -1, 200, 0, 6, 10)]),
        {("201", "floors[0]"): 123_500_000},
    ),
    # storage serving office, M .20, F = 1: 5 × 75,000 = 375,000 × .2 = 75,000 × 45.5 = 3,412,500 → 3,412,000
    (
        "pazireh-storage-office",
        make_case(D04, 101, [shop("storage", -1, "45.5", 0, 3, 0, serves="office")]),
        {("201", "floors[0]"): 3_412_000},
    ),
    # mezzanine commercial M .10, F = 1 + .9 + 0 + .4 = 2.3: 5 × 195,000 = 975,000 × .1 = 97,500 × 2.3 = 224,250 × 60
    # = 13,455,000
    (
        "pazireh-mezzanine",
        make_case(D05, 210, [shop("commercial", "mezzanine", 60, 4, 2.5, 12)]),
        {("201", "floors[0]"): 13_455_000},
    ),
    # level 5 → third_up, M .35, F 1.1: 5 × 150,000 = 750,000 × .35 = 262,500 × 1.1 = 288,750 × 100 = 28,875,000
    ("pazireh-level-5", make_case(D04, 210, [shop("commercial", 5, 100, 1, 4, 3)]), {("201", "floors[0]"): 28_875_000}),
    # office 2nd M .30, F = 1 + .2 + .05 + .1 = 1.35: 450,000 × .3 = 135,000 × 1.35 = 182,250 × 77.7 = 14,160,825
    # → 14,160,000
    (
        "pazireh-office-2nd",
        make_case(D04, 123, [shop("office", 2, "77.7", 1, "4.5", 5)]),
        {("201", "floors[0]"): 14_160_000},
    ),
    # --- 301 parking shortfall ------------------------------------------------------------------------------------
    # 101: 2,430,000; 301: S 25, M 50: 50 × 90,000 = 4,500,000 × 25 = 112,500,000 (minimum 700,000 × 25 = 17,500,000)
    (
        "parking-single",
        make_case(D04, 123, [residential(150)], pr=1),
        {("101", "case"): 2_430_000, ("301", "case"): 112_500_000},
    ),
    # 101: 100 × 12,000 × .10 = 120,000; 301: 50 × 12,000 = 600,000 < 700,000 per m² → minimum 700,000 × 25
    # = 17,500,000
    (
        "parking-minimum",
        make_case(D04, 77, [residential(100)], pr=1),
        {("101", "case"): 120_000, ("301", "case"): 17_500_000},
    ),
    # as above, forbidden: 17,500,000 × (1 − .95) = 875,000
    (
        "parking-forbidden",
        make_case(D04, 77, [residential(100)], pr=1, exemption="forbidden"),
        {("101", "case"): 120_000, ("301", "case"): 875_000},
    ),
    # 201: 24,750,000 (as pazireh-ground); 301: commercial M 100, S 50: 100 × 90,000 × 50 = 450,000,000 × .5
    # = 225,000,000
    (
        "parking-commercial-restricted",
        make_case(D04, 123, [shop("commercial", 0, 50, 1, 4, 3)], pr=2, exemption="restricted"),
        {("201", "floors[0]"): 24_750_000, ("301", "case"): 225_000_000},
    ),
    # 201: office 1st M .4, F 1.1: 5 × 15,600 = 78,000 × .4 = 31,200 × 1.1 = 34,320 × 100 = 3,432,000;
    # 301: shortfall 2, S 50, M 80: 80 × 15,600 = 1,248,000 per m² (≥ 1,040,000) × 50 = 62,400,000
    (
        "parking-office-1405",
        make_case(D05, 77, [shop("office", 1, 100, 1, 4, 3)], pp=1, pr=3),
        {("201", "floors[0]"): 3_432_000, ("301", "case"): 62_400_000},
    ),
    # 102: 180 × 15,600 = 2,808,000 × .15 = 421,200 → 421,000; 301: M 70: 70 × 15,600 = 1,092,000 × 50 = 54,600,000
    (
        "parking-several-1405",
        make_case(D05, 77, [residential(90), residential(90, level=1)], pr=2),
        {("102", "case"): 421_000, ("301", "case"): 54_600_000},
    ),
    # 101: S = 170 − 20 = 150: 150 × 110,000 = 16,500,000 × .18 = 2,970,000; 301: 50 × 110,000 = 5,500,000 × 25
    # = 137,500,000
    (
        "parking-deduction-and-shortfall",
        make_case(D04, 124, [residential(170)], pp=1, pr=2),
        {("101", "case"): 2_970_000, ("301", "case"): 137_500_000},
    ),
    # --- 401 balcony ----------------------------------------------------------------------------------------------
    # 3 × 90,000 = 270,000 × 10.5 = 2,835,000; 101: 2,430,000
    (
        "balcony",
        make_case(D04, 123, [residential(150)], balcony=10.5),
        {("101", "case"): 2_430_000, ("401", "case"): 2_835_000},
    ),
    # 3 × 78,000 = 234,000 × 7.33 = 1,715,220 → 1,715,000; 101: 80 × 78,000 = 6,240,000 × .10 = 624,000
    (
        "balcony-rounding-1405",
        make_case(D05, 305, [residential(80)], balcony="7.33"),
        {("101", "case"): 624_000, ("401", "case"): 1_715_000},
    ),
    # --- 501 extra floor ------------------------------------------------------------------------------------------
    # district 1, x 45: 45 × 90,000 = 4,050,000 per m² > 3,000,000 → cap 3,000,000 × 30 = 90,000,000; 101: 2,430,000
    (
        "extra-capped",
        make_case(D04, 123, [residential(150)], district=1, extra=30),
        {("101", "case"): 2_430_000, ("501", "case"): 90_000_000},
    ),
    # district 4, x 25: 25 × 90,000 = 2,250,000 × 30 = 67,500,000 (under the cap)
    (
        "extra-district-4",
        make_case(D04, 123, [residential(150)], district=4, extra=30),
        {("101", "case"): 2_430_000, ("501", "case"): 67_500_000},
    ),
    # district 14 → default 25: 25 × 143,000 = 3,575,000 × 12.5 = 44,687,500 → 44,687,000;
    # 101: 120 × 143,000 = 17,160,000 × .18 = 3,088,800 → 3,088,000
    (
        "extra-default-district-1405",
        make_case(D05, 124, [residential(120)], district=14, extra="12.5"),
        {("101", "case"): 3_088_000, ("501", "case"): 44_687_000},
    ),
    # district 2, x 35: 35 × 117,000 = 4,095,000 > 3,900,000 → 3,900,000 × 20 = 78,000,000; 101: 3,159,000
    (
        "extra-capped-1405",
        make_case(D05, 123, [residential(150)], district=2, extra=20),
        {("101", "case"): 3_159_000, ("501", "case"): 78_000_000},
    ),
    # --- 601 renovation and 701 transfer --------------------------------------------------------------------------
    # 601: 3 × .015 = .045 × 60,000 = 2,700 × 180.5 = 487,350 → down_10000 → 480,000
    # 701: .02 × 60,000 = 1,200 × 180.5 = 216,600 → 216,000
    (
        "transfer-with-renovation",
        make_case("1404/11/20", 305, land="180.5", years=3, purpose="transfer"),
        {("601", "case"): 480_000, ("701", "case"): 216_000},
    ),
    # 701: .02 × 195,000 = 3,900 × 250 = 975,000
    ("transfer-1405", make_case(D05, 210, land=250, purpose="transfer"), {("701", "case"): 975_000}),
    # 601: 2 × .015 = .03 × 117,000 = 3,510 × 240 = 842,400 → 840,000; 101: 3,159,000
    (
        "permit-renovation",
        make_case(D05, 123, [residential(150)], land=240, years=2),
        {("101", "case"): 3_159_000, ("601", "case"): 840_000},
    ),
    # 601: 5 × .015 = .075 × 12,000 = 900 × 1000 = 900,000; 701: .02 × 12,000 = 240 × 1000 = 240,000
    (
        "transfer-block-77",
        make_case(D04, 77, land=1000, years=5, purpose="transfer"),
        {("601", "case"): 900_000, ("701", "case"): 240_000},
    ),
]


@pytest.mark.parametrize(("name", "case", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hand_worked_case_matches_to_the_rial(name, case, expected):
    assessment = assess_dict(case)
    assert PINS[assessment.book_version] == assessment.book_sha256, "book changed: work the figures again"
    assert {(line.code, line.scope): line.amount_rials for line in assessment.lines} == expected
    assert assessment.total_rials == sum(expected.values())


def test_example_commercial_case_by_hand():
    # 1405, block 210 (P 195,000), district 3; 5 × P = 975,000
    # 102: S 200, A 100 → .15: 200 × 195,000 = 39,000,000 × .15 = 5,850,000
    # 201 floors[0] storage/commercial M .2, F = 1 + .9 = 1.9: 975,000 × .2 = 195,000 × 1.9 = 370,500 × 150 = 55,575,000
    # 201 floors[1] ground M 1, F = 1 + .9 + .1 + .4 = 2.4: 975,000 × 2.4 = 2,340,000 × 180 = 421,200,000
    # 201 floors[2] mezzanine M .1, F 2.3: 97,500 × 2.3 = 224,250 × 60 = 13,455,000
    # 201 floors[3] office 1st M .4, F = 1 + .9 + .2 = 2.1: 390,000 × 2.1 = 819,000 × 200 = 163,800,000
    # 301: shortfall 2, S 50, commercial M 100: 100 × 195,000 × 50 = 975,000,000 × .5 (restricted) = 487,500,000
    # 501: x 35 × 195,000 = 6,825,000 > 3,900,000 → 3,900,000 × 25 = 97,500,000
    # total 5,850,000 + 55,575,000 + 421,200,000 + 13,455,000 + 163,800,000 + 487,500,000 + 97,500,000 = 1,244,880,000
    assessment = assess_dict(json.loads((ROOT / "examples" / "case-commercial.json").read_text(encoding="utf-8")))
    assert (assessment.book_version, assessment.book_sha256) == ("1405.1", SHA_1405)
    assert [(line.code, line.scope, line.amount_rials) for line in assessment.lines] == [
        ("102", "case", 5_850_000),
        ("201", "floors[0]", 55_575_000),
        ("201", "floors[1]", 421_200_000),
        ("201", "floors[2]", 13_455_000),
        ("201", "floors[3]", 163_800_000),
        ("301", "case", 487_500_000),
        ("501", "case", 97_500_000),
    ]
    assert assessment.total_rials == 1_244_880_000


def test_example_residential_case_by_hand():
    # 1405, block 123 (P 117,000), district 2
    # 102: S 380, 3 units, A ≈ 126.7 → .15: 380 × 117,000 = 44,460,000 × .15 = 6,669,000
    # 201 floors[0] storage M .2, F 1: 5 × 117,000 = 585,000 × .2 = 117,000 × 40 = 4,680,000
    # 301: shortfall 1, S 25, several M 70: 70 × 117,000 = 8,190,000 × 25 = 204,750,000
    # 401: 3 × 117,000 = 351,000 × 12.5 = 4,387,500 → 4,387,000
    # 601: 2 × .015 = .03 × 117,000 = 3,510 × 240 = 842,400 → 840,000
    # total 6,669,000 + 4,680,000 + 204,750,000 + 4,387,000 + 840,000 = 221,326,000
    assessment = assess_dict(json.loads((ROOT / "examples" / "case-residential.json").read_text(encoding="utf-8")))
    assert (assessment.book_version, assessment.book_sha256) == ("1405.1", SHA_1405)
    assert [line.amount_rials for line in assessment.lines] == [6_669_000, 4_680_000, 204_750_000, 4_387_000, 840_000]
    assert assessment.total_rials == 221_326_000


def test_line_explains_minimum_cap_discount_and_rounding():
    assessment = assess_dict(make_case(D04, 77, [residential(100)], pr=1, exemption="forbidden", extra=10))
    parking = next(line for line in assessment.lines if line.code == "301")
    assert parking.base == 15_000_000 and parking.minimum == 17_500_000 and parking.minimum_applied
    assert parking.discount is not None and parking.discount.rate == Decimal("0.95")
    body = parking.to_json_dict()
    assert body["discount"]["rate"] == "0.95" and body["minimum"] == {"value": "17500000", "applied": True}
    assert body["rounding"] == {"rule": "down_1000", "before": "875000.00", "after": 875_000}
    assert body["intermediate"]["kind"] == "residential_single" and body["inputs"]["P"] == "12000"
    extra = next(line for line in assessment.lines if line.code == "501").to_json_dict()
    # x 45 (district 1) × 12,000 = 540,000 per m² < 3,000,000: cap not applied; 540,000 × 10 = 5,400,000
    assert extra["cap"] == {"value": "30000000", "applied": False} and extra["amount_rials"] == 5_400_000

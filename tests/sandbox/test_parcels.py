"""The demo city over the API, against the sandbox as a real process on a loopback port: parcels listed, filtered
and paged; one parcel with its rules derived from the zoning layer (shares worked by hand), and roles."""

from __future__ import annotations

import base64
import json
import re
import sqlite3
import tomllib
from decimal import Decimal
from urllib.parse import quote

import pytest
import requests

from civic.ids import is_valid_national_id, postal_code_warning
from civic.text import to_persian_digits
from sandbox.city import DEMO_OWNER, DEMO_PARCEL, DEMO_PLATE, DEMO_POSTAL_CODE, DEMO_STRADDLING, RULES, build_city
from sandbox.settings import DB_FILENAME

PASSWORD = "pishkhan-demo"
SIGN_INS = {
    "counter": ("counter1", "PK-1001"),
    "notary": ("notary1", "NT-0042"),
    "reviewer": ("reviewer1", "MUN-HMD"),
}
BLOCKS = {"101", "123", "124", "210", "305", "412"}
SUMMARY_KEYS = {"renovation_code", "postal_code", "registration_plate", "address", "block", "land_area_m2"}
CODE = re.compile(r"(\d+)-(\d+)-(\d+)-(\d+)-0-0", re.ASCII)


def headers(url: str, who: str = "counter") -> dict[str, str]:
    username, office = SIGN_INS[who]
    body = {"username": username, "password": PASSWORD, "office_code": office, "terminal_id": "T-PARCELS"}
    response = requests.post(f"{url}/api/v1/auth/token", json=body, timeout=10)
    if who == "reviewer" and response.status_code == 401:
        pytest.skip("this sandbox has no reviewer operator")
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def get(url: str, path: str, auth: dict[str, str], **params: object) -> requests.Response:
    return requests.get(f"{url}/api/v1{path}", headers=auth, params=params, timeout=10)


@pytest.fixture(scope="module")
def api(shared_sandbox) -> tuple[str, dict[str, str]]:
    return shared_sandbox.url, headers(shared_sandbox.url)


@pytest.fixture(scope="module")
def every_summary(api) -> list[dict]:
    url, auth = api
    items: list[dict] = []
    page = 1
    while True:
        body = get(url, "/parcels", auth, page=page, page_size=200).json()
        items += body["items"]
        if page * 200 >= body["total"]:
            break
        page += 1
    assert len(items) == body["total"]
    return items


@pytest.fixture(scope="module")
def every_parcel(api, every_summary) -> list[dict]:
    url, auth = api
    return [get(url, f"/parcels/{s['renovation_code']}", auth).json() for s in every_summary]


def sort_key(code: str) -> tuple[int, ...]:
    match = CODE.fullmatch(code)
    assert match, code
    return tuple(int(part) for part in match.groups())


def test_the_demo_city_has_at_least_300_parcels_in_six_blocks_ordered_by_renovation_code(every_summary):
    assert len(every_summary) >= 300
    assert {s["block"] for s in every_summary} == BLOCKS
    codes = [s["renovation_code"] for s in every_summary]
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes, key=sort_key)
    assert all(set(s) == SUMMARY_KEYS for s in every_summary)
    assert all(sort_key(s["renovation_code"])[2] == int(s["block"]) for s in every_summary)
    assert all(120 <= s["land_area_m2"] <= 600 for s in every_summary)


def test_the_list_is_paged(api, every_summary):
    url, auth = api
    second = get(url, "/parcels", auth, page=2, page_size=50).json()
    assert (second["page"], second["page_size"], second["total"]) == (2, 50, len(every_summary))
    assert second["items"] == every_summary[50:100]
    first = get(url, "/parcels", auth).json()  # defaults: page 1, 50 a page
    assert (first["page"], first["page_size"], first["items"]) == (1, 50, every_summary[:50])
    beyond = get(url, "/parcels", auth, page=99, page_size=200).json()
    assert beyond["items"] == [] and beyond["total"] == len(every_summary)
    assert get(url, "/parcels", auth, page_size=201).status_code == 422
    assert get(url, "/parcels", auth, page=0).status_code == 422


@pytest.mark.parametrize(
    "params",
    [
        {"renovation_code": DEMO_PARCEL},
        {"renovation_code": to_persian_digits(DEMO_PARCEL).replace("-", "\u2010")},  # Persian digits, a hyphen
        {"postal_code": DEMO_POSTAL_CODE},
        {"postal_code": to_persian_digits(DEMO_POSTAL_CODE[:5] + "-" + DEMO_POSTAL_CODE[5:])},
        {"plate": DEMO_PLATE},
        {"plate": to_persian_digits(DEMO_PLATE)},
        {"renovation_code": DEMO_PARCEL, "postal_code": DEMO_POSTAL_CODE, "plate": DEMO_PLATE},
    ],
)
def test_each_filter_finds_the_demo_parcel_whatever_the_digits(api, params):
    url, auth = api
    body = get(url, "/parcels", auth, **params).json()
    assert body["total"] == 1
    [item] = body["items"]
    assert (item["renovation_code"], item["postal_code"], item["registration_plate"]) == (
        DEMO_PARCEL,
        DEMO_POSTAL_CODE,
        DEMO_PLATE,
    )


def test_filters_that_match_nothing_give_an_empty_page_and_a_malformed_one_is_422(api):
    url, auth = api
    assert get(url, "/parcels", auth, renovation_code="9-9-999-1-0-0").json()["total"] == 0
    assert get(url, "/parcels", auth, plate="1/1").json()["total"] == 0
    assert get(url, "/parcels", auth, renovation_code=DEMO_PARCEL, plate="1/1").json()["total"] == 0
    for params in ({"renovation_code": "123-45"}, {"postal_code": "12345"}):
        response = get(url, "/parcels", auth, **params)
        assert response.status_code == 422
        assert response.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in response.json()["errors"]] == list(params)


def test_the_demo_parcel_is_residential_in_one_zone_and_a_modest_three_floor_building_fits(api):
    url, auth = api
    response = get(url, f"/parcels/{DEMO_PARCEL}", auth)
    assert response.status_code == 200
    parcel = response.json()
    assert (parcel["postal_code"], parcel["registration_plate"], parcel["block"]) == (
        DEMO_POSTAL_CODE,
        DEMO_PLATE,
        "123",
    )
    assert DEMO_OWNER in [o["national_id"] for o in parcel["owners"]]
    rules = parcel["rules"]
    assert (rules["land_use"], rules["land_use_title"], rules["straddles"]) == ("residential", "مسکونی", False)
    assert rules["zones"] == [{"code": rules["deciding_zone"], "share": 1}]
    land = Decimal(str(parcel["land_area_m2"]))
    floor = land * Decimal("0.55")  # three floors of 55 % of the land each
    assert rules["max_floors"] >= 3
    assert floor <= land * Decimal(str(rules["coverage_percent"])) / 100
    assert 3 * floor <= land * Decimal(str(rules["density_percent"])) / 100
    street = parcel["street"]
    ring = parcel["geometry"]["coordinates"][0]
    assert parcel["geometry"]["type"] == "Polygon" and ring[0] == ring[-1] and 0 <= street["edge"] < len(ring) - 1
    assert all(48.4 < lon < 48.6 and 34.7 < lat < 34.9 for lon, lat in ring)


def test_the_regional_value_is_p_of_the_block_in_the_current_tariff_book(api):
    url, auth = api
    book = requests.get(f"{url}/api/v1/tariffs/current", timeout=10).json()
    p_values = tomllib.loads(base64.b64decode(book["content_base64"]).decode("utf-8"))["regional_values"]
    parcel = get(url, f"/parcels/{DEMO_PARCEL}", auth).json()
    assert parcel["regional_value_rials"] == p_values["123"]


def test_persian_digits_in_the_address_find_the_parcel_and_a_missing_one_is_a_404_problem(api):
    url, auth = api
    persian = get(url, f"/parcels/{quote(to_persian_digits(DEMO_PARCEL))}", auth)
    assert persian.status_code == 200 and persian.json()["renovation_code"] == DEMO_PARCEL
    missing = get(url, "/parcels/2-14-123-999-0-0", auth)
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert missing.json()["type"].endswith("/parcel-not-found")
    malformed = get(url, "/parcels/2-14-123", auth)
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "renovation_code"


def test_counter_and_notary_may_read_parcels_and_others_may_not(shared_sandbox):
    url = shared_sandbox.url
    assert get(url, f"/parcels/{DEMO_PARCEL}", headers(url, "notary")).status_code == 200
    assert get(url, "/parcels", headers(url, "notary")).status_code == 200
    assert get(url, f"/parcels/{DEMO_PARCEL}", {}).status_code == 401
    reviewer = headers(url, "reviewer")
    for path in (f"/parcels/{DEMO_PARCEL}", "/parcels"):
        response = get(url, path, reviewer)
        assert response.status_code == 403
        assert response.headers["content-type"].startswith("application/problem+json")


def test_a_straddling_parcel_takes_the_larger_zones_rule_with_the_shares_worked_by_hand(api):
    url, auth = api
    parcel = get(url, f"/parcels/{DEMO_STRADDLING}", auth).json()
    ring = parcel["geometry"]["coordinates"][0][:-1]
    lons, lats = sorted({p[0] for p in ring}), sorted({p[1] for p in ring})
    assert len(lons) == 2 and len(lats) == 2  # a rectangle along the meridians and parallels
    expected = {}
    for zone in build_city().zones:  # the zoning tiles are rectangles too
        z_lons, z_lats = sorted({p[0] for p in zone.ring}), sorted({p[1] for p in zone.ring})
        overlap = min(lons[1], z_lons[1]) - max(lons[0], z_lons[0])
        if overlap > 0 and z_lats[0] <= lats[0] and lats[1] <= z_lats[1]:
            # the same height in both: the share is the overlap's width over the parcel's width
            expected[zone.code] = overlap / (lons[1] - lons[0])
    assert len(expected) == 2 and sum(expected.values()) == pytest.approx(1)
    rules = parcel["rules"]
    assert rules["straddles"] is True
    assert {z["code"]: z["share"] for z in rules["zones"]} == pytest.approx(expected, abs=0.00006)
    larger = max(expected, key=lambda code: expected[code])
    assert rules["deciding_zone"] == larger == rules["zones"][0]["code"]
    rule = RULES[larger]
    assert (rules["land_use"], rules["max_floors"]) == (rule.land_use, rule.max_floors)
    assert Decimal(str(rules["density_percent"])) == rule.density_percent
    assert Decimal(str(rules["coverage_percent"])) == rule.coverage_percent
    setbacks = (rule.front_setback_m, rule.back_setback_m, rule.side_setback_m)
    assert tuple(Decimal(str(rules["setbacks_m"][k])) for k in ("front", "back", "side")) == setbacks


def test_every_parcel_is_whole_and_its_owners_have_valid_national_ids(every_parcel):
    postal_codes = [p["postal_code"] for p in every_parcel]
    plates = [p["registration_plate"] for p in every_parcel]
    assert len(set(postal_codes)) == len(postal_codes) and len(set(plates)) == len(plates)
    for parcel in every_parcel:
        code = parcel["renovation_code"]
        assert 1 <= len(parcel["owners"]) <= 3, code
        assert all(is_valid_national_id(o["national_id"]) and o["name"].strip() for o in parcel["owners"]), code
        sixths = sum(int(o["share"].split("/")[0]) for o in parcel["owners"])
        assert sixths == 6 and all(o["share"].endswith("/6") for o in parcel["owners"]), code
        assert re.fullmatch(r"65[0-9]{8}", parcel["postal_code"], re.ASCII) and not postal_code_warning(
            parcel["postal_code"]
        )
        assert re.fullmatch(r"[0-9]+/[0-9]+", parcel["registration_plate"], re.ASCII), code
        assert len(parcel["geometry"]["coordinates"][0]) == 5, code  # a quadrilateral, closed
        shares = [Decimal(str(z["share"])) for z in parcel["rules"]["zones"]]
        assert sum(shares) == 1 and shares == sorted(shares, reverse=True), code
        assert all(s == s.quantize(Decimal("0.0001")) for s in shares), code
        assert parcel["rules"]["straddles"] == (len(shares) > 1), code
    places: dict[str, set[tuple[int, ...]]] = {}
    for parcel in every_parcel:  # one region and district for every parcel of a block
        places.setdefault(parcel["block"], set()).add(sort_key(parcel["renovation_code"])[:2])
    assert all(len(regions) == 1 for regions in places.values()), places
    straddling = [p for p in every_parcel if p["rules"]["straddles"]]
    assert len(straddling) >= 5
    assert {p["rules"]["land_use"] for p in every_parcel} >= {"residential", "commercial", "mixed", "green"}


def _move_east_edge(geometry: str, lon: float) -> str:
    """A rectangular tile's GeoJSON with its eastern side moved to `lon`."""
    polygon = json.loads(geometry)
    ring = polygon["coordinates"][0]
    east = max(p[0] for p in ring)
    polygon["coordinates"][0] = [[lon if p[0] == east else p[0], p[1]] for p in ring]
    return json.dumps(polygon)


def _move_west_edge(geometry: str, lon: float) -> str:
    polygon = json.loads(geometry)
    ring = polygon["coordinates"][0]
    west = min(p[0] for p in ring)
    polygon["coordinates"][0] = [[lon if p[0] == west else p[0], p[1]] for p in ring]
    return json.dumps(polygon)


def test_rules_are_derived_on_each_read_never_stored(start_sandbox):
    server = start_sandbox()
    url, auth = server.url, headers(server.url)
    before = get(url, f"/parcels/{DEMO_PARCEL}", auth).json()["rules"]
    zone = before["deciding_zone"]
    straddling = get(url, f"/parcels/{DEMO_STRADDLING}", auth).json()
    [west_code] = [z["code"] for z in straddling["rules"]["zones"] if z["code"] == zone]  # the demo parcel's zone
    [east_code] = [z["code"] for z in straddling["rules"]["zones"] if z["code"] != zone]
    boundary = max(p[0] for p in straddling["geometry"]["coordinates"][0]) + 0.00001  # just east of the parcel
    conn = sqlite3.connect(server.data_dir / DB_FILENAME)
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(parcels)")}
        assert not columns & {"land_use", "density_percent", "coverage_percent", "max_floors", "rules", "zones"}
        tiles = dict(conn.execute("SELECT code, geometry FROM zones WHERE code IN (?, ?)", (west_code, east_code)))
        with conn:  # the zoning plan changes: denser, and the western zone grows over the whole straddling parcel
            conn.execute(
                "UPDATE zones SET density_percent = '210', max_floors = 4, back_setback_m = '2.25', geometry = ?"
                " WHERE code = ?",
                (_move_east_edge(tiles[west_code], boundary), west_code),
            )
            conn.execute(
                "UPDATE zones SET geometry = ? WHERE code = ?", (_move_west_edge(tiles[east_code], boundary), east_code)
            )
    finally:
        conn.close()
    after = get(url, f"/parcels/{DEMO_PARCEL}", auth).json()["rules"]
    assert before["density_percent"] != 210
    assert (after["density_percent"], after["max_floors"], after["setbacks_m"]["back"]) == (210, 4, 2.25)
    moved = get(url, f"/parcels/{DEMO_STRADDLING}", auth).json()["rules"]
    assert (moved["straddles"], moved["deciding_zone"], moved["density_percent"]) == (False, west_code, 210)
    assert moved["zones"] == [{"code": west_code, "share": 1}]


def test_a_broken_zoning_layer_is_a_clear_server_problem_not_made_up_rules(start_sandbox):
    server = start_sandbox()
    url, auth = server.url, headers(server.url)
    zone = get(url, f"/parcels/{DEMO_PARCEL}", auth).json()["rules"]["deciding_zone"]
    arrow = {
        "type": "Polygon",
        "coordinates": [[[48.5, 34.7], [48.6, 34.8], [48.5, 34.9], [48.52, 34.8], [48.5, 34.7]]],
    }
    conn = sqlite3.connect(server.data_dir / DB_FILENAME)
    try:
        with conn:
            conn.execute("UPDATE zones SET geometry = ? WHERE code = ?", (json.dumps(arrow), zone))
        not_convex = get(url, f"/parcels/{DEMO_PARCEL}", auth)
        with conn:
            conn.execute("DELETE FROM zones WHERE code = ?", (zone,))
        not_zoned = get(url, f"/parcels/{DEMO_PARCEL}", auth)
    finally:
        conn.close()
    assert (not_convex.status_code, not_convex.json()["type"].rsplit("/", 1)[1]) == (500, "zoning-layer-invalid")
    assert (not_zoned.status_code, not_zoned.json()["type"].rsplit("/", 1)[1]) == (500, "parcel-not-zoned")
    assert get(url, f"/parcels/{DEMO_STRADDLING}", auth).status_code == 200  # other parcels are still answered

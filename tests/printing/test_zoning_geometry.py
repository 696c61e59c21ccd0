"""The parcel drawing's geometry: GeoJSON to metres, setbacks from the street, the footprint coverage allows."""

from __future__ import annotations

import math

import pytest

from printing.geometry import GeometryError, area, plan, to_metres

LAT, LON = 34.8, 48.5
PER_LAT = 111_132.92 - 559.82 * math.cos(2 * math.radians(LAT)) + 1.175 * math.cos(4 * math.radians(LAT))
PER_LON = 111_412.84 * math.cos(math.radians(LAT)) - 93.5 * math.cos(3 * math.radians(LAT))


def _polygon(corners_m, *, clockwise=False):
    ring = [[LON + x / PER_LON, LAT + y / PER_LAT] for x, y in corners_m]
    if clockwise:
        ring.reverse()
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


RECT = [(0, 0), (10, 0), (10, 20), (0, 20)]  # 10 m frontage on a street to the south, 20 m deep


def test_a_rectangle_comes_back_in_metres():
    pts, reversed_ = to_metres(_polygon(RECT))
    assert not reversed_
    assert area(pts) == pytest.approx(200, rel=1e-3)


def test_the_footprint_is_the_coverage_share_of_the_land_on_the_north_side():
    p = plan(_polygon(RECT), 0, front=2, rear=0, side=0, coverage=0.6)
    assert p.land_area == pytest.approx(200, rel=1e-3)
    assert p.footprint_area == pytest.approx(120, rel=1e-3)
    assert min(y for _, y in p.footprint) == pytest.approx(8, abs=0.05)  # 20 m deep, the northern 12 m
    assert max(y for _, y in p.footprint) == pytest.approx(20, abs=0.05)


def test_the_front_setback_is_taken_from_the_street_edge_only():
    p = plan(_polygon(RECT), 0, front=3, rear=1, side=0.5, coverage=1.0)
    ys = [y for _, y in p.buildable]
    xs = [x for x, _ in p.buildable]
    assert min(ys) == pytest.approx(3, abs=0.01) and max(ys) == pytest.approx(19, abs=0.01)
    assert min(xs) == pytest.approx(0.5, abs=0.01) and max(xs) == pytest.approx(9.5, abs=0.01)
    assert p.footprint_area == pytest.approx(9 * 16, rel=1e-3)  # setbacks leave less than full coverage


def test_a_clockwise_ring_keeps_its_street_edge():
    # clockwise the corners run (0,20) (10,20) (10,0) (0,0): the southern edge, on the street, is edge 2
    p = plan(_polygon(RECT, clockwise=True), 2, front=2, rear=0, side=0, coverage=1.0)
    south = min(y for _, y in p.parcel)  # metres are measured from the ring's first corner
    assert min(y for _, y in p.buildable) - south == pytest.approx(2, abs=0.01)
    assert p.footprint_area == pytest.approx(180, rel=1e-3)


def test_coverage_applies_to_the_registered_land_area():
    p = plan(_polygon(RECT), 0, front=0, rear=0, side=0, coverage=0.5, land_area=190.0)
    assert p.footprint_area == pytest.approx(95, rel=1e-3)


def test_edge_lengths_are_the_dimensions_printed():
    p = plan(_polygon(RECT), 0, front=0, rear=0, side=0, coverage=0.6)
    assert sorted(round(e, 1) for e in p.edges) == [10.0, 10.0, 20.0, 20.0]


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [48.5, 34.8]},
        {"type": "Polygon", "coordinates": [[[48.5, 34.8], [48.5, 34.8], [48.5, 34.8]]]},
        {"type": "Polygon", "coordinates": [[["x", 1], [2, 3], [4, 5]]]},
    ],
)
def test_geometry_that_is_not_a_parcel_is_refused(geometry):
    with pytest.raises(GeometryError):
        plan(geometry, 0, front=0, rear=0, side=0, coverage=0.6)


def test_a_feature_holding_the_polygon_is_accepted():
    feature = {"type": "Feature", "geometry": _polygon(RECT), "properties": {}}
    assert plan(feature, 0, front=0, rear=0, side=0, coverage=0.6).footprint_area == pytest.approx(120, rel=1e-3)

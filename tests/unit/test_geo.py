"""civic.geo: rings, the local projection, areas, clipping, and parcel ∩ zone areas worked by hand."""

from __future__ import annotations

import math

import pytest

from civic.geo import (
    GeometryError,
    LocalProjection,
    clip_convex,
    clip_half_plane,
    geojson_polygon,
    intersection_area,
    is_convex,
    polygon_ring,
    signed_area,
)

HAMEDAN = (48.51, 34.80)
RECT_20_30 = [(0.0, 0.0), (20.0, 0.0), (20.0, 30.0), (0.0, 30.0)]
# parallel sides 10 m (south) and 11 m (north), 25 m apart, both long sides slanted
SKEWED = [(0.0, 0.0), (10.0, 0.0), (12.0, 25.0), (1.0, 25.0)]


def box(x_a: float, y_a: float, x_b: float, y_b: float) -> list[tuple[float, float]]:
    return [(x_a, y_a), (x_b, y_a), (x_b, y_b), (x_a, y_b)]


def test_signed_area_is_positive_counter_clockwise_and_negative_clockwise():
    assert signed_area(RECT_20_30) == 600
    assert signed_area(RECT_20_30[::-1]) == -600
    assert signed_area(SKEWED) == pytest.approx((10 + 11) / 2 * 25)  # 262.5, a trapezoid
    assert signed_area([(0.0, 0.0), (1.0, 1.0)]) == 0


def test_a_rectangle_across_a_zone_boundary_at_12_m_is_shared_0_6_and_0_4():
    west, east = box(-50, -50, 12, 80), box(12, -50, 60, 80)
    # 12 m × 30 m = 360 m² west of the boundary, 8 m × 30 m = 240 m² east of it, of 600 m²
    assert intersection_area(RECT_20_30, west) == pytest.approx(360)
    assert intersection_area(RECT_20_30, east) == pytest.approx(240)
    assert intersection_area(RECT_20_30, west) / signed_area(RECT_20_30) == pytest.approx(0.6)
    assert intersection_area(RECT_20_30, east) / signed_area(RECT_20_30) == pytest.approx(0.4)


def test_the_same_shares_come_out_of_longitudes_and_latitudes_at_any_projection_latitude():
    city = LocalProjection.about(HAMEDAN)
    parcel = [city.to_lonlat(p) for p in RECT_20_30]
    west = [city.to_lonlat(p) for p in box(-50, -50, 12, 80)]
    for projection in (LocalProjection.for_ring(parcel), LocalProjection.about(parcel[0], 10.0)):
        metres = projection.ring_to_metres(parcel)
        share = intersection_area(metres, projection.ring_to_metres(west)) / signed_area(metres)
        assert share == pytest.approx(0.6, abs=1e-9)
    here = LocalProjection.for_ring(parcel)
    assert signed_area(here.ring_to_metres(parcel)) == pytest.approx(600, rel=1e-5)  # metres stay metres


def test_a_skewed_quadrilateral_cut_at_x_5_leaves_150_square_metres_east():
    # west of x = 5 the width is 5 - y/25 over 25 m: 125 - 12.5 = 112.5 m²; so 262.5 - 112.5 = 150 m² east
    east = clip_half_plane(SKEWED, (5.0, 0.0), (1.0, 0.0))
    west = clip_half_plane(SKEWED, (5.0, 0.0), (-1.0, 0.0))
    assert signed_area(east) == pytest.approx(150)
    assert signed_area(west) == pytest.approx(112.5)


def test_a_skewed_quadrilateral_in_a_convex_zone_corner():
    # east of x = 5 and south of y = 10 the width is 5 + 2y/25: 50 + 4 = 54 m²
    zone = box(5, -5, 20, 10)
    assert intersection_area(SKEWED, zone) == pytest.approx(54)
    assert intersection_area(SKEWED, zone[::-1]) == pytest.approx(54)  # a clockwise zone is the same zone


def test_a_half_plane_that_misses_or_holds_the_whole_polygon():
    assert clip_half_plane(RECT_20_30, (25.0, 0.0), (1.0, 0.0)) == []
    assert clip_half_plane(RECT_20_30, (-5.0, 0.0), (1.0, 0.0)) == RECT_20_30


def test_disjoint_nested_and_identical_polygons():
    assert clip_convex(RECT_20_30, box(30, 0, 40, 30)) == []
    assert intersection_area(RECT_20_30, box(30, 0, 40, 30)) == 0
    assert intersection_area(RECT_20_30, box(-100, -100, 100, 100)) == pytest.approx(600)  # parcel inside the zone
    assert intersection_area(RECT_20_30, box(5, 5, 10, 15)) == pytest.approx(50)  # zone inside the parcel
    assert intersection_area(RECT_20_30, RECT_20_30) == pytest.approx(600)
    assert intersection_area(RECT_20_30, box(20, 0, 40, 30)) == pytest.approx(0)  # sharing one edge only


def test_a_concave_subject_is_clipped_to_the_right_area():
    ell = [(0.0, 0.0), (20.0, 0.0), (20.0, 10.0), (10.0, 10.0), (10.0, 30.0), (0.0, 30.0)]  # 200 + 200 m²
    assert signed_area(ell) == pytest.approx(400)
    assert intersection_area(ell, box(5, -10, 50, 20)) == pytest.approx(150 + 50)


def test_only_a_convex_polygon_may_be_the_clipping_window():
    assert is_convex(SKEWED) and is_convex(SKEWED[::-1])
    arrow = [(0.0, 0.0), (10.0, 5.0), (0.0, 10.0), (3.0, 5.0)]
    assert not is_convex(arrow)
    assert not is_convex([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)])  # all on one line
    with pytest.raises(GeometryError):
        clip_convex(RECT_20_30, arrow)


def test_rings_are_read_from_geojson_and_written_back_closed():
    ring = [(48.51, 34.8), (48.5102, 34.8), (48.5102, 34.8002)]
    polygon = geojson_polygon(ring)
    assert polygon["coordinates"][0][0] == polygon["coordinates"][0][-1]
    assert polygon_ring(polygon) == ring
    assert polygon_ring({"type": "Feature", "geometry": polygon}) == ring
    assert polygon_ring({"type": "MultiPolygon", "coordinates": [polygon["coordinates"]]}) == ring


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [48.5, 34.8]},
        {"type": "Polygon", "coordinates": []},
        {"type": "Polygon", "coordinates": [[[48.5, 34.8], [48.6, 34.8], [48.5, 34.8]]]},
        {"type": "Polygon", "coordinates": [[["x", 1], [2, 3], [4, 5]]]},
        {"type": "Polygon", "coordinates": [[[math.nan, 1], [2, 3], [4, 5]]]},
        {"type": "Feature", "geometry": None},
    ],
)
def test_what_is_not_a_polygon_is_refused(geometry):
    with pytest.raises(GeometryError):
        polygon_ring(geometry)


def test_the_projection_goes_there_and_back():
    projection = LocalProjection.about(HAMEDAN)
    assert projection.to_lonlat(projection.to_metres((48.5123, 34.8011))) == pytest.approx((48.5123, 34.8011))
    # a degree of latitude is about 111 km everywhere; of longitude, cos(34.8°) of it here
    assert projection.metres_per_degree_lat == pytest.approx(110_940, rel=1e-3)
    assert projection.metres_per_degree_lon == pytest.approx(91_500, rel=2e-3)

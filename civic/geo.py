"""Plane geometry of parcels and zones, shared by both sides of the wire.

Polygons arrive as GeoJSON rings of [longitude, latitude] (WGS84). A parcel or a zoning tile is at most a few hundred
metres across, so an equirectangular projection about one latitude puts it on a plane in metres, exact to
millimetres at that size. The projection is linear in longitude and latitude, so ratios of areas (a parcel's share of
a zone) do not depend on the latitude chosen.

Areas are signed (positive counter-clockwise). Clipping is Sutherland-Hodgman: a polygon cut by a half-plane, or by
a convex polygon as the intersection of the half-planes of its edges. That is exact when the clipping polygon is
convex (zoning tiles are kept convex for this reason); the polygon being clipped may be any simple polygon, though a
concave one can come back with zero-width seams that add no area.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]


class GeometryError(ValueError):
    """The geometry is not a usable GeoJSON polygon."""


def polygon_ring(geojson: Mapping[str, Any]) -> list[Point]:
    """The outer ring of a GeoJSON Polygon (or a Feature, or a one-part MultiPolygon) as (lon, lat) corners, without
    the closing repetition of the first corner."""
    if geojson.get("type") == "Feature":
        geojson = geojson.get("geometry") or {}
    kind = geojson.get("type")
    coords = geojson.get("coordinates")
    if kind == "MultiPolygon" and isinstance(coords, list) and len(coords) == 1:
        kind, coords = "Polygon", coords[0]
    if kind != "Polygon" or not isinstance(coords, list) or not coords or not isinstance(coords[0], list):
        raise GeometryError("a GeoJSON Polygon (or a Feature holding one) is expected")
    try:
        ring = [(float(p[0]), float(p[1])) for p in coords[0]]
    except (TypeError, ValueError, IndexError):
        raise GeometryError("polygon coordinates must be [longitude, latitude] pairs") from None
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    if len(ring) < 3 or not all(math.isfinite(c) for p in ring for c in p):
        raise GeometryError("a polygon needs at least three distinct corners")
    return ring


def geojson_polygon(ring: Sequence[Point]) -> dict[str, Any]:
    """A GeoJSON Polygon of (lon, lat) corners, the ring closed (first corner repeated last)."""
    corners = [[p[0], p[1]] for p in ring]
    if corners and corners[0] != corners[-1]:
        corners.append(list(corners[0]))
    return {"type": "Polygon", "coordinates": [corners]}


@dataclass(frozen=True)
class LocalProjection:
    """Equirectangular projection about `origin` (lon, lat): metres east and north of it, scaled at `latitude`."""

    origin: Point
    metres_per_degree_lon: float
    metres_per_degree_lat: float

    @classmethod
    def about(cls, origin: Point, latitude: float | None = None) -> LocalProjection:
        """Scaled at `latitude` (the origin's when not given), with the ellipsoid's length of a degree there."""
        lat = math.radians(origin[1] if latitude is None else latitude)
        per_lat = 111_132.92 - 559.82 * math.cos(2 * lat) + 1.175 * math.cos(4 * lat)
        per_lon = 111_412.84 * math.cos(lat) - 93.5 * math.cos(3 * lat)
        return cls(origin, per_lon, per_lat)

    @classmethod
    def for_ring(cls, ring: Sequence[Point]) -> LocalProjection:
        """About the ring's first corner, scaled at the mean latitude of its corners."""
        if not ring:
            raise GeometryError("an empty ring has no place to project about")
        return cls.about(ring[0], sum(p[1] for p in ring) / len(ring))

    def to_metres(self, point: Point) -> Point:
        return (
            (point[0] - self.origin[0]) * self.metres_per_degree_lon,
            (point[1] - self.origin[1]) * self.metres_per_degree_lat,
        )

    def to_lonlat(self, point: Point) -> Point:
        return (
            self.origin[0] + point[0] / self.metres_per_degree_lon,
            self.origin[1] + point[1] / self.metres_per_degree_lat,
        )

    def ring_to_metres(self, ring: Sequence[Point]) -> list[Point]:
        return [self.to_metres(p) for p in ring]


def signed_area(poly: Sequence[Point]) -> float:
    """Shoelace area: positive when the corners run counter-clockwise, negative clockwise."""
    n = len(poly)
    if n < 3:
        return 0.0
    return sum(poly[i][0] * poly[(i + 1) % n][1] - poly[(i + 1) % n][0] * poly[i][1] for i in range(n)) / 2


def counter_clockwise(poly: Sequence[Point]) -> list[Point]:
    """The same polygon with its corners running counter-clockwise."""
    return list(poly) if signed_area(poly) >= 0 else list(poly)[::-1]


def clip_half_plane(poly: Sequence[Point], origin: Point, normal: Point) -> list[Point]:
    """The part of `poly` where (p - origin) · normal >= 0 (one Sutherland-Hodgman step)."""

    def side(p: Point) -> float:
        return (p[0] - origin[0]) * normal[0] + (p[1] - origin[1]) * normal[1]

    out: list[Point] = []
    n = len(poly)
    for i in range(n):
        a, b = poly[i], poly[(i + 1) % n]
        sa, sb = side(a), side(b)
        if sa >= 0:
            out.append(a)
        if (sa >= 0) != (sb >= 0):
            t = sa / (sa - sb)
            out.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
    return out


def is_convex(poly: Sequence[Point]) -> bool:
    """True when every turn along the ring goes the same way (collinear corners allowed)."""
    n = len(poly)
    if n < 3:
        return False
    sign = 0.0
    for i in range(n):
        (ax, ay), (bx, by), (cx, cy) = poly[i], poly[(i + 1) % n], poly[(i + 2) % n]
        cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx)
        if cross != 0:
            if sign != 0 and (cross > 0) != (sign > 0):
                return False
            sign = cross
    return sign != 0


def clip_convex(subject: Sequence[Point], convex: Sequence[Point]) -> list[Point]:
    """`subject` ∩ `convex`: the subject clipped by the inner half-plane of each edge of the convex polygon.
    An empty list when they do not overlap. Raises GeometryError when `convex` is not convex."""
    if not is_convex(convex):
        raise GeometryError("the clipping polygon must be convex")
    window = counter_clockwise(convex)
    out = list(subject)
    n = len(window)
    for i in range(n):
        if len(out) < 3:
            return []
        (ax, ay), (bx, by) = window[i], window[(i + 1) % n]
        out = clip_half_plane(out, (ax, ay), (ay - by, bx - ax))  # the left (inner) normal of a CCW edge
    return out if len(out) >= 3 else []


def intersection_area(subject: Sequence[Point], convex: Sequence[Point]) -> float:
    """Area of `subject` ∩ `convex` (never negative)."""
    return abs(signed_area(clip_convex(subject, convex)))


def bounds(poly: Sequence[Point]) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y)."""
    xs = [p[0] for p in poly]
    ys = [p[1] for p in poly]
    return min(xs), min(ys), max(xs), max(ys)


def bounds_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]

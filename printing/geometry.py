"""Plane geometry of a parcel: GeoJSON to local metres, setbacks, and the largest footprint coverage allows.

Parcels are a few tens of metres across, so an equirectangular projection around the parcel's own latitude is exact
to millimetres. Setbacks and the footprint are half-plane clips (Sutherland-Hodgman), exact for the convex
parcels of a city block; a concave parcel gets a conservative approximation of its buildable area.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]


class GeometryError(ValueError):
    """The parcel's geometry is not a usable GeoJSON polygon."""


def _ring(geojson: Mapping[str, Any]) -> list[Point]:
    if geojson.get("type") == "Feature":
        geojson = geojson.get("geometry") or {}
    kind = geojson.get("type")
    coords = geojson.get("coordinates")
    if kind == "MultiPolygon" and isinstance(coords, list) and len(coords) == 1:
        kind, coords = "Polygon", coords[0]
    if kind != "Polygon" or not isinstance(coords, list) or not coords:
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


def area(poly: Sequence[Point]) -> float:
    """Signed area (positive when counter-clockwise)."""
    n = len(poly)
    return sum(poly[i][0] * poly[(i + 1) % n][1] - poly[(i + 1) % n][0] * poly[i][1] for i in range(n)) / 2


def clip(poly: Sequence[Point], origin: Point, normal: Point) -> list[Point]:
    """The part of `poly` where (p - origin) · normal >= 0."""

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


@dataclass(frozen=True)
class ParcelPlan:
    parcel: list[Point]  # metres, counter-clockwise, north = +y
    edges: list[float]  # length of edge i (vertex i to i+1), metres
    street_edge: int  # index into `parcel`'s edges after reorientation
    buildable: list[Point]
    footprint: list[Point]
    land_area: float
    footprint_area: float


def to_metres(geojson: Mapping[str, Any]) -> tuple[list[Point], bool]:
    """Corners in metres east/north of the first corner; True when the ring was reversed to run counter-clockwise."""
    ring = _ring(geojson)
    lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
    per_lat = 111_132.92 - 559.82 * math.cos(2 * lat0) + 1.175 * math.cos(4 * lat0)
    per_lon = 111_412.84 * math.cos(lat0) - 93.5 * math.cos(3 * lat0)
    lon_a, lat_a = ring[0]
    pts = [((lon - lon_a) * per_lon, (lat - lat_a) * per_lat) for lon, lat in ring]
    if abs(area(pts)) < 1.0:
        raise GeometryError("the polygon encloses less than one square metre")
    if area(pts) < 0:
        return pts[::-1], True
    return pts, False


def plan(
    geojson: Mapping[str, Any],
    street_edge: int,
    *,
    front: float,
    rear: float,
    side: float,
    coverage: float,
    land_area: float | None = None,
) -> ParcelPlan:
    """Parcel, buildable area inside the setbacks, and the footprint: the northern part of the buildable area whose
    area is `coverage` (a fraction) of the land, or all of it when the setbacks leave less (build on the north,
    courtyard on the south, as Iranian zoning rules place buildings). `land_area` is the registered area, which
    the coverage ratio applies to; without it, the polygon's own area is used."""
    pts, reversed_ = to_metres(geojson)
    n = len(pts)
    if not 0 <= street_edge < n:
        raise GeometryError(f"street_edge must be between 0 and {n - 1}")
    if reversed_:
        street_edge = (n - 2 - street_edge) % n
    normals = []
    for i in range(n):
        (ax, ay), (bx, by) = pts[i], pts[(i + 1) % n]
        length = math.hypot(bx - ax, by - ay)
        normals.append(((ay - by) / length, (bx - ax) / length))  # inward (left) normal of a CCW ring
    street_out = (-normals[street_edge][0], -normals[street_edge][1])
    buildable = list(pts)
    for i in range(n):
        if i == street_edge:
            distance = front
        else:
            facing = -(normals[i][0] * street_out[0] + normals[i][1] * street_out[1])
            distance = rear if facing < -0.5 else side
        if distance > 0 and buildable:
            a, nrm = pts[i], normals[i]
            buildable = clip(buildable, (a[0] + nrm[0] * distance, a[1] + nrm[1] * distance), nrm)
    land = area(pts) if land_area is None else land_area
    free = area(buildable) if len(buildable) >= 3 else 0.0
    target = min(max(coverage, 0.0) * land, free)
    footprint = _northern_part(buildable, target) if target > 0 else []
    edges = [math.dist(pts[i], pts[(i + 1) % n]) for i in range(n)]
    return ParcelPlan(pts, edges, street_edge, buildable, footprint, land, area(footprint) if footprint else 0.0)


def _northern_part(poly: list[Point], target: float) -> list[Point]:
    low = min(p[1] for p in poly)
    high = max(p[1] for p in poly)
    for _ in range(60):  # bisection on the cut line y = c; 60 halvings reach float precision
        mid = (low + high) / 2
        if area(clip(poly, (0.0, mid), (0.0, 1.0))) > target:
            low = mid
        else:
            high = mid
    return clip(poly, (0.0, high), (0.0, 1.0))

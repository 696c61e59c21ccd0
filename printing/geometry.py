"""Plane geometry of a parcel: GeoJSON to local metres, setbacks, and the largest footprint coverage allows.

Parcels are a few tens of metres across, so an equirectangular projection around the parcel's own latitude is exact
to millimetres. Setbacks and the footprint are half-plane clips (Sutherland-Hodgman), exact for the convex
parcels of a city block; a concave parcel gets a conservative approximation of its buildable area.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from civic.geo import GeometryError, LocalProjection, Point, clip_half_plane, polygon_ring, signed_area

__all__ = ["GeometryError", "ParcelPlan", "Point", "area", "clip", "plan", "to_metres"]

# the primitives live in civic.geo (the sandbox derives zoning rules with the same ones); the old names stay
_ring = polygon_ring
area = signed_area
clip = clip_half_plane


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
    pts = LocalProjection.for_ring(ring).ring_to_metres(ring)
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

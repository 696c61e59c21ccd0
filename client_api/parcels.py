"""Parcels as the client reads them (`GET /parcels/{renovation_code}`, `GET /parcels`): the parcel, its owners, its
polygon, and the building rules the municipality's zoning layer gives it. Every decimal is a Decimal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from client_api.errors import ProtocolError
from client_api.wire import json_list as _list
from client_api.wire import json_object as _object
from client_api.wire import text as _text
from client_api.wire import whole as _whole

CENT = Decimal("0.01")


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"not a number: {value!r}")
    number = Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


@dataclass(frozen=True)
class Owner:
    national_id: str
    name: str
    share: str  # of the six dang (دانگ), e.g. "3/6"

    @classmethod
    def from_json(cls, data: Any) -> Owner:
        data = _object(data)
        return cls(_text(data["national_id"]), _text(data["name"]), _text(data["share"]))


@dataclass(frozen=True)
class ZoneShare:
    code: str
    share: Decimal

    @classmethod
    def from_json(cls, data: Any) -> ZoneShare:
        data = _object(data)
        return cls(_text(data["code"]), _decimal(data["share"]))


@dataclass(frozen=True)
class ParcelRules:
    land_use: str
    land_use_title: str
    density_percent: Decimal
    coverage_percent: Decimal
    max_floors: int
    front_setback_m: Decimal
    back_setback_m: Decimal
    side_setback_m: Decimal
    zones: tuple[ZoneShare, ...]  # largest share first
    straddles: bool
    deciding_zone: str

    @classmethod
    def from_json(cls, data: Any) -> ParcelRules:
        data = _object(data)
        setbacks = _object(data["setbacks_m"])
        straddles = data["straddles"]
        if not isinstance(straddles, bool):
            raise TypeError(f"straddles is not true or false: {straddles!r}")
        return cls(
            land_use=_text(data["land_use"]),
            land_use_title=_text(data["land_use_title"]),
            density_percent=_decimal(data["density_percent"]),
            coverage_percent=_decimal(data["coverage_percent"]),
            max_floors=_whole(data["max_floors"]),
            front_setback_m=_decimal(setbacks["front"]),
            back_setback_m=_decimal(setbacks["back"]),
            side_setback_m=_decimal(setbacks["side"]),
            zones=tuple(ZoneShare.from_json(z) for z in _list(data["zones"])),
            straddles=straddles,
            deciding_zone=_text(data["deciding_zone"]),
        )


@dataclass(frozen=True)
class ParcelSummary:
    renovation_code: str
    postal_code: str
    registration_plate: str
    address: str
    block: str
    land_area_m2: Decimal

    @classmethod
    def from_json(cls, data: Any) -> ParcelSummary:
        try:
            return cls(**_summary_fields(_object(data)))
        except (KeyError, ValueError, TypeError, InvalidOperation) as exc:
            raise ProtocolError(f"unexpected parcel: {exc}") from exc


def _summary_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "renovation_code": _text(data["renovation_code"]),
        "postal_code": _text(data["postal_code"]),
        "registration_plate": _text(data["registration_plate"]),
        "address": _text(data["address"]),
        "block": _text(data["block"]),
        "land_area_m2": _decimal(data["land_area_m2"]),
    }


@dataclass(frozen=True)
class Parcel(ParcelSummary):
    registry_section: str
    regional_value_rials: int | None  # P of the block in the server's current tariff book
    owners: tuple[Owner, ...]
    street_name: str
    street_width_m: Decimal
    street_edge: int  # edge i of the polygon runs from corner i to corner i + 1
    geometry: dict[str, Any]  # GeoJSON Polygon, WGS84 [lon, lat]
    rules: ParcelRules

    @property
    def max_footprint_m2(self) -> Decimal:
        """Land area × coverage, rounded half up to 0.01 m²."""
        return (self.land_area_m2 * self.rules.coverage_percent / 100).quantize(CENT, ROUND_HALF_UP)

    @property
    def max_gross_area_m2(self) -> Decimal:
        """Land area × density, rounded half up to 0.01 m²."""
        return (self.land_area_m2 * self.rules.density_percent / 100).quantize(CENT, ROUND_HALF_UP)

    @classmethod
    def from_json(cls, data: Any) -> Parcel:
        try:
            data = _object(data)
            street = _object(data["street"])
            geometry = _object(data["geometry"])
            if geometry.get("type") != "Polygon" or not isinstance(geometry.get("coordinates"), list):
                raise ValueError("the geometry is not a GeoJSON Polygon")
            p_value = data["regional_value_rials"]
            return cls(
                **_summary_fields(data),
                registry_section=_text(data["registry_section"]),
                regional_value_rials=_whole(p_value) if p_value is not None else None,
                owners=tuple(Owner.from_json(o) for o in _list(data["owners"])),
                street_name=_text(street["name"]),
                street_width_m=_decimal(street["width_m"]),
                street_edge=_whole(street["edge"]),
                geometry=geometry,
                rules=ParcelRules.from_json(data["rules"]),
            )
        except (KeyError, ValueError, TypeError, InvalidOperation) as exc:
            raise ProtocolError(f"unexpected parcel: {exc}") from exc


@dataclass(frozen=True)
class ParcelPage:
    items: tuple[ParcelSummary, ...]
    total: int
    page: int
    page_size: int

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParcelPage:
        items = data.get("items")
        if not isinstance(items, list):
            raise ProtocolError("the parcel list has no item list")
        try:
            total, page, size = _whole(data["total"]), _whole(data["page"]), _whole(data["page_size"])
        except (KeyError, TypeError) as exc:
            raise ProtocolError(f"unexpected parcel page: {exc}") from exc
        return cls(tuple(ParcelSummary.from_json(i) for i in items), total, page, size)

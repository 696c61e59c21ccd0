"""Bodies of the parcel endpoints (they make their part of the OpenAPI document)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

LandUse = Literal["residential", "commercial", "office", "industrial", "mixed", "green"]


class ParcelOwner(BaseModel):
    national_id: str = Field(description="کد ملی, 10 digits.")
    name: str
    share: str = Field(description="Share of the six dang (دانگ), e.g. 3/6.", examples=["6/6"])


class ParcelStreet(BaseModel):
    name: str
    width_m: float
    edge: int = Field(description="The polygon edge on the street: edge i runs from corner i to corner i + 1.")


class ParcelGeometry(BaseModel):
    type: Literal["Polygon"]
    coordinates: list[list[list[float]]] = Field(description="WGS84 [longitude, latitude]; the ring is closed.")


class Setbacks(BaseModel):
    front: float
    back: float
    side: float


class ZoneShare(BaseModel):
    code: str
    share: float = Field(description="The zone's share of the parcel's area, 4 decimals; the shares sum to 1.")


class ParcelRules(BaseModel):
    land_use: LandUse
    land_use_title: str = Field(description="The land use in Persian.")
    density_percent: float = Field(description="Floor area allowed, as a percentage of the land area (تراکم).")
    coverage_percent: float = Field(description="Footprint allowed, as a percentage of the land area (سطح اشغال).")
    max_floors: int
    setbacks_m: Setbacks
    zones: list[ZoneShare] = Field(description="Every zone the parcel overlaps, largest share first.")
    straddles: bool = Field(description="True when the parcel lies in more than one zone.")
    deciding_zone: str = Field(description="The zone of the largest share, whose rule applies.")


class ParcelSummary(BaseModel):
    renovation_code: str = Field(examples=["2-14-123-45-0-0"])
    postal_code: str
    registration_plate: str = Field(examples=["1234/56"])
    address: str
    block: str
    land_area_m2: float


class Parcel(ParcelSummary):
    registry_section: str
    regional_value_rials: int | None = Field(description="P of the parcel's block in the current tariff book.")
    owners: list[ParcelOwner]
    street: ParcelStreet
    geometry: ParcelGeometry
    rules: ParcelRules = Field(description="Derived from the zoning layer on every read; never stored per parcel.")


class ParcelPage(BaseModel):
    items: list[ParcelSummary]
    total: int
    page: int
    page_size: int

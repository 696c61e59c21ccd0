"""The zoning sheet «برگ ضوابط شهرسازی» of a parcel, as the parcel page prints it: `printing.model.ZoningSheet` filled
from the API's parcel (printing takes plain data, never API objects)."""

from __future__ import annotations

import datetime as dt

from civic.jalali import TEHRAN, to_jalali
from client_api.parcels import Parcel
from desktop.ui.parcel_facts import land_use_name
from printing.model import Parcel as SheetParcel
from printing.model import ZoningRules, ZoningSheet

MUNICIPALITY = "شهرداری همدان"  # printed on the sheet as the issuer, in Persian in both interface languages


def zoning_sheet(parcel: Parcel, *, training: bool, now: dt.datetime | None = None) -> ZoningSheet:
    """The printed zoning sheet of `parcel`. Its number is made here, once per print: «ZN-14050912-103512345»."""
    now = now or dt.datetime.now(dt.UTC)
    local = now.astimezone(TEHRAN)  # the number's date and time as the office reads them
    year, month, day = to_jalali(local.date())
    rules = parcel.rules
    land_use = rules.land_use_title or land_use_name(rules.land_use, rules.land_use_title)
    return ZoningSheet(
        number=f"ZN-{year}{month:02d}{day:02d}-{local:%H%M%S}{local.microsecond // 1000:03d}",
        issued_at=now,
        training=training,
        municipality=MUNICIPALITY,
        parcel=SheetParcel(
            renovation_code=parcel.renovation_code,
            registration_plate=parcel.registration_plate,
            registry_section=parcel.registry_section,
            address=parcel.address,
            land_area_m2=parcel.land_area_m2,
            land_use=f"{land_use} ({rules.deciding_zone})" if rules.deciding_zone else land_use,
        ),
        geometry=parcel.geometry,
        street_edge=parcel.street_edge,
        street_name=parcel.street_name,
        street_width_m=parcel.street_width_m,
        rules=ZoningRules(
            land_use=land_use,
            density_percent=rules.density_percent,
            coverage_percent=rules.coverage_percent,
            max_floors=rules.max_floors,
            front_setback_m=rules.front_setback_m,
            rear_setback_m=rules.back_setback_m,
            side_setback_m=rules.side_setback_m,
        ),
    )

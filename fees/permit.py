"""The fee case of a building-permit request: the request's building plus what the parcel and the day supply.

A permit request carries only the building part of a case (floors, parking, balcony, ...). The desktop's preview and
the server's assessment both complete it the same way, with this one function, so both compute the same case.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fees.errors import CaseError

# The case fields a building does not carry: they come from the request, the parcel and the day.
NOT_BUILDING_FIELDS = ("renovation_code", "date", "purpose", "land_area_m2")


def permit_case(building: dict[str, Any], renovation_code: str, land_area_m2: Decimal, date: str) -> dict[str, Any]:
    """The full case (JSON-ready) of a permit request: `{**building, renovation_code, purpose "permit",
    land_area_m2, date}`; `date` is Jalali YYYY/MM/DD, the day computed.

    The land area is written as text (the case schema reads numbers given as text exactly), so the dict can be
    sent as JSON without a float. A building that is not an object, or that names one of the fields it does not
    carry, is a CaseError naming that field (relative to the building). The rest is checked by `parse_case`.
    """
    if not isinstance(building, dict):
        raise CaseError("", "ساختمان باید یک شیء JSON باشد", "the building must be a JSON object")
    for key in NOT_BUILDING_FIELDS:
        if key in building:
            raise CaseError(
                key,
                "جزو مشخصات ساختمان نیست؛ از درخواست و ملک خوانده می‌شود",
                "is not part of the building; it comes from the request and the parcel",
            )
    if not isinstance(land_area_m2, Decimal) or not land_area_m2.is_finite():
        raise CaseError("land_area_m2", "مساحت عرصه باید عدد باشد", "the land area must be a number")
    return {
        **building,
        "renovation_code": renovation_code,
        "purpose": "permit",
        "land_area_m2": format(land_area_m2, "f"),
        "date": date,
    }

"""The fee cases behind the sample documents, assessed by the fee engine with the bundled, signed tariff books.

A case here is the JSON object `pishkhan fees preview CASE.json` reads (fees/README.md), so the figures a sample
prints can be checked against the command line on the very same case. The case is dated on the sample's day when a
bundled book is in force then; otherwise on the last day of the newest bundled book (a demo installation older than
its books still makes samples, and says which book it used).

Only the samples import `fees`; the document builders take plain data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from civic.jalali import to_jalali
from civic.text import to_persian_digits
from printing.model import Parcel


def case_date(on: dt.date) -> str:
    """The Jalali date («YYYY/MM/DD», ASCII digits) a sample's fee case carries."""
    from fees import bundled_books

    day = to_jalali(on)
    books = bundled_books()
    if not any(book.in_force(day) for book in books):
        day = max(book.effective_to for book in books)
    return "{:04d}/{:02d}/{:02d}".format(*day)


def permit_case(parcel: Parcel, *, on: dt.date) -> dict[str, Any]:
    """A two-storey single-family house on `parcel`: one parking space short (the municipality restricts parking
    access here), a 6 m² balcony and three unpaid years of renovation fee."""
    return {
        "renovation_code": parcel.renovation_code,
        "date": case_date(on),
        "purpose": "permit",
        "land_area_m2": str(parcel.land_area_m2),
        "parking_provided": 1,
        "parking_required": 2,
        "parking_exemption": "restricted",
        "balcony_area_m2": "6",
        "renovation_years": 3,
        "floors": [
            {"level": 0, "use": "residential", "area_m2": "90", "units": 1, "height_m": "3.2", "frontage_m": "12.4"},
            {"level": 1, "use": "residential", "area_m2": "110", "units": 0, "height_m": "3.2", "frontage_m": "12.4"},
        ],
    }


def permit_case_title(parcel: Parcel, *, on: dt.date) -> str:
    """What the permit case is, in words, from the case itself."""
    floors = permit_case(parcel, on=on)["floors"]
    area = sum(Decimal(floor["area_m2"]) for floor in floors)
    return (
        f"پروانه ساختمانی مسکونی تک‌واحدی، {to_persian_digits(len(floors))} طبقه، "
        f"{to_persian_digits(str(area))} متر مربع زیربنا"
    )


def transfer_case(parcel: Parcel, *, renovation_years: int, on: dt.date) -> dict[str, Any]:
    """A notary's transfer inquiry on `parcel` (as examples/case-transfer.json)."""
    return {
        "renovation_code": parcel.renovation_code,
        "date": case_date(on),
        "purpose": "transfer",
        "land_area_m2": str(parcel.land_area_m2),
        "renovation_years": renovation_years,
    }


def assess_case(case: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The assessment of `case` in the `--json` shape of `pishkhan fees preview`, and the title of the book used."""
    from fees import bundled_books, parse_case, select_book

    parsed = parse_case(case)
    book = select_book(bundled_books(), parsed.date)
    return book.evaluate(parsed).to_json_dict(), book.title


def permit_assessment(parcel: Parcel, *, on: dt.date) -> tuple[dict[str, Any], str]:
    return assess_case(permit_case(parcel, on=on))


def transfer_assessment(parcel: Parcel, *, renovation_years: int, on: dt.date) -> dict[str, Any]:
    return assess_case(transfer_case(parcel, renovation_years=renovation_years, on=on))[0]

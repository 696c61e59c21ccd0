"""The office's day list for the cashier's day close (cashier role only).

`GET /offices/{code}/day/{jalali date, YYYY-MM-DD}`: every transaction of the office on that business day, by id, in
the order they were made — payments that stand and voided ones alike (a void is never a delete) — with totals to the
rial: `paid` (the payments that stand), `voided`, and `by_kind` (what stands, by bill kind). A payment belongs to
the business day of its cashier session (sandbox/cashier_store.py). Another office's code is 403: an office sees its
own day only.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from civic.errors import CivicValueError
from civic.jalali import parse_jalali_date
from sandbox.auth import CurrentOperator
from sandbox.cashier_schemas import DayList
from sandbox.cashier_store import day_entry_json, totals_of
from sandbox.context import Context
from sandbox.problems import ProblemError, validation_failed
from sandbox.roles import CASHIER, require_roles
from sandbox.routes import problems

router = APIRouter(tags=["cashier"], dependencies=[require_roles(CASHIER)])
JALALI_DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


@router.get("/offices/{office_code}/day/{jalali_date}", response_model=DayList, responses=problems(401, 403, 422))
def day_list(
    office_code: Annotated[str, Path(max_length=40)],
    jalali_date: Annotated[str, Path(pattern=JALALI_DAY_PATTERN, description="A Jalali day, e.g. 1404-09-11.")],
    operator: CurrentOperator,
    ctx: Context,
) -> dict[str, Any]:
    """Every transaction of this office on a Jalali business day, by id, with totals."""
    if office_code != operator.office_code:
        raise ProblemError(403, "forbidden", "An office sees its own day list only.")
    try:
        parse_jalali_date(jalali_date)
    except CivicValueError as exc:
        raise validation_failed([{"field": "jalali_date", "message": exc.message("en")}]) from None
    day = jalali_date.replace("-", "/")
    with ctx.db.connect() as conn:
        rows = conn.execute(
            "SELECT * FROM payments WHERE office_code = ? AND business_date = ? ORDER BY paid_at, id",
            (office_code, day),
        ).fetchall()
        _, paid_rials, _, voided_rials, by_kind = totals_of(conn, rows)
        transactions = [day_entry_json(conn, r) for r in rows]
    return {
        "office_code": office_code,
        "date": jalali_date,
        "transactions": transactions,
        "totals": {"paid": paid_rials, "voided": voided_rials, "by_kind": by_kind},
    }

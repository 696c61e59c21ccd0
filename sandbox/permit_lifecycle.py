"""A permit request's lifecycle as the municipality's reviewer moves it, and the assessment made on the way.

draft → submitted → under_review → assessed → paid → issued → completed, or rejected (from submitted, under_review or
assessed) with reasons. A review moves a submitted request forward to any later status; every status it passes over
is written to the history too, at the same time, so the history always tells the whole way. On entering `assessed`
the fees are computed with the `fees` engine under the book in force that day (Tehran), from the request's building
and the parcel's land area, and stored; a request the engine cannot compute is rejected instead, with the engine's
reason. Used by `POST /review/permit-requests/{id}` and `pishkhan sandbox review`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from civic.jalali import today_jalali
from fees import permit_case
from fees.errors import FeesError
from sandbox.parcels import find_parcel
from sandbox.permit_store import LIFECYCLE, REJECTABLE, REJECTED, add_history, request_row
from sandbox.problems import ProblemError
from sandbox.tariff_routes import TariffShelf

ASSESSED = "assessed"
REVIEW_TARGETS = (*LIFECYCLE[2:], REJECTED)  # where a review may move a request
MAX_REASONS = 20
MAX_REASON_CHARS = 500
NO_BUILDING_FA = "درخواست مشخصات ساختمان را ندارد و عوارض آن محاسبه‌شدنی نیست."
NO_PARCEL_FA = "ملکی با این کد نوسازی در شهر نیست."


@dataclass(frozen=True)
class Review:
    """What a reviewer asks: the status to move to, an optional note, and the reasons of a rejection."""

    to: str
    note: str | None = None
    reasons: Sequence[str] = ()


def _invalid(field: str, message: str, detail: str, slug: str = "validation-failed") -> ProblemError:
    return ProblemError(422, slug, detail, errors=[{"field": field, "message": message}])


def _clean_reasons(reasons: Sequence[str]) -> list[str]:
    cleaned = [" ".join(reason.split()) for reason in reasons]
    if not cleaned or any(not reason for reason in cleaned):
        raise _invalid(
            "reasons", "At least one reason, none blank.", "A rejection needs its reasons.", "rejection-needs-reasons"
        )
    if len(cleaned) > MAX_REASONS or any(len(reason) > MAX_REASON_CHARS for reason in cleaned):
        raise _invalid("reasons", f"At most {MAX_REASONS} reasons of {MAX_REASON_CHARS} characters.", "Too long.")
    return cleaned


def check_review(current: str, review: Review) -> list[str]:
    """The statuses the review writes to the history, in order (skipped ones first), or a 422 problem."""
    if review.to not in REVIEW_TARGETS:
        raise _invalid("to", f"Must be one of: {', '.join(REVIEW_TARGETS)}.", "The requested status is not one.")
    if current == "draft":
        raise ProblemError(
            422, "permit-request-not-submitted", "The request is a draft: the counter has not submitted it yet."
        )
    if review.to == REJECTED:
        if current not in REJECTABLE:
            raise ProblemError(
                422,
                "transition-not-allowed",
                f"A request that is {current} can no longer be rejected (only {', '.join(REJECTABLE)}).",
                errors=[{"field": "to", "message": f"Not allowed from {current}."}],
            )
        return [REJECTED]
    if current == REJECTED or LIFECYCLE.index(review.to) <= LIFECYCLE.index(current):
        raise ProblemError(
            422,
            "transition-not-allowed",
            f"A request that is {current} cannot move to {review.to}: a review only moves a request forward.",
            errors=[{"field": "to", "message": f"Must come after {current} in the lifecycle."}],
        )
    return list(LIFECYCLE[LIFECYCLE.index(current) + 1 : LIFECYCLE.index(review.to) + 1])


def jalali_day(now: float) -> str:
    """The Jalali date (Tehran) of a Unix time, YYYY/MM/DD: the day an assessment is computed for."""
    return "{:04d}/{:02d}/{:02d}".format(*today_jalali(dt.datetime.fromtimestamp(now, dt.UTC)))


def assess_request(conn: sqlite3.Connection, row: sqlite3.Row, shelf: TariffShelf, now: float) -> dict[str, object]:
    """The assessment document of a request on the day of `now`; a FeesError (a CaseError, an EvaluationError, ...)
    when it cannot be computed, whose message is the reason."""
    if row["building"] is None:
        raise FeesError(NO_BUILDING_FA, "The request has no building to assess.")
    parcel = find_parcel(conn, row["renovation_code"])
    if parcel is None:
        raise FeesError(NO_PARCEL_FA, "No parcel with this renovation code.")
    case = permit_case(json.loads(row["building"]), row["renovation_code"], parcel.land_area_m2, jalali_day(now))
    return shelf.assess(json.dumps(case, ensure_ascii=False).encode("utf-8")).to_json_dict()


def store_assessment(conn: sqlite3.Connection, request_id: str, document: dict[str, object], now: float) -> None:
    total = document["total_rials"]
    assert isinstance(total, int)
    conn.execute(
        "INSERT OR REPLACE INTO permit_assessments (request_id, total_rials, document, computed_at)"
        " VALUES (?, ?, ?, ?)",
        (request_id, total, json.dumps(document, ensure_ascii=False), now),
    )


def store_rejection(conn: sqlite3.Connection, request_id: str, reasons: list[str], now: float) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO permit_rejections (request_id, reasons, at) VALUES (?, ?, ?)",
        (request_id, json.dumps(reasons, ensure_ascii=False), now),
    )


def apply_review(
    conn: sqlite3.Connection, row: sqlite3.Row, review: Review, shelf: TariffShelf, now: float
) -> sqlite3.Row:
    """Move the request (inside the caller's transaction) and return it as it is now."""
    steps = check_review(row["status"], review)
    reasons = _clean_reasons(review.reasons) if review.to == REJECTED else []
    note = " ".join(review.note.split()) if review.note and review.note.strip() else None
    rid = row["id"]
    final = steps[-1]
    for status in steps:
        if status == ASSESSED:
            try:
                store_assessment(conn, rid, assess_request(conn, row, shelf, now), now)
            except FeesError as exc:  # the engine's refusal (a CaseError, an EvaluationError) is the rejection's reason
                final, reasons = REJECTED, [exc.message("fa")]
                add_history(conn, rid, REJECTED, now, note or exc.message("en"))
                break
        add_history(conn, rid, status, now, note if status == final else None)
    if final == REJECTED:
        store_rejection(conn, rid, reasons, now)
    conn.execute("UPDATE permit_requests SET status = ? WHERE id = ?", (final, rid))
    moved = request_row(conn, rid)
    assert moved is not None
    return moved

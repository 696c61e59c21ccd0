"""The municipality's review of permit requests: `POST /review/permit-requests/{id}` (reviewer role).

The reviewer works for the municipality, so a request of any office may be reviewed; `id` is the request's UUID or
its tracking number. The move itself (lifecycle, skipped statuses, the assessment on entering `assessed`, rejection
reasons) is sandbox/permit_lifecycle.py, which `pishkhan sandbox review` uses too. Like every changing POST it runs
under an Idempotency-Key: a retry is answered with the first answer and never moves the request twice.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from sandbox.auth import CurrentOperator, Operator
from sandbox.context import Context
from sandbox.idempotency import IDEMPOTENCY_KEY_HEADER, idempotent
from sandbox.permit_lifecycle import Review, apply_review
from sandbox.permit_schemas import PermitRequest, ReviewIn
from sandbox.permit_store import find_request, full_json
from sandbox.problems import ProblemError
from sandbox.roles import require_roles
from sandbox.routes import problems
from sandbox.tariff_routes import Shelf

REVIEWER = "reviewer"
router = APIRouter(tags=["review"], dependencies=[require_roles(REVIEWER)])


def _reviewer(operator: Operator) -> None:
    if REVIEWER not in operator.roles:
        raise ProblemError(403, "forbidden", "Only the municipality's reviewer may review permit requests.")


@router.post(
    "/review/permit-requests/{request_id}",
    response_model=PermitRequest,
    responses=problems(400, 401, 403, 404, 409, 422),
    dependencies=[IDEMPOTENCY_KEY_HEADER],
)
async def review_permit_request(
    request: Request, request_id: str, body: ReviewIn, operator: CurrentOperator, ctx: Context, shelf: Shelf
) -> Response:
    """Move a submitted request forward (every status passed over is recorded too) or reject it with reasons.
    Entering `assessed` computes and stores the assessment; a building the fee engine cannot compute is rejected,
    with the engine's reason."""
    _reviewer(operator)
    review = Review(to=body.to, note=body.note, reasons=tuple(body.reasons))

    def write(conn: sqlite3.Connection) -> tuple[int, dict[str, Any]]:
        row = find_request(conn, request_id)
        if row is None:
            raise ProblemError(404, "permit-request-not-found", "No permit request with this id or tracking number.")
        return 200, full_json(conn, apply_review(conn, row, review, shelf, ctx.now()))

    return await idempotent(request, operator.scope, write)

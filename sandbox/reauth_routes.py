"""`POST /auth/reauthenticate`: the signed-in operator's password checked again, to unlock an idle-locked desk.

The desk sends the password with the session's own access token. The answer is 204 when it is the operator's
password; a wrong one is 401 `invalid-credentials` and counts toward the same lock-out as a failed sign-in (by
username and by client address: sandbox/auth.py), so a locked desk is no way around it; a locked-out operator
gets 429. A stale or revoked access token is refused (401 `unauthorized` / `token-expired`) before the password
is looked at, so the desk can tell a wrong password from a session to refresh.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from sandbox import auth
from sandbox.auth import CurrentOperator
from sandbox.context import Context
from sandbox.routes import problems
from sandbox.schemas import NO_NUL

router = APIRouter(tags=["auth"])


class Reauthenticate(BaseModel):
    password: str = Field(min_length=1, max_length=256, json_schema_extra={"pattern": NO_NUL})


@router.post(
    "/auth/reauthenticate",
    status_code=204,
    response_class=Response,
    responses=problems(401, 422, 429),
)
def reauthenticate(body: Reauthenticate, operator: CurrentOperator, ctx: Context, request: Request) -> Response:
    # the same check, and the same counting, as a sign-in: for this operator at the office of this session
    address = auth.client_address(request)
    auth.check_credentials(ctx, operator.username, body.password, operator.office_code, address)
    return Response(status_code=204)

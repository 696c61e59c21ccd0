"""The cashier's bill lookup and cashier sessions (cashier role only; everyone else gets 403).

- `GET /bills?national_id=|renovation_code=|bill_id=[&payment_id=]`: bills by exactly one key (a bill id with or
  without its payment id); an id with a wrong check digit is a 422 naming `bill_id` or `payment_id` and the check.
- `PUT /cashier-sessions/{id}` opens a session under the client's UUID with its float; the same body again answers
  it as it is now (200); another body for the same id is 422 `cashier-session-exists`; a second open session of the
  same operator is 409 `cashier-session-open`, naming the open one. `GET /cashier-sessions/{id}` (the office's),
  `GET /cashier-sessions?status=open|closed` (the operator's own, newest first).
- `POST /cashier-sessions/{id}/close` with the counted totals and a decision for each payment the counter holds in
  doubt: the closed session with its totals; the same body again is the same answer; another body for a closed
  session is 409 `cashier-session-closed`.
Every changing call goes through the idempotency store (sandbox/idempotency.py).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from civic.bills import BillIdError, parse_bill_id, parse_payment_id
from civic.errors import CivicValueError
from civic.ids import national_id as parse_national_id
from fees.errors import CaseError
from fees.fields import renovation_code as parse_renovation_code
from sandbox.auth import CurrentOperator, Operator
from sandbox.bills_store import bill_json, bills_by_id, bills_of_parcel, bills_of_payer
from sandbox.case_schema import CODE_PATTERN
from sandbox.cashier_schemas import BillList, CashierSession, CashierSessionIn, CashierSessionList, CloseIn
from sandbox.cashier_store import business_date, session_json, session_row
from sandbox.context import Context
from sandbox.db import transaction
from sandbox.idempotency import IDEMPOTENCY_KEY_HEADER, idempotent, resource_id
from sandbox.permit_bills import sync_permit_bills
from sandbox.problems import ProblemError, validation_failed
from sandbox.roles import CASHIER, require_roles
from sandbox.routes import UUID_PATH, problems

router = APIRouter(tags=["cashier"], dependencies=[require_roles(CASHIER)])
CONFLICT = 409  # a state that forbids the call (a closed session, a paid bill): the contract's status
LIST_LIMIT = 50
_ID_QUERY: dict[str, Any] = {"min_length": 1, "max_length": 40}


def _invalid(field: str, message: str) -> ProblemError:
    return validation_failed([{"field": field, "message": message}])


def _bill_id_error(exc: BillIdError) -> ProblemError:
    return _invalid(exc.field, exc.message("en"))


@router.get("/bills", response_model=BillList, responses=problems(401, 403))
def get_bills(
    operator: CurrentOperator,
    ctx: Context,
    national_id: Annotated[str | None, Query(**_ID_QUERY, description="The payer's national ID.")] = None,
    renovation_code: Annotated[
        str | None, Query(json_schema_extra={"pattern": CODE_PATTERN}, description="A parcel's renovation code.")
    ] = None,
    bill_id: Annotated[str | None, Query(**_ID_QUERY, description="شناسه قبض (check digit checked).")] = None,
    payment_id: Annotated[str | None, Query(**_ID_QUERY, description="شناسه پرداخت, with bill_id.")] = None,
) -> dict[str, Any]:
    """Bills (paid or not) by exactly one key: a payer's national ID, a parcel's renovation code, or a bill id
    (with its payment id: that one bill)."""
    keys = [name for name, value in (("national_id", national_id), ("renovation_code", renovation_code),
                                     ("bill_id", bill_id)) if value is not None]  # fmt: skip
    if payment_id is not None and bill_id is None:
        raise _invalid("bill_id", "A payment id is looked up with its bill id.")
    if len(keys) != 1:
        raise _invalid(
            keys[1] if len(keys) > 1 else "",
            "Give exactly one of national_id, renovation_code or bill_id (with payment_id).",
        )
    with ctx.db.connect() as conn:
        with transaction(conn):
            sync_permit_bills(conn)  # an assessed permit request is a bill from now on
        if national_id is not None:
            try:
                rows = bills_of_payer(conn, parse_national_id(national_id))
            except CivicValueError as exc:
                raise _invalid("national_id", exc.message("en")) from None
        elif renovation_code is not None:
            try:
                code = parse_renovation_code(renovation_code)[0]
            except CaseError as exc:
                raise _invalid("renovation_code", exc.reason_en) from None
            rows = bills_of_parcel(conn, code)
        else:
            assert bill_id is not None
            try:
                bill = parse_bill_id(bill_id)
                pay = parse_payment_id(payment_id, bill) if payment_id is not None else None
            except BillIdError as exc:
                raise _bill_id_error(exc) from None
            rows = bills_by_id(conn, bill, pay)
    return {"items": [bill_json(r) for r in rows]}


def _own_session(conn: sqlite3.Connection, operator: Operator, session_id: str) -> sqlite3.Row:
    row = session_row(conn, session_id)
    if row is None or row["office_code"] != operator.office_code:
        raise ProblemError(404, "cashier-session-not-found", "No cashier session with this id exists for this office.")
    return row


_CHANGES = problems(400, 401, 403, 404, 409, 422)
SessionId = Annotated[str, Path(**UUID_PATH)]
KEYED = IDEMPOTENCY_KEY_HEADER


@router.put(
    "/cashier-sessions/{session_id}",
    response_model=CashierSession,
    responses={201: {"model": CashierSession, "description": "Opened under the client's id."}, **_CHANGES},
    dependencies=[KEYED],
)
async def put_cashier_session(
    request: Request, session_id: SessionId, body: CashierSessionIn, operator: CurrentOperator, ctx: Context
) -> Response:
    """Open a cashier session with its float (201); the same body again answers it as it is now (200)."""
    sid = resource_id(session_id)

    def write(conn: sqlite3.Connection) -> tuple[int, dict[str, Any]]:
        existing = session_row(conn, sid)
        if existing is not None:
            same = (existing["office_code"], existing["username"], existing["float_rials"]) == (
                *operator.scope,
                body.float_rials,
            )
            if not same:
                raise ProblemError(
                    422,
                    "cashier-session-exists",
                    "A cashier session with this id already exists with another float or operator; a new session"
                    " needs a new id.",
                    errors=[{"field": "id", "message": "Already used for another session."}],
                )
            return 200, session_json(conn, existing)
        open_row = conn.execute(
            "SELECT id FROM cashier_sessions WHERE office_code = ? AND username = ? AND status = 'open'",
            operator.scope,
        ).fetchone()
        if open_row is not None:
            raise ProblemError(
                CONFLICT,
                "cashier-session-open",
                f"This operator already has an open cashier session: {open_row['id']}. Close it first.",
                errors=[{"field": "id", "message": f"Open session: {open_row['id']}"}],
            )
        now = ctx.now()
        conn.execute(
            "INSERT INTO cashier_sessions (id, office_code, username, terminal_id, float_rials, opened_at,"
            " business_date, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'open')",
            (sid, *operator.scope, operator.terminal_id, body.float_rials, now, business_date(now)),
        )
        return 201, session_json(conn, _own_session(conn, operator, sid))

    return await idempotent(request, operator.scope, write)


@router.get("/cashier-sessions/{session_id}", response_model=CashierSession, responses=problems(401, 403, 404))
def get_cashier_session(session_id: SessionId, operator: CurrentOperator, ctx: Context) -> dict[str, Any]:
    """One cashier session of this office, with its totals."""
    sid = resource_id(session_id)
    with ctx.db.connect() as conn:
        return session_json(conn, _own_session(conn, operator, sid))


@router.get("/cashier-sessions", response_model=CashierSessionList, responses=problems(401, 403))
def list_cashier_sessions(
    operator: CurrentOperator,
    ctx: Context,
    status: Annotated[str | None, Query(json_schema_extra={"enum": ["open", "closed"]})] = None,
) -> dict[str, Any]:
    """The operator's own sessions, newest first (the last 50), optionally only the open or the closed ones."""
    if status is not None and status not in ("open", "closed"):
        raise _invalid("status", "Must be open or closed.")
    where, params = "office_code = ? AND username = ?", list(operator.scope)
    if status is not None:
        where += " AND status = ?"
        params.append(status)
    with ctx.db.connect() as conn:
        rows = conn.execute(
            f"SELECT * FROM cashier_sessions WHERE {where} ORDER BY opened_at DESC, id LIMIT ?", (*params, LIST_LIMIT)
        ).fetchall()
        return {"items": [session_json(conn, r) for r in rows]}


def _close_digest(body: CloseIn) -> str:
    return hashlib.sha256(json.dumps(body.model_dump(), sort_keys=True).encode("utf-8")).hexdigest()


@router.post(
    "/cashier-sessions/{session_id}/close", response_model=CashierSession, responses=_CHANGES, dependencies=[KEYED]
)
async def close_cashier_session(
    request: Request, session_id: SessionId, body: CloseIn, operator: CurrentOperator, ctx: Context
) -> Response:
    """Close the operator's session with what was counted and a decision (with a reason) for each payment the
    counter holds in doubt; answers the closed session with its totals and differences."""
    sid = resource_id(session_id)
    digest = _close_digest(body)

    def write(conn: sqlite3.Connection) -> tuple[int, dict[str, Any]]:
        row = _own_session(conn, operator, sid)
        if row["username"] != operator.username:
            raise ProblemError(CONFLICT, "cashier-session-not-yours", "This cashier session is another operator's.")
        if row["status"] == "closed":
            if row["close_sha256"] == digest:
                return 200, session_json(conn, row)
            raise ProblemError(CONFLICT, "cashier-session-closed", "The cashier session is closed.")
        seen: set[str] = set()
        for i, decision in enumerate(body.decisions):
            key = decision.payment_id.lower()
            if key in seen:
                raise _invalid(f"decisions[{i}].payment_id", "One decision per payment.")
            seen.add(key)
        counted = {
            "card_rials": body.counted_card_rials,
            "cash_rials": body.counted_cash_rials,
            "decisions": [{**d.model_dump(), "payment_id": d.payment_id.lower()} for d in body.decisions],
            "note": body.note,
        }
        conn.execute(
            "UPDATE cashier_sessions SET status = 'closed', closed_at = ?, counted = ?, close_sha256 = ? WHERE id = ?",
            (ctx.now(), json.dumps(counted, ensure_ascii=False), digest, sid),
        )
        return 200, session_json(conn, _own_session(conn, operator, sid))

    return await idempotent(request, operator.scope, write)

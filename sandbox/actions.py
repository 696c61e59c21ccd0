"""What became of an action, by its idempotency key; and the training-only ledger and fault counts.

`GET /actions/{key}` is part of the API contract: a client whose key has outlived the server's key lifetime asks
here instead of sending the action again (a server that kept no log could apply a late resend twice). It answers
from the `actions` log, which keeps every outcome the idempotency store recorded (sandbox/idempotency.py).

`/training/...` exists only in the sandbox: the server ledger (how many times each key was applied) and the counts
of injected faults, for soak tests and for showing operators in training what the counter sent.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from sandbox.auth import CurrentOperator
from sandbox.context import Context
from sandbox.faults import injected_counts
from sandbox.idempotency import parse_key
from sandbox.problems import ProblemError
from sandbox.routes import UUID_PATH, problems
from sandbox.settings import iso_utc

router = APIRouter()


class ActionRecord(BaseModel):
    idempotency_key: str
    method: str
    path: str
    status: int = Field(description="The HTTP status the action was answered with when it was handled.")
    recorded_at: str = Field(description="UTC, ISO-8601 with a Z.")
    media_type: str
    response: Any = Field(description="The body of that answer (JSON): the created resource, or a problem.")
    journal_head: str | None = Field(
        default=None,
        description="The `Journal-Head` the action was sent with (`<sequence>:<sha256>`: the client's journal head "
        "when the action was confirmed); null if it carried none.",
    )


class LedgerItem(BaseModel):
    idempotency_key: str
    applied: int = Field(description="How many times the action took effect (a success status); never above 1.")
    outcomes: int = Field(description="How many outcomes were recorded for the key (errors included).")
    first_status: int
    first_recorded_at: str


class Ledger(BaseModel):
    environment: str = "training"
    office_code: str
    username: str
    items: list[LedgerItem]


class FaultCounts(BaseModel):
    environment: str = "training"
    spec: str | None = Field(description="The fault SPEC this server runs with, canonical form; null for none.")
    injected: dict[str, int] = Field(description="Faults injected per kind since the data folder was made.")


def _key_from_path(raw: str) -> str:
    try:
        return parse_key(raw)
    except ProblemError:
        raise ProblemError(
            400,
            "invalid-idempotency-key",
            "The key in the address is not a UUID.",
            errors=[{"field": "key", "message": "Must be the UUID the action was sent with."}],
        ) from None


@router.get("/actions/{key}", response_model=ActionRecord, tags=["actions"], responses=problems(400, 404))
def action_by_key(key: Annotated[str, Path(**UUID_PATH)], operator: CurrentOperator, ctx: Context) -> dict[str, Any]:
    """The recorded outcome of the operator's action sent with this Idempotency-Key; 404 if none was recorded."""
    canonical = _key_from_path(key)
    with ctx.db.connect() as conn:
        row = conn.execute(
            "SELECT key, method, path, status, media_type, body, created_at, journal_head FROM actions"
            " WHERE office_code = ? AND username = ? AND key = ? ORDER BY id DESC LIMIT 1",
            (*operator.scope, canonical),
        ).fetchone()
    if row is None:
        raise ProblemError(
            404, "action-not-found", "No action with this key was ever handled for this operator: it was not applied."
        )
    try:
        response = json.loads(bytes(row["body"]))
    except ValueError:
        response = None
    return {
        "idempotency_key": row["key"],
        "method": row["method"],
        "path": row["path"],
        "status": row["status"],
        "recorded_at": iso_utc(row["created_at"]),
        "media_type": row["media_type"],
        "response": response,
        "journal_head": row["journal_head"],
    }


@router.get("/training/ledger", response_model=Ledger, tags=["training"])
def training_ledger(operator: CurrentOperator, ctx: Context) -> dict[str, Any]:
    """Training data only: every key of the operator the server handled, and how many times each took effect."""
    with ctx.db.connect() as conn:
        rows = conn.execute(
            "SELECT key, SUM(status < 400) AS applied, COUNT(*) AS outcomes, MIN(id) AS first_id FROM actions"
            " WHERE office_code = ? AND username = ? GROUP BY key ORDER BY first_id",
            operator.scope,
        ).fetchall()
        firsts = {
            row["id"]: row
            for row in conn.execute(
                "SELECT id, status, created_at FROM actions WHERE office_code = ? AND username = ?", operator.scope
            )
        }
    items = [
        {
            "idempotency_key": row["key"],
            "applied": row["applied"],
            "outcomes": row["outcomes"],
            "first_status": firsts[row["first_id"]]["status"],
            "first_recorded_at": iso_utc(firsts[row["first_id"]]["created_at"]),
        }
        for row in rows
    ]
    return {"office_code": operator.office_code, "username": operator.username, "items": items}


@router.get("/training/faults", response_model=FaultCounts, tags=["training"])
def training_faults(ctx: Context) -> dict[str, Any]:
    """Training data only: the faults this sandbox injected (`--faults`), counted per kind."""
    spec = ctx.settings.faults
    return {"spec": spec.describe() if spec is not None else None, "injected": injected_counts(ctx.db)}

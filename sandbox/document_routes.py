"""Issued documents by number, the keys they are sealed with, and the signed list of the revoked ones.

- `GET /documents/{number}`: any signed-in operator may fetch a document a citizen brings, to compare it with the
  paper (the number is printed on it); 404 when the municipality issued none by that number.
- `GET /keys`: the trust list (resources/trust/keys.json), public: a desk refreshes it before anyone signs in.
- `GET /revocations`: the revocation list (civic/revocation.py), public, made fresh on each call from the revoked
  documents and signed with the sandbox's document key; a client trusts it for `max_age_s` (24 hours).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path
from starlette.responses import Response

from civic.files import read_bounded
from civic.keys import TRAINING_KEY_ID
from civic.resources import resource_path
from civic.revocation import Revocation, sign_revocation_list
from civic.text import normalize_digits
from sandbox.auth import CurrentOperator
from sandbox.context import Context
from sandbox.documents import get_document, revoked_documents, signing_key
from sandbox.inquiry_schemas import IssuedDocument, RevocationList, TrustedKey
from sandbox.problems import ProblemError, json_response
from sandbox.routes import problems

router = APIRouter(tags=["documents"])
REVOCATION_MAX_AGE = dt.timedelta(hours=24)
MAX_TRUST_LIST_BYTES = 1_000_000
MAX_NUMBER = 40


@router.get("/documents/{number}", response_model=IssuedDocument, responses=problems(401, 404))
def get_issued_document(
    number: Annotated[str, Path(examples=["IR-1405-000001"])], operator: CurrentOperator, ctx: Context
) -> Response:
    """The document with this number as issued: its content, seal, expiry and revocation (a number typed in lower
    case or with Persian digits is read as printed)."""
    wanted = normalize_digits(number).strip().upper()
    with ctx.db.connect() as conn:
        document = get_document(conn, wanted) if 0 < len(wanted) <= MAX_NUMBER else None
    if document is None:
        raise ProblemError(404, "document-not-found", "The municipality issued no document with this number.")
    return json_response(200, document.as_json())


@router.get("/keys", response_model=list[TrustedKey])
def trust_list() -> Response:
    """The keys the municipality seals documents and signs tariff books with (the client's trust list format)."""
    data = read_bounded(resource_path("trust", "keys.json"), MAX_TRUST_LIST_BYTES)
    return Response(content=data, media_type="application/json")


@router.get("/revocations", response_model=RevocationList)
def revocation_list(ctx: Context) -> Response:
    """Every revoked document, signed now; valid for `max_age_s` seconds after `issued_at`."""
    with ctx.db.connect() as conn:
        revoked = revoked_documents(conn)
    entries = [
        Revocation(doc.number, dt.datetime.fromtimestamp(int(doc.revoked_at or 0), dt.UTC), doc.revoke_reason or "")
        for doc in revoked
    ]
    signed = sign_revocation_list(
        entries,
        issued_at=dt.datetime.fromtimestamp(int(ctx.now()), dt.UTC),
        max_age=REVOCATION_MAX_AGE,
        key_id=TRAINING_KEY_ID,
        private_key=signing_key(),
    )
    return json_response(200, signed)

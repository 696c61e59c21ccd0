"""One answer for a scanned document: its seal (civic.seal_scan) and whether it has been revoked (civic.revocation).

The seal says who issued the document and that it is unchanged; only the revocation list says it still stands. So a
genuine, unexpired seal reads «genuine» only when a revocation list that is not older than its maximum age does not
name the document. With no list, or a stale one that does not name it, the answer is UNCONFIRMED: the signature is
genuine, but whether the document was revoked cannot be told. A list names a revoked document for good (a revocation
is never withdrawn), so a stale list that names it still says «revoked». The municipality's own record, fetched
online, may say «revoked» before the next list does (`with_record_revocation`).

No network, no Qt: the desktop page and `pishkhan verify` share this.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from civic.jalali import TEHRAN
from civic.keys import TrustList
from civic.revocation import Revocation, RevocationList
from civic.seal import SealPayload, tehran_today
from civic.seal_scan import DAMAGED, EMPTY, EXPIRED, FORGED, GENUINE, NOT_A_SEAL, UNKNOWN_ISSUER, SealCheck, check_scan

REVOKED = "revoked"
UNCONFIRMED = "unconfirmed"  # genuine and unexpired, but whether it was revoked cannot be told
VERDICTS = (GENUINE, UNCONFIRMED, EXPIRED, REVOKED, FORGED, UNKNOWN_ISSUER, DAMAGED, NOT_A_SEAL, EMPTY)

# how the revocation of a genuine document was checked
LIST_CURRENT = "current"  # against a list within its maximum age
LIST_STALE = "stale"  # against a list older than its maximum age
LIST_MISSING = "missing"  # there is no usable list
FROM_RECORD = "record"  # the municipality's record of the document, fetched online, says it is revoked


@dataclass(frozen=True)
class DocumentCheck:
    verdict: str  # one of VERDICTS
    seal: SealCheck
    revocation: Revocation | None = None  # REVOKED: when and why
    revocation_check: str = LIST_MISSING  # LIST_CURRENT, LIST_STALE, LIST_MISSING or FROM_RECORD
    revocations: RevocationList | None = None  # the list it was checked against, if any

    @property
    def payload(self) -> SealPayload | None:
        """The verified payload (genuine, unconfirmed, expired, revoked), never a forged one's claim."""
        return self.seal.payload

    @property
    def valid(self) -> bool:
        """Genuine, unexpired, and known not to be revoked (a training document counts: it is marked separately)."""
        return self.verdict == GENUINE


def revocation_state(revocations: RevocationList | None, now: dt.datetime) -> str:
    if revocations is None:
        return LIST_MISSING
    return LIST_STALE if revocations.is_stale(now) else LIST_CURRENT


def _in_force(revocation: Revocation, today: dt.date) -> bool:
    """A revocation counts from the day it was made (Tehran), so checking as of an earlier date does not see it."""
    return revocation.revoked_at.astimezone(TEHRAN).date() <= today


def check_document(
    raw: str,
    trust: TrustList,
    revocations: RevocationList | None,
    *,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
) -> DocumentCheck:
    """The verdict on a scanned or pasted seal: checked against `trust`, then against `revocations`.

    `now` (aware) is the instant the list's age is judged at; `today` the date expiry is checked on (Tehran's today
    by default). A revocation made after `today` does not count.
    """
    now = now or dt.datetime.now(dt.UTC)
    today = today or tehran_today()
    seal = check_scan(raw, trust, today=today)
    state = revocation_state(revocations, now)
    if seal.verdict not in (GENUINE, EXPIRED) or seal.payload is None:
        return DocumentCheck(seal.verdict, seal, revocation_check=state, revocations=revocations)
    found = revocations.revoked(seal.payload.number) if revocations is not None else None
    if found is not None and _in_force(found, today):
        return DocumentCheck(REVOKED, seal, found, state, revocations)
    if seal.verdict == EXPIRED:
        return DocumentCheck(EXPIRED, seal, revocation_check=state, revocations=revocations)
    verdict = GENUINE if state == LIST_CURRENT else UNCONFIRMED
    return DocumentCheck(verdict, seal, revocation_check=state, revocations=revocations)


def with_record_revocation(check: DocumentCheck, revocation: Revocation) -> DocumentCheck:
    """`check` once the municipality's record (fetched online) says the document is revoked: a genuine, unconfirmed
    or expired document reads revoked; any other verdict stands (a forged seal's number proves nothing)."""
    if check.verdict not in (GENUINE, UNCONFIRMED, EXPIRED):
        return check
    return dataclasses.replace(check, verdict=REVOKED, revocation=revocation, revocation_check=FROM_RECORD)


__all__ = [
    "DAMAGED",
    "EMPTY",
    "EXPIRED",
    "FORGED",
    "FROM_RECORD",
    "GENUINE",
    "LIST_CURRENT",
    "LIST_MISSING",
    "LIST_STALE",
    "NOT_A_SEAL",
    "REVOKED",
    "UNCONFIRMED",
    "UNKNOWN_ISSUER",
    "VERDICTS",
    "DocumentCheck",
    "check_document",
    "revocation_state",
    "with_record_revocation",
]

"""Who may call what. An endpoint that belongs to some roles declares `dependencies=[require_roles(...)]`: the check
runs with the bearer-token check, before the request's parameters and body are validated, so an operator without
the role learns nothing about the endpoint but 403 (and a client without a token nothing but 401).

The roles (sandbox/seed.py gives each demo operator theirs): `counter` files citizens' requests and reads parcels;
`cashier` takes payments and may preview fees; `notary` answers inquiries and reads parcels; `reviewer` works for
the municipality and moves permit requests on. Endpoints without a role list are open to every signed-in operator
(their own profile, notes and actions) or public (health, tariff books, the training fault counts).
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends

from sandbox.auth import CurrentOperator
from sandbox.problems import ProblemError

COUNTER = "counter"
CASHIER = "cashier"
NOTARY = "notary"
REVIEWER = "reviewer"
ROLES = (COUNTER, CASHIER, NOTARY, REVIEWER)


def forbidden(allowed: frozenset[str]) -> ProblemError:
    names = ", ".join(role for role in ROLES if role in allowed)
    return ProblemError(403, "forbidden", f"This needs one of these roles: {names}.")


def require_roles(*roles: str) -> Any:
    """A route dependency: the signed-in operator has at least one of `roles`, or the answer is a 403 problem."""
    unknown = set(roles) - set(ROLES)
    if not roles or unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}" if unknown else "at least one role is needed")
    allowed = frozenset(roles)

    def check(operator: CurrentOperator) -> None:
        if allowed.isdisjoint(operator.roles):
            raise forbidden(allowed)

    return Depends(check)

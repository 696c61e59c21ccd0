"""Requests for the cashier's operations that counter1 (counter and cashier) gets a 2xx for, made on a test's fresh
sandbox (tests/sandbox/test_roles.py): what each needs to exist first — an open cashier session, a payment — is made
as counter1. Bills are taken from the seeded demo bills, one unpaid bill per payment, in the city's order."""

from __future__ import annotations

import uuid
from typing import Any, Protocol

from sandbox.bills_seed import demo_bills
from sandbox.city import DEMO_PARCEL

PREFIX = "/api/v1"
ACCESS = {
    ("GET", "/bills"): frozenset({"cashier"}),
    ("GET", "/cashier-sessions"): frozenset({"cashier"}),
    ("GET", "/cashier-sessions/{session_id}"): frozenset({"cashier"}),
    ("PUT", "/cashier-sessions/{session_id}"): frozenset({"cashier"}),
    ("POST", "/cashier-sessions/{session_id}/close"): frozenset({"cashier"}),
    ("GET", "/payments/{payment_id}"): frozenset({"cashier"}),
    ("PUT", "/payments/{payment_id}"): frozenset({"cashier"}),
    ("POST", "/payments/{payment_id}/void"): frozenset({"cashier"}),
    ("GET", "/offices/{office_code}/day/{jalali_date}"): frozenset({"cashier"}),
}
CLOSE = {"counted_card_rials": 0, "counted_cash_rials": 0, "decisions": [], "note": ""}


class WorldLike(Protocol):
    client: Any

    def bearer(self, caller: str, *, fresh: bool = False) -> dict[str, str]: ...

    def send(self, method: str, path: str, caller: str = "counter1", body: Any = None) -> Any: ...


def is_cashier_operation(template: str) -> bool:
    return template.startswith(("/bills", "/cashier-sessions", "/payments/", "/offices/"))


def _open_session(world: WorldLike) -> str:
    answer = world.client.get(f"{PREFIX}/cashier-sessions?status=open", headers=world.bearer("counter1"))
    items = answer.json()["items"]
    if items:
        return str(items[0]["id"])
    session_id = str(uuid.uuid4())
    world.send("PUT", f"/cashier-sessions/{session_id}", body={"float_rials": 0})
    return session_id


def payment_body(world: WorldLike) -> dict[str, Any]:
    """A payment of the next bill no call has paid yet, in counter1's open session."""
    used: int = getattr(world, "_bills_used", 0)
    bill = demo_bills()[used]
    world._bills_used = used + 1  # type: ignore[attr-defined]
    return {
        "cashier_session_id": _open_session(world),
        "bills": [{"bill_id": bill.bill_id, "payment_id": bill.payment_id}],
        "amount_rials": bill.amount_rials,
        "method": "card",
        "rrn": "405900000001",
        "trace": "000001",
        "card_mask": "610433******1234",
        "payer_name": bill.payer_name,
        "payer_national_id": bill.payer_national_id,
    }


def _payment(world: WorldLike) -> str:
    payment_id = str(uuid.uuid4())
    world.send("PUT", f"/payments/{payment_id}", body=payment_body(world))
    return payment_id


def cashier_call(world: WorldLike, method: str, template: str) -> tuple[str, Any]:
    """(path, body) of a call to a cashier operation that counter1 gets a 2xx for."""
    if template == "/bills":
        return f"/bills?renovation_code={DEMO_PARCEL}", None
    if template == "/cashier-sessions":
        return "/cashier-sessions?status=open", None
    if template == "/cashier-sessions/{session_id}":
        if method == "GET":
            return f"/cashier-sessions/{_open_session(world)}", None
        open_id = _open_session(world)  # one open session per operator: close the one there is
        world.send("POST", f"/cashier-sessions/{open_id}/close", body=CLOSE)
        return f"/cashier-sessions/{uuid.uuid4()}", {"float_rials": 500_000}
    if template == "/cashier-sessions/{session_id}/close":
        return f"/cashier-sessions/{_open_session(world)}/close", CLOSE
    if template == "/payments/{payment_id}":
        if method == "GET":
            return f"/payments/{_payment(world)}", None
        return f"/payments/{uuid.uuid4()}", payment_body(world)
    if template == "/payments/{payment_id}/void":
        return f"/payments/{_payment(world)}/void", {"reason": "آزمون نقش‌ها"}
    if template == "/offices/{office_code}/day/{jalali_date}":
        return "/offices/PK-1001/day/1404-09-11", None
    raise AssertionError(f"no request is made for {method} {template}")

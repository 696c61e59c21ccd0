"""The counter's record of a cashier session, read from the outbox, and its reconciliation with the municipality.

The outbox is the counter's record: every payment and void is one action under a UUID the client made, kept with its
exact body and, once the server answered, its answer; rows are never deleted (client_api/outbox.py). So the counter
knows, per payment id, what it sent, in which session, whether the server answered, and the receipt the server issued.

`reconcile` sets that record beside the municipality's day list (`GET /offices/{code}/day/{date}`) per transaction id:
- matched: both sides have it with the same status and amount;
- missing on the server: the server answered the counter, but its list lacks it (or lacks the counter's void);
- unknown to the counter: the server lists it (in this session) and the counter has no record of it (or of its void);
- in doubt: the counter sent it and has no answer yet; the operator decides at the close, with a reason.
Nothing is netted away: each transaction is in exactly one group, and the totals say, to the rial, how the difference
between the two sides is made of these groups. Nothing is reversed automatically.

This module is Qt-free: the pages read it (desktop/ui/cashier_*.py, desktop/ui/day_close_*.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from civic.text import digits_only
from client_api import actions
from client_api.cashier import PAID, VOIDED, DayList, Payment
from client_api.errors import ProtocolError
from client_api.outbox import WAITING_STATES, OutboxEntry, State
from printing.model import IN_DOUBT, MATCHED, MISSING_ON_SERVER, UNKNOWN_TO_COUNTER

RRN_DIGITS, TRACE_DIGITS = 12, 6
_CARD_MASK_CHARS = frozenset("0123456789*")


def _json(body: bytes | None) -> dict[str, object]:
    try:
        value = json.loads(body or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def payment_id_of(entry: OutboxEntry) -> str | None:
    """The payment a payment or void action addresses (the UUID in its path)."""
    parts = entry.path.strip("/").split("/")
    if len(parts) >= 2 and parts[0] == "payments":
        return parts[1]
    return None


def session_id_of(entry: OutboxEntry) -> str | None:
    """The cashier session a session action addresses, or a payment action names in its body."""
    if entry.kind == actions.PAYMENT:
        value = _json(entry.body).get("cashier_session_id")
        return str(value) if isinstance(value, str) else None
    parts = entry.path.strip("/").split("/")
    if len(parts) >= 2 and parts[0] == "cashier-sessions":
        return parts[1]
    return None


def answered_payment(entry: OutboxEntry) -> Payment | None:
    """The payment as the server answered a payment or void action (None before an answer, or for a refusal)."""
    if entry.state is not State.DONE or entry.response_body is None:
        return None
    try:
        return Payment.from_json(json.loads(entry.response_body))
    except (ValueError, ProtocolError):
        return None


def problem_detail(entry: OutboxEntry) -> str:
    """The server's own sentence for a refused action (its problem document's `detail`), or ""."""
    problem = _json(entry.response_body)
    detail = problem.get("detail") or problem.get("title")
    return str(detail) if detail else ""


@dataclass(frozen=True)
class CounterPayment:
    """One payment as the counter knows it: its action, the server's answer once given, and any void of it."""

    payment_id: str
    session_id: str
    amount_rials: int
    bill_ids: tuple[str, ...]
    state: State  # the payment action's state in the outbox
    created_at: float
    payment: Payment | None = None  # the server's answer (receipt number, bills, receipt document)
    void_state: State | None = None  # the void action's state; None when it was never voided here
    void_reason: str = ""

    @property
    def receipt_number(self) -> str:
        """Only a number the server issued; "" until it answered."""
        return self.payment.receipt_number if self.payment is not None else ""

    @property
    def waiting(self) -> bool:
        return self.state in WAITING_STATES

    @property
    def void_waiting(self) -> bool:
        return self.void_state in WAITING_STATES

    @property
    def in_doubt(self) -> bool:
        return self.waiting or self.void_waiting

    @property
    def status(self) -> str:
        """paid or voided, as the counter recorded it (a void counts once the server answered it)."""
        if self.void_state is State.DONE or (self.payment is not None and self.payment.voided):
            return VOIDED
        return PAID

    @property
    def at(self) -> dt.datetime:
        if self.payment is not None:
            return self.payment.paid_at
        return dt.datetime.fromtimestamp(self.created_at, dt.UTC)

    @property
    def by_kind(self) -> dict[str, int]:
        """Rials per bill kind, from the server's answer ({} before it)."""
        totals: dict[str, int] = {}
        for bill in self.payment.bills if self.payment is not None else ():
            totals[bill.kind] = totals.get(bill.kind, 0) + bill.amount_rials
        return totals

    @property
    def titles(self) -> str:
        if self.payment is not None:
            return "، ".join(bill.title for bill in self.payment.bills)
        return "، ".join(self.bill_ids)


def counter_record(entries: Iterable[OutboxEntry], session_id: str) -> list[CounterPayment]:
    """The session's payments as the outbox holds them, oldest first. A payment the server refused took no money and
    is left out; a void that was refused leaves the payment as it was."""
    ordered = sorted(entries, key=lambda e: (e.created_at, e.id))
    voids: dict[str, OutboxEntry] = {}
    for entry in ordered:
        pid = payment_id_of(entry)
        if (
            entry.kind == actions.PAYMENT_VOID
            and pid is not None
            and entry.state not in (State.REJECTED, State.NOT_SENT)
        ):
            voids[pid] = entry
    payments: list[CounterPayment] = []
    seen: set[str] = set()
    for entry in ordered:
        pid = payment_id_of(entry)
        if entry.kind != actions.PAYMENT or pid is None or pid in seen:
            continue
        if entry.state in (State.REJECTED, State.NOT_SENT) or session_id_of(entry) != session_id:
            continue
        seen.add(pid)
        body = _json(entry.body)
        amount = body.get("amount_rials")
        listed = body.get("bills")
        bills = [b for b in listed if isinstance(b, dict)] if isinstance(listed, list) else []
        void = voids.get(pid)
        payments.append(
            CounterPayment(
                payment_id=pid,
                session_id=session_id,
                amount_rials=amount if isinstance(amount, int) and not isinstance(amount, bool) else 0,
                bill_ids=tuple(str(b.get("bill_id", "")) for b in bills),
                state=entry.state,
                created_at=entry.created_at,
                payment=answered_payment(entry),
                void_state=void.state if void is not None else None,
                void_reason=str(_json(void.body).get("reason", "")) if void is not None else "",
            )
        )
    return payments


# -- reconciliation --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReconciledRow:
    transaction_id: str
    category: str  # printing.model: MATCHED, MISSING_ON_SERVER, UNKNOWN_TO_COUNTER or IN_DOUBT
    at: dt.datetime
    receipt_number: str  # the server's; "" when none was issued to the counter and the server has none
    title: str
    amount_rials: int
    counter_status: str  # paid or voided; "" when the counter has no record
    server_status: str | None  # None: not on the server's list
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Reconciliation:
    rows: tuple[ReconciledRow, ...]
    counter_by_kind: dict[str, int]  # what the counter's settled payments that stand add up to, per bill kind
    server_by_kind: dict[str, int]  # the server's figures for the session, per bill kind
    counter_paid_rials: int
    server_paid_rials: int
    explained: dict[str, int] = field(default_factory=dict)  # category → server minus counter it accounts for

    def in_category(self, category: str) -> tuple[ReconciledRow, ...]:
        return tuple(row for row in self.rows if row.category == category)

    @property
    def in_doubt(self) -> tuple[ReconciledRow, ...]:
        return self.in_category(IN_DOUBT)

    @property
    def reconciles(self) -> bool:
        """Whether the difference of the two paid totals is exactly what the listed groups account for."""
        return self.server_paid_rials - self.counter_paid_rials == sum(self.explained.values())


def reconcile(
    record: Iterable[CounterPayment],
    day: DayList,
    session_id: str,
    server_by_kind: Mapping[str, int],
    server_paid_rials: int,
) -> Reconciliation:
    """The counter's record against the day list, per transaction id (see the module's docstring). `server_by_kind`
    and `server_paid_rials` are the server's totals of the session (`CashierSession.totals`)."""
    rows: list[ReconciledRow] = []
    counter_by_kind: dict[str, int] = {}
    counter_paid = 0
    explained = dict.fromkeys((MISSING_ON_SERVER, UNKNOWN_TO_COUNTER, IN_DOUBT), 0)
    known: set[str] = set()
    for cp in record:
        known.add(cp.payment_id)
        server = day.entry(cp.payment_id)
        server_status = server.status if server is not None else None
        server_paid = server.amount_rials if server is not None and server.status == PAID else 0
        if cp.in_doubt:
            category = IN_DOUBT
        elif server is None:
            category = MISSING_ON_SERVER
        elif server.status == cp.status and server.amount_rials == cp.amount_rials:
            category = MATCHED
        elif server.status == VOIDED and cp.status == PAID:
            category = UNKNOWN_TO_COUNTER  # a void the counter has no record of
        else:
            category = MISSING_ON_SERVER
        counted = cp.status == PAID and not cp.in_doubt
        if counted:
            counter_paid += cp.amount_rials
            for kind, rials in cp.by_kind.items():
                counter_by_kind[kind] = counter_by_kind.get(kind, 0) + rials
        if category != MATCHED:
            explained[category] += server_paid - (cp.amount_rials if counted else 0)
        kinds = tuple(cp.by_kind) or (server.bill_kinds if server is not None else ())
        rows.append(
            ReconciledRow(
                cp.payment_id,
                category,
                cp.at,
                cp.receipt_number or (server.receipt_number if server is not None else ""),
                cp.titles,
                cp.amount_rials,
                cp.status,
                server_status,
                kinds,
            )
        )
    for entry in day.transactions:
        if entry.session_id != session_id or entry.id in known:
            continue
        explained[UNKNOWN_TO_COUNTER] += entry.amount_rials if entry.status == PAID else 0
        rows.append(
            ReconciledRow(
                entry.id,
                UNKNOWN_TO_COUNTER,
                entry.at,
                entry.receipt_number,
                "",
                entry.amount_rials,
                "",
                entry.status,
                entry.bill_kinds,
            )
        )
    rows.sort(key=lambda row: row.at)
    return Reconciliation(
        tuple(rows), counter_by_kind, dict(server_by_kind), counter_paid, server_paid_rials, explained
    )


# -- what the operator types for a card payment ----------------------------------------------------------------


def terminal_digits(text: str, count: int) -> str | None:
    """An RRN or trace number typed or scanned (Persian digits, spaces and dashes read), or None when it is not
    exactly `count` digits."""
    value = digits_only(text)
    return value if len(value) == count and value.isascii() and value.isdigit() else None


def card_mask(text: str) -> str | None:
    """A masked card number as the terminal prints it (e.g. 603799******1234): 16 characters of digits and «*», the
    first six and the last four digits; None when it is not one."""
    value = digits_only(text).replace("×", "*").replace("X", "*").replace("x", "*")
    if len(value) != 16 or not set(value) <= _CARD_MASK_CHARS:
        return None
    if not (value[:6].isdigit() and value[-4:].isdigit()):
        return None
    return value

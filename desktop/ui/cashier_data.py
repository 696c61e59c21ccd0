"""What the cashier's two pages read off the UI thread: the outbox's cashier actions (the counter's record), and the
payment receipt built from the server's sealed content.

The record is read from the outbox's tabs (waiting, in doubt, and done today), each a page of rows read on the outbox
service's own database thread; the four reads are joined here before the page sees them. Done rows are those
finished since today began in Tehran, which is the business day of a session opened today.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from client_api import actions
from client_api.cashier import Payment
from client_api.outbox import OutboxEntry
from desktop.outbox import DONE_TODAY_TAB, IN_DOUBT_TAB, QUEUED_TAB, REJECTED_TAB, OutboxService
from printing import Rendered, render
from printing.content import document_from_content

CASHIER_KINDS = frozenset({actions.CASHIER_OPEN, actions.PAYMENT, actions.PAYMENT_VOID, actions.CASHIER_CLOSE})
ROWS_PER_TAB = 1000


def load_cashier_entries(
    outbox: OutboxService,
    on_entries: Callable[[list[OutboxEntry]], None],
    on_failed: Callable[[BaseException], None],
    owner: QObject,
) -> None:
    """Every cashier action of the outbox that waits, is in doubt, was refused, or was done today."""
    tabs = (QUEUED_TAB, IN_DOUBT_TAB, REJECTED_TAB, DONE_TODAY_TAB)
    found: dict[str, list[OutboxEntry]] = {}
    failed: list[BaseException] = []

    def one(tab: str) -> Callable[[tuple[list[OutboxEntry], int]], None]:
        def got(rows: tuple[list[OutboxEntry], int]) -> None:
            found[tab] = [entry for entry in rows[0] if entry.kind in CASHIER_KINDS]
            if len(found) == len(tabs) and not failed:
                merged: dict[int, OutboxEntry] = {}
                for tab_rows in found.values():
                    for entry in tab_rows:
                        merged[entry.id] = entry
                on_entries(sorted(merged.values(), key=lambda e: (e.created_at, e.id)))

        return got

    def fail(exc: BaseException) -> None:
        if not failed:
            failed.append(exc)
            on_failed(exc)

    for tab in tabs:
        outbox.fetch_rows(tab, 0, ROWS_PER_TAB, one(tab), fail, owner=owner)


def render_payment_receipt(payment: Payment, *, reprint: bool) -> Rendered:
    """The receipt exactly as the municipality sealed it (for an op: ReportLab). Raises ContentError when the
    server's content does not make a receipt: nothing else is ever printed in its place."""
    doc = document_from_content(payment.receipt.content, seal=payment.receipt.seal, reprint=reprint)
    return render(doc)

"""The day-close report built from the reconciliation (desktop/cashier_record.py) and the closed session: plain data
for printing/day_close.py, rendered off the UI thread and printed on the A4 printer (the print service archives it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from civic.jalali import parse_jalali_date
from client_api.cashier import CashierSession, Decision
from desktop.cashier_record import Reconciliation
from printing import Rendered, render
from printing.model import DayCloseReport, DayTransaction, DoubtDecision, KindTotal

# the printed report is Persian whatever the interface's language
KIND_TITLES = {
    "renovation": "عوارض نوسازی",
    "waste": "عوارض پسماند",
    "business": "عوارض صنفی",
    "permit": "عوارض پروانه ساختمانی",
}


@dataclass(frozen=True)
class ReportFacts:
    office_code: str
    office_name: str
    operator_name: str
    training: bool


def report_number(cashier_session: CashierSession) -> str:
    """The report's own number: office, business day and the session (a local report, not an issued document)."""
    day = cashier_session.business_date.replace("/", "").replace("-", "")
    return f"DC-{cashier_session.office_code}-{day}-{cashier_session.id[:8]}"


def kind_totals(reconciliation: Reconciliation) -> tuple[KindTotal, ...]:
    kinds = sorted(
        set(reconciliation.counter_by_kind) | set(reconciliation.server_by_kind),
        key=lambda k: (list(KIND_TITLES).index(k) if k in KIND_TITLES else len(KIND_TITLES), k),
    )
    return tuple(
        KindTotal(
            kind,
            KIND_TITLES.get(kind, kind),
            reconciliation.counter_by_kind.get(kind, 0),
            reconciliation.server_by_kind.get(kind, 0),
        )
        for kind in kinds
    )


def build_report(
    reconciliation: Reconciliation,
    cashier_session: CashierSession,
    facts: ReportFacts,
    *,
    counted_card_rials: int,
    counted_cash_rials: int,
    decisions: tuple[Decision, ...],
    note: str,
    closed_at: dt.datetime,
) -> DayCloseReport:
    transactions = tuple(
        DayTransaction(
            at=row.at,
            receipt_number=row.receipt_number,
            transaction_id=row.transaction_id,
            title=row.title or "، ".join(KIND_TITLES.get(k, k) for k in row.kinds),
            amount_rials=row.amount_rials,
            status=row.counter_status,
            server_status=row.server_status,
            category=row.category,
            kinds=tuple(row.kinds),
        )
        for row in reconciliation.rows
    )
    return DayCloseReport(
        number=report_number(cashier_session),
        issued_at=closed_at,
        training=facts.training,
        office_code=facts.office_code,
        office_name=facts.office_name,
        operator_name=facts.operator_name,
        cashier_session=cashier_session.id,
        business_date=parse_jalali_date(cashier_session.business_date),
        opened_at=cashier_session.opened_at,
        closed_at=closed_at,
        transactions=transactions,
        float_rials=cashier_session.float_rials,
        counted_card_rials=counted_card_rials,
        counted_cash_rials=counted_cash_rials,
        kind_totals=kind_totals(reconciliation),
        decisions=tuple(DoubtDecision(d.payment_id, d.decision, d.reason) for d in decisions),
        note=note,
    )


def render_report(report: DayCloseReport) -> Rendered:
    """For an op (ReportLab)."""
    return render(report)

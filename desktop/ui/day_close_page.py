"""The day close «بستن صندوق» (F3, cashier role): the counter's record against the municipality's day list, per
transaction id, with the totals per kind of bill to the rial; the counted totals; a decision with a reason for every
payment in doubt; closing the session (an outbox action); and the report on A4, printed and archived.

The record and the day list are read off the UI thread (desktop/ui/cashier_data.py, client_api/cashier.py) and set
side by side by desktop/cashier_record.py. A session cannot be closed while a payment is in doubt unless the operator
records, for each one, what happened and why; the server keeps those decisions with the close. Nothing is reversed
or netted away: every difference stays listed in its group. Ctrl+Enter closes, Ctrl+P prints the report again
(«المثنی»), Esc steps out of the counted fields.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from client_api import actions
from client_api.cashier import (
    CashierSession,
    DayList,
    Decision,
    cashier_close_action,
    cashier_session,
    day_list,
    open_cashier_sessions,
)
from client_api.outbox import OutboxEntry, State
from desktop import journaling
from desktop.cashier_record import Reconciliation, counter_record, problem_detail, reconcile
from desktop.formatting import code, format_amount, isolate, ltr
from desktop.forms import Form, parse_amount
from desktop.messages import operator_message
from desktop.outbox_messages import outbox_reason
from desktop.pages import Page
from desktop.print_service import PrintResult
from desktop.session import Session
from desktop.theme import icon, set_tone
from desktop.ui.cashier_data import load_cashier_entries
from desktop.ui.day_close_report import ReportFacts, build_report, kind_totals, render_report
from desktop.ui.day_close_views import DecisionsPanel, kind_totals_table, reconciliation_table
from desktop.widgets.banner import MessageBanner
from printing import Rendered
from printing.model import IN_DOUBT, MATCHED, MISSING_ON_SERVER, UNKNOWN_TO_COUNTER, DayCloseReport


class DayClosePage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.cashier_session: CashierSession | None = None
        self.server_session: CashierSession | None = None
        self.day: DayList | None = None
        self.entries: list[OutboxEntry] | None = None
        self.reconciliation: Reconciliation | None = None
        self.closing: tuple[str, int, int, tuple[Decision, ...], str] | None = None
        self.report: DayCloseReport | None = None
        self.report_printed = False

        title = QLabel(self.tr("بستن صندوق"), objectName="pageTitle")
        self.banner = MessageBanner(closable=True)
        self.session_label = QLabel(objectName="dayCloseSession")
        self.session_label.setWordWrap(True)
        self.refresh_button = QPushButton(icon("refresh"), self.tr("تطبیق دوباره"), objectName="dayCloseRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.summary = QLabel(objectName="dayCloseSummary")
        self.summary.setWordWrap(True)
        self.decisions = DecisionsPanel()
        self.decisions_title = QLabel(self.tr("تصمیم درباره تراکنش‌های نامعلوم"))
        self.decisions_title.setProperty("heading", "section")
        self.card = QLineEdit(objectName="dayCloseCountedCard")
        self.cash = QLineEdit(objectName="dayCloseCountedCash")
        self.note = QLineEdit(objectName="dayCloseNote")
        for field in (self.card, self.cash, self.note):
            field.setMinimumWidth(160)  # a counted total in the billions of rials, grouped
        self.form = Form(self)
        self.form.bind(
            "counted_card_rials", self.card, lambda: self.tr("جمع کارتی شمارش‌شده (ریال)"), parse_amount, required=True
        )
        self.form.bind(
            "counted_cash_rials", self.cash, lambda: self.tr("نقد شمارش‌شده (ریال)"), parse_amount, required=True
        )
        self.close_button = QPushButton(icon("check", on_accent=True), self.tr("بستن صندوق"))
        self.close_button.setObjectName("dayCloseSubmit")
        self.close_button.setProperty("primary", True)
        self.close_button.setToolTip(self.tr("میان‌بر: Ctrl+Enter"))
        self.close_button.clicked.connect(self.close_session)
        self.print_button = QPushButton(icon("print"), self.tr("چاپ گزارش"), objectName="dayClosePrint")
        self.print_button.setToolTip(self.tr("میان‌بر: Ctrl+P"))
        self.print_button.clicked.connect(self.print_document)
        self.print_button.setEnabled(False)
        self.status = QLabel(objectName="dayCloseStatus")
        self.status.setWordWrap(True)

        counted = QFormLayout()
        counted.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        counted.addRow(self.tr("جمع کارتی شمارش‌شده (ریال):"), self.card)
        counted.addRow(self.tr("نقد شمارش‌شده (ریال):"), self.cash)
        counted.addRow(self.tr("توضیح:"), self.note)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addWidget(self.session_label, 1)
        header.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        # the transactions take the page's width; under them, the totals per kind of bill beside the decisions and
        # the counted totals; the splitter gives either part more room. The parts are made in place: a styled widget
        # moved to another parent is styled again.
        middle = QSplitter(Qt.Orientation.Vertical, self)
        middle.setChildrenCollapsible(False)
        self.table, self.model = reconciliation_table(middle)
        lower = QSplitter(Qt.Orientation.Horizontal, middle)
        lower.setChildrenCollapsible(False)
        self.totals_table, self.totals_model = kind_totals_table(lower)
        side = QWidget(lower)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.decisions_title)
        side_layout.addWidget(self.decisions)
        side_layout.addLayout(counted)
        side_layout.addStretch(1)
        side.setMinimumWidth(side.sizeHint().width())
        lower.setStretchFactor(0, 0)
        lower.setStretchFactor(1, 1)
        middle.setStretchFactor(0, 1)
        middle.setStretchFactor(1, 0)
        layout.addWidget(middle, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.card.returnPressed.connect(self.cash.setFocus)
        self.cash.returnPressed.connect(self.note.setFocus)
        session.outbox.action_settled.connect(self._settled)
        session.outbox.opened.connect(self.refresh)
        self._show_decisions([])
        if session.outbox.active:
            self.refresh()

    # -- the page's hooks -----------------------------------------------------------------------------

    def open_with(self, **context: Any) -> None:
        """`refresh=True`: read both sides again (the screenshots open the page after paying)."""
        if context.get("refresh"):
            self.refresh()

    def submit(self) -> bool:
        self.close_session()
        return True

    def cancel(self) -> bool:
        if self.card.hasFocus() or self.cash.hasFocus() or self.note.hasFocus():
            self.table.setFocus()
            return True
        return False

    def print_document(self) -> bool:
        if self.report is None:
            return False
        report = self.report
        if self.report_printed:
            import dataclasses

            report = dataclasses.replace(report, reprint=True)
        self.status.setText(self.tr("در حال چاپ گزارش…"))
        self.session.tasks.run(lambda: render_report(report), self._report_ready, self._failed, owner=self)
        return True

    # -- reading both sides ---------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.session.outbox.active:
            return
        self.day, self.entries, self.server_session = None, None, None
        self.session_label.setText(self.tr("در حال خواندن صندوق و فهرست روز از سامانه…"))
        client = self.session.client
        self.session.tasks.run(lambda: open_cashier_sessions(client), self._sessions_found, self._failed, owner=self)

    def _sessions_found(self, sessions: list[CashierSession]) -> None:
        if not sessions:
            self.cashier_session = None
            self.session_label.setText(self.tr("صندوق بازی برای بستن نیست."))
            self.close_button.setEnabled(False)
            return
        found = sessions[0]
        self.cashier_session = found
        self.close_button.setEnabled(self.closing is None)
        self.session_label.setText(
            self.tr("نشست صندوق {id}، روز کاری {day}، موجودی اولیه {amount} ریال").format(
                # the session id as the server wrote it (hex: Persian digits beside Latin letters read as nonsense),
                # as the transaction ids in the table
                id=ltr(found.id[:8]),
                day=code(found.business_date),
                amount=format_amount(found.float_rials),
            )
        )
        client, office = self.session.client, self.session.operator.office.code
        self.session.tasks.run(
            lambda: (day_list(client, office, found.business_date), cashier_session(client, found.id)),
            self._server_read,
            self._failed,
            owner=self,
        )
        load_cashier_entries(self.session.outbox, self._entries_read, self._failed, self)

    def _server_read(self, result: tuple[DayList, CashierSession]) -> None:
        self.day, self.server_session = result
        self._reconcile()

    def _entries_read(self, entries: list[OutboxEntry]) -> None:
        self.entries = entries
        self._reconcile()

    def _reconcile(self) -> None:
        session, day, entries, server = self.cashier_session, self.day, self.entries, self.server_session
        if session is None or day is None or entries is None or server is None:
            return
        record = counter_record(entries, session.id)
        found = reconcile(record, day, session.id, server.totals.by_kind, server.totals.paid_rials)
        self.reconciliation = found
        self.model.set_rows(list(found.rows))
        self.totals_model.set_rows(list(kind_totals(found)))
        self._show_decisions(list(found.in_doubt))
        counts = {c: len(found.in_category(c)) for c in (MATCHED, MISSING_ON_SERVER, UNKNOWN_TO_COUNTER, IN_DOUBT)}
        text = self.tr(
            "مطابق: {matched}؛ در سامانه نیست: {missing}؛ در صندوق ثبت نشده: {unknown}؛ نامعلوم: {doubt}. "
            "جمع پرداخت‌ها در صندوق {counter} ریال و در سامانه {server} ریال."
        ).format(
            matched=format_amount(counts[MATCHED]),
            missing=format_amount(counts[MISSING_ON_SERVER]),
            unknown=format_amount(counts[UNKNOWN_TO_COUNTER]),
            doubt=format_amount(counts[IN_DOUBT]),
            counter=format_amount(found.counter_paid_rials),
            server=format_amount(found.server_paid_rials),
        )
        if found.reconciles:
            text += " " + self.tr("اختلاف دو جمع، ریال به ریال، همان مغایرت‌ها و نامعلوم‌های فهرست است.")
            set_tone(self.summary, "success" if counts[MATCHED] == len(found.rows) else "warning")
        else:
            text += " " + self.tr("اختلاف دو جمع با تراکنش‌های فهرست توضیح داده نمی‌شود؛ با شهرداری تماس بگیرید.")
            set_tone(self.summary, "error")
        self.summary.setText(text)

    def _show_decisions(self, rows: list[Any]) -> None:
        self.decisions.set_rows(rows)
        self.decisions_title.setVisible(bool(rows))
        self.decisions.setVisible(bool(rows))

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_message(operator_message(exc), "error")

    # -- closing --------------------------------------------------------------------------------------

    def close_session(self) -> None:
        session, found = self.cashier_session, self.reconciliation
        if self.closing is not None:
            return
        if session is None or found is None:
            self.banner.show_message(self.tr("هنوز هر دو طرف خوانده نشده‌اند؛ کمی صبر کنید."), "error")
            return
        self.form.attempt_submit()
        values, problems = self.form.read()
        sentence = self.form.present(problems, focus=True)
        if sentence:
            self.banner.show_message(sentence, "error")
            return
        decisions, missing = self.decisions.decisions()
        if missing:
            self.banner.show_message(
                self.tr("تا تراکنشی نامعلوم است، صندوق بسته نمی‌شود مگر با تصمیم و دلیل: {problem}").format(
                    problem=missing
                ),
                "error",
            )
            return
        self.banner.clear()
        card, cash, note = int(values["counted_card_rials"]), int(values["counted_cash_rials"]), self.note.text()
        action = cashier_close_action(
            session.id, counted_card_rials=card, counted_cash_rials=cash, decisions=decisions, note=note
        )
        self.closing = (session.id, card, cash, tuple(decisions), note)
        self.close_button.setEnabled(False)
        self.status.setText(self.tr("بستن صندوق در انتظار تأیید شهرداری است…"))
        set_tone(self.status, "warning")
        self.session.outbox.confirm(action, lambda _e: None, self._close_not_queued, owner=self)

    def _close_not_queued(self, exc: BaseException) -> None:
        self.closing = None
        self.close_button.setEnabled(True)
        self.status.setText(self.tr("بستن صندوق ثبت نشد: {reason}").format(reason=operator_message(exc)))
        set_tone(self.status, "error")

    def _settled(self, entry: OutboxEntry) -> None:
        if entry.kind in (actions.PAYMENT, actions.PAYMENT_VOID) and self.closing is None:
            self.refresh()
            return
        closing = self.closing
        if entry.kind != actions.CASHIER_CLOSE or closing is None or not entry.path.endswith(f"{closing[0]}/close"):
            return
        self.closing = None
        if entry.state is not State.DONE:
            self.close_button.setEnabled(True)
            detail = problem_detail(entry)
            self.status.setText(
                self.tr("شهرداری بستن صندوق را نپذیرفت: {reason}").format(
                    reason=isolate(detail) if detail else outbox_reason(entry)
                )
            )
            set_tone(self.status, "error")
            return
        closed = CashierSession.from_json(json.loads(entry.response_body or b"{}"))
        _, card, cash, decisions, note = closing
        found = self.reconciliation
        assert found is not None and self.cashier_session is not None
        journaling.record(
            self.session,
            journaling.DAY_CLOSE,
            cashier_session=closed.id,
            counted_card=card,
            counted_cash=cash,
            decisions=len(decisions),
            mismatches=len(found.rows) - len(found.in_category(MATCHED)),
        )
        operator = self.session.operator
        facts = ReportFacts(operator.office.code, operator.office.name, operator.display_name, self.session.training)
        self.report = build_report(
            found,
            closed,
            facts,
            counted_card_rials=card,
            counted_cash_rials=cash,
            decisions=decisions,
            note=note,
            closed_at=closed.closed_at or dt.datetime.now(dt.UTC),
        )
        self.report_printed = False
        self.print_button.setEnabled(True)
        self.status.setText(self.tr("صندوق بسته شد. گزارش روز چاپ می‌شود…"))
        set_tone(self.status, "success")
        self.print_document()

    def _report_ready(self, rendered: Rendered) -> None:
        self.session.print_service.print_in_background(
            self.session.tasks, rendered, self._printed, self._print_failed, owner=self
        )

    def _printed(self, result: PrintResult) -> None:
        self.report_printed = True
        self.status.setText(
            self.tr("گزارش بستن صندوق روی چاپگر {printer} چاپ و بایگانی شد.").format(printer=isolate(result.printer))
        )
        set_tone(self.status, "success")

    def _print_failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("گزارش چاپ نشد: {reason}").format(reason=operator_message(exc)))
        set_tone(self.status, "error")

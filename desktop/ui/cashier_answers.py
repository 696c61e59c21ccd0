"""The cashier page's answers from the municipality: a payment answered (its receipt number shown, its sealed receipt
printed) or refused (the fields back, the server's reasons on them); a void answered or refused (the server's own
reason shown); a session opened or closed; and the receipts, rendered off the UI thread and printed, original or
«المثنی».

A mixin of `CashierPage` (desktop/ui/cashier_page.py), kept apart so each file stays small.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from client_api import actions
from client_api.cashier import CashierSession, Payment, payment_void_action
from client_api.outbox import OutboxEntry, State
from desktop import journaling
from desktop.cashier_record import CounterPayment, answered_payment, problem_detail
from desktop.formatting import code, isolate
from desktop.forms import Problem
from desktop.messages import operator_message
from desktop.outbox_messages import outbox_reason
from desktop.print_service import AlreadyPrintedError, PrintResult
from desktop.ui.cashier_data import render_payment_receipt
from printing import Rendered

if TYPE_CHECKING:
    from client_api.cashier import Bill
    from desktop.session import Session
    from desktop.ui.cashier_bills import BillLookup
    from desktop.ui.cashier_pay_form import PayForm
    from desktop.ui.cashier_session_box import SessionBox
    from desktop.widgets.banner import MessageBanner

DRAFT_FORM = "cashier"


class AnswersMixin:
    if TYPE_CHECKING:  # what the page provides
        session: Session
        banner: MessageBanner
        session_box: SessionBox
        lookup: BillLookup
        pay_form: PayForm
        opening_id: str | None
        sending: tuple[str, list[Bill]] | None
        last_receipt: str | None
        receipt_printed: bool
        next_button: Any

        def set_cashier_session(self, cashier_session: CashierSession | None) -> None: ...
        def refresh_session(self) -> None: ...
        def refresh_record(self) -> None: ...
        def save_draft_now(self) -> None: ...
        def _failed(self, exc: BaseException) -> None: ...

    def _settled(self, entry: OutboxEntry) -> None:
        if entry.kind not in (actions.CASHIER_OPEN, actions.PAYMENT, actions.PAYMENT_VOID, actions.CASHIER_CLOSE):
            return
        if entry.kind == actions.CASHIER_OPEN and self.opening_id and entry.path.endswith(self.opening_id):
            self.opening_id = None
            if entry.state is State.DONE:
                self.set_cashier_session(CashierSession.from_json(_answer(entry)))
                return
            self.session_box.show_error(
                QCoreApplication.translate("CashierPage", "صندوق باز نشد: {reason}").format(reason=_refusal(entry))
            )
            self.refresh_session()
            return
        if entry.kind == actions.CASHIER_CLOSE:
            self.refresh_session()
            return
        if entry.kind == actions.PAYMENT:
            self._payment_settled(entry)
        elif entry.kind == actions.PAYMENT_VOID:
            self._void_settled(entry)
        self.refresh_record()

    def _payment_settled(self, entry: OutboxEntry) -> None:
        sending = self.sending
        mine = sending is not None and entry.path.endswith(sending[0])
        if entry.state is State.DONE:
            payment = answered_payment(entry)
            if payment is None:
                return
            journaling.record(
                self.session,
                journaling.PAY,
                payment=payment.id,
                receipt=payment.receipt_number,
                amount=payment.amount_rials,
                cashier_session=payment.cashier_session_id,
            )
            if mine:
                self.last_receipt = payment.receipt_number
                self.pay_form.show_status(
                    QCoreApplication.translate(
                        "CashierPage", "شهرداری پرداخت را تأیید کرد. شماره رسید: {number}"
                    ).format(number=code(payment.receipt_number)),
                    "success",
                )
                self.pay_form.clear_payment()
                self.session.outbox.save_draft(DRAFT_FORM, {}, owner=self.banner)
                self.lookup.clear_bills()
            self.print_receipt(payment, reprint=False)
            return
        if mine and entry.state in (State.REJECTED, State.NOT_SENT):
            self.sending = None
            self.next_button.hide()
            self.pay_form.set_enabled(True)
            self.save_draft_now()
            problems = [Problem(e.field, isolate(e.message)) for e in entry.field_errors]
            sentence = self.pay_form.present(problems) if problems else None
            self.pay_form.show_status(
                QCoreApplication.translate("CashierPage", "شهرداری پرداخت را نپذیرفت و وجهی ثبت نشد: {reason}").format(
                    reason=sentence or _refusal(entry)
                ),
                "error",
            )

    # -- receipts -------------------------------------------------------------------------------------

    def print_receipt(self, payment: Payment | None, *, reprint: bool) -> None:
        if payment is None:
            return
        self.banner.show_message(QCoreApplication.translate("CashierPage", "در حال چاپ رسید…"), "muted")
        self.session.tasks.run(
            lambda: render_payment_receipt(payment, reprint=reprint),
            self._receipt_ready,
            self._print_failed,
            owner=self.banner,
        )

    def _receipt_ready(self, rendered: Rendered) -> None:
        self.session.print_service.print_in_background(
            self.session.tasks,
            rendered,
            lambda result: self._printed(rendered, result),
            self._print_failed,
            owner=self.banner,
        )

    def _printed(self, rendered: Rendered, result: PrintResult) -> None:
        if rendered.number == self.last_receipt:
            self.receipt_printed = True
        text = (
            QCoreApplication.translate("CashierPage", "المثنی رسید {number} روی چاپگر {printer} چاپ شد.")
            if rendered.reprint
            else QCoreApplication.translate("CashierPage", "رسید {number} روی چاپگر {printer} چاپ شد.")
        )
        self.banner.show_message(text.format(number=code(rendered.number), printer=isolate(result.printer)), "success")

    def _print_failed(self, exc: BaseException) -> None:
        if isinstance(exc, AlreadyPrintedError):
            self.banner.show_message(exc.message(), "info")
            return
        self.banner.show_message(
            QCoreApplication.translate("CashierPage", "رسید چاپ نشد: {reason}").format(reason=operator_message(exc)),
            "error",
        )

    # -- voids ----------------------------------------------------------------------------------------

    def void(self, row: CounterPayment, reason: str) -> None:
        action = payment_void_action(row.payment_id, reason)
        self.banner.show_message(
            QCoreApplication.translate("CashierPage", "ابطال رسید {number} در انتظار تأیید شهرداری است.").format(
                number=code(row.receipt_number)
            ),
            "warning",
        )
        self.session.outbox.confirm(action, lambda _e: self.refresh_record(), self._failed, owner=self.banner)

    def _void_settled(self, entry: OutboxEntry) -> None:
        payment = answered_payment(entry)
        if entry.state is State.DONE and payment is not None:
            journaling.record(
                self.session,
                journaling.VOID,
                payment=payment.id,
                receipt=payment.receipt_number,
                amount=payment.amount_rials,
                reason=payment.void.reason if payment.void else "",
            )
            self.banner.show_message(
                QCoreApplication.translate("CashierPage", "رسید {number} باطل شد.").format(
                    number=code(payment.receipt_number)
                ),
                "success",
            )
        elif entry.state in (State.REJECTED, State.NOT_SENT):
            self.banner.show_message(
                QCoreApplication.translate("CashierPage", "شهرداری ابطال را نپذیرفت: {reason}").format(
                    reason=_refusal(entry)
                ),
                "error",
            )


def _answer(entry: OutboxEntry) -> dict[str, Any]:
    try:
        value = json.loads(entry.response_body or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _refusal(entry: OutboxEntry) -> str:
    """The server's own reason when it gave one (isolated: it is data), else the outbox's sentence."""
    detail = problem_detail(entry)
    return isolate(detail) if detail else outbox_reason(entry)

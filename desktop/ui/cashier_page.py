"""The cashier «صندوق» (F2, cashier role): open a session with a float, look bills up, pay them with the card
terminal's reference, print the receipt the municipality issued; today's payments with reprint «المثنی» and void.

Nothing here says more than the server did:
- A payment is one outbox action under a UUID made at confirm (client_api/cashier.py `payment_action`): a retry or a
  resend after a crash carries the same id and the same key, so the citizen is never charged twice. While the
  outbox holds it, the page says «در انتظار تأیید شهرداری» and shows no receipt number; when the server answers,
  its receipt number is shown and the receipt it sealed is printed on the receipt printer (rendered off the UI thread).
- A void is an outbox action too, with the operator's reason; a refusal (outside the session) shows the server's own
  reason.
- What is typed is kept as a draft (form `cashier`) until a payment is recorded; a wrong field is outlined and named,
  and nothing typed is changed.
Keyboard: Ctrl+Enter pays, Ctrl+P reprints the selected payment, Esc closes the void question or clears the lookup.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from client_api import actions
from client_api.actions import new_resource_id
from client_api.cashier import (
    Bill,
    CashierSession,
    bills,
    cashier_open_action,
    open_cashier_sessions,
    payment_action,
)
from client_api.errors import ValidationFailedError
from client_api.outbox import OutboxEntry
from desktop.cashier_record import CounterPayment, counter_record
from desktop.formatting import isolate
from desktop.messages import operator_message
from desktop.pages import Page
from desktop.session import Session
from desktop.theme import icon
from desktop.ui.cashier_answers import DRAFT_FORM, AnswersMixin
from desktop.ui.cashier_bills import BillLookup, Lookup
from desktop.ui.cashier_data import load_cashier_entries
from desktop.ui.cashier_pay_form import PayForm
from desktop.ui.cashier_payments import PaymentsPanel, waiting_text
from desktop.ui.cashier_session_box import SessionBox
from desktop.widgets.banner import MessageBanner

log = logging.getLogger(__name__)
AUTOSAVE_MS = 600


class CashierPage(AnswersMixin, Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.cashier_session: CashierSession | None = None
        self.opening_id: str | None = None  # a session being opened from here, until the server answers
        self.sending: tuple[str, list[Bill]] | None = None  # the payment waiting for its answer, and its bills
        self.last_receipt: str | None = None  # the receipt number of the last payment answered here
        self.receipt_printed = False
        self.record: list[CounterPayment] = []
        self._started = False
        self._session_known = False  # the server was asked for the operator's open session
        self._pending_context: dict[str, Any] = {}

        title = QLabel(self.tr("صندوق"), objectName="pageTitle")
        self.banner = MessageBanner(closable=True)
        self.session_box = SessionBox()
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.session_box)

        # the bills found take the page's whole width (every column readable); below them, the card payment
        # beside today's payments; the splitters let the operator give either part more room. The parts are made
        # in place: a styled widget moved to another parent is styled again.
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        top = QWidget(split)
        self.lookup = BillLookup(top)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.lookup)
        bottom = QSplitter(Qt.Orientation.Horizontal, split)
        bottom.setChildrenCollapsible(False)
        pay_side = QWidget(bottom)
        self.pay_form = PayForm(pay_side)
        self.next_button = QPushButton(icon("refresh"), self.tr("پرداخت بعدی"), objectName="cashierNext")
        self.next_button.clicked.connect(self.next_payment)
        self.next_button.hide()
        pay_layout = QVBoxLayout(pay_side)
        pay_layout.setContentsMargins(0, 0, 0, 0)
        pay_layout.addWidget(self.pay_form)
        pay_layout.addWidget(self.next_button)
        pay_layout.addStretch(1)
        self.payments = PaymentsPanel(bottom)
        bottom.setStretchFactor(0, 1)
        bottom.setStretchFactor(1, 1)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        layout.addWidget(split, 1)

        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft_now)
        self._loaded = False
        for widget in (self.lookup, self.pay_form, self.session_box):
            widget.edited.connect(self._edited)
        self.session_box.open_requested.connect(self.open_session)
        self.lookup.lookup_requested.connect(self.look_up)
        self.lookup.problem_found.connect(lambda text: self.banner.show_message(text, "error"))
        self.lookup.model.selection_changed.connect(lambda: self.pay_form.set_bills(self.lookup.model.selected()))
        self.pay_form.pay_requested.connect(self.pay)
        self.payments.reprint_requested.connect(lambda row: self.print_receipt(row.payment, reprint=True))
        self.payments.void_requested.connect(self.void)
        self._set_open(False)
        session.outbox.action_settled.connect(self._settled)
        session.outbox.opened.connect(self._start)
        if session.outbox.active:
            self._start()

    # -- the page's hooks -----------------------------------------------------------------------------

    def open_with(self, **context: Any) -> None:
        """`national_id=`, `renovation_code=`, or `bill_id=` with `payment_id=`: look those bills up once a session is
        open; `open_float_rials=N`: open a session with that float when the server has none open for the operator
        (the screenshots use both)."""
        self._pending_context.update(context)
        self._apply_pending()

    def _apply_pending(self) -> None:
        context = self._pending_context
        if not context or not self._session_known:
            return
        if self.cashier_session is None:
            amount = context.pop("open_float_rials", None)
            if isinstance(amount, int) and self.opening_id is None:
                self.session_box.float_field.setText(str(amount))
                self.open_session()
            return
        self._pending_context = {}
        keys = ("national_id", "renovation_code", "bill_id", "payment_id")
        params = {key: str(value) for key, value in context.items() if key in keys}
        if params:
            self.look_up(Lookup(params, tick="bill_id" in params))

    def has_unsaved_changes(self) -> bool:
        if self._autosave.isActive():
            self.save_draft_now()
        return False

    def session_ending(self) -> None:
        if self._autosave.isActive():
            self.save_draft_now()
        self._loaded = False

    def submit(self) -> bool:
        self.pay()
        return True

    def cancel(self) -> bool:
        if self.payments.hide_void():
            return True
        if self.lookup.bill_id.text() or self.lookup.payment_id.text():
            self.lookup.bill_id.clear()
            self.lookup.payment_id.clear()
            self.lookup.bill_id.setFocus()
            return True
        return False

    def print_document(self) -> bool:
        row = self.payments.current()
        if row is None or row.payment is None:
            return False
        self.print_receipt(row.payment, reprint=True)
        return True

    # -- start: the draft, the open session, the record -----------------------------------------------

    def _start(self) -> None:
        if self._started or not self.session.outbox.active:
            return
        self._started = True
        self.session.outbox.load_draft(DRAFT_FORM, self._draft_loaded, owner=self)
        self.refresh_session()

    def refresh_session(self) -> None:
        client = self.session.client
        self.session.tasks.run(lambda: open_cashier_sessions(client), self._sessions_found, self._failed, owner=self)

    def _sessions_found(self, sessions: list[CashierSession]) -> None:
        self._session_known = True
        self.set_cashier_session(sessions[0] if sessions else None)

    def set_cashier_session(self, cashier_session: CashierSession | None) -> None:
        self.cashier_session = cashier_session
        if cashier_session is not None and cashier_session.is_open:
            self.session_box.show_session(cashier_session)
            self._set_open(True)
            self._apply_pending()
        else:
            self.cashier_session = None
            if self.opening_id is None:
                self.session_box.show_closed()
            self._set_open(False)
            self._apply_pending()
        self.refresh_record()

    def _set_open(self, is_open: bool) -> None:
        self.lookup.setEnabled(is_open)
        self.pay_form.set_enabled(is_open and self.sending is None)

    def refresh_record(self) -> None:
        if self.session.outbox.active:
            load_cashier_entries(self.session.outbox, self._entries_read, self._failed, self)

    def _entries_read(self, entries: list[OutboxEntry]) -> None:
        opening = [e for e in entries if e.kind == actions.CASHIER_OPEN and not e.final]
        if opening and self.cashier_session is None:
            self.opening_id = opening[-1].path.rsplit("/", 1)[-1]
            self.session_box.show_opening()
        session_id = self.cashier_session.id if self.cashier_session is not None else None
        self.record = counter_record(entries, session_id) if session_id else []
        self.payments.set_rows(self.record)

    def _draft_loaded(self, content: dict[str, Any] | None) -> None:
        texts = content or {}
        self.lookup.fill(texts.get("lookup") or {})
        self.pay_form.fill(texts.get("pay") or {})
        if isinstance(texts.get("float"), str):
            self.session_box.float_field.setText(texts["float"])
        self._loaded = True

    def _edited(self) -> None:
        if self._loaded:
            self._autosave.start()

    def save_draft_now(self) -> None:
        self._autosave.stop()
        if not self._loaded:
            return
        content = {
            "lookup": self.lookup.texts(),
            "pay": self.pay_form.texts(),
            "float": self.session_box.float_field.text(),
        }
        self.session.outbox.save_draft(DRAFT_FORM, content, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_message(operator_message(exc), "error")

    # -- opening a session ----------------------------------------------------------------------------

    def open_session(self) -> None:
        if self.cashier_session is not None or self.opening_id is not None:
            return
        form = self.session_box.form
        form.attempt_submit()
        values, problems = form.read()
        sentence = form.present(problems, focus=True)
        if sentence:
            self.banner.show_message(sentence, "error")
            return
        self.banner.clear()
        self.opening_id = new_resource_id()
        action = cashier_open_action(self.opening_id, int(values["float_rials"]))
        self.session_box.show_opening()
        self.session.outbox.confirm(action, lambda _e: None, self._open_not_queued, owner=self)

    def _open_not_queued(self, exc: BaseException) -> None:
        self.opening_id = None
        self.session_box.show_error(operator_message(exc))

    # -- looking bills up -----------------------------------------------------------------------------

    def look_up(self, lookup: Lookup) -> None:
        client = self.session.client
        self.banner.clear()
        self.session.tasks.run(
            lambda: bills(client, **lookup.params),
            lambda found: self._found(found, lookup),
            self._lookup_failed,
            owner=self,
        )

    def _found(self, found: list[Bill], lookup: Lookup) -> None:
        self.lookup.found(found, lookup)
        if not found:
            self.banner.show_message(self.tr("قبضی با این مشخصات پیدا نشد."), "info")
        elif all(bill.paid for bill in found):
            self.banner.show_message(self.tr("این قبض‌ها پیش‌تر پرداخت شده‌اند."), "info")

    def _lookup_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationFailedError) and exc.field_errors:
            error = exc.field_errors[0]
            label = {"bill_id": self.tr("شناسه قبض"), "payment_id": self.tr("شناسه پرداخت")}.get(
                error.field, self.tr("کد ملی یا کد نوسازی")
            )
            self.lookup.show_server_problem(error.field, f"{label}: {isolate(error.message)}")
            return
        self._failed(exc)

    # -- paying ---------------------------------------------------------------------------------------

    def pay(self) -> None:
        if self.cashier_session is None:
            self.banner.show_message(self.tr("صندوق باز نیست؛ ابتدا صندوق را باز کنید."), "error")
            return
        if self.sending is not None:
            return
        chosen = self.lookup.model.selected()
        values, problems = self.pay_form.read(chosen)
        if problems:
            self.banner.show_message(self.pay_form.present(problems) or problems[0].message, "error")
            return
        self.banner.clear()
        payment_id = new_resource_id()
        action = payment_action(
            payment_id,
            cashier_session_id=self.cashier_session.id,
            bills=chosen,
            amount_rials=int(values["amount_rials"]),
            rrn=str(values["rrn"]),
            trace=str(values["trace"]),
            card_mask=str(values["card_mask"]),
            payer_name=str(values["payer_name"]),
            payer_national_id=str(values.get("payer_national_id") or ""),
        )
        self.save_draft_now()  # the fields stay on screen until the answer; the draft goes with the action
        self.sending = (payment_id, chosen)
        self.last_receipt, self.receipt_printed = None, False
        self.pay_form.set_enabled(False)
        self.pay_form.show_status(waiting_text(), "warning")
        self.session.outbox.confirm(action, self._pay_queued, self._pay_not_queued, draft_form=DRAFT_FORM, owner=self)

    def _pay_queued(self, entry: OutboxEntry) -> None:
        self.pay_form.show_status(
            self.tr(
                "{waiting}: پرداخت روی این رایانه ثبت شد و به شهرداری فرستاده می‌شود؛"
                " تا پاسخ شهرداری، رسیدی صادر نشده است."
            ).format(waiting=waiting_text()),
            "warning",
        )
        self.next_button.show()
        self.refresh_record()

    def _pay_not_queued(self, exc: BaseException) -> None:
        self.sending = None
        self.pay_form.set_enabled(True)
        self.pay_form.show_status(self.tr("پرداخت ثبت نشد: {reason}").format(reason=operator_message(exc)), "error")

    def next_payment(self) -> None:
        """The next citizen: the form is empty again; a payment still waiting stays in the list and the outbox."""
        self.sending = None
        self.next_button.hide()
        self.pay_form.clear_payment()
        self.pay_form.show_status("", "")
        self.lookup.clear_bills()
        self._set_open(self.cashier_session is not None)
        self.lookup.bill_id.setFocus()

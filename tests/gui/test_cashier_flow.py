"""The cashier at the counter against the real sandbox: a bill paid through the real widgets and its sealed receipt
out of the CUPS receipt queue; a payment whose answer is lost after the server took it, retried without a second
charge; a void inside the session and one refused after it."""

from __future__ import annotations

import json
import uuid

import pytest
from PySide6.QtCore import Qt

from civic.keys import TrustList
from civic.seal import verify
from client_api.cashier import cashier_close_action, cashier_session, payment
from client_api.outbox import OutboxEntry, State
from desktop.ui.cashier_page import CashierPage
from printing import RECEIPT_PRINTER
from tests.gui.cashier_helpers import (
    WAIT_MS,
    api_client,
    fill_card,
    open_session_through_page,
    printed_with,
    printer_queue,
    scan_bill,
    scan_qr,
    unpaid_bills,
)
from tests.gui.test_permit_wizard import ledger, persian
from tests.outbox.conftest import Sandbox


@pytest.fixture
def restartable(tmp_path):
    """A sandbox on a fixed port that can be restarted with other faults (tests/outbox/conftest.py)."""
    made: list[Sandbox] = []

    def start(faults: str | None = None) -> Sandbox:
        server = Sandbox(tmp_path / f"server-{len(made)}")
        made.append(server)
        return server.start(faults)

    yield start
    for server in made:
        server.stop()


def in_doubt(session) -> int:
    last = session.outbox.last
    return last.counts.in_doubt if last is not None else -1


def payments_of(settled: list[OutboxEntry]) -> list[OutboxEntry]:
    return [e for e in settled if e.kind == "payment"]


@pytest.mark.printer
def test_a_bill_paid_through_the_widgets_prints_the_servers_sealed_receipt(
    make_session, qtbot, start_sandbox, tmp_path
):
    printer, out = printer_queue()
    server = start_sandbox()
    session = make_session(server.url)
    session.print_service.set_printer(RECEIPT_PRINTER, printer)
    before = set(out.glob("*.pdf"))
    page = CashierPage(session)
    qtbot.addWidget(page)
    page.show()
    open_session_through_page(qtbot, page)
    bill = unpaid_bills(server.url)[0]
    scan_bill(qtbot, page, bill)
    assert page.pay_form.total_rials == bill.amount_rials
    assert page.pay_form.payer.text() == bill.payer_name  # filled in from the bill
    fill_card(qtbot, page, persian(f"{bill.amount_rials:,}".replace(",", "٬")))

    settled: list[OutboxEntry] = []
    session.outbox.action_settled.connect(settled.append)
    page.pay_form.pay_button.setFocus()
    qtbot.keyClick(page.pay_form.pay_button, Qt.Key.Key_Space)
    assert "در انتظار تأیید شهرداری" in page.pay_form.status.text()
    assert "R-" not in page.pay_form.status.text()  # no receipt number the server did not issue
    qtbot.waitUntil(lambda: page.last_receipt is not None, timeout=WAIT_MS)
    (done,) = payments_of(settled)
    answered = json.loads(done.response_body)
    number = answered["receipt_number"]
    assert page.last_receipt == number and persian(number) in page.pay_form.status.text()
    qtbot.waitUntil(lambda: page.receipt_printed, timeout=WAIT_MS)

    pdf = printed_with(out, number, before)[0]
    (seal_text,) = scan_qr(pdf, tmp_path / "qr")
    seal = verify(seal_text, TrustList.load())
    assert seal.number == number and seal.kind == "receipt"
    assert seal.amount_rials == bill.amount_rials
    qtbot.waitUntil(lambda: any(r.receipt_number == number for r in page.payments.model.rows), timeout=WAIT_MS)
    assert [b.ref for b in payment(api_client(server.url), answered["id"]).bills] == [bill.ref]


def test_a_payment_whose_answer_is_lost_is_retried_without_a_second_charge(make_session, qtbot, restartable):
    server = restartable()
    session = make_session(server.url)
    page = CashierPage(session)
    qtbot.addWidget(page)
    page.show()
    open_session_through_page(qtbot, page)
    bill = unpaid_bills(server.url)[0]
    scan_bill(qtbot, page, bill)
    fill_card(qtbot, page, str(bill.amount_rials))

    server.restart("drop-after-commit=1")  # the server takes the payment, then the connection drops
    settled: list[OutboxEntry] = []
    session.outbox.action_settled.connect(settled.append)
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter pays
    page.submit()
    qtbot.waitUntil(
        lambda: session.outbox.last is not None and session.outbox.last.counts.in_doubt == 1, timeout=WAIT_MS
    )
    assert "در انتظار تأیید شهرداری" in page.pay_form.status.text()
    assert page.last_receipt is None  # nothing the server did not issue
    qtbot.waitUntil(lambda: any(r.waiting for r in page.payments.model.rows), timeout=WAIT_MS)
    assert page.payments.model.data(page.payments.model.index(0, 1)) == "در انتظار تأیید شهرداری"
    assert list(ledger(server.url).values()).count(1) >= 2  # the session and the payment, each applied once

    server.restart()  # the network heals: the same key gets the stored answer
    session.outbox.retry_now()
    qtbot.waitUntil(lambda: page.last_receipt is not None, timeout=WAIT_MS)
    (done,) = payments_of(settled)
    assert done.state is State.DONE
    assert ledger(server.url)[done.idempotency_key] == 1  # never charged twice
    client = api_client(server.url)
    mine = [p for p in cashier_session(client, page.cashier_session.id).totals.by_kind.values()]
    assert sum(mine) == bill.amount_rials
    qtbot.waitUntil(
        lambda: [r.receipt_number for r in page.payments.model.rows] == [page.last_receipt], timeout=WAIT_MS
    )


def test_a_void_inside_the_session_is_recorded_and_one_after_the_close_is_refused(make_session, qtbot, start_sandbox):
    server = start_sandbox()
    session = make_session(server.url)
    page = CashierPage(session)
    qtbot.addWidget(page)
    page.show()
    open_session_through_page(qtbot, page)
    first, second = unpaid_bills(server.url)[:2]
    receipts: list[str] = []
    for bill in (first, second):
        scan_bill(qtbot, page, bill)
        fill_card(qtbot, page, str(bill.amount_rials))
        page.submit()
        qtbot.waitUntil(lambda: page.last_receipt is not None and page.last_receipt not in receipts, timeout=WAIT_MS)
        receipts.append(page.last_receipt)
        page.next_payment()
    qtbot.waitUntil(lambda: len(page.payments.model.rows) == 2, timeout=WAIT_MS)

    page.payments.select(page.payments.model.rows[1].payment_id)  # the first payment (newest is on top)
    assert page.payments.current() is page.payments.model.rows[1], (page.payments.current(), page.payments.model.rows)
    assert page.payments.void_button.isEnabled()
    page.payments.void_button.click()
    page.payments.void_confirm.click()  # no reason: asked for, nothing sent
    assert "لازم" in page.payments.void_question.text() and page.payments.void_reason.hasFocus()
    page.payments.void_reason.setText("مبلغ اشتباه روی کارت‌خوان")
    # every message the page shows, in order: one may follow another within a turn of the event loop (a receipt
    # that could not be printed, with no printer chosen here, can come after the void on a busy machine)
    shown: list[str] = []
    show_message = page.banner.show_message

    def show_and_note(text: str, tone: str = "info") -> None:
        shown.append(text)
        show_message(text, tone)

    page.banner.show_message = show_and_note
    qtbot.keyClick(page.payments.void_reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any("باطل شد" in text for text in shown), timeout=WAIT_MS)
    client = api_client(server.url)
    voided = payment(client, page.payments.model.rows[-1].payment_id)
    assert voided.voided and voided.void is not None and voided.void.reason == "مبلغ اشتباه روی کارت‌خوان"
    assert voided.receipt.revoked is not None

    # the session is closed elsewhere; a void of the other payment is refused with the server's reason
    close = cashier_close_action(page.cashier_session.id, counted_card_rials=0, counted_cash_rials=0)
    answer = client.submit_action(close.method, close.path, close.body, str(uuid.uuid4()))
    assert answer.status == 200, answer.body
    still = next(r for r in page.payments.model.rows if r.receipt_number == receipts[1])
    page.payments.select(still.payment_id)
    page.payments.void_button.click()
    page.payments.void_reason.setText("درخواست پرداخت‌کننده")
    page.payments.void_confirm.click()
    qtbot.waitUntil(lambda: any("نپذیرفت" in text for text in shown), timeout=WAIT_MS)
    refused = next(text for text in shown if "نپذیرفت" in text)
    assert "closed" in refused or "بسته" in refused  # the server's own reason
    assert not payment(client, still.payment_id).voided

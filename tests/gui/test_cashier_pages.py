"""The cashier's pages against the real sandbox: who is offered them, what hostile input is told (and that nothing
typed is lost), and the day close that sets the counter's record beside the municipality's day list per transaction
id — matched, unknown to the counter (paid through the API directly), in doubt (the answer lost) — to the rial,
closed with a decision for the payment in doubt, and its report printed on A4 and archived."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import Qt

from client_api import errors
from client_api.cashier import DayEntry, DayList, DayTotals, bills, payment_action
from client_api.outbox import OutboxEntry, State
from desktop.cashier_record import CounterPayment, reconcile
from desktop.pages import pages_for
from desktop.ui.cashier_page import CashierPage
from desktop.ui.day_close_page import DayClosePage
from printing import A4_PRINTER
from printing.model import IN_DOUBT, MATCHED, MISSING_ON_SERVER, UNKNOWN_TO_COUNTER
from tests.gui.cashier_helpers import (
    WAIT_MS,
    api_client,
    fill_card,
    open_session_through_page,
    printed_with,
    printer_queue,
    scan_bill,
    unpaid_bills,
)
from tests.gui.test_cashier_flow import in_doubt, restartable  # noqa: F401 (a fixture)
from tests.gui.test_permit_wizard import type_text


def test_a_notary_is_not_offered_the_cashier_pages_and_the_server_refuses_it(make_session, shared_sandbox):
    notary = make_session(shared_sandbox.url, "notary1", "NT-0042")
    offered = {spec.id for spec in pages_for(notary)}
    assert "cashier" not in offered and "day-close" not in offered
    with pytest.raises(errors.ForbiddenError):
        bills(notary.client, national_id="0012345679")
    cashier = make_session(shared_sandbox.url)
    assert {"cashier", "day-close"} <= {spec.id for spec in pages_for(cashier)}


def test_hostile_input_is_named_by_its_field_and_nothing_typed_is_lost(make_session, qtbot, start_sandbox):
    server = start_sandbox()
    session = make_session(server.url)
    page = CashierPage(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page._started and not page.session_box.status.text().startswith("در حال"), timeout=WAIT_MS)

    # a float with letters
    type_text(qtbot, page.session_box.float_field, "۵۰۰هزار")
    qtbot.keyClick(page.session_box.float_field, Qt.Key.Key_Return)
    assert page.banner.text().startswith("موجودی اولیه صندوق (ریال): ") and "عدد" in page.banner.text()
    assert page.session_box.float_field.text() == "۵۰۰هزار" and page.cashier_session is None
    page.session_box.float_field.clear()
    open_session_through_page(qtbot, page)
    # the outbox's snapshot catches up with the session it just opened: from here on nothing may wait in it
    outbox = session.outbox
    qtbot.waitUntil(lambda: outbox.last is not None and outbox.last.counts.waiting == 0, timeout=WAIT_MS)

    # a bill id with a wrong check digit, then a payment id with a wrong one
    bill = unpaid_bills(server.url)[0]
    wrong = bill.bill_id[:-1] + str((int(bill.bill_id[-1]) + 1) % 10)
    type_text(qtbot, page.lookup.bill_id, wrong)
    type_text(qtbot, page.lookup.payment_id, bill.payment_id)
    qtbot.keyClick(page.lookup.payment_id, Qt.Key.Key_Return)
    assert page.banner.text().startswith("شناسه قبض: ") and page.lookup.bill_id.hasFocus()
    assert page.lookup.bill_id.text() == wrong and page.lookup.payment_id.text() == bill.payment_id
    page.lookup.bill_id.setText(bill.bill_id)
    page.lookup.payment_id.setText(bill.payment_id[:-1] + str((int(bill.payment_id[-1]) + 1) % 10))
    page.lookup.search()
    assert page.banner.text().startswith("شناسه پرداخت: ")
    page.lookup.payment_id.setText(bill.payment_id)
    page.lookup.search()
    qtbot.waitUntil(lambda: len(page.lookup.model.selected()) == 1, timeout=WAIT_MS)

    # an amount with letters, then an RRN of the wrong length, then a wrong total: each named, each kept
    fill_card(qtbot, page, "12a000", rrn="12345")
    page.submit()
    assert page.banner.text().startswith("مبلغ کشیده‌شده با کارت‌خوان (ریال): ")
    assert page.pay_form.amount.text() == "12a000" and page.pay_form.rrn.text() == "12345"
    page.pay_form.amount.setText(str(bill.amount_rials))
    page.submit()
    assert page.banner.text() == "شماره مرجع تراکنش: باید ۱۲ رقم باشد"
    assert page.pay_form.rrn.hasFocus() and page.pay_form.rrn.text() == "12345"
    page.pay_form.rrn.setText("123456789012")
    page.pay_form.amount.setText(str(bill.amount_rials + 1000))
    page.submit()
    assert page.banner.text().startswith("مبلغ کشیده‌شده با کارت‌خوان (ریال): با جمع قبض‌ها")
    assert session.outbox.last is None or session.outbox.last.counts.waiting == 0  # nothing was sent

    # the draft keeps what was typed: a new page of the same operator finds it
    page.save_draft_now()
    again = CashierPage(session)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.pay_form.rrn.text() == "123456789012", timeout=WAIT_MS)
    assert again.pay_form.amount.text() == str(bill.amount_rials + 1000)


def _entry(payment_id: str, session_id: str, at: dt.datetime, status: str, amount: int) -> DayEntry:
    return DayEntry(payment_id, f"R-{payment_id[:4]}", "payment", status, amount, ("waste",), at, session_id, "c", None)


def test_the_four_groups_and_the_sum_each_side_explains(qapp):
    sid, at = str(uuid.uuid4()), dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC)
    ids = [str(uuid.uuid4()) for _ in range(4)]
    record = [
        CounterPayment(ids[0], sid, 1_000_000, ("1",), State.DONE, at.timestamp()),
        CounterPayment(ids[1], sid, 2_000_000, ("2",), State.DONE, at.timestamp()),  # the server lost it
        CounterPayment(ids[2], sid, 4_000_000, ("3",), State.IN_DOUBT, at.timestamp()),  # the server has it
    ]
    day = DayList(
        "PK-1001",
        "1404-09-11",
        (
            _entry(ids[0], sid, at, "paid", 1_000_000),
            _entry(ids[2], sid, at, "paid", 4_000_000),
            _entry(ids[3], sid, at, "paid", 8_000_000),  # made elsewhere
            _entry(str(uuid.uuid4()), str(uuid.uuid4()), at, "paid", 16_000_000),  # another session: not ours
        ),
        DayTotals(29_000_000, 0, {}),
    )
    found = reconcile(record, day, sid, {"waste": 13_000_000}, 13_000_000)
    assert {row.transaction_id: row.category for row in found.rows} == {
        ids[0]: MATCHED,
        ids[1]: MISSING_ON_SERVER,
        ids[2]: IN_DOUBT,
        ids[3]: UNKNOWN_TO_COUNTER,
    }
    assert found.counter_paid_rials == 3_000_000
    assert found.explained == {MISSING_ON_SERVER: -2_000_000, UNKNOWN_TO_COUNTER: 8_000_000, IN_DOUBT: 4_000_000}
    assert found.reconciles  # 13 000 000 − 3 000 000 = −2 000 000 + 8 000 000 + 4 000 000


def _settled(session) -> list[OutboxEntry]:
    got: list[OutboxEntry] = []
    session.outbox.action_settled.connect(got.append)
    return got


@pytest.mark.printer
def test_the_day_close_finds_each_group_reconciles_to_the_rial_and_prints(make_session, qtbot, restartable):  # noqa: F811
    printer, out = printer_queue()
    before = set(out.glob("*.pdf"))
    server = restartable()
    session = make_session(server.url)
    session.print_service.set_printer(A4_PRINTER, printer)
    page = CashierPage(session)
    qtbot.addWidget(page)
    page.show()
    open_session_through_page(qtbot, page)
    client = api_client(server.url)
    first, second, third = (
        unpaid_bills(server.url)[0],
        next(b for b in bills(client, renovation_code="1-3-101-1-0-0") if not b.paid),
        next(b for b in bills(client, renovation_code="1-3-101-2-0-0") if not b.paid),
    )

    # matched: paid here and answered
    scan_bill(qtbot, page, first)
    fill_card(qtbot, page, str(first.amount_rials))
    page.submit()
    qtbot.waitUntil(lambda: page.last_receipt is not None, timeout=WAIT_MS)
    page.next_payment()
    # unknown to the counter: paid in the same session through the API directly
    direct = payment_action(
        str(uuid.uuid4()), cashier_session_id=page.cashier_session.id, bills=[second],
        amount_rials=second.amount_rials, rrn="999999999999", trace="999999", card_mask="603799******9999",
        payer_name=second.payer_name, payer_national_id=second.payer_national_id,
    )  # fmt: skip
    assert client.submit_action(direct.method, direct.path, direct.body, str(uuid.uuid4())).status == 201
    # in doubt: the server takes it, the answer is lost (and stays lost while changes keep being dropped)
    server.restart("drop-after-commit=1")
    scan_bill(qtbot, page, third)
    fill_card(qtbot, page, str(third.amount_rials), rrn="111122223333")
    page.submit()
    qtbot.waitUntil(lambda: in_doubt(session) == 1, timeout=WAIT_MS)

    close = DayClosePage(session)
    qtbot.addWidget(close)
    close.show()
    qtbot.waitUntil(lambda: close.reconciliation is not None, timeout=WAIT_MS)
    assert page.cashier_session.id[:8] in close.session_label.text()  # as written: hex, never with Persian digits
    found = close.reconciliation
    groups = {row.amount_rials: row.category for row in found.rows}
    assert groups == {
        first.amount_rials: MATCHED,
        second.amount_rials: UNKNOWN_TO_COUNTER,
        third.amount_rials: IN_DOUBT,
    }
    assert found.counter_paid_rials == first.amount_rials
    assert found.server_paid_rials == first.amount_rials + second.amount_rials + third.amount_rials
    assert found.reconciles
    by_kind = {row.kind: row.difference_rials for row in close.totals_model.rows}
    assert sum(by_kind.values()) == -(second.amount_rials + third.amount_rials)  # to the rial
    assert not close.decisions.isHidden() and len(close.decisions.rows) == 1

    # counted totals with letters, then no decision: each refused with its reason, nothing sent
    type_text(qtbot, close.card, "۱۲x")
    close.submit()
    assert close.banner.text().startswith("جمع کارتی شمارش‌شده (ریال): ") and close.card.text() == "۱۲x"
    close.card.setText(str(first.amount_rials + second.amount_rials + third.amount_rials))
    close.cash.setText("500000")
    close.submit()
    assert "تصمیم" in close.banner.text() and close.closing is None
    (doubtful,) = found.in_doubt
    close.decisions.set_decision(doubtful.transaction_id, "completed", "رسید کارت‌خوان در دست است")
    server.restart()  # the network heals
    settled = _settled(session)
    close.submit()
    assert close.closing is not None
    qtbot.waitUntil(lambda: close.report_printed, timeout=WAIT_MS * 2)
    assert any(e.kind == "cashier-close" and e.state is State.DONE for e in settled)
    report = close.report
    assert report is not None and {t.reconciliation for t in report.transactions} == {
        MATCHED,
        UNKNOWN_TO_COUNTER,
        IN_DOUBT,
    }
    assert [d.reason for d in report.decisions] == ["رسید کارت‌خوان در دست است"]
    assert printed_with(out, report.number, before)
    assert session.print_service.already_printed(report.number)  # archived


def test_a_link_opens_a_session_with_its_float_and_lists_a_citizens_bills(make_session, qtbot, start_sandbox):
    server = start_sandbox()
    session = make_session(server.url)
    page = CashierPage(session)
    qtbot.addWidget(page)
    page.open_with(open_float_rials=2_000_000, national_id="0012345679")  # before the page knows the server's state
    qtbot.waitUntil(lambda: page.cashier_session is not None, timeout=WAIT_MS)
    assert page.cashier_session.float_rials == 2_000_000
    qtbot.waitUntil(lambda: len(page.lookup.model.bills) == 2, timeout=WAIT_MS)  # the demo owner's two bills
    assert page.lookup.model.selected() == []  # found by the person: the operator ticks what is paid
    again = CashierPage(session)  # a page made later finds the open session on the server
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.cashier_session is not None, timeout=WAIT_MS)
    assert again.cashier_session.id == page.cashier_session.id

"""client_api/cashier.py against the real sandbox over loopback: the reading functions, the four actions sent as the
outbox sends them, the sealed receipt verified offline and printed, the day list, and a payment whose answer was lost
after the server had committed it."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from civic.keys import TrustList
from civic.seal import content_digest, verify
from client_api import cashier
from client_api.actions import ACTION_KINDS, ActionAnswer, PreparedAction
from client_api.client import MunicipalClient
from client_api.errors import AnswerLostError, ForbiddenError, ValidationFailedError
from client_api.token_store import MemoryTokenStore
from printing import render
from printing.common import sealed
from printing.content import document_from_content
from printing.model import PaymentReceipt, document_content
from sandbox.bills_seed import NO_DEBT_PARCEL
from sandbox.city import DEMO_OWNER, DEMO_PARCEL
from sandbox.faults import FaultSpec
from sandbox.server import SandboxServer
from sandbox.settings import SandboxSettings
from tests.conftest import SandboxProcess

PASSWORD = "pishkhan-demo"


def signed_in(url: str, username: str = "counter1", office: str = "PK-1001") -> MunicipalClient:
    client = MunicipalClient(url, MemoryTokenStore())
    client.sign_in(username, PASSWORD, office, "T-CASH-9")
    return client


def send(client: MunicipalClient, action: PreparedAction, key: str | None = None) -> ActionAnswer:
    return client.submit_action(action.method, action.path, action.body, key or str(uuid.uuid4()))


def pay_action(session: cashier.CashierSession, bills: list[cashier.Bill], payment_id: str) -> PreparedAction:
    return cashier.payment_action(
        payment_id,
        cashier_session_id=session.id,
        bills=bills,
        amount_rials=sum(b.amount_rials for b in bills),
        rrn="405900000001",
        trace="000042",
        card_mask="603799******4321",
        payer_name=bills[0].payer_name,
        payer_national_id=bills[0].payer_national_id,
    )


def open_session(client: MunicipalClient, float_rials: int = 1_000_000) -> cashier.CashierSession:
    session_id = str(uuid.uuid4())
    answer = send(client, cashier.cashier_open_action(session_id, float_rials))
    assert answer.status == 201, answer.body
    return cashier.cashier_session(client, session_id)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    server = SandboxProcess(tmp_path_factory.mktemp("cashier-client"))
    yield server
    server.stop()


@pytest.fixture
def client(city: SandboxProcess) -> Iterator[MunicipalClient]:
    """counter1, with no session left open by the test before (each test closes what it opened)."""
    client = signed_in(city.url)
    yield client
    for session in cashier.open_cashier_sessions(client):
        answer = send(client, cashier.cashier_close_action(session.id, counted_card_rials=0, counted_cash_rials=0))
        assert answer.status == 200, answer.body


def test_the_four_action_kinds_are_known_to_the_outbox():
    kinds = (cashier.actions.CASHIER_OPEN, cashier.actions.PAYMENT, cashier.actions.PAYMENT_VOID,
             cashier.actions.CASHIER_CLOSE)  # fmt: skip
    assert set(kinds) <= set(ACTION_KINDS) and len(set(kinds)) == 4


def test_bills_are_read_by_every_key_as_typed_dataclasses(client):
    by_parcel = cashier.bills(client, renovation_code=DEMO_PARCEL)
    assert [b.kind for b in by_parcel] == ["renovation", "waste"] and all(
        isinstance(b.amount_rials, int) for b in by_parcel
    )
    assert cashier.bills(client, national_id=DEMO_OWNER)[: len(by_parcel)] == by_parcel
    first = by_parcel[0]
    assert cashier.bills(client, bill_id=first.bill_id, payment_id=first.payment_id) == [first]
    assert cashier.bills(client, renovation_code=NO_DEBT_PARCEL) == []
    with pytest.raises(ValidationFailedError) as caught:
        cashier.bills(client, bill_id=first.bill_id, payment_id=first.payment_id[:-1] + "9")
    assert [e.field for e in caught.value.field_errors] == ["payment_id"]


def test_a_payment_through_the_client_comes_with_a_receipt_that_verifies_offline_and_prints(client):
    session = open_session(client)
    assert session.is_open and session.terminal_id == "T-CASH-9" and session.totals.paid_rials == 0
    assert [s.id for s in cashier.open_cashier_sessions(client)] == [session.id]
    bills = [b for b in cashier.bills(client, renovation_code="1-3-101-1-0-0") if not b.paid]
    payment_id = str(uuid.uuid4())
    answer = send(client, pay_action(session, bills, payment_id))
    assert answer.status == 201, answer.body
    payment = cashier.payment(client, payment_id)
    assert payment == cashier.Payment.from_json(json.loads(answer.body))
    assert payment.status == cashier.PAID and payment.amount_rials == sum(b.amount_rials for b in bills)
    assert all(b.paid and b.payment == payment_id for b in payment.bills)

    receipt = payment.receipt
    trust = TrustList.load()
    payload = verify(receipt.seal, trust)
    assert (payload.number, payload.kind, payload.training) == (payment.receipt_number, "receipt", True)
    assert (payload.holder, payload.amount_rials, payload.expires) == (payment.payer_name, payment.amount_rials, None)
    doc = document_from_content(receipt.content, seal=receipt.seal)
    assert isinstance(doc, PaymentReceipt)
    assert content_digest(document_content(doc)) == payload.content_sha256
    assert sealed(doc) is not None  # the seal names this number and kind and carries this content's hash
    assert (doc.bank_name, doc.terminal_id, doc.total_rials) == ("بانک ملی ایران", "T-CASH-9", payment.amount_rials)
    assert [line.reference for line in doc.lines] == [b.bill_id for b in bills]
    printed = render(doc)
    assert printed.pdf.startswith(b"%PDF") and printed.number == payment.receipt_number
    assert render(document_from_content(receipt.content, seal=receipt.seal, reprint=True)).reprint


def test_a_payment_made_directly_through_the_api_is_in_the_day_list_with_totals_to_the_rial(client, city):
    session = open_session(client)
    mine_id = str(uuid.uuid4())
    mine_bills = [b for b in cashier.bills(client, renovation_code="1-3-101-3-0-0") if not b.paid]
    assert send(client, pay_action(session, mine_bills, mine_id)).status == 201
    # another program, the same operator: a payment this desk never saw
    other = signed_in(city.url)
    other_id = str(uuid.uuid4())
    other_bills = [b for b in cashier.bills(other, renovation_code="1-3-101-5-0-0") if not b.paid]
    assert send(other, pay_action(session, other_bills, other_id)).status == 201
    void = send(client, cashier.payment_void_action(mine_id, "وجه دوبار کسر شد"))
    assert void.status == 200, void.body
    voided = cashier.payment(client, mine_id)
    assert voided.voided and voided.void is not None and voided.void.reason == "وجه دوبار کسر شد"
    assert voided.receipt.revoked is not None and not any(b.paid for b in voided.bills)

    day = cashier.day_list(client, "PK-1001", session.business_date)
    assert day.date == session.business_date.replace("/", "-")
    mine, theirs = day.entry(mine_id), day.entry(other_id)
    assert mine is not None and theirs is not None
    assert (mine.status, theirs.status) == (cashier.VOIDED, cashier.PAID)
    assert theirs.receipt_number == cashier.payment(client, other_id).receipt_number
    paid = sum(e.amount_rials for e in day.transactions if e.status == cashier.PAID)
    assert day.totals.paid == paid and day.totals.voided >= mine.amount_rials
    assert sum(day.totals.by_kind.values()) == day.totals.paid

    decision = cashier.Decision(str(uuid.uuid4()), cashier.NOT_TAKEN, "کارتخوان قطع شد")
    close = cashier.cashier_close_action(
        session.id,
        counted_card_rials=theirs.amount_rials,
        counted_cash_rials=session.float_rials,
        decisions=[decision],
        note="پایان روز",
    )
    assert send(client, close).status == 200
    closed = cashier.cashier_session(client, session.id)
    assert not closed.is_open and closed.counted is not None and closed.counted.decisions == (decision,)
    assert (closed.totals.card_difference_rials, closed.totals.cash_difference_rials) == (0, 0)
    late = send(client, cashier.payment_void_action(other_id, "دیر"))
    assert late.status == 409 and late.problem_slug() == "cashier-session-closed"


def test_a_notary_cannot_look_bills_up(city):
    with pytest.raises(ForbiddenError):
        cashier.bills(signed_in(city.url, "notary1", "NT-0042"), renovation_code=DEMO_PARCEL)


def test_the_builders_refuse_what_the_server_would(client):
    with pytest.raises(ValueError):
        cashier.payment_void_action(str(uuid.uuid4()), "  ")
    with pytest.raises(TypeError):
        cashier.cashier_open_action(str(uuid.uuid4()), 1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        cashier.cashier_open_action("not-a-uuid", 0)
    with pytest.raises(ValueError):
        cashier.cashier_close_action(
            str(uuid.uuid4()),
            counted_card_rials=0,
            counted_cash_rials=0,
            decisions=[cashier.Decision(str(uuid.uuid4()), "maybe", "؟")],
        )


def test_a_lost_answer_is_resent_under_the_same_key_and_shows_the_one_receipt_number(tmp_path: Path):
    data = tmp_path / "sandbox"
    server = SandboxServer(SandboxSettings(data_dir=data), host="127.0.0.1", port=0).start()
    port = server.port
    try:
        client = signed_in(server.url)
        session = open_session(client)
        bills = cashier.bills(client, renovation_code=DEMO_PARCEL)
    finally:
        server.stop()
    faults = FaultSpec.parse("drop-after-commit=1")
    server = SandboxServer(SandboxSettings(data_dir=data, faults=faults), host="127.0.0.1", port=port).start()
    payment_id, key = str(uuid.uuid4()), str(uuid.uuid4())
    action = pay_action(session, bills, payment_id)
    try:
        with pytest.raises(AnswerLostError):
            send(client, action, key)
        taken = cashier.payment(client, payment_id)  # the server has it; reads meet no fault
    finally:
        server.stop()
    server = SandboxServer(SandboxSettings(data_dir=data), host="127.0.0.1", port=port).start()
    try:
        resent = send(client, action, key)
        assert resent.status == 201 and resent.replayed
        assert cashier.Payment.from_json(json.loads(resent.body)).receipt_number == taken.receipt_number
        day = cashier.day_list(client, "PK-1001", session.business_date)
        assert [e.id for e in day.transactions] == [payment_id]
        assert day.totals.paid == sum(b.amount_rials for b in bills)
    finally:
        server.stop()

"""The client's typed reading of inquiries, certificates, documents, keys and revocations, and its two outbox actions,
against the real sandbox over loopback HTTP (client_api/inquiries.py).

Measured: an inquiry sent as the outbox sends it (exact body bytes, Idempotency-Key) is read back typed, with its
reply as an IssuedDoc whose content the printing layer reads, whose seal verifies and whose PDF builds; the list
pages; a certificate request the same way; a document by number; the trust list and revocation list as bytes that
verify; a counter operator gets ForbiddenError; the demo seed gives the notary office answered and pending inquiries.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Iterator

import pytest

from civic.keys import TrustList
from civic.resources import resource_path
from civic.revocation import read_revocation_list
from client_api import ForbiddenError, MemoryTokenStore, MunicipalClient, NotFoundError, actions
from client_api import inquiries as api
from sandbox.inquiry_seed import seed_demo_inquiries
from tests.conftest import SandboxProcess
from tests.integration.inquiry_helpers import DEBT_FREE_COMPLETED, LEGAL_ID, NATIONAL_ID, WITH_DEBTS, checked_document


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    server = SandboxProcess(tmp_path_factory.mktemp("inquiries-client"), "--inquiry-delay", "0")
    yield server
    server.stop()


def _client(url: str, username: str = "notary1", office: str = "NT-0042") -> MunicipalClient:
    client = MunicipalClient(url, MemoryTokenStore())
    client.sign_in(username, "pishkhan-demo", office, "T-NOTARY1")
    return client


def _send(client: MunicipalClient, action: actions.PreparedAction) -> actions.ActionAnswer:
    return client.submit_action(action.method, action.path, action.body, actions.new_resource_id())


PARTIES = (
    api.Party("seller", "رضا کریمی", national_id="۰۰۱۲۳۴۵۶۷۹"),
    api.Party("buyer", "شرکت نمونه", legal_id=LEGAL_ID),
)


def test_an_inquiry_sent_through_its_action_is_read_back_typed(sandbox: SandboxProcess) -> None:
    client = _client(sandbox.url)
    inquiry_id = actions.new_resource_id()
    body = api.inquiry_body(api.TRANSFER, parties=PARTIES, renovation_code=WITH_DEBTS, note="پرونده ۱۲")
    action = api.inquiry_send_action(inquiry_id, body)
    assert action.kind == actions.INQUIRY_SEND and action.kind in actions.ACTION_KINDS
    assert action.method == "PUT" and action.path == f"/inquiries/{inquiry_id}" and action.summary == WITH_DEBTS
    answer = _send(client, action)
    assert answer.status == 201, answer.body

    inquiry = api.inquiry(client, inquiry_id)
    assert inquiry.id == inquiry_id and inquiry.type == api.TRANSFER and inquiry.answered
    assert inquiry.parties[0] == api.Party("seller", "رضا کریمی", NATIONAL_ID, None)
    assert inquiry.parties[1].legal_id == LEGAL_ID and inquiry.note == "پرونده 12"  # text is stored normalised
    assert inquiry.plate == "1234/56" and inquiry.renovation_code == WITH_DEBTS
    assert inquiry.created_at.tzinfo is not None and inquiry.answered_at is not None
    reply = inquiry.reply
    assert reply is not None and reply.kind == "inquiry-reply" and reply.revoked is None
    assert reply.expires is not None and reply.expires > dt.date.today()
    doc = checked_document(
        {
            "number": reply.number,
            "kind": reply.kind,
            "content": reply.content,
            "seal": reply.seal,
            "expires": reply.expires.isoformat(),
        }
    )
    assert doc.inquiry_number == inquiry.number  # type: ignore[attr-defined]

    same = api.document(client, reply.number)
    assert same == reply

    refused = _send(client, api.inquiry_send_action(inquiry_id, {**body, "note": "دیگر"}))
    assert refused.status == 422 and refused.problem_slug() == "inquiry-exists"
    invalid = _send(client, api.inquiry_send_action(actions.new_resource_id(), {**body, "renovation_code": None}))
    assert invalid.status == 422 and [e.field for e in invalid.field_errors()] == ["renovation_code"]


def test_the_list_pages_and_filters(sandbox: SandboxProcess) -> None:
    client = _client(sandbox.url)
    for _ in range(3):
        body = api.inquiry_body(api.MORTGAGE, parties=PARTIES[:1], renovation_code=DEBT_FREE_COMPLETED)
        assert _send(client, api.inquiry_send_action(actions.new_resource_id(), body)).status == 201
    page = api.inquiries(client, renovation_code=DEBT_FREE_COMPLETED, page=1, page_size=2)
    assert page.total == 3 and page.page == 1 and page.page_size == 2 and len(page.items) == 2
    assert page.items[0].created_at >= page.items[1].created_at
    assert all(item.type == api.MORTGAGE and item.reply is not None for item in page.items)
    assert api.inquiries(client, status=api.PENDING).total == 0
    with pytest.raises(NotFoundError):
        api.inquiry(client, actions.new_resource_id())


def test_a_certificate_is_requested_and_read_back(sandbox: SandboxProcess) -> None:
    client = _client(sandbox.url)
    certificate_id = actions.new_resource_id()
    action = api.certificate_request_action(certificate_id, "completion", DEBT_FREE_COMPLETED)
    assert action.kind == actions.CERTIFICATE_REQUEST and action.path == f"/certificates/{certificate_id}"
    assert _send(client, action).status == 201
    record = api.certificate(client, certificate_id)
    assert record.kind == "completion" and record.status == "issued" and record.document.expires is None
    checked_document(
        {
            "number": record.document.number,
            "kind": record.document.kind,
            "content": record.document.content,
            "seal": record.document.seal,
            "expires": None,
        }
    )
    refused = _send(client, api.certificate_request_action(actions.new_resource_id(), "clearance", WITH_DEBTS))
    assert refused.status == 422 and refused.problem_slug() == "parcel-has-debts"
    with pytest.raises(ValueError):
        api.certificate_request_action(actions.new_resource_id(), "permit", WITH_DEBTS)


def test_keys_and_revocations_are_read_as_bytes_that_verify(sandbox: SandboxProcess) -> None:
    client = _client(sandbox.url)
    assert api.trust_list_json(client) == resource_path("trust", "keys.json").read_bytes()
    listed = read_revocation_list(api.revocations_json(client), TrustList.load())
    assert not listed.is_stale(dt.datetime.now(dt.UTC))
    signed_out = MunicipalClient(sandbox.url, MemoryTokenStore())  # public: read before anyone signs in
    assert api.trust_list_json(signed_out) == resource_path("trust", "keys.json").read_bytes()
    with pytest.raises(NotFoundError):
        api.document(client, "IR-1300-000000")


def test_a_counter_operator_is_forbidden(sandbox: SandboxProcess) -> None:
    counter = _client(sandbox.url, "counter1", "PK-1001")
    with pytest.raises(ForbiddenError):
        api.inquiries(counter)
    with pytest.raises(ForbiddenError):
        api.certificate(counter, actions.new_resource_id())
    body = api.inquiry_body(api.TRANSFER, parties=PARTIES, renovation_code=WITH_DEBTS)
    assert _send(counter, api.inquiry_send_action(actions.new_resource_id(), body)).status == 403


def test_the_demo_seed_gives_answered_and_pending_inquiries(start_sandbox) -> None:  # type: ignore[no-untyped-def]
    server = start_sandbox()  # the demo's delay (3 s)
    conn = sqlite3.connect(server.data_dir / "sandbox.sqlite3", isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        assert seed_demo_inquiries(conn, "NT-0042", "notary1", 6, time.time()) == 6
        assert seed_demo_inquiries(conn, "NT-0042", "notary1", 6, time.time()) == 0  # idempotent
    finally:
        conn.close()
    client = _client(server.url)
    page = api.inquiries(client)
    assert page.total == 6
    assert [i.status for i in page.items] == [api.PENDING] + [api.ANSWERED] * 5  # newest first
    allowed = set()
    for item in page.items[1:]:
        assert item.reply is not None
        doc = checked_document(
            {
                "number": item.reply.number,
                "kind": item.reply.kind,
                "content": item.reply.content,
                "seal": item.reply.seal,
                "expires": item.reply.expires.isoformat() if item.reply.expires else None,
            }
        )
        allowed.add((doc.transfer_allowed, bool(doc.condition)))  # type: ignore[attr-defined]
    assert allowed == {(True, True), (True, False), (False, True)}  # on condition, without one, refused
    assert {i.type for i in page.items} == {api.TRANSFER, api.MORTGAGE, api.UTILITY}

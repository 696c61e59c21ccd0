"""Notary inquiries, certificates, documents, keys and revocations, against the real sandbox over loopback HTTP.

What is measured: an inquiry is made once under its client id (replay, same fields again, other fields refused);
bad fields are named; the reply is computed from the parcel (debts = its unpaid bills, transfer fee = the fees
engine's figure, a pending violation refuses the transfer, a debt-free parcel passes without condition), sealed so
that the content hashes to the seal's digest, verifies with the bundled trust list and renders; it comes after the
delay and only once; certificates only when their conditions hold; the document, key and revocation endpoints; and
counter1 is refused (403) on every notary endpoint.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from civic.jalali import to_jalali
from civic.keys import TrustList
from civic.money import format_rials
from civic.resources import resource_path
from civic.revocation import RevocationListError, read_revocation_list
from fees import assess, case_from_json
from sandbox.bills_store import unpaid_bills
from sandbox.documents import revoke_document
from tests.conftest import SandboxProcess
from tests.integration.inquiry_helpers import (
    BUILDING_WITH_VIOLATION,
    DEBT_FREE_COMPLETED,
    DEBT_FREE_RULED,
    PENDING_VIOLATION,
    WITH_DEBTS,
    answered,
    checked_document,
    inquiry_body,
    party,
    send_inquiry,
)
from tests.integration.permit_helpers import COUNTER, NOTARY, REVIEWER, Api

PENDING_STATUS = "در انتظار رسیدگی کمیسیون ماده ۱۰۰"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    server = SandboxProcess(tmp_path_factory.mktemp("inquiries"), "--inquiry-delay", "0")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def notary(sandbox: SandboxProcess) -> Api:
    return Api(sandbox.url, NOTARY)


@pytest.fixture(scope="module")
def counter(sandbox: SandboxProcess) -> Api:
    return Api(sandbox.url, COUNTER)


def _db(server: SandboxProcess) -> sqlite3.Connection:
    conn = sqlite3.connect(server.data_dir / "sandbox.sqlite3", isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def _reply(notary: Api, code: str, **changes: Any) -> dict[str, Any]:
    response = send_inquiry(notary, inquiry_body(code, **changes))
    assert response.status_code == 201, response.text
    inquiry: dict[str, Any] = response.json()
    assert inquiry["status"] == "answered"  # no delay in this sandbox: answered as it is made
    return inquiry


# -- making an inquiry ------------------------------------------------------------------------------------------


def test_an_inquiry_is_made_once_under_its_id(notary: Api) -> None:
    inquiry_id, key = str(uuid.uuid4()), str(uuid.uuid4())
    body = inquiry_body()
    first = notary.send("PUT", f"/inquiries/{inquiry_id}", body, key)
    assert first.status_code == 201, first.text
    made = first.json()
    assert made["id"] == inquiry_id and made["number"].startswith("Q-14") and len(made["number"]) == 13
    assert made["renovation_code"] == WITH_DEBTS and made["plate"] == "1234/56" and made["type"] == "transfer"

    replayed = notary.send("PUT", f"/inquiries/{inquiry_id}", body, key)
    assert replayed.status_code == 201 and replayed.headers.get("Idempotency-Replayed") == "true"
    assert replayed.json() == made

    again = send_inquiry(notary, body, inquiry_id)  # the same fields under a new key: the same inquiry
    assert again.status_code == 200 and again.json() == made

    other = send_inquiry(notary, {**body, "note": "another"}, inquiry_id)
    assert other.status_code == 422, other.text
    assert other.json()["type"].endswith("/inquiry-exists")
    assert other.json()["errors"] == [{"field": "id", "message": "Already used for another inquiry."}]


def test_bad_fields_are_named(notary: Api) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        (inquiry_body(parties=[party(), party("buyer", "زهرا", national_id="0012345678")]), "parties[1].national_id"),
        (inquiry_body(parties=[party(legal_id="10100012341")]), "parties[0].legal_id"),
        (inquiry_body(parties=[party(national_id="0012345679", legal_id="10100012342")]), "parties[0].national_id"),
        (inquiry_body(None), "renovation_code"),
        (inquiry_body(plate="1234/56"), "renovation_code"),  # both given
        (inquiry_body("9-9-999-99-0-0"), "renovation_code"),  # no such parcel
        (inquiry_body(None, plate="9999/99"), "plate"),
        (inquiry_body(type="utility"), "utility"),
        (inquiry_body(utility="gas"), "utility"),
        (inquiry_body(parties=[]), "parties"),
        (inquiry_body(parties=[party(role="landlord")]), "parties[0].role"),
        (inquiry_body(note="x" * 501), "note"),
    ]
    for body, field in cases:
        response = send_inquiry(notary, body)
        assert response.status_code == 422, (field, response.text)
        assert field in {error["field"] for error in response.json()["errors"]}, (field, response.text)


def test_persian_digits_are_read_and_stored_canonical(notary: Api) -> None:
    body = inquiry_body(None, plate="۱۲۳۴/۵۶", parties=[party(national_id="۰۰۱۲۳۴۵۶۷۹")])
    response = send_inquiry(notary, body)
    assert response.status_code == 201, response.text
    inquiry = response.json()
    assert inquiry["renovation_code"] == WITH_DEBTS and inquiry["plate"] == "1234/56"
    assert inquiry["parties"][0]["national_id"] == "0012345679"


# -- the reply, from the parcel's data ------------------------------------------------------------------------------


def test_the_reply_lists_the_unpaid_bills_and_the_books_transfer_fee(sandbox: SandboxProcess, notary: Api) -> None:
    inquiry = _reply(notary, WITH_DEBTS)
    content = inquiry["reply"]["content"]
    with _db(sandbox) as conn:
        bills = unpaid_bills(conn, WITH_DEBTS)
        land_area = conn.execute(
            "SELECT land_area_m2 FROM parcels WHERE renovation_code = ?", (WITH_DEBTS,)
        ).fetchone()[0]
    assert bills, "the demo parcel owes bills"
    assert content["debts"] == [{"title": b["title"], "amount_rials": b["amount_rials"]} for b in bills]
    issued = dt.datetime.fromisoformat(content["issued_at"].replace("Z", "+00:00"))
    day = "{:04d}/{:02d}/{:02d}".format(*to_jalali(issued))
    case = {"renovation_code": WITH_DEBTS, "date": day, "purpose": "transfer", "land_area_m2": land_area}
    expected_fee = assess(case_from_json(json.dumps(case).encode())).total_rials
    assert content["transfer_fee_rials"] == expected_fee > 0
    owed = sum(b["amount_rials"] for b in bills)
    assert content["transfer_allowed"] is True
    assert content["condition"] == f"پرداخت بدهی‌ها به مبلغ {format_rials(owed)} ریال پیش از تنظیم سند"
    assert content["violations"] == []
    assert content["inquiry_number"] == inquiry["number"] and content["requester"] == "دفتر اسناد رسمی شماره ۴۲ همدان"
    doc = checked_document(inquiry["reply"])
    assert doc.total_due_rials == owed + expected_fee  # type: ignore[attr-defined]


def test_a_violation_pending_at_the_commission_stops_the_transfer(notary: Api) -> None:
    content = _reply(notary, PENDING_VIOLATION)["reply"]["content"]
    assert content["transfer_allowed"] is False
    assert "ماده ۱۰۰" in content["condition"] and "مجاز نیست" in content["condition"]
    assert [v["commission_status"] for v in content["violations"]] == [PENDING_STATUS]


def test_a_debt_free_parcel_may_be_transferred_without_condition(notary: Api) -> None:
    inquiry = _reply(notary, DEBT_FREE_RULED)
    content = inquiry["reply"]["content"]
    assert content["debts"] == [] and content["transfer_allowed"] is True and content["condition"] == ""
    assert [v["commission_status"] for v in content["violations"]] == ["رأی کمیسیون صادر و جریمه پرداخت شده"]
    checked_document(inquiry["reply"])


def test_mortgage_and_utility_replies_carry_their_own_title(notary: Api) -> None:
    mortgage = _reply(notary, DEBT_FREE_COMPLETED, type="mortgage")["reply"]
    assert mortgage["content"]["inquiry_type"] == "استعلام رهن بانکی"
    assert mortgage["content"]["transfer_fee_rials"] == 0
    gas = _reply(notary, WITH_DEBTS, type="utility", utility="gas", parties=[party("applicant")])["reply"]
    assert gas["content"]["inquiry_type"] == "استعلام انشعاب گاز"
    assert gas["content"]["condition"].endswith("پیش از واگذاری انشعاب")
    for reply in (mortgage, gas):
        checked_document(reply)


def test_the_reply_comes_after_the_delay_and_only_once(start_sandbox: Any) -> None:
    server = start_sandbox("--inquiry-delay", "2")
    notary = Api(server.url, NOTARY)
    made = send_inquiry(notary, inquiry_body())
    assert made.status_code == 201 and made.json()["status"] == "pending" and made.json()["reply"] is None
    inquiry_id = made.json()["id"]
    due = dt.datetime.fromisoformat(made.json()["answer_due_at"].replace("Z", "+00:00"))
    assert notary.get(f"/inquiries/{inquiry_id}").json()["status"] == "pending"
    assert notary.get("/inquiries", status="pending").json()["total"] == 1
    time.sleep(max(0.0, (due - dt.datetime.now(dt.UTC)).total_seconds()) + 1.2)
    answers: list[dict[str, Any]] = []
    readers = [
        threading.Thread(target=lambda: answers.append(notary.get(f"/inquiries/{inquiry_id}").json())) for _ in range(4)
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert {a["status"] for a in answers} == {"answered"}
    assert len({a["reply"]["number"] for a in answers}) == 1 and len({a["reply"]["seal"] for a in answers}) == 1
    with _db(server) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents WHERE kind = 'inquiry-reply'").fetchone()[0] == 1
    assert answered(notary, inquiry_id)["reply"] == answers[0]["reply"]


# -- reading ----------------------------------------------------------------------------------------------------


def test_the_list_is_paged_filtered_and_newest_first(start_sandbox: Any) -> None:
    server = start_sandbox("--inquiry-delay", "0")
    notary = Api(server.url, NOTARY)
    made = [send_inquiry(notary, inquiry_body(code)).json() for code in (WITH_DEBTS, DEBT_FREE_RULED, WITH_DEBTS)]
    page = notary.get("/inquiries", page=1, page_size=2).json()
    assert page["total"] == 3 and page["page"] == 1 and page["page_size"] == 2
    assert [i["id"] for i in page["items"]] == [made[2]["id"], made[1]["id"]]
    assert [i["id"] for i in notary.get("/inquiries", page=2, page_size=2).json()["items"]] == [made[0]["id"]]
    by_parcel = notary.get("/inquiries", renovation_code="۲-۱۴-۱۲۳-۴۲-۰-۰").json()
    assert [i["id"] for i in by_parcel["items"]] == [made[1]["id"]]
    assert notary.get("/inquiries", status="answered").json()["total"] == 3
    assert notary.get("/inquiries", status="pending").json()["total"] == 0
    today = dt.datetime.now(dt.UTC).date()
    assert notary.get("/inquiries", to=(today - dt.timedelta(days=1)).isoformat()).json()["total"] == 0
    assert notary.get("/inquiries", **{"from": today.isoformat()}).json()["total"] == 3
    assert notary.get("/inquiries", status="lost").status_code == 422
    assert notary.get(f"/inquiries/{uuid.uuid4()}").status_code == 404
    assert notary.get("/inquiries/not-a-uuid").status_code == 404


def test_a_counter_operator_is_refused_every_notary_endpoint(notary: Api, counter: Api) -> None:
    inquiry_id = _reply(notary, WITH_DEBTS)["id"]
    certificate = {"kind": "no-violation", "renovation_code": WITH_DEBTS}
    refused = [
        counter.send("PUT", f"/inquiries/{uuid.uuid4()}", inquiry_body()),
        counter.get(f"/inquiries/{inquiry_id}"),
        counter.get("/inquiries"),
        counter.send("PUT", f"/certificates/{uuid.uuid4()}", certificate),
        counter.get(f"/certificates/{uuid.uuid4()}"),
    ]
    for response in refused:
        assert response.status_code == 403, response.text
        assert response.json()["type"].endswith("/forbidden")


# -- certificates -----------------------------------------------------------------------------------------------


def _certificate(notary: Api, kind: str, code: str, certificate_id: str | None = None) -> requests.Response:
    return notary.send(
        "PUT", f"/certificates/{certificate_id or uuid.uuid4()}", {"kind": kind, "renovation_code": code}
    )


def test_certificates_are_issued_only_when_their_conditions_hold(notary: Api) -> None:
    refusals = [
        ("clearance", WITH_DEBTS, "parcel-has-debts"),
        ("completion", WITH_DEBTS, "building-not-completed"),
        ("no-violation", DEBT_FREE_COMPLETED, "building-not-under-construction"),
        ("no-violation", BUILDING_WITH_VIOLATION, "parcel-has-violations"),
    ]
    for kind, code, slug in refusals:
        response = _certificate(notary, kind, code)
        assert response.status_code == 422, (kind, code, response.text)
        assert (
            response.json()["type"].endswith(f"/{slug}") and response.json()["errors"][0]["field"] == "renovation_code"
        )
    today = dt.datetime.now(dt.UTC).date()
    for kind, code in (
        ("clearance", DEBT_FREE_COMPLETED),
        ("completion", DEBT_FREE_COMPLETED),
        ("no-violation", WITH_DEBTS),
    ):
        response = _certificate(notary, kind, code)
        assert response.status_code == 201, (kind, response.text)
        record = response.json()
        assert record["kind"] == kind and record["status"] == "issued" and record["document"]["kind"] == kind
        expires = record["document"]["expires"]
        if kind == "completion":
            assert expires is None and record["document"]["content"]["valid_until"] is None
        else:
            assert today + dt.timedelta(days=85) < dt.date.fromisoformat(expires) < today + dt.timedelta(days=95)
        doc = checked_document(record["document"])
        assert doc.owner_name  # type: ignore[attr-defined]
        assert notary.get(f"/certificates/{record['id']}").json() == record


def test_completion_waits_for_the_commission(sandbox: SandboxProcess, notary: Api) -> None:
    """A building the municipality marked completed (its permit request) with a violation still at the commission."""
    counter, reviewer = Api(sandbox.url, COUNTER), Api(sandbox.url, REVIEWER)
    request = counter.submitted(renovation_code=PENDING_VIOLATION, power_of_attorney="وکالت ۱۲۳۴")
    moved = reviewer.review(request["id"], "completed")
    assert moved.status_code == 200 and moved.json()["status"] == "completed", moved.text
    response = _certificate(notary, "completion", PENDING_VIOLATION)
    assert response.status_code == 422 and response.json()["type"].endswith("/violation-pending"), response.text


def test_a_certificate_is_made_once_under_its_id(notary: Api) -> None:
    certificate_id = str(uuid.uuid4())
    first = _certificate(notary, "no-violation", WITH_DEBTS, certificate_id)
    assert first.status_code == 201
    again = _certificate(notary, "no-violation", WITH_DEBTS, certificate_id)
    assert again.status_code == 200 and again.json() == first.json()
    other = _certificate(notary, "completion", DEBT_FREE_COMPLETED, certificate_id)
    assert other.status_code == 422 and other.json()["type"].endswith("/certificate-exists")
    assert notary.get(f"/certificates/{uuid.uuid4()}").status_code == 404


# -- documents, keys, revocations ------------------------------------------------------------------------------


def test_a_document_is_read_by_its_number(sandbox: SandboxProcess, notary: Api, counter: Api) -> None:
    reply = _reply(notary, WITH_DEBTS)["reply"]
    assert notary.get(f"/documents/{reply['number']}").json() == reply
    assert counter.get(f"/documents/{reply['number'].lower()}").json() == reply  # any operator; a scan may be lower
    missing = notary.get("/documents/IR-1300-999999")
    assert missing.status_code == 404 and missing.json()["type"].endswith("/document-not-found")
    assert requests.get(f"{sandbox.url}/api/v1/documents/{reply['number']}", timeout=30).status_code == 401


def test_keys_are_the_bundled_trust_list(sandbox: SandboxProcess) -> None:
    response = requests.get(f"{sandbox.url}/api/v1/keys", timeout=30)
    assert response.status_code == 200
    assert response.content == resource_path("trust", "keys.json").read_bytes()
    assert TrustList.from_json(response.content).get("pishkhan-training-1") is not None


def test_revocations_are_signed_and_name_each_revoked_document(sandbox: SandboxProcess, notary: Api) -> None:
    trust = TrustList.load()
    before = requests.get(f"{sandbox.url}/api/v1/revocations", timeout=30)
    assert before.status_code == 200
    listed = read_revocation_list(before.content, trust)
    assert listed.max_age == dt.timedelta(hours=24)
    assert abs((dt.datetime.now(dt.UTC) - listed.issued_at).total_seconds()) < 60
    reply = _reply(notary, WITH_DEBTS)["reply"]
    assert listed.revoked(reply["number"]) is None
    with _db(sandbox) as conn:
        conn.execute("BEGIN IMMEDIATE")
        assert revoke_document(conn, reply["number"], "صدور اشتباه", time.time())
        conn.execute("COMMIT")
    after = requests.get(f"{sandbox.url}/api/v1/revocations", timeout=30)
    revocation = read_revocation_list(after.content, trust).revoked(reply["number"])
    assert revocation is not None and revocation.reason == "صدور اشتباه"
    document = notary.get(f"/documents/{reply['number']}").json()
    assert document["revoked"]["reason"] == "صدور اشتباه"
    tampered = after.content.replace("صدور اشتباه".encode(), "صدور درست".encode())
    with pytest.raises(RevocationListError) as refused:
        read_revocation_list(tampered, trust)
    assert refused.value.code == "bad_signature"

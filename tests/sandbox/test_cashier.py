"""The cashier's endpoints against a real sandbox over loopback HTTP: bill lookups, cashier sessions, payments with
their sealed receipts, voids, the close, the office's day list, roles, and a payment whose answer was lost."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from civic.bills import parse_bill
from sandbox.bills_seed import NO_DEBT_PARCEL, demo_bills
from sandbox.city import DEMO_OWNER, DEMO_PARCEL
from sandbox.faults import FaultSpec
from sandbox.server import SandboxServer
from sandbox.settings import SandboxSettings

PASSWORD = "pishkhan-demo"
RECEIPT_NUMBER = re.compile(r"^R-1[0-9]{3}-1001-[0-9]{6}$")


class Desk:
    """One signed-in operator calling the API as a desk does (a new Idempotency-Key per action)."""

    def __init__(self, url: str, username: str = "counter1", office: str = "PK-1001", terminal: str = "T-CASH-1"):
        self.root = f"{url}/api/v1"
        body = {"username": username, "password": PASSWORD, "office_code": office, "terminal_id": terminal}
        answer = requests.post(f"{self.root}/auth/token", json=body, timeout=30)
        assert answer.status_code == 200, answer.text
        self.headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}

    def get(self, path: str, **params: Any) -> requests.Response:
        return requests.get(f"{self.root}{path}", params=params, headers=self.headers, timeout=30)

    def send(self, method: str, path: str, body: dict[str, Any], key: str | None = None) -> requests.Response:
        headers = {**self.headers, "Idempotency-Key": key or str(uuid.uuid4())}
        return requests.request(method, f"{self.root}{path}", json=body, headers=headers, timeout=30)

    def bills(self, **params: Any) -> list[dict[str, Any]]:
        answer = self.get("/bills", **params)
        assert answer.status_code == 200, answer.text
        items: list[dict[str, Any]] = answer.json()["items"]
        return items

    def open_session(self, float_rials: int = 2_000_000) -> dict[str, Any]:
        answer = self.send("PUT", f"/cashier-sessions/{uuid.uuid4()}", {"float_rials": float_rials})
        assert answer.status_code == 201, answer.text
        session: dict[str, Any] = answer.json()
        return session

    def pay(self, session: dict[str, Any], bills: list[dict[str, Any]], amount: int | None = None, **over: Any):
        payment_id = over.pop("id", str(uuid.uuid4()))
        key = over.pop("key", None)
        body = payment_body(session["id"], bills, amount, **over)
        return payment_id, self.send("PUT", f"/payments/{payment_id}", body, key)

    def close(self, session: dict[str, Any], card: int, cash: int, **over: Any) -> requests.Response:
        body = {"counted_card_rials": card, "counted_cash_rials": cash, "decisions": [], "note": "", **over}
        return self.send("POST", f"/cashier-sessions/{session['id']}/close", body)

    def day(self, session: dict[str, Any], office: str = "PK-1001") -> dict[str, Any]:
        answer = self.get(f"/offices/{office}/day/{session['business_date'].replace('/', '-')}")
        assert answer.status_code == 200, answer.text
        day: dict[str, Any] = answer.json()
        return day


def payment_body(session_id: str, bills: list[dict[str, Any]], amount: int | None = None, **over: Any):
    return {
        "cashier_session_id": session_id,
        "bills": [{"bill_id": b["bill_id"], "payment_id": b["payment_id"]} for b in bills],
        "amount_rials": sum(b["amount_rials"] for b in bills) if amount is None else amount,
        "method": "card",
        "rrn": "405912345678",
        "trace": "123456",
        "card_mask": "610433******1234",
        "payer_name": "رضا کریمی",
        "payer_national_id": DEMO_OWNER,
        **over,
    }


def problem(answer: requests.Response, status: int, slug: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = answer.json()
    assert body["type"].endswith("/" + slug), body
    return body


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    """counter1 (counter and cashier) at a fresh sandbox: a real HTTP server on a loopback port, in this process."""
    server = SandboxServer(SandboxSettings(data_dir=tmp_path / "sandbox"), host="127.0.0.1", port=0).start()
    try:
        yield Desk(server.url)
    finally:
        server.stop()


def test_bills_are_found_by_national_id_renovation_code_and_bill_id(desk):
    by_parcel = desk.bills(renovation_code=DEMO_PARCEL)
    assert [(b["kind"], b["period"], b["status"]) for b in by_parcel] == [
        ("renovation", "1404", "unpaid"),
        ("waste", "1404", "unpaid"),
    ]
    first = by_parcel[0]
    assert first["title"] == "عوارض نوسازی سال ۱۴۰۴" and first["payer_national_id"] == DEMO_OWNER
    assert isinstance(first["amount_rials"], int) and first["amount_rials"] % 1000 == 0
    assert parse_bill(first["bill_id"], first["payment_id"]).amount_rials == first["amount_rials"]
    assert desk.bills(national_id="۰۰۱۲۳۴۵۶۷۹") == by_parcel  # Persian digits accepted
    assert desk.bills(bill_id=first["bill_id"]) == [first]
    assert desk.bills(bill_id=first["bill_id"], payment_id=first["payment_id"]) == [first]
    assert desk.bills(renovation_code=NO_DEBT_PARCEL) == []  # this parcel owes nothing
    seeded = {(b.bill_id, b.payment_id) for b in demo_bills() if b.renovation_code == DEMO_PARCEL}
    assert {(b["bill_id"], b["payment_id"]) for b in by_parcel} == seeded  # the same on every start


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"bill_id": "10099146563"}, "bill_id", "check digit"),
        ({"bill_id": "10099146562", "payment_id": "874240075"}, "payment_id", "first check digit"),
        ({"bill_id": "10099146562", "payment_id": "874240066"}, "payment_id", "second check digit"),
        ({"bill_id": "12ab"}, "bill_id", "digits only"),
        ({"national_id": "0012345678"}, "national_id", "check digit"),
        ({"payment_id": "874240065"}, "bill_id", "with its bill id"),
        ({}, "", "exactly one"),
        ({"national_id": DEMO_OWNER, "renovation_code": DEMO_PARCEL}, "renovation_code", "exactly one"),
    ],
)
def test_a_bad_lookup_is_a_422_naming_the_field_and_the_check(desk, params, field, words):
    body = problem(desk.get("/bills", **params), 422, "validation-failed")
    assert body["errors"][0]["field"] == field
    assert words in body["errors"][0]["message"]


def test_a_session_opens_once_and_a_second_open_names_the_first(desk):
    session_id = str(uuid.uuid4())
    first = desk.send("PUT", f"/cashier-sessions/{session_id}", {"float_rials": 1_500_000})
    assert first.status_code == 201, first.text
    session = first.json()
    assert (session["status"], session["terminal_id"], session["float_rials"]) == ("open", "T-CASH-1", 1_500_000)
    assert re.fullmatch(r"1[0-9]{3}/[0-9]{2}/[0-9]{2}", session["business_date"])
    again = desk.send("PUT", f"/cashier-sessions/{session_id}", {"float_rials": 1_500_000})
    assert again.status_code == 200 and again.json() == session
    other = problem(
        desk.send("PUT", f"/cashier-sessions/{session_id}", {"float_rials": 1}), 422, "cashier-session-exists"
    )
    assert other["errors"][0]["field"] == "id"
    second = problem(
        desk.send("PUT", f"/cashier-sessions/{uuid.uuid4()}", {"float_rials": 0}), 409, "cashier-session-open"
    )
    assert session_id in second["detail"]
    assert [s["id"] for s in desk.get("/cashier-sessions", status="open").json()["items"]] == [session_id]
    assert desk.get(f"/cashier-sessions/{session_id}").json() == session
    refused = desk.send("PUT", f"/cashier-sessions/{uuid.uuid4()}", {"float_rials": 1.5})
    assert problem(refused, 422, "validation-failed")["errors"][0]["field"] == "float_rials"


def test_one_bill_and_several_bills_are_paid_with_a_sealed_receipt(desk):
    session = desk.open_session()
    renovation, waste = desk.bills(renovation_code=DEMO_PARCEL)
    one_id, one = desk.pay(session, [renovation])
    assert one.status_code == 201, one.text
    paid = one.json()
    assert RECEIPT_NUMBER.match(paid["receipt_number"]) and paid["status"] == "paid" and paid["void"] is None
    assert paid["amount_rials"] == renovation["amount_rials"]
    assert [(b["status"], b["payment"]) for b in paid["bills"]] == [("paid", one_id)]
    receipt = paid["receipt"]
    assert (receipt["number"], receipt["kind"], receipt["revoked"], receipt["expires"]) == (
        paid["receipt_number"], "receipt", None, None,
    )  # fmt: skip
    content = receipt["content"]
    assert content["lines"] == [
        {"title": renovation["title"], "amount_rials": renovation["amount_rials"], "reference": renovation["bill_id"]}
    ]
    assert (content["bank_name"], content["card_mask"], content["rrn"]) == (
        "بانک ملت",
        "610433******1234",
        "405912345678",
    )
    assert (content["terminal_id"], content["operator_name"], content["payer_name"]) == (
        "T-CASH-1",
        "مریم احمدی",
        "رضا کریمی",
    )
    assert content["renovation_code"] == DEMO_PARCEL and re.fullmatch(r"[0-9]{14}", content["tracking_code"])

    others = [b for b in desk.bills(national_id=DEMO_OWNER) if b["status"] == "unpaid"]
    assert others == [{**waste}]
    code = "2-14-123-21-0-0"  # a commercial parcel: renovation, waste and business fees
    several = desk.bills(renovation_code=code)
    assert {b["kind"] for b in several} == {"renovation", "waste", "business"}
    _, many = desk.pay(session, several, payer_name="محمد رحیمی", payer_national_id=several[0]["payer_national_id"])
    assert many.status_code == 201, many.text
    assert many.json()["amount_rials"] == sum(b["amount_rials"] for b in several)
    assert len(many.json()["receipt"]["content"]["lines"]) == len(several)
    serials = [int(p.json()["receipt_number"][-6:]) for p in (one, many)]
    assert serials[1] == serials[0] + 1
    assert desk.get(f"/payments/{one_id}").json() == paid


def test_an_amount_that_is_not_the_total_is_refused_and_nothing_is_taken(desk):
    session = desk.open_session()
    bills = desk.bills(renovation_code=DEMO_PARCEL)
    total = sum(b["amount_rials"] for b in bills)
    for amount in (total - 1, total + 1000):
        _, answer = desk.pay(session, bills, amount)
        body = problem(answer, 422, "validation-failed")
        assert body["errors"] == [{"field": "amount_rials", "message": f"Must equal the bills' total, {total} rials."}]
    for bad in ("10000", "1e7", str(total), True):  # text and booleans are not amounts
        _, answer = desk.pay(session, bills, bad)
        assert problem(answer, 422, "validation-failed")["errors"][0]["field"] == "amount_rials"
    _, short_rrn = desk.pay(session, bills, rrn="12345")
    assert problem(short_rrn, 422, "validation-failed")["errors"][0]["field"] == "rrn"
    bad_bill = dict(bills[0], payment_id="874240066")
    _, wrong = desk.pay(session, [bad_bill], bills[0]["amount_rials"])
    assert problem(wrong, 422, "validation-failed")["errors"][0]["field"] == "bills[0].payment_id"
    assert all(b["status"] == "unpaid" for b in desk.bills(renovation_code=DEMO_PARCEL))
    assert desk.day(session)["transactions"] == []


def test_the_same_payment_sent_twice_is_recorded_once_with_one_receipt_number(desk):
    session = desk.open_session()
    bills = desk.bills(renovation_code=DEMO_PARCEL)
    payment_id, key = str(uuid.uuid4()), str(uuid.uuid4())
    _, first = desk.pay(session, bills, id=payment_id, key=key)
    _, replay = desk.pay(session, bills, id=payment_id, key=key)  # a resend under the same key
    _, again = desk.pay(session, bills, id=payment_id)  # the same payment under another key
    assert (first.status_code, replay.status_code, again.status_code) == (201, 201, 200)
    assert replay.headers.get("Idempotency-Replayed") == "true"
    assert first.json() == replay.json() == again.json()
    day = desk.day(session)
    assert [t["id"] for t in day["transactions"]] == [payment_id]
    assert day["totals"]["paid"] == sum(b["amount_rials"] for b in bills)
    _, other = desk.pay(session, bills, id=payment_id, rrn="405912345679")
    assert problem(other, 422, "payment-exists")["errors"][0]["field"] == "id"


def test_a_bill_paid_once_cannot_be_paid_again(desk):
    session = desk.open_session()
    bill = desk.bills(renovation_code=DEMO_PARCEL)[0]
    assert desk.pay(session, [bill])[1].status_code == 201
    body = problem(desk.pay(session, [bill])[1], 409, "bill-paid")
    assert body["errors"][0]["field"] == "bills[0]" and bill["bill_id"] in body["errors"][0]["message"]
    _, twice = desk.pay(session, [bill, bill], 2 * bill["amount_rials"])
    assert problem(twice, 422, "validation-failed")["errors"][0]["field"] == "bills[1]"
    assert len(desk.day(session)["transactions"]) == 1


def test_a_void_inside_the_session_unpays_the_bills_and_revokes_the_receipt(desk):
    session = desk.open_session()
    bills = desk.bills(renovation_code=DEMO_PARCEL)
    payment_id, paid = desk.pay(session, bills)
    number = paid.json()["receipt_number"]
    assert problem(desk.send("POST", f"/payments/{payment_id}/void", {"reason": "  "}), 422, "validation-failed")
    voided = desk.send("POST", f"/payments/{payment_id}/void", {"reason": "مبلغ کارت اشتباه کشیده شد"})
    assert voided.status_code == 200, voided.text
    body = voided.json()
    assert body["status"] == "voided" and body["receipt_number"] == number
    assert (body["void"]["reason"], body["void"]["by"]) == ("مبلغ کارت اشتباه کشیده شد", "counter1")
    assert body["receipt"]["revoked"]["reason"] == "مبلغ کارت اشتباه کشیده شد"
    assert [b["status"] for b in desk.bills(renovation_code=DEMO_PARCEL)] == ["unpaid", "unpaid"]
    assert desk.get(f"/payments/{payment_id}").json() == body  # kept, never deleted
    again = desk.send("POST", f"/payments/{payment_id}/void", {"reason": "مبلغ کارت اشتباه کشیده شد"})
    assert again.status_code == 200 and again.json() == body
    problem(desk.send("POST", f"/payments/{payment_id}/void", {"reason": "دیگر"}), 409, "payment-voided")
    paths = requests.get(f"{desk.root}/openapi.json", timeout=30).json()["paths"]
    if "/api/v1/documents/{number}" in paths:  # the documents' own route, where it exists
        assert desk.get(f"/documents/{number}").json()["revoked"]["reason"] == "مبلغ کارت اشتباه کشیده شد"
    if "/api/v1/revocations" in paths:  # the signed revocation list, where it exists
        revocations = requests.get(f"{desk.root}/revocations", timeout=30)
        assert revocations.status_code == 200 and number in revocations.text
    # the bills can be paid again, under a new receipt number
    _, repaid = desk.pay(session, bills)
    assert repaid.status_code == 201 and repaid.json()["receipt_number"] != number


def test_a_void_after_the_close_is_refused_and_the_close_reconciles(desk):
    session = desk.open_session(float_rials=3_000_000)
    bills = desk.bills(renovation_code=DEMO_PARCEL)
    kept_id, kept = desk.pay(session, bills[:1])
    voided_id, _ = desk.pay(session, bills[1:])
    assert desk.send("POST", f"/payments/{voided_id}/void", {"reason": "انصراف پرداخت‌کننده"}).status_code == 200
    doubt = str(uuid.uuid4())
    decisions = [{"payment_id": doubt, "decision": "not-taken", "reason": "کارتخوان رسید نداد"}]
    amount = kept.json()["amount_rials"]
    closed = desk.close(session, amount - 1000, 3_000_000, decisions=decisions, note="کسری هزار ریال")
    assert closed.status_code == 200, closed.text
    body = closed.json()
    assert body["status"] == "closed" and body["closed_at"] is not None
    assert body["counted"] == {"card_rials": amount - 1000, "cash_rials": 3_000_000, "decisions": decisions,
                               "note": "کسری هزار ریال"}  # fmt: skip
    totals = body["totals"]
    assert (totals["payments"], totals["paid_rials"], totals["voids"], totals["voided_rials"]) == (
        1, amount, 1, bills[1]["amount_rials"],
    )  # fmt: skip
    assert totals["by_kind"] == {"renovation": amount}
    assert (totals["card_difference_rials"], totals["cash_difference_rials"]) == (-1000, 0)
    same = desk.close(session, amount - 1000, 3_000_000, decisions=decisions, note="کسری هزار ریال")
    assert same.status_code == 200 and same.json() == body
    problem(desk.close(session, amount, 3_000_000), 409, "cashier-session-closed")
    body = problem(desk.send("POST", f"/payments/{kept_id}/void", {"reason": "دیر"}), 409, "cashier-session-closed")
    assert body["detail"] == "The cashier session is closed."
    assert desk.get(f"/payments/{kept_id}").json()["status"] == "paid"
    _, late = desk.pay(session, bills[1:])
    problem(late, 409, "cashier-session-closed")
    assert desk.get("/cashier-sessions", status="open").json()["items"] == []
    desk.open_session()  # a new session may open once the last one is closed


def test_the_day_list_has_every_transaction_by_id_with_totals_to_the_rial(desk):
    session = desk.open_session()
    made = []
    for code in (DEMO_PARCEL, "2-14-123-21-0-0", "1-3-101-1-0-0"):
        bills = desk.bills(renovation_code=code)
        _, answer = desk.pay(session, bills, payer_national_id=bills[0]["payer_national_id"])
        assert answer.status_code == 201, answer.text
        made.append(answer.json())
    assert desk.send("POST", f"/payments/{made[1]['id']}/void", {"reason": "تکرار"}).status_code == 200
    day = desk.day(session)
    assert day["office_code"] == "PK-1001" and day["date"] == session["business_date"].replace("/", "-")
    assert [t["id"] for t in day["transactions"]] == [p["id"] for p in made]
    assert [t["status"] for t in day["transactions"]] == ["paid", "voided", "paid"]
    assert [t["receipt_number"] for t in day["transactions"]] == [p["receipt_number"] for p in made]
    entry = day["transactions"][1]
    assert entry["void"]["reason"] == "تکرار" and entry["session_id"] == session["id"] and entry["kind"] == "payment"
    assert entry["bill_kinds"] == [b["kind"] for b in made[1]["bills"]] and len(entry["bill_kinds"]) == 3
    standing = [p for p in made if p["id"] != made[1]["id"]]
    assert day["totals"]["paid"] == sum(p["amount_rials"] for p in standing)
    assert day["totals"]["voided"] == made[1]["amount_rials"]
    by_kind: dict[str, int] = {}
    for p in standing:
        for b in p["bills"]:
            by_kind[b["kind"]] = by_kind.get(b["kind"], 0) + b["amount_rials"]
    assert day["totals"]["by_kind"] == dict(sorted(by_kind.items()))
    assert sum(day["totals"]["by_kind"].values()) == day["totals"]["paid"]
    problem(desk.get(f"/offices/NT-0042/day/{day['date']}"), 403, "forbidden")
    problem(desk.get("/offices/PK-1001/day/1404-13-01"), 422, "validation-failed")
    assert desk.get("/offices/PK-1001/day/1399-01-01").json()["transactions"] == []


def test_a_notary_gets_403_from_every_cashier_endpoint(start_sandbox):
    server = start_sandbox()
    notary = Desk(server.url, "notary1", "NT-0042")
    some = str(uuid.uuid4())
    calls = [
        notary.get("/bills", renovation_code=DEMO_PARCEL),
        notary.get("/cashier-sessions"),
        notary.get(f"/cashier-sessions/{some}"),
        notary.get(f"/payments/{some}"),
        notary.get("/offices/NT-0042/day/1404-09-11"),
        notary.send("PUT", f"/cashier-sessions/{some}", {"float_rials": 0}),
        notary.send("POST", f"/cashier-sessions/{some}/close", {"counted_card_rials": 0, "counted_cash_rials": 0}),
        notary.send("PUT", f"/payments/{some}", payment_body(some, [])),
        notary.send("POST", f"/payments/{some}/void", {"reason": "x"}),
    ]
    for answer in calls:
        problem(answer, 403, "forbidden")


def test_a_payment_whose_answer_was_dropped_after_commit_is_charged_once(tmp_path: Path):
    data = tmp_path / "sandbox"
    server = SandboxServer(SandboxSettings(data_dir=data), host="127.0.0.1", port=0).start()
    port = server.port
    try:
        desk = Desk(server.url)
        session = desk.open_session()
        bills = desk.bills(renovation_code=DEMO_PARCEL)
    finally:
        server.stop()
    # the same server, now dropping the connection after every change has been committed
    faults = FaultSpec.parse("drop-after-commit=1")
    server = SandboxServer(SandboxSettings(data_dir=data, faults=faults), host="127.0.0.1", port=port).start()
    payment_id, key = str(uuid.uuid4()), str(uuid.uuid4())
    try:
        desk = Desk(server.url)
        with pytest.raises(requests.ConnectionError):
            desk.pay(session, bills, id=payment_id, key=key)
        with pytest.raises(requests.ConnectionError):  # the resend's answer is lost too; nothing is applied twice
            desk.pay(session, bills, id=payment_id, key=key)
        taken = desk.get(f"/payments/{payment_id}").json()  # reads meet no fault
    finally:
        server.stop()
    server = SandboxServer(SandboxSettings(data_dir=data), host="127.0.0.1", port=port).start()
    try:
        desk = Desk(server.url)
        _, resend = desk.pay(session, bills, id=payment_id, key=key)
        assert resend.status_code == 201 and resend.headers.get("Idempotency-Replayed") == "true"
        assert resend.json()["receipt_number"] == taken["receipt_number"]
        assert resend.json() == desk.get(f"/payments/{payment_id}").json()
        day = desk.day(session)
        assert [t["id"] for t in day["transactions"]] == [payment_id]
        assert day["totals"]["paid"] == sum(b["amount_rials"] for b in bills)
    finally:
        server.stop()


def test_an_assessed_permit_request_is_a_bill_and_paying_it_moves_the_request_to_paid(desk):
    building = {"parking_provided": 1, "parking_required": 1, "balcony_area_m2": 8,
                "floors": [{"level": 1, "use": "residential", "area_m2": 120, "units": 1}]}  # fmt: skip
    request = {"national_id": DEMO_OWNER, "applicant_name": "رضا کریمی", "renovation_code": DEMO_PARCEL,
               "building": building}  # fmt: skip
    request_id = str(uuid.uuid4())
    assert desk.send("PUT", f"/permit-requests/{request_id}", request).status_code == 201
    submitted = desk.send("POST", f"/permit-requests/{request_id}/submit", {}).json()
    reviewer = Desk(desk.root.removesuffix("/api/v1"), "reviewer1", "MUN-HMD")
    assessed = reviewer.send("POST", f"/review/permit-requests/{request_id}", {"to": "assessed"})
    assert assessed.status_code == 200 and assessed.json()["status"] == "assessed", assessed.text
    total = assessed.json()["total_rials"]

    permits = [b for b in desk.bills(renovation_code=DEMO_PARCEL) if b["kind"] == "permit"]
    assert len(permits) == 1
    bill = permits[0]
    assert (bill["amount_rials"], bill["status"], bill["payer_national_id"]) == (total, "unpaid", DEMO_OWNER)
    assert bill["title"] == f"عوارض صدور پروانه ساختمانی {submitted['tracking_number']}"
    assert parse_bill(bill["bill_id"], bill["payment_id"]).amount_rials == total
    assert desk.bills(renovation_code=DEMO_PARCEL).count(bill) == 1  # made once, however often bills are read

    session = desk.open_session()
    payment_id, paid = desk.pay(session, [bill])
    assert paid.status_code == 201, paid.text
    after = desk.get(f"/permit-requests/{request_id}").json()
    assert after["status"] == "paid"
    assert after["history"][-1]["note"] == f"رسید پرداخت {paid.json()['receipt_number']}"
    assert desk.send("POST", f"/payments/{payment_id}/void", {"reason": "اشتباه"}).status_code == 200
    assert desk.get(f"/permit-requests/{request_id}").json()["status"] == "assessed"
    assert [b["status"] for b in desk.bills(bill_id=bill["bill_id"])] == ["unpaid"]

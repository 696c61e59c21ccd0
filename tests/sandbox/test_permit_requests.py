"""Permit requests in the sandbox: client-made ids, idempotent by address and by key, ordered steps, roles."""

from __future__ import annotations

import base64
import uuid

import pytest

from sandbox.city import DEMO_OWNER, DEMO_PARCEL

BASE = "/api/v1/permit-requests"
VALID_NID = DEMO_OWNER  # the owner of the demo parcel
REQUEST = {"national_id": VALID_NID, "applicant_name": "زهرا کریمی", "renovation_code": DEMO_PARCEL}
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def keyed(headers: dict[str, str]) -> dict[str, str]:
    return {**headers, "Idempotency-Key": str(uuid.uuid4())}


def attachment(content: bytes = PDF, filename: str = "deed.pdf") -> dict[str, str]:
    encoded = base64.b64encode(content).decode("ascii")
    return {"kind": "deed", "filename": filename, "media_type": "application/pdf", "content_base64": encoded}


@pytest.fixture
def counter(client, auth_headers):
    return auth_headers(client, "counter")


def test_a_request_is_created_under_the_client_id_and_the_same_body_again_is_the_same_request(client, counter):
    rid = str(uuid.uuid4())
    first = client.put(f"{BASE}/{rid}", headers=keyed(counter), json=REQUEST)
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["id"], body["status"], body["tracking_number"]) == (rid, "draft", None)
    assert [h["status"] for h in body["history"]] == ["draft"]
    again = client.put(f"{BASE}/{rid}", headers=keyed(counter), json=dict(REQUEST))  # a new key, the same fields
    assert again.status_code == 200
    assert again.json()["created_at"] == body["created_at"]
    assert client.get(BASE, headers=counter).json()["total"] == 1


def test_another_body_for_an_existing_id_is_refused_with_a_problem(client, counter):
    rid = str(uuid.uuid4())
    assert client.put(f"{BASE}/{rid}", headers=keyed(counter), json=REQUEST).status_code == 201
    other = client.put(f"{BASE}/{rid}", headers=keyed(counter), json={**REQUEST, "applicant_name": "دیگری"})
    assert other.status_code == 422
    assert other.headers["content-type"].startswith("application/problem+json")
    assert other.json()["type"].endswith("/permit-request-exists")
    assert client.get(f"{BASE}/{rid}", headers=counter).json()["applicant_name"] == "زهرا کریمی"


def test_a_retry_with_the_same_key_is_replayed_not_applied_again(client, counter):
    rid, headers = str(uuid.uuid4()), keyed(counter)
    first = client.put(f"{BASE}/{rid}", headers=headers, json=REQUEST)
    replay = client.put(f"{BASE}/{rid}", headers=headers, json=REQUEST)
    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay.headers.get("Idempotency-Replayed") == "true"
    assert client.put(f"{BASE}/{rid}", json=REQUEST, headers=counter).status_code == 400  # no key: refused


@pytest.mark.parametrize(
    ("field", "value"),
    [("national_id", "0012345670"), ("national_id", "1111111111"), ("renovation_code", "2/14/123"), ("mobile", "1")],
)
def test_fields_are_validated_with_field_errors(client, counter, field, value):
    response = client.put(f"{BASE}/{uuid.uuid4()}", headers=keyed(counter), json={**REQUEST, field: value})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert client.get(BASE, headers=counter).json()["total"] == 0


def test_attaching_to_or_submitting_a_request_that_does_not_exist_is_404(client, counter):
    rid = str(uuid.uuid4())
    attach = client.put(f"{BASE}/{rid}/attachments/{uuid.uuid4()}", headers=keyed(counter), json=attachment())
    submit = client.post(f"{BASE}/{rid}/submit", headers=keyed(counter), json={})
    assert (attach.status_code, submit.status_code) == (404, 404)
    assert attach.json()["type"].endswith("/permit-request-not-found")


def test_create_attach_submit_gives_a_tracking_number_and_a_history(client, counter, clock):
    rid, aid = str(uuid.uuid4()), str(uuid.uuid4())
    assert client.put(f"{BASE}/{rid}", headers=keyed(counter), json=REQUEST).status_code == 201
    attached = client.put(f"{BASE}/{rid}/attachments/{aid}", headers=keyed(counter), json=attachment())
    assert attached.status_code == 201
    assert client.put(f"{BASE}/{rid}/attachments/{aid}", headers=keyed(counter), json=attachment()).status_code == 200
    other = client.put(f"{BASE}/{rid}/attachments/{aid}", headers=keyed(counter), json=attachment(b"%PDF other"))
    assert other.status_code == 422
    clock.advance(30)
    submitted = client.post(f"{BASE}/{rid}/submit", headers=keyed(counter), json={})
    assert submitted.status_code == 200
    body = submitted.json()
    assert body["status"] == "submitted" and body["tracking_number"].startswith("PR-")
    assert [h["status"] for h in body["history"]] == ["draft", "submitted"]
    assert [(a["id"], a["size"]) for a in body["attachments"]] == [(aid, len(PDF))]
    again = client.post(f"{BASE}/{rid}/submit", headers=keyed(counter), json={})
    assert again.json()["history"] == body["history"]  # submitting twice changes nothing
    late = client.put(f"{BASE}/{rid}/attachments/{uuid.uuid4()}", headers=keyed(counter), json=attachment())
    assert late.status_code == 422 and late.json()["type"].endswith("/permit-request-not-draft")


def test_attachments_are_bounded_and_must_be_base64(client, counter):
    rid = str(uuid.uuid4())
    client.put(f"{BASE}/{rid}", headers=keyed(counter), json=REQUEST)
    too_big = client.put(
        f"{BASE}/{rid}/attachments/{uuid.uuid4()}", headers=keyed(counter), json=attachment(b"x" * (10 * 2**20 + 1))
    )
    assert too_big.status_code == 413
    bad = client.put(
        f"{BASE}/{rid}/attachments/{uuid.uuid4()}", headers=keyed(counter), json={**attachment(), "content_base64": "*"}
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "content_base64"


def test_only_counter_operators_use_permit_requests(client, auth_headers):
    notary = auth_headers(client, "notary")
    for response in (
        client.put(f"{BASE}/{uuid.uuid4()}", headers=keyed(notary), json=REQUEST),
        client.get(BASE, headers=notary),
    ):
        assert response.status_code == 403
        assert response.headers["content-type"].startswith("application/problem+json")


def test_the_list_filters_and_pages(client, counter, clock):
    ids = []
    for i in range(5):
        rid = str(uuid.uuid4())
        code = f"2-14-123-{40 + i}-0-0"  # parcels of the demo city; the applicant owns only one: an attorney
        body = {**REQUEST, "renovation_code": code, "power_of_attorney": "۱۲۳۴۵/۶"}
        assert client.put(f"{BASE}/{rid}", headers=keyed(counter), json=body).status_code == 201
        ids.append(rid)
        clock.advance(10)
    client.post(f"{BASE}/{ids[0]}/submit", headers=keyed(counter), json={})
    page = client.get(BASE, headers=counter, params={"page": 2, "page_size": 2}).json()
    assert page["total"] == 5 and [i["id"] for i in page["items"]] == [ids[2], ids[1]]
    assert client.get(BASE, headers=counter, params={"status": "submitted"}).json()["total"] == 1
    by_code = client.get(BASE, headers=counter, params={"renovation_code": "2-14-123-43-0-0"}).json()
    assert [i["id"] for i in by_code["items"]] == [ids[3]]
    assert client.get(BASE, headers=counter, params={"national_id": VALID_NID}).json()["total"] == 5
    assert client.get(BASE, headers=counter, params={"from": "2999-01-01"}).json()["total"] == 0
    assert client.get(BASE, headers=counter, params={"status": "lost"}).status_code == 422

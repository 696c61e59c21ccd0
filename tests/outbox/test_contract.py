"""The idempotency contract of the API, through the client, against the real sandbox."""

from __future__ import annotations

import json
import time
import uuid

import pytest

from client_api import ValidationFailedError
from client_api.actions import encode_body, note_action

NOTES = "/me/notes"


def key() -> str:
    return str(uuid.uuid4())


def test_same_key_and_body_get_the_identical_response(shared_sandbox, sign_in):
    client = sign_in(shared_sandbox.url)
    action, k = note_action("پرونده ۱۲ فردا تحویل شود"), key()
    first = client.submit_action("POST", NOTES, action.body, k)
    again = client.submit_action("POST", NOTES, action.body, k)
    assert first.status == again.status == 201
    assert (again.content_type, again.body) == (first.content_type, first.body)
    assert not first.replayed and again.replayed


def test_same_key_with_another_body_is_422_and_changes_nothing(shared_sandbox, sign_in):
    client = sign_in(shared_sandbox.url)
    k = key()
    first = client.submit_action("POST", NOTES, note_action("اول").body, k)
    other = client.submit_action("POST", NOTES, note_action("دوم").body, k)
    assert other.status == 422
    assert other.problem_slug() == "idempotency-key-reused"
    assert [e.field for e in other.field_errors()] == ["Idempotency-Key"]
    assert client.lookup_action(k).response == first.body
    assert "دوم" not in [note.text for note in client.list_notes()]


def test_the_same_bytes_in_another_spelling_are_another_body(shared_sandbox, sign_in):
    client = sign_in(shared_sandbox.url)
    k = key()
    assert client.submit_action("POST", NOTES, b'{"text":"x"}', k).status == 201
    assert client.submit_action("POST", NOTES, b'{"text": "x"}', k).status == 422


def test_a_refusal_is_the_same_refusal_on_retry(shared_sandbox, sign_in):
    client = sign_in(shared_sandbox.url)
    k, blank = key(), encode_body({"text": "   "})
    first = client.submit_action("POST", NOTES, blank, k)
    again = client.submit_action("POST", NOTES, blank, k)
    assert first.status == again.status == 422
    assert [e.field for e in first.field_errors()] == ["text"]
    assert again.body == first.body


def test_an_action_is_looked_up_by_its_key(shared_sandbox, sign_in):
    client = sign_in(shared_sandbox.url)
    k = key()
    answer = client.submit_action("POST", NOTES, note_action("یافتنی").body, k)
    record = client.lookup_action(k)
    assert record.idempotency_key == k and record.status == 201
    assert json.loads(record.response) == json.loads(answer.body)
    assert client.lookup_action(key()) is None  # never handled: not applied
    with pytest.raises(ValidationFailedError) as bad:
        client.lookup_action("not-a-key")
    assert [e.field for e in bad.value.field_errors] == ["key"]


def test_keys_and_records_belong_to_one_operator(sandbox, sign_in):
    server = sandbox()
    counter, notary = sign_in(server.url, "counter1"), sign_in(server.url, "notary1")
    k = key()
    counter.submit_action("POST", NOTES, note_action("مال دفتر پیشخوان").body, k)
    assert notary.lookup_action(k) is None
    assert server.ledger("counter1") == {k: 1}
    assert server.ledger("notary1") == {}


def test_after_the_key_lifetime_the_lookup_answers_and_a_resend_is_still_not_applied_again(sandbox, sign_in):
    server = sandbox(idempotency_ttl_s=1)
    client = sign_in(server.url)
    k, body = key(), note_action("پیش از انقضا").body
    first = client.submit_action("POST", NOTES, body, k)
    time.sleep(1.2)
    assert client.lookup_action(k).response == first.body  # what the outbox asks instead of resending
    resent = client.submit_action("POST", NOTES, body, k)
    assert resent.status == 201 and resent.replayed  # answered from the action log
    assert server.ledger()[k] == 1


def test_the_openapi_document_describes_the_lookup_and_requires_the_key(shared_sandbox):
    import requests

    document = requests.get(f"{shared_sandbox.url}/api/v1/openapi.json", timeout=30).json()
    assert "get" in document["paths"]["/api/v1/actions/{key}"]
    assert document["paths"]["/api/v1/training/ledger"]["get"]["tags"] == ["training"]
    parameters = document["paths"]["/api/v1/me/notes"]["post"]["parameters"]
    assert [p["required"] for p in parameters if p["name"] == "Idempotency-Key"] == [True]

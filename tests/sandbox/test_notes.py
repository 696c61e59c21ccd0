import uuid

NOTES = "/api/v1/me/notes"


def post_note(client, headers, text):
    return client.post(NOTES, headers={**headers, "Idempotency-Key": str(uuid.uuid4())}, json={"text": text})


def test_created_note_is_returned_and_listed_newest_first(client, auth_headers, clock):
    headers = auth_headers(client)
    first = post_note(client, headers, "صندوق بسته شد")
    clock.advance(60)
    second = post_note(client, headers, "چاپگر رسید کاغذ ندارد")
    assert first.status_code == second.status_code == 201
    body = second.json()
    assert set(body) == {"id", "text", "created_at"}
    assert body["text"] == "چاپگر رسید کاغذ ندارد"
    assert body["created_at"].endswith("Z")
    listed = client.get(NOTES, headers=headers)
    assert listed.status_code == 200
    assert [n["text"] for n in listed.json()["items"]] == ["چاپگر رسید کاغذ ندارد", "صندوق بسته شد"]
    assert listed.json()["items"][1] == first.json()


def test_each_operator_sees_only_their_own_notes(client, auth_headers):
    counter, notary = auth_headers(client, "counter"), auth_headers(client, "notary")
    assert post_note(client, counter, "mine").status_code == 201
    assert client.get(NOTES, headers=notary).json() == {"items": []}


def test_note_text_must_be_present_and_at_most_2000_characters(client, auth_headers):
    headers = auth_headers(client)
    assert post_note(client, headers, "ی" * 2000).status_code == 201
    for text in ("", "   ", "ی" * 2001):
        response = post_note(client, headers, text)
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]] == ["text"]

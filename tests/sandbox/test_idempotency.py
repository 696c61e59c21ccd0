import sqlite3
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi import Request

from sandbox.auth import CurrentOperator
from sandbox.idempotency import idempotent
from sandbox.problems import ProblemError

NOTES = "/api/v1/me/notes"


def key() -> str:
    return str(uuid.uuid4())


def count_rows(client, table: str) -> int:
    path = client.app.state.sandbox.settings.db_path
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_same_key_and_body_replays_the_first_response_exactly(client, auth_headers):
    headers = {**auth_headers(client), "Idempotency-Key": key()}
    first = client.post(NOTES, headers=headers, json={"text": "پرونده ۱۲ فردا تحویل شود"})
    again = client.post(NOTES, headers=headers, json={"text": "پرونده ۱۲ فردا تحویل شود"})
    assert first.status_code == again.status_code == 201
    assert "Idempotency-Replayed" not in first.headers
    assert again.headers["Idempotency-Replayed"] == "true"
    assert again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    assert len(client.get(NOTES, headers=headers).json()["items"]) == 1


def test_same_key_with_another_body_is_422_key_reused(client, auth_headers):
    headers = {**auth_headers(client), "Idempotency-Key": key()}
    assert client.post(NOTES, headers=headers, json={"text": "first"}).status_code == 201
    response = client.post(NOTES, headers=headers, json={"text": "second"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/idempotency-key-reused")
    assert [n["text"] for n in client.get(NOTES, headers=headers).json()["items"]] == ["first"]


def test_body_comparison_is_on_the_exact_bytes(client, auth_headers):
    headers = {**auth_headers(client), "Idempotency-Key": key(), "Content-Type": "application/json"}
    assert client.post(NOTES, headers=headers, content=b'{"text":"x"}').status_code == 201
    assert client.post(NOTES, headers=headers, content=b'{"text": "x"}').status_code == 422


@pytest.mark.parametrize("value", [None, "", "not-a-uuid", "123e4567e89b12d3a456426614174000"])
def test_missing_or_malformed_key_is_a_400_problem_naming_the_header(client, auth_headers, value):
    headers = auth_headers(client)
    if value is not None:
        headers["Idempotency-Key"] = value
    response = client.post(NOTES, headers=headers, json={"text": "x"})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert [e["field"] for e in body["errors"]] == ["Idempotency-Key"]
    assert client.get(NOTES, headers=headers).json()["items"] == []


def test_keys_are_scoped_to_office_and_operator(client, auth_headers):
    shared = key()
    counter = client.post(
        NOTES, headers={**auth_headers(client, "counter"), "Idempotency-Key": shared}, json={"text": "a"}
    )
    notary = client.post(
        NOTES, headers={**auth_headers(client, "notary"), "Idempotency-Key": shared}, json={"text": "b"}
    )
    assert counter.status_code == notary.status_code == 201
    assert "Idempotency-Replayed" not in notary.headers
    assert counter.json()["id"] != notary.json()["id"]


def test_past_its_lifetime_a_key_is_answered_from_the_action_log_and_never_applied_twice(
    make_client, auth_headers, clock
):
    client = make_client(idempotency_ttl_s=60)
    headers = {**auth_headers(client), "Idempotency-Key": key()}
    first = client.post(NOTES, headers=headers, json={"text": "one"})
    assert first.status_code == 201
    clock.advance(61)
    again = client.post(NOTES, headers=headers, json={"text": "one"})
    assert again.status_code == 201
    assert again.headers["Idempotency-Replayed"] == "true"
    assert again.json() == first.json()
    assert client.post(NOTES, headers=headers, json={"text": "two"}).status_code == 422
    assert count_rows(client, "notes") == 1
    assert count_rows(client, "idempotency_keys") == 0  # the expired stored response was purged


def test_concurrent_retry_while_the_first_is_running_is_409(client, auth_headers):
    entered, release = threading.Event(), threading.Event()

    @client.app.post("/api/v1/test/held")
    async def held(request: Request, operator: CurrentOperator):
        def handler(conn):
            conn.execute(
                "INSERT INTO notes (office_code, username, text, created_at) VALUES (?, ?, 'held', 0)", operator.scope
            )
            entered.set()
            assert release.wait(10)
            return 201, {"done": True}

        return await idempotent(request, operator.scope, handler)

    headers = {**auth_headers(client), "Idempotency-Key": key()}
    with ThreadPoolExecutor(max_workers=1) as pool:
        first = pool.submit(client.post, "/api/v1/test/held", headers=headers, json={"n": 1})
        try:
            assert entered.wait(10)
            retry = client.post("/api/v1/test/held", headers=headers, json={"n": 1})
            other_body = client.post("/api/v1/test/held", headers=headers, json={"n": 2})
        finally:
            release.set()
        first_response = first.result(timeout=10)

    assert retry.status_code == 409
    assert retry.json()["type"].endswith("/idempotency-in-progress")
    assert other_body.status_code == 422
    assert first_response.status_code == 201
    after = client.post("/api/v1/test/held", headers=headers, json={"n": 1})
    assert after.status_code == 201
    assert after.headers["Idempotency-Replayed"] == "true"
    assert count_rows(client, "notes") == 1


def test_handler_that_crashes_after_writing_leaves_neither_effect_nor_response(make_client, auth_headers):
    client = make_client(raise_server_exceptions=False)
    calls = []

    @client.app.post("/api/v1/test/flaky")
    async def flaky(request: Request, operator: CurrentOperator):
        def handler(conn):
            conn.execute(
                "INSERT INTO notes (office_code, username, text, created_at) VALUES (?, ?, 'x', 0)", operator.scope
            )
            calls.append(1)
            if len(calls) == 1:
                raise RuntimeError("crash after the write")
            return 201, {"attempt": len(calls)}

        return await idempotent(request, operator.scope, handler)

    headers = {**auth_headers(client), "Idempotency-Key": key()}
    crashed = client.post("/api/v1/test/flaky", headers=headers, json={})
    assert crashed.status_code == 500
    assert count_rows(client, "notes") == 0
    assert count_rows(client, "idempotency_keys") == 0

    retried = client.post("/api/v1/test/flaky", headers=headers, json={})
    assert retried.status_code == 201
    assert retried.json() == {"attempt": 2}
    assert "Idempotency-Replayed" not in retried.headers
    assert count_rows(client, "notes") == 1
    assert count_rows(client, "idempotency_keys") == 1


def test_problem_from_handler_is_recorded_and_replayed_and_its_writes_undone(client, auth_headers):
    @client.app.post("/api/v1/test/refused")
    async def refused(request: Request, operator: CurrentOperator):
        def handler(conn):
            conn.execute(
                "INSERT INTO notes (office_code, username, text, created_at) VALUES (?, ?, 'x', 0)", operator.scope
            )
            raise ProblemError(409, "bill-already-paid", "This bill is already paid.")

        return await idempotent(request, operator.scope, handler)

    headers = {**auth_headers(client), "Idempotency-Key": key()}
    first = client.post("/api/v1/test/refused", headers=headers, json={})
    again = client.post("/api/v1/test/refused", headers=headers, json={})
    assert first.status_code == again.status_code == 409
    assert first.json()["type"].endswith("/bill-already-paid")
    assert again.content == first.content
    assert again.headers["content-type"] == "application/problem+json"
    assert again.headers["Idempotency-Replayed"] == "true"
    assert count_rows(client, "notes") == 0
    assert count_rows(client, "idempotency_keys") == 1

import re

from fastapi import FastAPI

PROBLEM = "application/problem+json"


def test_health_reports_training_environment_and_utc_time(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["environment"] == "training"
    assert body["api_version"] == "1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", body["server_time"])


def test_openapi_document_is_served_under_the_api_prefix(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/health", "/api/v1/auth/token", "/api/v1/auth/refresh", "/api/v1/auth/logout"):
        assert path in paths
    assert "/api/v1/me/notes" in paths
    note_post = paths["/api/v1/me/notes"]["post"]
    [key] = [p for p in note_post["parameters"] if p["name"] == "Idempotency-Key" and p["in"] == "header"]
    assert key["required"] is True


def test_unknown_route_is_a_404_problem(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert set(body) == {"type", "title", "status", "detail"}
    assert body["status"] == 404
    assert body["type"].endswith("/not-found")


def test_wrong_method_is_a_405_problem(client):
    response = client.delete("/api/v1/health")
    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["status"] == 405


def test_validation_error_is_a_422_problem_naming_the_json_fields(client):
    response = client.post("/api/v1/auth/token", json={"username": "", "password": "x", "office_code": "PK-1001"})
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == 422
    assert body["type"].endswith("/validation-failed")
    assert {"title", "detail"} <= set(body)
    fields = {error["field"] for error in body["errors"]}
    assert fields == {"username", "terminal_id"}
    assert all(error["message"] for error in body["errors"])


def test_body_that_is_not_json_is_a_422_problem(client):
    response = client.post("/api/v1/auth/token", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == ""


def test_unexpected_error_is_a_500_problem_without_internals(make_client):
    client = make_client(raise_server_exceptions=False)
    app = client.app
    assert isinstance(app, FastAPI)

    @app.get("/api/v1/test-broken")
    def broken() -> dict:
        raise RuntimeError("secret internal state /srv/db password=hunter2")

    response = client.get("/api/v1/test-broken")
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"].endswith("/internal-error")
    assert "hunter2" not in response.text and "RuntimeError" not in response.text

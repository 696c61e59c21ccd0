"""The OpenAPI document says what the server answers: each error answer documented in the shape sent, 405 naming every
method of the path, invalid UTF-8 answered like any malformed JSON, the case schema as strict as the server."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path

import jsonschema_rs  # comes with schemathesis
import pytest

PREFIX = "/api/v1"
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("case-*.json"))


@pytest.fixture
def document(client) -> dict:
    return client.get(f"{PREFIX}/openapi.json").json()


def test_no_operation_documents_a_422_shape_the_server_never_sends(document):
    text = json.dumps(document)
    assert "HTTPValidationError" not in text and "#/components/schemas/ValidationError" not in text
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    content = response["content"]
                    assert content["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}, (
                        method,
                        path,
                        status,
                    )


def test_every_operation_documents_the_answers_of_its_kind(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if operation.get("security"):
                assert "401" in responses, (method, path)
            takes_input = "requestBody" in operation or any(
                p["in"] in ("query", "header") for p in operation.get("parameters", [])
            )
            if takes_input:
                assert "422" in responses, (method, path)
            if "requestBody" in operation:
                assert "413" in responses, (method, path)


def test_a_422_sent_is_the_documented_problem(client, document):
    problem = document["components"]["schemas"]["Problem"]
    resolver_document = {"components": document["components"], **problem}
    for response in (
        client.post(f"{PREFIX}/auth/token", json={"username": ""}),
        client.post(f"{PREFIX}/auth/token", content=b"{", headers={"Content-Type": "application/json"}),
    ):
        assert response.status_code == 422
        assert response.headers["content-type"].startswith("application/problem+json")
        jsonschema_rs.validate(resolver_document, response.json())


@pytest.mark.parametrize("body", [b"\xff\xfe{}", b'{"username": "\xc3\x28"}', b"\x80"])
def test_an_invalid_utf8_body_is_answered_like_malformed_json(client, body):
    malformed = client.post(f"{PREFIX}/auth/token", content=b"{", headers={"Content-Type": "application/json"})
    response = client.post(f"{PREFIX}/auth/token", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == malformed.status_code == 422
    assert response.json() == malformed.json()


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/me/notes", {"GET", "POST"}),
        (f"/permit-requests/{uuid.UUID(int=7)}", {"GET", "PUT"}),
        ("/me", {"GET"}),
        ("/assessments", {"POST"}),
    ],
)
def test_a_405_allows_every_method_of_the_path(client, path, methods):
    response = client.request("DELETE", PREFIX + path)
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("application/problem+json")
    assert set(response.headers["allow"].split(", ")) == methods


def test_a_path_with_only_path_parameters_that_cannot_be_wrong_documents_no_422(document):
    assert "422" not in document["paths"][f"{PREFIX}/tariffs/{{code}}/{{version}}"]["get"]["responses"]


def _case_schema(document: dict) -> dict:
    schema = document["paths"][f"{PREFIX}/assessments"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    return {**schema, "components": document["components"]}


def _valid(schema: dict, case: object) -> bool:
    return bool(jsonschema_rs.validator_for(schema).is_valid(case))


def _variants() -> list[tuple[str, dict]]:
    base = json.loads((ROOT / "examples" / "case-residential.json").read_text(encoding="utf-8"))

    def changed(edit) -> dict:
        case = copy.deepcopy(base)
        edit(case)
        return case

    return [
        ("unknown field", changed(lambda c: c.update(colour="blue"))),
        ("permit without floors", changed(lambda c: c.pop("floors"))),
        ("permit with no floor", changed(lambda c: c.update(floors=[]))),
        ("permit without balcony", changed(lambda c: c.pop("balcony_area_m2"))),
        ("negative area", changed(lambda c: c.update(land_area_m2=-1))),
        ("area as bad text", changed(lambda c: c.update(land_area_m2="12,5"))),
        ("too many decimals", changed(lambda c: c.update(land_area_m2="1.00001"))),
        ("area too large", changed(lambda c: c.update(land_area_m2=1_000_001))),
        ("fractional parking", changed(lambda c: c.update(parking_provided=1.5))),
        ("a day that does not exist", changed(lambda c: c.update(date="1405/07/31"))),
        ("a date in no book", changed(lambda c: c.update(date="1399/01/01"))),
        ("bad renovation code", changed(lambda c: c.update(renovation_code="2-14-123"))),
        ("serves on a residential floor", changed(lambda c: c["floors"][1].update(serves="commercial"))),
        ("storage floor without height", changed(lambda c: c["floors"][0].pop("height_m"))),
        ("storage floor without frontage", changed(lambda c: c["floors"][0].pop("frontage_m"))),
        ("level out of range", changed(lambda c: c["floors"][0].update(level=201))),
        ("unknown use", changed(lambda c: c["floors"][0].update(use="garage"))),
        ("null area", changed(lambda c: c.update(land_area_m2=None))),
        ("unknown purpose", changed(lambda c: c.update(purpose="gift"))),
    ]


def test_the_case_schema_accepts_what_the_server_computes(client, auth_headers, document):
    schema = _case_schema(document)
    headers = auth_headers(client)
    for path in EXAMPLES:
        case = json.loads(path.read_text(encoding="utf-8"))
        assert _valid(schema, case), path.name
        assert client.post(f"{PREFIX}/assessments", json=case, headers=headers).status_code == 200, path.name
    transfer_without_floors = {"renovation_code": "1-2-123-45-0-0", "purpose": "transfer", "land_area_m2": "240"}
    assert _valid(schema, transfer_without_floors)
    assert client.post(f"{PREFIX}/assessments", json=transfer_without_floors, headers=headers).status_code == 200


def test_the_case_schema_refuses_what_the_server_refuses(client, auth_headers, document):
    schema, headers = _case_schema(document), auth_headers(client)
    disagreements = []
    for name, case in _variants():
        status = client.post(f"{PREFIX}/assessments", json=case, headers=headers).status_code
        if status != 422 or _valid(schema, case):
            disagreements.append(f"{name}: server {status}, schema valid {_valid(schema, case)}")
    assert not disagreements, "\n".join(disagreements)


def test_the_document_links_what_a_later_call_takes_from_an_answer(document):
    put = document["paths"][f"{PREFIX}/permit-requests/{{request_id}}"]["put"]
    links = put["responses"]["201"]["links"]
    assert set(links) == {"Read", "Attach", "Submit"}
    assert all(link["parameters"] == {"request_id": "$response.body#/id"} for link in links.values())
    note = document["paths"][f"{PREFIX}/me/notes"]["post"]["responses"]["201"]["links"]["Outcome"]
    assert note["parameters"] == {"key": "$request.header.Idempotency-Key"}

"""Tariff books and assessments served by the sandbox: the signed book it computes with, and the same fees as `fees`."""

import base64
import hashlib
import json
from pathlib import Path

import pytest

from fees import bundled_books, case_from_json, load_signed_book, select_book, verify_book
from fees.errors import SignatureError
from sandbox.cli import main
from tests.tariff_books import BOOK_1405, book_1405_variant, training_signature, write_book

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("case-*.json"))
CURRENT = "/api/v1/tariffs/current"
ASSESSMENTS = "/api/v1/assessments"


def book_bytes(body):
    return base64.b64decode(body["content_base64"], validate=True)


def signature_file(body):
    return json.dumps(body["signature"]).encode("utf-8")


def test_current_book_is_the_bundled_1405_book_with_a_signature_the_client_trusts(client):
    response = client.get(CURRENT)  # public: no Authorization header
    assert response.status_code == 200
    body = response.json()
    data = book_bytes(body)
    assert data == BOOK_1405.read_bytes()
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    assert (body["code"], body["version"]) == ("hamedan", "1405.1")
    assert (body["effective_from"], body["effective_to"]) == ("1405/01/01", "1405/12/29")
    assert body["sample"] is True and body["media_type"] == "application/toml"
    assert body["signature"]["key_id"] == "pishkhan-training-1"
    assert verify_book(data, signature_file(body), name="current.toml") == "pishkhan-training-1"
    book = load_signed_book(data, signature_file(body), name="current.toml")
    assert book.label == "hamedan 1405.1"


def test_a_book_is_found_by_code_and_version_and_an_unknown_one_is_a_404_problem(client):
    older = client.get("/api/v1/tariffs/hamedan/1404.1")
    assert older.status_code == 200
    assert older.json()["effective_from"] == "1404/01/01"
    verify_book(book_bytes(older.json()), signature_file(older.json()), name="1404.toml")
    missing = client.get("/api/v1/tariffs/hamedan/1399.1")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert "1399.1" in missing.json()["detail"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_assessment_of_each_example_equals_the_fees_module_to_the_rial(client, auth_headers, example):
    data = example.read_bytes()
    response = client.post(ASSESSMENTS, content=data, headers=auth_headers(client))
    assert response.status_code == 200, response.text
    case = case_from_json(data)
    expected = select_book(bundled_books(), case.date).evaluate(case).to_json_dict()
    assert response.json() == json.loads(json.dumps(expected, ensure_ascii=False))
    assert type(response.json()["total_rials"]) is int


def test_assessment_needs_a_bearer_token(client):
    response = client.post(ASSESSMENTS, content=EXAMPLES[0].read_bytes())
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda c: c.pop("renovation_code"), "renovation_code"),
        (lambda c: c["floors"][1].update(area_m2=-5), "floors[1].area_m2"),
        (lambda c: c["floors"][0].update(use="casino"), "floors[0].use"),
        (lambda c: c.update(date="1390/01/01"), "date"),
        (lambda c: c.update(colour="blue"), "colour"),
    ],
)
def test_a_bad_case_is_a_422_problem_naming_the_field(client, auth_headers, change, field):
    case = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))
    change(case)
    response = client.post(ASSESSMENTS, json=case, headers=auth_headers(client))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"].endswith("/invalid-case")
    assert [error["field"] for error in problem["errors"]] == [field]
    assert problem["errors"][0]["message"]


def test_malformed_json_is_a_422_problem_on_the_case(client, auth_headers):
    response = client.post(ASSESSMENTS, content=b'{"renovation_code": ', headers=auth_headers(client))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "case"


def test_a_configured_book_is_current_signed_by_the_sandbox_and_used_for_assessments(
    make_client, auth_headers, tmp_path
):
    path = write_book(tmp_path / "books", book_1405_variant("1405.2", p_123=120000))  # no .sig beside it
    client = make_client(tariff_book=path)
    body = client.get(CURRENT).json()
    assert (body["code"], body["version"]) == ("hamedan", "1405.2")
    assert verify_book(book_bytes(body), signature_file(body), name="served.toml") == "pishkhan-training-1"
    assert client.get("/api/v1/tariffs/hamedan/1405.1").status_code == 200  # the bundled one is still served
    case = json.loads((ROOT / "examples" / "case-residential.json").read_text(encoding="utf-8"))  # 1405, block 123
    result = client.post(ASSESSMENTS, json=case, headers=auth_headers(client)).json()
    assert result["book"]["version"] == "1405.2"
    assert result["lines"][0]["inputs"]["P"] == "120000"


def test_a_signature_beside_the_configured_book_is_served_as_given(make_client, tmp_path):
    data = book_1405_variant("1405.3")
    tampered = data.replace(b'"124" = 143000', b'"124" = 14300', 1)
    path = write_book(tmp_path / "books", tampered, signature=training_signature(data))
    body = make_client(tariff_book=path).get(CURRENT).json()
    assert book_bytes(body) == tampered
    with pytest.raises(SignatureError):
        verify_book(book_bytes(body), signature_file(body), name="served.toml")


def test_sandbox_command_refuses_a_broken_tariff_book_in_one_line(tmp_path, capsys):
    broken = write_book(tmp_path, b'[book]\ncode = "x"\n', name="broken.toml")
    assert main(["--port", "0", "--data", str(tmp_path / "data"), "--tariff-book", str(broken)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "--tariff-book" in err and "broken.toml" in err
    assert main(["--data", str(tmp_path / "data"), "--tariff-book", str(tmp_path / "missing.toml")]) == 2
    assert "missing.toml" in capsys.readouterr().err


def test_openapi_documents_the_tariff_endpoints_and_the_case_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/tariffs/current", "/api/v1/tariffs/{code}/{version}", "/api/v1/assessments"} <= set(paths)
    post = paths["/api/v1/assessments"]["post"]
    schema = post["requestBody"]["content"]["application/json"]["schema"]
    assert "floors" in schema["properties"] and "renovation_code" in schema["required"]
    assert "security" in post and "security" not in paths["/api/v1/tariffs/current"]["get"]

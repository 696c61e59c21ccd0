"""The published OpenAPI document says what the server really answers.

FastAPI's document, as generated, lists a 422 shape (`HTTPValidationError`) the sandbox never sends, and leaves out
answers every route of a kind gives. `document_answers` fixes that once for all routes, also those added later:
- every error answer is the problem document (RFC 9457, `application/problem+json`, sandbox/problems.py);
- a route that needs a bearer token answers 401; one that takes a body, query or header parameters answers 422
  (malformed JSON and invalid UTF-8 included); one that takes a body answers 413 when it is too large;
- FastAPI's own 422 entry goes, and so do its schemas when nothing refers to them any more.
Answers particular to a route (400, 403, 404, 409, 429, ...) are declared on the route with `routes.problems(...)`.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from sandbox.problems import PROBLEM_MEDIA_TYPE
from sandbox.schemas import Problem

PROBLEM_REF = "#/components/schemas/Problem"
_FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")
_METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}


def problem_response(status: int | str) -> dict[str, Any]:
    """The OpenAPI response object of a problem answer."""
    return {
        "description": HTTPStatus(int(status)).phrase,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": PROBLEM_REF}}},
    }


def _ensure_problem_schema(schemas: dict[str, Any]) -> None:
    if "Problem" in schemas:
        return
    generated = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(generated.pop("$defs", {}))
    schemas["Problem"] = generated


def _takes_input(operation: dict[str, Any]) -> bool:
    parameters = operation.get("parameters", [])
    return "requestBody" in operation or any(p.get("in") in ("query", "header") for p in parameters)


def _document_operation(operation: dict[str, Any]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    validation = responses.get("422")
    if validation is not None and "HTTPValidationError" in json.dumps(validation):
        del responses["422"]
    implied = []
    if operation.get("security"):
        implied.append("401")
    if "requestBody" in operation:
        implied.append("413")
    if _takes_input(operation):
        implied.append("422")
    for status in implied:
        responses.setdefault(status, problem_response(status))
    for status in list(responses):
        if status.isdigit() and int(status) >= 400:
            description = responses[status].get("description") or HTTPStatus(int(status)).phrase
            responses[status] = {**problem_response(status), "description": description}
    operation["responses"] = dict(sorted(responses.items()))


# OpenAPI links: what a later call takes from an answer (for clients and for stateful testing):
# (source method, path, statuses) -> (link name, target method, path, parameters)
_REQUEST_ID = {"request_id": "$response.body#/id"}
_INQUIRY_ID = {"inquiry_id": "$response.body#/id"}
_CID = {"certificate_id": "$response.body#/id"}
LINKS: tuple[tuple[str, str, tuple[str, ...], str, str, str, dict[str, str]], ...] = (
    (
        "put",
        "/permit-requests/{request_id}",
        ("200", "201"),
        "Read",
        "get",
        "/permit-requests/{request_id}",
        _REQUEST_ID,
    ),
    (
        "put",
        "/permit-requests/{request_id}",
        ("200", "201"),
        "Attach",
        "put",
        "/permit-requests/{request_id}/attachments/{attachment_id}",
        _REQUEST_ID,
    ),
    (
        "put",
        "/permit-requests/{request_id}",
        ("200", "201"),
        "Submit",
        "post",
        "/permit-requests/{request_id}/submit",
        _REQUEST_ID,
    ),
    (
        "post",
        "/permit-requests/{request_id}/submit",
        ("200",),
        "Review",
        "post",
        "/review/permit-requests/{request_id}",
        _REQUEST_ID,
    ),
    ("post", "/me/notes", ("201",), "Outcome", "get", "/actions/{key}", {"key": "$request.header.Idempotency-Key"}),
    ("put", "/inquiries/{inquiry_id}", ("200", "201"), "Read", "get", "/inquiries/{inquiry_id}", _INQUIRY_ID),
    ("put", "/certificates/{certificate_id}", ("200", "201"), "Read", "get", "/certificates/{certificate_id}", _CID),
)


def _add_links(document: dict[str, Any], prefix: str) -> None:
    paths = document.get("paths", {})
    for method, path, statuses, name, target_method, target_path, parameters in LINKS:
        source = paths.get(prefix + path, {}).get(method)
        target = paths.get(prefix + target_path, {}).get(target_method)
        if source is None or target is None or "operationId" not in target:
            continue
        for status in statuses:
            if status in source.get("responses", {}):
                links = source["responses"][status].setdefault("links", {})
                links[name] = {"operationId": target["operationId"], "parameters": dict(parameters)}


def document_answers(document: dict[str, Any], prefix: str = "/api/v1") -> dict[str, Any]:
    """The generated document with every operation's error answers as the server gives them, and the links
    between operations (in place)."""
    _add_links(document, prefix)
    schemas: dict[str, Any] = document.setdefault("components", {}).setdefault("schemas", {})
    _ensure_problem_schema(schemas)
    for operations in document.get("paths", {}).values():
        for method, operation in operations.items():
            if method in _METHODS and isinstance(operation, dict):
                _document_operation(operation)
    for name in _FASTAPI_VALIDATION:  # in this order: the first refers to the second
        if f"#/components/schemas/{name}" not in json.dumps(document):
            schemas.pop(name, None)
    return document

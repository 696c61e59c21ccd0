"""RFC 9457 problem details: the one error shape of the API, and the handlers that produce it."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://pishkhan.invalid/problems/"
BODY_FIELD = ""  # the field name of an error about the request body as a whole
_LOCATION_ROOTS = {"body", "query", "path", "header", "cookie"}
# what FastAPI answers (400) when a JSON body is not UTF-8: answered like any malformed JSON (422) instead
_BODY_NOT_PARSED = "There was an error parsing the body"
MALFORMED_JSON = "The request body is not valid JSON."
_HTTP_METHODS = {"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE"}


def problem_type(slug: str) -> str:
    return PROBLEM_TYPE_BASE + slug


class ProblemError(Exception):
    """Raise anywhere in a request to answer with a problem; `slug` becomes the end of its `type` URI."""

    def __init__(
        self,
        status: int,
        slug: str,
        detail: str,
        *,
        title: str | None = None,
        errors: Sequence[Mapping[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.errors = [dict(e) for e in errors] if errors is not None else None
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        content: dict[str, Any] = {
            "type": problem_type(self.slug),
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.errors is not None:
            content["errors"] = self.errors
        return content

    def to_response(self) -> Response:
        return json_response(self.status, self.body(), media_type=PROBLEM_MEDIA_TYPE, headers=self.headers)


def encode_json(content: Any) -> bytes:
    return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_response(
    status: int,
    content: Any,
    *,
    media_type: str = "application/json",
    headers: Mapping[str, str] | None = None,
) -> Response:
    return Response(
        content=encode_json(content), status_code=status, media_type=media_type, headers=dict(headers or {})
    )


def field_name(location: Sequence[Any]) -> str:
    """A pydantic error location as the JSON field name the client sent: ("body", "office", 0) -> "office[0]"."""
    parts = list(location)
    if parts and parts[0] in _LOCATION_ROOTS:
        parts = parts[1:]
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name = f"{name}.{part}" if name else str(part)
    return name


def _validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    errors = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            errors.append({"field": BODY_FIELD, "message": MALFORMED_JSON})
            continue
        errors.append({"field": field_name(error.get("loc", ())), "message": str(error.get("msg", "Invalid value."))})
    return errors


def validation_failed(errors: Sequence[Mapping[str, str]]) -> ProblemError:
    """The 422 problem of a request with invalid or missing fields (malformed JSON included)."""
    return ProblemError(422, "validation-failed", "The request has invalid or missing fields.", errors=errors)


# a query parameter that is a UTC day, YYYY-MM-DD (the list filters "from" and "to")
DAY: dict[str, Any] = {"pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "json_schema_extra": {"format": "date"}}


def day_start(text: str, field: str) -> float:
    """The Unix time at which the UTC day `text` (YYYY-MM-DD) begins, or the 422 problem naming `field`."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise validation_failed([{"field": field, "message": "Must be a date, YYYY-MM-DD (UTC)."}]) from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()


async def _on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return validation_failed(_validation_errors(exc)).to_response()


def allowed_methods(request: Request) -> list[str]:
    """Every method the API document gives the request's path (a path may have one route per method)."""
    table: list[tuple[re.Pattern[str], list[str]]] | None = getattr(request.app.state, "allowed_methods", None)
    if table is None:
        table = []
        for template, operations in request.app.openapi().get("paths", {}).items():
            pattern = re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(template))
            table.append((re.compile(f"^{pattern}$"), [m.upper() for m in operations if m.upper() in _HTTP_METHODS]))
        request.app.state.allowed_methods = table
    path = request.scope.get("path", "")
    return sorted({method for pattern, methods in table if pattern.match(path) for method in methods})


async def _on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    if status == 400 and exc.detail == _BODY_NOT_PARSED:
        return validation_failed([{"field": BODY_FIELD, "message": MALFORMED_JSON}]).to_response()
    headers = dict(getattr(exc, "headers", None) or {})
    if status == 405:
        headers["Allow"] = ", ".join(allowed_methods(request)) or headers.get("Allow", "")
    slugs = {404: "not-found", 405: "method-not-allowed"}
    details = {
        404: "No resource at this address.",
        405: "This method is not allowed at this address.",
    }
    detail = details.get(status, exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase)
    problem = ProblemError(status, slugs.get(status, "http-error"), detail, headers=headers)
    return problem.to_response()


async def _on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return exc.to_response()


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    # The server logs the traceback; the client learns nothing about internals.
    problem = ProblemError(500, "internal-error", "The server could not complete the request.")
    return problem.to_response()


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(Exception, _on_unexpected)

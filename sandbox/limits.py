"""Request-size limits, per route, enforced before a body is buffered; JSON bodies checked off the event loop.

`BodyLimitMiddleware` is the outermost layer of the sandbox's application:
- a `Content-Length` above the route's limit is answered 413 at once, without reading a byte of the body;
- a body without a length (chunked) is counted while it streams in and answered 413 the moment it passes the limit,
  so no more than the limit is ever held in memory;
- a JSON body within the limit is checked on a worker thread before the application sees it: at most
  `MAX_JSON_SEPARATORS` commas and colons (a cheap bound on members that keeps any later parse short, so an 18 MB
  object of 1.5 million keys cannot hold the event loop for seconds) and nesting at most `MAX_JSON_DEPTH` deep.
  Anything beyond is answered 422 in the shape of every malformed-JSON answer; malformed JSON itself is left to the
  application, which answers it as before.
Limits: `DEFAULT_LIMIT` (64 KB) for every route, more only where a route needs it (`ROUTE_LIMITS`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from anyio import to_thread

from civic import jsonsafe
from sandbox.permit_schemas import ATTACHMENT_MAX_BYTES
from sandbox.problems import BODY_FIELD, ProblemError
from sandbox.routes import API_PREFIX

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_LIMIT = 64 * 1024
CASE_LIMIT = 256 * 1024  # POST /assessments: a case (tariff_routes.MAX_CASE_BYTES)
# an attachment: its content in base64 (4/3 of the bytes) and a few short fields
ATTACHMENT_LIMIT = math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 64 * 1024
ROUTE_LIMITS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"{API_PREFIX}/permit-requests/[^/]+/attachments/[^/]+/?"), ATTACHMENT_LIMIT),
    (re.compile(rf"{API_PREFIX}/assessments/?"), CASE_LIMIT),
)
MAX_JSON_SEPARATORS = 20_000
MAX_JSON_DEPTH = 32


def limit_for(path: str) -> int:
    """The most bytes a request body to `path` may have."""
    for pattern, limit in ROUTE_LIMITS:
        if pattern.fullmatch(path):
            return limit
    return DEFAULT_LIMIT


def _too_large(limit: int) -> ProblemError:
    return ProblemError(
        413,
        "request-too-large",
        f"A request to this address may carry at most {limit} bytes.",
        errors=[{"field": BODY_FIELD, "message": f"At most {limit} bytes."}],
    )


def _json_refused(reason: str) -> ProblemError:
    return ProblemError(
        422,
        "validation-failed",
        "The request has invalid or missing fields.",
        errors=[{"field": BODY_FIELD, "message": f"The request body is not valid JSON: {reason}."}],
    )


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            media = value.split(b";", 1)[0].strip().lower()
            return media == b"application/json" or (media.startswith(b"application/") and media.endswith(b"+json"))
    return False


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def json_problem(body: bytes) -> str | None:
    """Why a JSON body is refused before parsing proper (None: let the application parse it). Runs on a worker
    thread; the separator count comes first because it costs a few milliseconds even for megabytes."""
    if body.count(b",") + body.count(b":") > MAX_JSON_SEPARATORS:
        return f"more than {MAX_JSON_SEPARATORS} members and items"
    try:
        jsonsafe.loads(body, max_depth=MAX_JSON_DEPTH)
    except jsonsafe.JsonDepthError as exc:
        return str(exc)
    except ValueError:
        return None  # malformed: the application answers it as every malformed body
    return None


class BodyLimitMiddleware:
    """See the module's text. Wrap the whole application with it (outermost)."""

    def __init__(self, app: Asgi) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope.get("path", ""))
        length = _content_length(scope)
        if length is not None and length > limit:
            await _too_large(limit).to_response()(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _too_large(limit).to_response()(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        chunks.clear()
        if body and _is_json(scope):
            problem = await to_thread.run_sync(json_problem, body)
            if problem is not None:
                await _json_refused(problem).to_response()(scope, receive, send)
                return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

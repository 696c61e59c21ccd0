"""HTTP transport: which addresses are allowed, TLS verification, and problem documents → typed errors."""

from __future__ import annotations

import ssl
from typing import Any
from urllib.parse import urljoin

import requests
import truststore
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from civic import jsonsafe
from client_api import errors
from client_api.addresses import api_root as api_root


class _OsTrustAdapter(HTTPAdapter):
    """Verify servers against the operating system's trust store (what the office's IT installs)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        super().init_poolmanager(*args, **kwargs)


class _NoRedirectSession(requests.Session):
    """A session that never follows a redirect, whatever a caller passes: credentials and tokens go only to the
    address configured. The 3xx answer comes back as it is (`refuse_redirect` turns it into an error)."""

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        return None


def new_session(ca_bundle: str | None) -> requests.Session:
    """A session that always verifies TLS (against `ca_bundle` when given, else the OS trust store) and never
    follows a redirect."""
    session = _NoRedirectSession()
    session.trust_env = False  # no proxy or CA overrides from the environment: the address given is the one used
    session.headers["User-Agent"] = "pishkhan-desk"
    session.headers["Accept"] = "application/json, application/problem+json"
    if ca_bundle:
        session.verify = ca_bundle
    else:
        session.mount("https://", _OsTrustAdapter())
        session.verify = True
    return session


def never_sent(exc: BaseException) -> bool:
    """Whether a connection error happened before the request left: no connection was ever made."""
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        item = pending.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, urllib3.exceptions.NewConnectionError | urllib3.exceptions.ConnectTimeoutError):
            return True
        if isinstance(item, ConnectionRefusedError):
            return True
        pending.extend([item.__cause__, item.__context__, getattr(item, "reason", None), *item.args])
    return False


def refuse_redirect(response: requests.Response) -> None:
    """A 3xx answer to an API call is an error naming where it pointed; nothing is sent there."""
    if 300 <= response.status_code < 400:
        location = response.headers.get("Location", "")
        target = urljoin(response.url, location) if location else ""
        raise errors.RedirectRefusedError(target, status=response.status_code)


def raise_for_problem(response: requests.Response) -> None:
    """Turn a non-2xx answer into the matching typed error."""
    status = response.status_code
    if status < 400:
        return
    problem: dict[str, Any] = {}
    try:
        body = jsonsafe.loads(response.content)  # nesting bounded: RecursionError is no ValueError
        if isinstance(body, dict):
            problem = body
    except ValueError:
        pass
    detail = str(problem.get("detail") or problem.get("title") or response.reason or "")
    kwargs: dict[str, Any] = {"status": status, "problem": problem}
    if status == 401:
        raise errors.UnauthorizedError(detail, **kwargs)
    if status == 403:
        raise errors.ForbiddenError(detail, **kwargs)
    if status == 404:
        raise errors.NotFoundError(detail, **kwargs)
    if status == 409:
        raise errors.ConflictError(detail, **kwargs)
    if status == 429:
        raise errors.RateLimitedError(detail, retry_after_s=_retry_after(response), **kwargs)
    if status in (400, 422):
        field_errors = tuple(
            errors.FieldError(str(item.get("field", "")), str(item.get("message", "")))
            for item in problem.get("errors") or []
            if isinstance(item, dict)
        )
        raise errors.ValidationFailedError(detail, field_errors=field_errors, **kwargs)
    if status >= 500:
        raise errors.ServerError(detail, **kwargs)
    raise errors.ApiError(detail, **kwargs)


def _retry_after(response: requests.Response) -> int | None:
    value = response.headers.get("Retry-After", "")
    return int(value) if value.isascii() and value.isdigit() else None

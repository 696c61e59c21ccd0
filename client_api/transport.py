"""HTTP transport: which addresses are allowed, TLS verification, and problem documents → typed errors."""

from __future__ import annotations

import ipaddress
import ssl
from typing import Any
from urllib.parse import urlsplit

import requests
import truststore
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from client_api import errors


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def api_root(base_url: str) -> str:
    """`https://host[:port][/prefix]` → the API root ending in `/api/v1`.

    https is required; plain http only to this machine (the sandbox). Anything else is refused before a
    single byte leaves the machine.
    """
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise errors.InsecureTransportError(f"not an http(s) address: {base_url!r}")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise errors.InsecureTransportError(f"plain http is allowed only to this machine, not {parts.hostname}")
    if parts.username or parts.password:
        raise errors.InsecureTransportError("credentials inside the address are not allowed")
    path = parts.path.rstrip("/")
    if not path.endswith("/api/v1"):
        path += "/api/v1"
    return f"{parts.scheme}://{parts.netloc}{path}"


class _OsTrustAdapter(HTTPAdapter):
    """Verify servers against the operating system's trust store (what the office's IT installs)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        super().init_poolmanager(*args, **kwargs)


def new_session(ca_bundle: str | None) -> requests.Session:
    """A session that always verifies TLS: against `ca_bundle` when given, else the OS trust store."""
    session = requests.Session()
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


def raise_for_problem(response: requests.Response) -> None:
    """Turn a non-2xx answer into the matching typed error."""
    status = response.status_code
    if status < 400:
        return
    problem: dict[str, Any] = {}
    try:
        body = response.json()
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

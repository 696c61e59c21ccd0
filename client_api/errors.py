"""Typed errors of the municipal API.

The client raises only these; the desktop maps each type to an operator message in one place
(`desktop.messages`). A problem document (RFC 9457) from the server is kept on the error for the log.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class FieldError(NamedTuple):
    """What the server found wrong with one field. A named tuple, as the records on the way to the sign-in page's
    first paint are: made in a tenth of the time of a frozen dataclass (about 0.4 ms each)."""

    field: str
    message: str


class ApiError(Exception):
    """Base of every error the client raises."""

    def __init__(self, detail: str = "", *, status: int | None = None, problem: dict[str, Any] | None = None) -> None:
        super().__init__(detail or self.__class__.__name__)
        self.detail = detail
        self.status = status
        self.problem = problem or {}


class InsecureTransportError(ApiError):
    """The API address is plain http to a host that is not this machine, or otherwise not usable."""


class RedirectRefusedError(InsecureTransportError):
    """The server answered an API call with a redirect. It is never followed: credentials and tokens go only to the
    address the operator configured. `target` is where the server pointed (its `Location`, "" if none)."""

    def __init__(self, target: str, *, status: int | None = None) -> None:
        super().__init__(
            f"the server redirected to {target or '(no address)'}; redirects are not followed", status=status
        )
        self.target = target


class OfflineError(ApiError):
    """The server could not be reached: refused, unresolvable, reset, or no answer in time."""


class RequestTimeoutError(OfflineError):
    """The server did not answer within the timeout; what it did with the request is unknown."""


class NotDeliveredError(OfflineError):
    """The request never reached the server (connection refused, name not resolved, no connection in time):
    nothing was done there, so sending it again cannot do anything twice."""


class ConnectTimeoutError(RequestTimeoutError, NotDeliveredError):
    """No connection could be made in time: a timeout, but before a single byte of the request was sent."""


class AnswerLostError(OfflineError):
    """The request was sent but the connection broke before the whole answer arrived (dropped, reset): what the
    server did with it is unknown."""


class UnauthorizedError(ApiError):
    """Wrong credentials, or the session is not valid."""


class SessionExpiredError(UnauthorizedError):
    """The session ended (refresh refused or revoked); the operator must sign in again."""


class ForbiddenError(ApiError):
    pass


class NotFoundError(ApiError):
    pass


class ValidationFailedError(ApiError):
    def __init__(
        self,
        detail: str = "",
        *,
        status: int | None = None,
        problem: dict[str, Any] | None = None,
        field_errors: tuple[FieldError, ...] = (),
    ) -> None:
        super().__init__(detail, status=status, problem=problem)
        self.field_errors = field_errors


class ConflictError(ApiError):
    pass


class RateLimitedError(ApiError):
    def __init__(
        self,
        detail: str = "",
        *,
        status: int | None = None,
        problem: dict[str, Any] | None = None,
        retry_after_s: int | None = None,
    ) -> None:
        super().__init__(detail, status=status, problem=problem)
        self.retry_after_s = retry_after_s


class ServerError(ApiError):
    """The server failed (5xx)."""


class ProtocolError(ServerError):
    """The server answered with something this client does not understand."""

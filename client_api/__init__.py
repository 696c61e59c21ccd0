"""Typed facade of the municipal API: one method per endpoint, typed errors, tokens in the OS keyring.

Qt-free; of the project's packages it imports only `civic`.
"""

from client_api.client import MunicipalClient, Timeouts
from client_api.errors import (
    ApiError,
    ConflictError,
    FieldError,
    ForbiddenError,
    InsecureTransportError,
    NotFoundError,
    OfflineError,
    ProtocolError,
    RateLimitedError,
    RequestTimeoutError,
    ServerError,
    SessionExpiredError,
    UnauthorizedError,
    ValidationFailedError,
)
from client_api.models import Health, Office, Operator
from client_api.token_store import KeyringTokenStore, MemoryTokenStore, TokenStore, open_token_store

__all__ = [
    "ApiError",
    "ConflictError",
    "FieldError",
    "ForbiddenError",
    "Health",
    "InsecureTransportError",
    "KeyringTokenStore",
    "MemoryTokenStore",
    "MunicipalClient",
    "NotFoundError",
    "Office",
    "OfflineError",
    "Operator",
    "ProtocolError",
    "RateLimitedError",
    "RequestTimeoutError",
    "ServerError",
    "SessionExpiredError",
    "Timeouts",
    "TokenStore",
    "UnauthorizedError",
    "ValidationFailedError",
    "open_token_store",
]

"""Typed facade of the municipal API: one method per endpoint, typed errors, tokens in the OS keyring; and the
durable outbox that sends the operator's actions (outbox.py, sender.py) from the local database (local_db.py).

Qt-free; of the project's packages it imports only `civic`.
"""

from client_api.client import MunicipalClient, Timeouts
from client_api.errors import (
    AnswerLostError,
    ApiError,
    ConflictError,
    ConnectTimeoutError,
    FieldError,
    ForbiddenError,
    InsecureTransportError,
    NotDeliveredError,
    NotFoundError,
    OfflineError,
    ProtocolError,
    RateLimitedError,
    RedirectRefusedError,
    RequestTimeoutError,
    ServerError,
    SessionExpiredError,
    UnauthorizedError,
    ValidationFailedError,
)
from client_api.models import Health, Office, Operator
from client_api.parcels import Owner, Parcel, ParcelPage, ParcelRules, ParcelSummary, ZoneShare
from client_api.tariffs import ServerAssessment, SignedTariffBook
from client_api.token_store import KeyringTokenStore, MemoryTokenStore, TokenStore, open_token_store

__all__ = [
    "AnswerLostError",
    "ApiError",
    "ConflictError",
    "ConnectTimeoutError",
    "FieldError",
    "ForbiddenError",
    "Health",
    "InsecureTransportError",
    "KeyringTokenStore",
    "MemoryTokenStore",
    "MunicipalClient",
    "NotDeliveredError",
    "NotFoundError",
    "Office",
    "OfflineError",
    "Operator",
    "Owner",
    "Parcel",
    "ParcelPage",
    "ParcelRules",
    "ParcelSummary",
    "ProtocolError",
    "RateLimitedError",
    "RedirectRefusedError",
    "RequestTimeoutError",
    "ServerAssessment",
    "ServerError",
    "SessionExpiredError",
    "SignedTariffBook",
    "Timeouts",
    "TokenStore",
    "UnauthorizedError",
    "ValidationFailedError",
    "ZoneShare",
    "open_token_store",
]

"""Typed facade of the municipal API: one method per endpoint, typed errors, tokens in the OS keyring; and the
durable outbox that sends the operator's actions (outbox.py, sender.py) from the local database (local_db.py).

Qt-free; of the project's packages it imports only `civic`.

The names below are loaded on first use (PEP 562): `import client_api.local_db` or `from client_api import errors`
does not pull in requests and keyring, so the desktop's first paint does not wait for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# where each public name lives
_HOME = {
    "MunicipalClient": "client",
    "Timeouts": "client",
    "Health": "models",
    "Office": "models",
    "Operator": "models",
    "Owner": "parcels",
    "Parcel": "parcels",
    "ParcelPage": "parcels",
    "ParcelRules": "parcels",
    "ParcelSummary": "parcels",
    "ZoneShare": "parcels",
    "ServerAssessment": "tariffs",
    "SignedTariffBook": "tariffs",
    "KeyringTokenStore": "token_store",
    "MemoryTokenStore": "token_store",
    "TokenStore": "token_store",
    "open_token_store": "token_store",
}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name, "errors" if name.endswith("Error") else None)
    if module is None:
        try:
            return importlib.import_module(f"client_api.{name}")  # a submodule: `client_api.errors`
        except ModuleNotFoundError as exc:
            if exc.name != f"client_api.{name}":
                raise
            raise AttributeError(f"module 'client_api' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"client_api.{module}"), name)
    globals()[name] = value
    return value


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

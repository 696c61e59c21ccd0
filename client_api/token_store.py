"""Where the session's tokens live: the OS keyring, or this process's memory — never a file.

`open_token_store()` picks the keyring when a secure backend works, and otherwise fails closed to memory
with one warning for the operator. Backends that write files (keyrings.alt) or do nothing are never used.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from dataclasses import dataclass
from typing import Protocol

import keyring
import keyring.backend
import keyring.core
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "pishkhan-desk"
_INSECURE_MODULE_PREFIXES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str

    def to_secret(self) -> str:
        return json.dumps({"access": self.access_token, "refresh": self.refresh_token})

    @classmethod
    def from_secret(cls, secret: str) -> Tokens | None:
        try:
            data = json.loads(secret)
            return cls(str(data["access"]), str(data["refresh"]))
        except (ValueError, KeyError, TypeError):
            return None

    def __repr__(self) -> str:  # keep tokens out of logs and tracebacks
        return "Tokens(<hidden>)"


class TokenStore(Protocol):
    secure: bool

    def load(self, account: str) -> Tokens | None: ...

    def save(self, account: str, tokens: Tokens) -> None: ...

    def delete(self, account: str) -> None: ...


class MemoryTokenStore:
    """Tokens for this session only: used when no secure keyring works."""

    secure = False

    def __init__(self) -> None:
        self._tokens: dict[str, Tokens] = {}
        self._lock = threading.Lock()

    def load(self, account: str) -> Tokens | None:
        with self._lock:
            return self._tokens.get(account)

    def save(self, account: str, tokens: Tokens) -> None:
        with self._lock:
            self._tokens[account] = tokens

    def delete(self, account: str) -> None:
        with self._lock:
            self._tokens.pop(account, None)


class KeyringTokenStore:
    """Tokens in the OS keyring (Secret Service, macOS Keychain, Windows Credential Locker)."""

    secure = True

    def __init__(self, backend: keyring.backend.KeyringBackend) -> None:
        self._backend = backend

    @property
    def backend_name(self) -> str:
        return type(self._backend).__name__

    def load(self, account: str) -> Tokens | None:
        secret = self._backend.get_password(SERVICE, account)
        return Tokens.from_secret(secret) if secret else None

    def save(self, account: str, tokens: Tokens) -> None:
        self._backend.set_password(SERVICE, account, tokens.to_secret())

    def delete(self, account: str) -> None:
        try:
            self._backend.delete_password(SERVICE, account)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already wiped


def _leaf_backends(backend: keyring.backend.KeyringBackend) -> list[keyring.backend.KeyringBackend]:
    inner = getattr(backend, "backends", None)
    return list(inner) if inner is not None else [backend]


def is_secure_backend(backend: keyring.backend.KeyringBackend) -> bool:
    leaves = _leaf_backends(backend)
    if not leaves:
        return False
    return all(not type(leaf).__module__.startswith(_INSECURE_MODULE_PREFIXES) for leaf in leaves)


def open_token_store(backend: keyring.backend.KeyringBackend | None = None) -> tuple[TokenStore, str | None]:
    """The keyring when a secure backend answers a probe; else memory and the reason, for one warning.

    The probe writes, reads back and deletes a throwaway entry: a locked or broken store fails here,
    at sign-in, rather than later with the operator's tokens.
    """
    chosen = backend if backend is not None else keyring.get_keyring()
    if backend is None and not is_secure_backend(chosen):
        # keyring chose once, at first use; the keyring service may have come up since (a login race)
        keyring.core.init_backend()
        chosen = keyring.get_keyring()
    if not is_secure_backend(chosen):
        return MemoryTokenStore(), f"no secure keyring backend ({type(chosen).__name__})"
    probe_account = f"probe-{uuid.uuid4()}"
    try:
        chosen.set_password(SERVICE, probe_account, "probe")
        ok = chosen.get_password(SERVICE, probe_account) == "probe"
        chosen.delete_password(SERVICE, probe_account)
    except Exception as exc:  # any backend failure means: not usable now
        log.warning("keyring backend %s unusable: %s", type(chosen).__name__, type(exc).__name__)
        return MemoryTokenStore(), f"keyring unusable ({type(exc).__name__})"
    if not ok:
        return MemoryTokenStore(), "keyring did not return what was stored"
    return KeyringTokenStore(chosen), None

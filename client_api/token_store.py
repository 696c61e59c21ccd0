"""Where the session's tokens live: the OS keyring, or this process's memory — never a file.

`open_token_store()` picks the keyring when a backend on the allow-list works (Secret Service, macOS Keychain,
Windows Credential Locker, KWallet), and otherwise fails closed to memory with one warning for the operator. Any
other backend (files from keyrings.alt or elsewhere, a null or failing backend, an unknown one) is never used.

A keyring also keeps an index of the sessions open in it and which process holds each (process id, its start
identity, the machine), so the next start after a crash finds the session left behind (`stale_accounts`) to revoke
it on the server and wipe it here.
"""

from __future__ import annotations

import functools
import importlib
import json
import logging
import os
import socket
import sys
import threading
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

import keyring
import keyring.backend
import keyring.core
import keyring.errors

log = logging.getLogger(__name__)

# One keyring call at a time in this process, and on Linux one D-Bus connection to the Secret Service for it. The
# keyring library opens a connection for each call, and the first message of a connection is a property read on the
# collection; gnome-keyring-daemon records a new caller in a callback that can come after that read, and when it does,
# the daemon aborts (`GLib-GIO: invoke_get_property_in_idle_cb: assertion failed`), taking every application's secrets
# with it. Four threads storing, reading and deleting tokens killed it within seconds in 5 runs of 6; turns alone
# still let it happen, once, on a busy machine.
_KEYRING_TURN = threading.Lock()

SERVICE = "pishkhan-desk"
INDEX_ACCOUNT = "open-sessions"  # not a secret: which accounts hold a session, and which process holds each
# The backends accepted as secure, by exact class: the OS's own encrypted stores.
_ALLOWED_BACKENDS = (
    ("keyring.backends.SecretService", "Keyring"),
    ("keyring.backends.macOS", "Keyring"),
    ("keyring.backends.Windows", "WinVaultKeyring"),
    ("keyring.backends.kwallet", "DBusKeyring"),
    ("keyring.backends.kwallet", "DBusKeyringKWallet4"),
)


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


class _Calls(Protocol):
    def get_password(self, service: str, username: str) -> str | None: ...

    def set_password(self, service: str, username: str, password: str) -> None: ...

    def delete_password(self, service: str, username: str) -> None: ...


class _TakingTurns:
    """A keyring backend's calls, one at a time in the process."""

    def __init__(self, backend: keyring.backend.KeyringBackend) -> None:
        self._backend = backend

    def get_password(self, service: str, username: str) -> str | None:
        with _KEYRING_TURN:
            return self._backend.get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        with _KEYRING_TURN:
            self._backend.set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        with _KEYRING_TURN:
            self._backend.delete_password(service, username)


class _OneSecretServiceConnection:
    """The Secret Service backend's calls on one D-Bus connection, kept for the process and made again only once it
    has failed, one call at a time. The items are the backend's own (its attributes, label and collection): what one
    stores, the other reads."""

    def __init__(self, backend: Any) -> None:
        self._backend_ref = weakref.ref(backend)  # weakly: `_calls_by_backend` keeps this by its backend, until it goes
        self._connection: Any = None
        self._session: Any = None  # one encryption session for the connection's secrets (each one the daemon keeps)
        self._owner: str | None = None  # the daemon that opened it (its unique name on the bus)

    @property
    def _backend(self) -> Any:
        backend = self._backend_ref()
        if backend is None:  # whoever calls holds it: a token store, the probe
            raise keyring.errors.InitError("the keyring backend is gone")
        return backend

    def _collection(self) -> Any:
        import secretstorage  # the Secret Service backend's own dependency
        from jeepney import DBusAddress, HeaderFields, MessageType, Properties  # type: ignore[import-untyped]
        from secretstorage.util import open_session

        # Each turn begins by reading the service's own property, which needs no record of the caller; by the time
        # it is answered, the daemon has recorded the connection, even a daemon started again since the last turn
        # (the connection is to the bus, and the service's name moves to the new daemon). See _KEYRING_TURN.
        if self._connection is None:
            self._connection = secretstorage.dbus_init()
            self._owner = self._session = None
        hello = Properties(DBusAddress(SECRET_SERVICE_PATH, bus_name=SECRET_SERVICE_NAME, interface=SECRET_SERVICE))
        reply = self._connection.send_and_get_reply(hello.get("Collections"))
        if reply.header.message_type is MessageType.error:
            raise _NoAnswer(f"the Secret Service did not answer: {reply.header.fields.get(HeaderFields.error_name)}")
        owner = reply.header.fields.get(HeaderFields.sender)
        if self._session is None or owner != self._owner:  # the first turn, or a daemon started again since
            self._session = open_session(self._connection)
            self._owner = owner
        try:
            path = getattr(self._backend, "preferred_collection", None)
            if path is not None:
                collection = secretstorage.Collection(self._connection, path, self._session)
            else:
                collection = secretstorage.get_default_collection(self._connection, self._session)
                collection.session = self._session  # it passes the session on only to a collection it creates
        except secretstorage.exceptions.SecretStorageException as exc:
            raise keyring.errors.InitError(f"Failed to create the collection: {exc}.") from exc
        if collection.is_locked():
            collection.unlock()
            if collection.is_locked():  # the prompt was dismissed
                raise keyring.errors.KeyringLocked("Failed to unlock the collection!")
        return collection

    def _on_connection(self, work: Callable[[Any], Any]) -> Any:
        """`work(collection)`, taking its turn; once more on a new connection if the one kept has failed (the
        service was started again, the bus went away)."""
        with _KEYRING_TURN:
            for attempt in (1, 2):
                try:
                    return work(self._collection())
                except Exception as exc:  # a locked keyring, nothing to delete: the connection is kept
                    if not _connection_failed(exc):
                        raise
                    self._drop()
                    if attempt == 2:
                        raise
                    log.info("the keyring's connection failed (%s); connecting again", type(exc).__name__)
        raise AssertionError("unreachable")

    def _drop(self) -> None:
        connection, self._connection, self._session = self._connection, None, None
        if connection is not None:
            try:
                connection.close()
            except OSError:
                pass

    def _items(self, collection: Any, service: str, username: str) -> list[Any]:
        return list(collection.search_items(self._backend._query(service, username)))

    def get_password(self, service: str, username: str) -> str | None:
        def read(collection: Any) -> str | None:
            for item in self._items(collection, service, username):
                self._backend.unlock(item)
                return str(item.get_secret().decode("utf-8"))
            return None

        return cast(str | None, self._on_connection(read))

    def set_password(self, service: str, username: str, password: str) -> None:
        attributes = self._backend._query(service, username, application=self._backend.appid)
        label = f"Password for '{username}' on '{service}'"
        self._on_connection(lambda collection: collection.create_item(label, attributes, password, replace=True))

    def delete_password(self, service: str, username: str) -> None:
        def delete(collection: Any) -> None:
            for item in self._items(collection, service, username):
                item.delete()
                return
            raise keyring.errors.PasswordDeleteError("No such password!")

        self._on_connection(delete)


class _NoAnswer(keyring.errors.InitError):
    """The Secret Service did not answer a turn's first message (it is gone, or being started again)."""


def _connection_failed(exc: BaseException) -> bool:
    """Whether the error says the connection to the Secret Service is gone (the bus went away, the service did not
    answer), not that the keyring refused (locked, a prompt dismissed, nothing stored): only then is it tried again,
    so a prompt never shows twice."""
    from secretstorage.exceptions import SecretServiceNotAvailableException

    return isinstance(exc, (OSError, _NoAnswer, SecretServiceNotAvailableException))


SECRET_SERVICE_NAME = "org.freedesktop.secrets"
SECRET_SERVICE_PATH = "/org/freedesktop/secrets"
SECRET_SERVICE = "org.freedesktop.Secret.Service"
_calls_by_backend: weakref.WeakKeyDictionary[Any, _Calls] = weakref.WeakKeyDictionary()


def _calls(backend: keyring.backend.KeyringBackend) -> _Calls:
    """How to call `backend`: the Secret Service on one connection, any other taking turns (one per backend object,
    so the process keeps one connection)."""
    secret_service = _secret_service_type()
    if secret_service is None or type(backend) is not secret_service:
        return _TakingTurns(backend)
    with _KEYRING_TURN:
        calls = _calls_by_backend.get(backend)
        if calls is None:
            calls = _OneSecretServiceConnection(backend)
            _calls_by_backend[backend] = calls
        return calls


def _secret_service_type() -> type | None:
    try:
        return cast(type, importlib.import_module("keyring.backends.SecretService").Keyring)
    except (ImportError, AttributeError):
        return None


class KeyringTokenStore:
    """Tokens in the OS keyring, and the index of the sessions open in it (see the module's docstring)."""

    secure = True

    def __init__(self, backend: keyring.backend.KeyringBackend) -> None:
        self._backend = backend
        self._calls = _calls(backend)
        self._index_lock = threading.Lock()

    @property
    def backend_name(self) -> str:
        return type(self._backend).__name__

    def load(self, account: str) -> Tokens | None:
        secret = self._get(account)
        return Tokens.from_secret(secret) if secret else None

    def save(self, account: str, tokens: Tokens) -> None:
        self._set(account, tokens.to_secret())
        owner = this_process()
        with self._index_lock:
            index = self._read_index()
            if index.get(account) != owner:
                index[account] = owner
                self._write_index(index)

    def delete(self, account: str) -> None:
        self._delete(account)
        with self._index_lock:
            index = self._read_index()
            if account in index:
                del index[account]
                self._write_index(index)

    def stale_accounts(self) -> list[str]:
        """Accounts whose session was opened by a process of this machine that no longer runs (it crashed or was
        killed before signing out). A running process's sessions, and other machines', are left alone."""
        with self._index_lock:
            index = self._read_index()
        return [account for account, owner in index.items() if not process_alive(owner)]

    def _get(self, account: str) -> str | None:
        return self._calls.get_password(SERVICE, account)

    def _set(self, account: str, secret: str) -> None:
        self._calls.set_password(SERVICE, account, secret)

    def _delete(self, account: str) -> None:
        try:
            self._calls.delete_password(SERVICE, account)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already wiped

    def _read_index(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self._get(INDEX_ACCOUNT) or "{}")
        except ValueError:
            log.warning("the keyring's session index is unreadable; starting it again")
            return {}
        sessions = data.get("sessions") if isinstance(data, dict) else None
        if not isinstance(sessions, dict):
            return {}
        return {str(k): v for k, v in sessions.items() if isinstance(v, dict)}

    def _write_index(self, index: dict[str, dict[str, Any]]) -> None:
        if index:
            self._set(INDEX_ACCOUNT, json.dumps({"version": 1, "sessions": index}))
        else:
            self._delete(INDEX_ACCOUNT)


def this_process() -> dict[str, Any]:
    """Who holds a session: this machine, this process id, and what tells this process from a later one that gets
    the same id (on Linux the boot and the process's start time; elsewhere the id alone)."""
    return {"host": socket.gethostname(), "pid": os.getpid(), "start": _start_identity(os.getpid())}


def process_alive(owner: dict[str, Any]) -> bool:
    """Whether the process that `owner` names still runs. True for another machine's process (it cannot be told)."""
    if owner.get("host") != socket.gethostname():
        return True
    pid = owner.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    if not _pid_running(pid):
        return False
    start = owner.get("start") or ""
    return not start or start == _start_identity(pid)


def _pid_running(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(ok) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    stat = _proc_stat(pid)
    return not (stat and stat[0] == "Z")  # a zombie has ended; only its exit status is left


def _proc_stat(pid: int) -> list[str]:
    """/proc/<pid>/stat after the command name (state first), or [] where there is no /proc."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return []
    return text[text.rfind(")") + 2 :].split()


@functools.cache
def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _start_identity(pid: int) -> str:
    stat = _proc_stat(pid)
    boot = _boot_id()
    # field 22 of /proc/<pid>/stat is the start time; `stat` begins at field 3
    return f"{boot}:{stat[19]}" if boot and len(stat) > 19 else ""


def _leaf_backends(backend: keyring.backend.KeyringBackend) -> list[keyring.backend.KeyringBackend]:
    inner = getattr(backend, "backends", None)
    return list(inner) if inner is not None else [backend]


@functools.cache
def _allowed_types() -> tuple[type, ...]:
    allowed: list[type] = []
    for module_name, class_name in _ALLOWED_BACKENDS:
        try:
            cls = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError):
            continue
        if isinstance(cls, type):
            allowed.append(cls)
    return tuple(allowed)


def is_secure_backend(backend: keyring.backend.KeyringBackend) -> bool:
    """Whether every backend in it (a chainer's each) is, exactly, one of the OS stores on the allow-list."""
    leaves = _leaf_backends(backend)
    allowed = _allowed_types()
    return bool(leaves) and all(type(leaf) in allowed for leaf in leaves)


def open_token_store(backend: keyring.backend.KeyringBackend | None = None) -> tuple[TokenStore, str | None]:
    """The keyring when a secure backend answers a probe; else memory and the reason, for one warning.

    The probe writes, reads back and deletes a throwaway entry: a locked or broken store fails here,
    at sign-in, rather than later with the operator's tokens.
    """
    with _KEYRING_TURN:  # choosing a backend asks each whether its service runs
        chosen = backend if backend is not None else keyring.get_keyring()
        if backend is None and not is_secure_backend(chosen):
            # keyring chose once, at first use; the keyring service may have come up since (a login race)
            keyring.core.init_backend()
            chosen = keyring.get_keyring()
    if not is_secure_backend(chosen):
        return MemoryTokenStore(), f"no secure keyring backend ({type(chosen).__name__})"
    probe_account = f"probe-{uuid.uuid4()}"
    try:
        calls = _calls(chosen)
        calls.set_password(SERVICE, probe_account, "probe")
        ok = calls.get_password(SERVICE, probe_account) == "probe"
        calls.delete_password(SERVICE, probe_account)
    except Exception as exc:  # any backend failure means: not usable now
        log.warning("keyring backend %s unusable: %s", type(chosen).__name__, type(exc).__name__)
        return MemoryTokenStore(), f"keyring unusable ({type(exc).__name__})"
    if not ok:
        return MemoryTokenStore(), "keyring did not return what was stored"
    return KeyringTokenStore(chosen), None

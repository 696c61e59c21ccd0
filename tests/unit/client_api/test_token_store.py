"""The token store fails closed: a keyring on the allow-list or this process's memory, never a file or an unknown
backend; and it knows which sessions a process that ended left behind."""

from __future__ import annotations

import keyring.backends.fail
import keyring.backends.kwallet
import keyring.backends.macOS
import keyring.backends.null
import keyring.backends.SecretService
import keyring.backends.Windows
import keyring.errors
import pytest

from client_api.token_store import (
    INDEX_ACCOUNT,
    SERVICE,
    KeyringTokenStore,
    MemoryTokenStore,
    Tokens,
    is_secure_backend,
    open_token_store,
)


class _DictKeyring:
    """A stand-in OS keyring (outside the project) that keeps entries in a dict.

    Duck-typed on purpose: a subclass of keyring's KeyringBackend registers itself with keyring and would be
    offered as a backend to every other test in the session.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


def _on_allowed_class(cls: type = keyring.backends.macOS.Keyring) -> _DictKeyring:
    """An instance of an allow-listed backend class whose storage is the dict above (instance attributes only: the
    class, and so what keyring offers other tests, is untouched). Not the Secret Service's class by default: the store
    talks to that service over a D-Bus connection of its own (tests/integration/test_keyring_turns.py)."""
    store = _DictKeyring()
    backend = cls.__new__(cls)
    backend.get_password = store.get_password
    backend.set_password = store.set_password
    backend.delete_password = store.delete_password
    backend.entries = store.entries
    return backend


def _plaintext_file_backend() -> _DictKeyring:
    # the shape of keyrings.alt's file backends, which write secrets to a file: never acceptable
    cls = type("PlaintextKeyring", (_DictKeyring,), {"__module__": "keyrings.alt.file"})
    return cls()


def _file_backend_from_elsewhere() -> _DictKeyring:
    # a file backend from some other package: a deny-list of known bad modules would have let it in
    cls = type("EncryptedFileKeyring", (_DictKeyring,), {"__module__": "some_vendor.keyring_file"})
    return cls()


@pytest.mark.parametrize(
    "backend",
    [
        keyring.backends.fail.Keyring(),
        keyring.backends.null.Keyring(),
        _plaintext_file_backend(),
        _file_backend_from_elsewhere(),
        _DictKeyring(),
    ],
    ids=["fail", "null", "keyrings.alt file", "file backend from elsewhere", "unknown duck-typed"],
)
def test_backends_off_the_allow_list_fall_back_to_memory_with_one_warning(backend):
    assert not is_secure_backend(backend)
    store, warning = open_token_store(backend)
    assert isinstance(store, MemoryTokenStore)
    assert not store.secure
    assert warning
    assert getattr(backend, "entries", {}) == {}  # not even the probe was written to it


def test_a_class_that_copies_an_allowed_backends_name_is_not_allowed():
    lookalike = type("Keyring", (_DictKeyring,), {"__module__": "keyring.backends.SecretService"})
    assert not is_secure_backend(lookalike())  # the name is copied, the class is not the one allowed


@pytest.mark.parametrize(
    "cls",
    [
        keyring.backends.SecretService.Keyring,
        keyring.backends.macOS.Keyring,
        keyring.backends.Windows.WinVaultKeyring,
        keyring.backends.kwallet.DBusKeyring,
    ],
    ids=["Secret Service", "macOS Keychain", "Windows Credential Locker", "KWallet"],
)
def test_the_os_stores_are_on_the_allow_list(cls):
    assert is_secure_backend(_on_allowed_class(cls))


def test_a_locked_keyring_falls_back_to_memory():
    backend = _on_allowed_class()

    def locked(service, username, password):
        raise keyring.errors.KeyringLocked("collection is locked")

    backend.set_password = locked
    store, warning = open_token_store(backend)
    assert isinstance(store, MemoryTokenStore)
    assert "KeyringLocked" in warning


def test_a_working_keyring_is_used_and_the_probe_leaves_nothing_behind():
    backend = _on_allowed_class()
    store, warning = open_token_store(backend)
    assert warning is None
    assert isinstance(store, KeyringTokenStore)
    assert backend.entries == {}
    store.save("acct", Tokens("a", "r"))
    assert store.load("acct") == Tokens("a", "r")
    assert store.stale_accounts() == []  # held by this process, which runs
    store.delete("acct")
    store.delete("acct")  # deleting twice is fine: already wiped
    assert backend.entries == {}  # the session index went with the last session


def test_a_chain_is_secure_only_if_every_backend_in_it_is():
    class Chain(_DictKeyring):
        def __init__(self, backends):
            super().__init__()
            self.backends = backends

    assert is_secure_backend(Chain([_on_allowed_class()]))
    assert not is_secure_backend(Chain([_on_allowed_class(), _plaintext_file_backend()]))
    assert not is_secure_backend(Chain([_on_allowed_class(), _DictKeyring()]))
    assert not is_secure_backend(Chain([]))


def test_a_session_held_by_a_process_that_ended_is_stale():
    import json
    import os
    import subprocess
    import sys

    backend = _on_allowed_class()
    store, _ = open_token_store(backend)
    store.save("mine", Tokens("a1", "r1"))
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(ended.stdout)
    index = json.loads(backend.entries[(SERVICE, INDEX_ACCOUNT)])
    owner = dict(index["sessions"]["mine"])
    index["sessions"]["crashed"] = {**owner, "pid": dead_pid}
    index["sessions"]["reused-pid"] = {**owner, "pid": os.getpid(), "start": "another-boot:1"}
    index["sessions"]["other-machine"] = {**owner, "host": "another-desk", "pid": dead_pid}
    backend.entries[(SERVICE, INDEX_ACCOUNT)] = json.dumps(index)
    assert sorted(store.stale_accounts()) == ["crashed", "reused-pid"]


def test_tokens_never_show_in_their_repr():
    assert "secret-access" not in repr(Tokens("secret-access", "secret-refresh"))
    assert "secret-refresh" not in repr(Tokens("secret-access", "secret-refresh"))

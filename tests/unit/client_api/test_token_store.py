"""The token store fails closed: a secure keyring or this process's memory, never a file."""

from __future__ import annotations

import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest

from client_api.token_store import KeyringTokenStore, MemoryTokenStore, Tokens, is_secure_backend, open_token_store


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


class _LockedKeyring(_DictKeyring):
    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("collection is locked")


def _plaintext_file_backend() -> _DictKeyring:
    # the shape of keyrings.alt's file backends, which write secrets to a file: never acceptable
    cls = type("PlaintextKeyring", (_DictKeyring,), {"__module__": "keyrings.alt.file"})
    return cls()


@pytest.mark.parametrize(
    "backend",
    [keyring.backends.fail.Keyring(), keyring.backends.null.Keyring(), _plaintext_file_backend()],
    ids=["fail", "null", "keyrings.alt file"],
)
def test_insecure_backends_fall_back_to_memory_with_one_warning(backend):
    store, warning = open_token_store(backend)
    assert isinstance(store, MemoryTokenStore)
    assert not store.secure
    assert warning


def test_a_locked_keyring_falls_back_to_memory():
    store, warning = open_token_store(_LockedKeyring())
    assert isinstance(store, MemoryTokenStore)
    assert "KeyringLocked" in warning


def test_a_working_keyring_is_used_and_the_probe_leaves_nothing_behind():
    backend = _DictKeyring()
    store, warning = open_token_store(backend)
    assert warning is None
    assert isinstance(store, KeyringTokenStore)
    assert backend.entries == {}
    store.save("acct", Tokens("a", "r"))
    assert store.load("acct") == Tokens("a", "r")
    store.delete("acct")
    store.delete("acct")  # deleting twice is fine: already wiped
    assert backend.entries == {}


def test_a_chain_is_secure_only_if_every_backend_in_it_is():
    class Chain(_DictKeyring):
        def __init__(self, backends):
            super().__init__()
            self.backends = backends

    assert is_secure_backend(Chain([_DictKeyring()]))
    assert not is_secure_backend(Chain([_DictKeyring(), _plaintext_file_backend()]))
    assert not is_secure_backend(Chain([]))


def test_tokens_never_show_in_their_repr():
    assert "secret-access" not in repr(Tokens("secret-access", "secret-refresh"))
    assert "secret-refresh" not in repr(Tokens("secret-access", "secret-refresh"))

"""Credentials go to the configured address only: no redirect is followed, plain http only to a loopback address
(never a name), and only an OS keyring on the allow-list holds tokens. Real servers on loopback, the real keyring."""

from __future__ import annotations

import time

import keyring.backends.SecretService
import pytest

from client_api import (
    InsecureTransportError,
    KeyringTokenStore,
    MemoryTokenStore,
    MunicipalClient,
    RedirectRefusedError,
    open_token_store,
)
from client_api.token_store import is_secure_backend
from tests.integration.redirect_helpers import recording_listener, redirecting_https_server

CANARY = "canary-Pa55-7f3e9d"


@pytest.mark.parametrize("status", [307, 308, 301, 302, 303])
def test_an_https_api_redirecting_to_plain_http_on_another_address_gets_no_credentials(tmp_path, status):
    with (
        recording_listener("127.0.0.2") as target,
        redirecting_https_server(tmp_path, target.url, status) as api,
    ):
        store = MemoryTokenStore()
        client = MunicipalClient(api.url, store, ca_bundle=api.ca_bundle)
        with pytest.raises(RedirectRefusedError) as refused:
            client.sign_in("counter1", CANARY, "PK-1001", "T-TEST0001")
        time.sleep(0.3)  # anything on its way to the target would have arrived by now
        assert refused.value.target == f"{target.url}/api/v1/auth/token"
        assert refused.value.target in str(refused.value)
        assert refused.value.status == status
        assert isinstance(refused.value, InsecureTransportError)  # the outbox holds its actions, as for bad TLS
        assert target.connections == 0
        assert CANARY.encode() not in target.received
        # the configured server got the one request, over TLS; nothing was sent twice and nothing was stored
        assert [(method, path) for method, path, _ in api.requests] == [("POST", "/api/v1/auth/token")]
        assert not client.signed_in


def test_a_redirected_public_call_is_refused_too(tmp_path):
    with recording_listener("127.0.0.2") as target, redirecting_https_server(tmp_path, target.url) as api:
        client = MunicipalClient(api.url, MemoryTokenStore(), ca_bundle=api.ca_bundle)
        with pytest.raises(RedirectRefusedError) as refused:
            client.health()
        time.sleep(0.2)
        assert refused.value.target == f"{target.url}/api/v1/health"
        assert target.connections == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://foo.localhost:8765",
        "http://localhost:8765",
        "http://api.localhost.:8765",
        "http://127.1:8765",  # the resolver's shorthand for 127.0.0.1: still a name here
        "http://2130706433:8765",
        "http://0x7f000001:8765",
        "http://[::ffff:127.0.0.1]:8765",
        "http://[::1%25lo]:8765",
        "http://[fe80::1]:8765",
        "http://0.0.0.0:8765",
    ],
)
def test_plain_http_to_anything_but_a_loopback_address_is_refused_before_a_connection(url):
    with pytest.raises(InsecureTransportError):
        MunicipalClient(url, MemoryTokenStore())


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8765", "http://127.0.0.2:8765", "http://127.255.255.254:8765", "http://[::1]:8765"],
)
def test_plain_http_to_a_loopback_address_is_allowed(url):
    assert MunicipalClient(url, MemoryTokenStore()).root == url + "/api/v1"


def test_https_to_a_name_is_still_fine():
    assert MunicipalClient("https://foo.localhost", MemoryTokenStore()).root == "https://foo.localhost/api/v1"


def test_the_real_secret_service_is_on_the_allow_list(secure_keyring):
    assert type(secure_keyring) is keyring.backends.SecretService.Keyring
    store, warning = open_token_store(secure_keyring)
    assert warning is None
    assert isinstance(store, KeyringTokenStore)


def test_a_chain_of_the_real_keyring_and_a_file_backend_is_not_secure(secure_keyring):
    class _FileBackend:  # the shape of a file backend from any package: duck-typed, never registered with keyring
        def __init__(self) -> None:
            self.entries: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.entries.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.entries[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.entries.pop((service, username), None)

    class _Chain:
        def __init__(self, backends: list) -> None:
            self.backends = backends

    file_backend = _FileBackend()
    chain = _Chain([secure_keyring, file_backend])
    assert not is_secure_backend(chain)
    store, warning = open_token_store(chain)  # type: ignore[arg-type]
    assert isinstance(store, MemoryTokenStore) and warning
    assert file_backend.entries == {}

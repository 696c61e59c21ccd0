"""client_api against the sandbox running as a real subprocess on a loopback port, with the real OS keyring."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import requests

from client_api import (
    InsecureTransportError,
    MunicipalClient,
    OfflineError,
    RateLimitedError,
    RequestTimeoutError,
    SessionExpiredError,
    Timeouts,
    UnauthorizedError,
    open_token_store,
)
from client_api.token_store import SERVICE, KeyringTokenStore

DEMO = {"username": "counter1", "password": "pishkhan-demo", "office_code": "PK-1001", "terminal_id": "T-TEST0001"}


def keyring_client(url: str, backend) -> MunicipalClient:
    store, warning = open_token_store(backend)
    assert warning is None and isinstance(store, KeyringTokenStore)
    return MunicipalClient(url, store)


def test_sign_in_returns_the_operator_and_keeps_tokens_in_the_keyring(shared_sandbox, secure_keyring, keyring_secrets):
    client = keyring_client(shared_sandbox.url, secure_keyring)
    operator = client.sign_in(**DEMO)
    assert operator.username == "counter1"
    assert operator.office.code == "PK-1001"
    assert set(operator.roles) == {"counter", "cashier"}
    assert operator.terminal_id == "T-TEST0001"
    account = f"{client.root}|PK-1001|counter1"
    assert keyring_secrets.get_password(SERVICE, account)  # the session lives in the keyring
    client.logout()


def test_notary_operator_signs_in_at_the_notary_office(shared_sandbox, secure_keyring):
    client = keyring_client(shared_sandbox.url, secure_keyring)
    operator = client.sign_in("notary1", "pishkhan-demo", "NT-0042", "T-TEST0002")
    assert operator.roles == ("notary",)
    assert operator.office.kind == "notary"
    client.logout()


def test_wrong_password_is_unauthorized_and_stores_nothing(shared_sandbox, secure_keyring, keyring_secrets):
    client = keyring_client(shared_sandbox.url, secure_keyring)
    with pytest.raises(UnauthorizedError):
        client.sign_in("notary1", "wrong-password", "NT-0042", "T-TEST0003")
    assert not client.signed_in
    assert keyring_secrets.get_password(SERVICE, f"{client.root}|NT-0042|notary1") is None


def test_five_failures_in_a_row_lock_the_user_out_even_with_the_right_password(start_sandbox, secure_keyring):
    server = start_sandbox()
    client = keyring_client(server.url, secure_keyring)
    for _ in range(4):
        with pytest.raises(UnauthorizedError):
            client.sign_in("counter1", "not-it", "PK-1001", "T-TEST0004")
    with pytest.raises(RateLimitedError) as fifth:
        client.sign_in("counter1", "not-it", "PK-1001", "T-TEST0004")
    assert fifth.value.retry_after_s and fifth.value.retry_after_s > 0
    with pytest.raises(RateLimitedError):
        client.sign_in(**DEMO)
    # another operator is not affected
    assert client.sign_in("notary1", "pishkhan-demo", "NT-0042", "T-TEST0004").username == "notary1"
    client.logout()


def test_expired_access_token_is_refreshed_once_automatically(start_sandbox, secure_keyring, keyring_secrets):
    server = start_sandbox("--access-ttl", "1")
    client = keyring_client(server.url, secure_keyring)
    client.sign_in(**DEMO)
    account = f"{client.root}|PK-1001|counter1"
    before = keyring_secrets.get_password(SERVICE, account)
    time.sleep(1.6)
    assert client.me().username == "counter1"  # 401 token-expired → refresh → retried
    after = keyring_secrets.get_password(SERVICE, account)
    assert after and after != before  # rotated tokens replaced the old ones in the keyring
    client.logout()


def test_refused_refresh_ends_the_session_and_wipes_the_keyring_entry(start_sandbox, secure_keyring, keyring_secrets):
    server = start_sandbox("--access-ttl", "1", "--refresh-ttl", "1")
    client = keyring_client(server.url, secure_keyring)
    client.sign_in(**DEMO)
    account = f"{client.root}|PK-1001|counter1"
    time.sleep(1.6)
    with pytest.raises(SessionExpiredError):
        client.me()
    assert keyring_secrets.get_password(SERVICE, account) is None
    assert not client.signed_in


def test_logout_revokes_the_session_and_wipes_the_keyring_entry(shared_sandbox, secure_keyring, keyring_secrets):
    client = keyring_client(shared_sandbox.url, secure_keyring)
    client.sign_in(**DEMO)
    account = f"{client.root}|PK-1001|counter1"
    tokens = client.token_store.load(account)
    assert tokens is not None
    client.logout()
    assert keyring_secrets.get_password(SERVICE, account) is None
    revoked = requests.get(f"{client.root}/me", headers={"Authorization": f"Bearer {tokens.access_token}"}, timeout=5)
    assert revoked.status_code == 401
    refreshed = requests.post(f"{client.root}/auth/refresh", json={"refresh_token": tokens.refresh_token}, timeout=5)
    assert refreshed.status_code == 401


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_server_down_gives_the_offline_error_at_once(secure_keyring):
    client = keyring_client(f"http://127.0.0.1:{_closed_port()}", secure_keyring)
    started = time.monotonic()
    with pytest.raises(OfflineError):
        client.health()
    assert time.monotonic() - started < 2


def test_a_server_that_never_answers_gives_the_timeout_error_within_the_timeout(secure_keyring):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts connections (kernel backlog) but never answers
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        store, _ = open_token_store(secure_keyring)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        client = MunicipalClient(url, store, timeouts=Timeouts(connect_s=1.0, read_s=1.0))
        started = time.monotonic()
        with pytest.raises(RequestTimeoutError):
            client.health()
        assert time.monotonic() - started < 2.5
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        listener.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "http://10.0.0.5:8765",
        "ftp://127.0.0.1",
        "http://u:p@127.0.0.1",
        "http://localhost:8765",  # a name, resolved by whatever the resolver says: not "this machine" by address
    ],
)
def test_insecure_or_odd_addresses_are_refused_before_any_connection(url):
    store, _ = open_token_store()
    with pytest.raises(InsecureTransportError):
        MunicipalClient(url, store)


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("https://api.example.ir", "https://api.example.ir/api/v1"),
        ("https://api.example.ir/api/v1/", "https://api.example.ir/api/v1"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765/api/v1"),
        ("http://[::1]:8765", "http://[::1]:8765/api/v1"),
    ],
)
def test_https_anywhere_and_http_only_to_this_machine(url, root):
    store, _ = open_token_store()
    assert MunicipalClient(url, store).root == root

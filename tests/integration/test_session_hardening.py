"""Sessions against the real sandbox over loopback with the real OS keyring: a reused refresh token ends its session
family, a crashed run's session is revoked and wiped at the next start, lock-out counts the client address across
usernames and warns before the last try, and a password with NUL characters is refused."""

from __future__ import annotations

import pytest
import requests

from client_api import (
    MemoryTokenStore,
    MunicipalClient,
    RateLimitedError,
    SessionExpiredError,
    UnauthorizedError,
    ValidationFailedError,
    open_token_store,
)
from client_api.client import revoke_stale_sessions
from client_api.token_store import SERVICE, KeyringTokenStore
from tests.integration.session_helpers import crash_after_sign_in

DEMO_PASSWORD = "pishkhan-demo"


def keyring_store(backend) -> KeyringTokenStore:
    store, warning = open_token_store(backend)
    assert warning is None and isinstance(store, KeyringTokenStore)
    return store


def accepted_by_server(root: str, access_token: str) -> bool:
    answer = requests.get(f"{root}/me", headers={"Authorization": f"Bearer {access_token}"}, timeout=5)
    return answer.status_code == 200


# -- refresh-token reuse -------------------------------------------------------------------------------------


def test_reusing_a_rotated_refresh_token_ends_the_session_and_the_newest_tokens_stop(
    shared_sandbox, secure_keyring, keyring_secrets
):
    store = keyring_store(secure_keyring)
    client = MunicipalClient(shared_sandbox.url, store)
    client.sign_in("notary1", DEMO_PASSWORD, "NT-0042", "T-REUSE01")
    account = f"{client.root}|NT-0042|notary1"
    stolen = store.load(account)
    client.refresh()
    newest = store.load(account)
    assert stolen is not None and newest is not None and newest != stolen
    assert client.me().username == "notary1"

    replay = requests.post(f"{client.root}/auth/refresh", json={"refresh_token": stolen.refresh_token}, timeout=5)
    assert replay.status_code == 401
    assert replay.json()["type"].endswith("/refresh-token-reused")

    assert not accepted_by_server(client.root, newest.access_token)
    with pytest.raises(SessionExpiredError):
        client.me()  # 401 → refresh with the newest refresh token → refused: the session is over
    assert keyring_secrets.get_password(SERVICE, account) is None


# -- a crashed run's session -------------------------------------------------------------------------------------


def test_a_crashed_runs_session_is_revoked_on_the_server_and_wiped_at_the_next_start(start_sandbox, secure_keyring):
    server = start_sandbox()
    store = keyring_store(secure_keyring)
    # this process's own live session on the same server must survive the clean-up
    live = MunicipalClient(server.url, store)
    live.sign_in("notary1", DEMO_PASSWORD, "NT-0042", "T-LIVE0001")

    account = crash_after_sign_in(server.url)
    left = store.load(account)
    assert left is not None  # what the crash leaves: tokens in the keyring ...
    assert accepted_by_server(live.root, left.access_token)  # ... that the server still takes
    assert account in store.stale_accounts()

    wiped = revoke_stale_sessions(store)  # what the next start does (the sign-in page calls it off the UI thread)

    assert wiped >= 1
    assert store.load(account) is None
    assert account not in store.stale_accounts()
    assert not accepted_by_server(live.root, left.access_token)
    refreshed = requests.post(f"{live.root}/auth/refresh", json={"refresh_token": left.refresh_token}, timeout=5)
    assert refreshed.status_code == 401
    assert live.me().username == "notary1"
    live.logout()


def test_a_crashed_session_is_wiped_even_when_its_server_is_gone(start_sandbox, secure_keyring, keyring_secrets):
    server = start_sandbox()
    account = crash_after_sign_in(server.url)
    server.stop()
    client = MunicipalClient(server.url, keyring_store(secure_keyring))
    assert client.revoke_stale_sessions() >= 1
    assert keyring_secrets.get_password(SERVICE, account) is None


def test_sessions_in_memory_leave_nothing_to_clean():
    assert revoke_stale_sessions(MemoryTokenStore()) == 0


# -- lock-out -------------------------------------------------------------------------------------------------------


def test_one_client_trying_many_usernames_is_locked_out_by_its_address(start_sandbox):
    server = start_sandbox()  # private: the shared demo operators must never be locked
    client = MunicipalClient(server.url, MemoryTokenStore())
    problems = []
    for n in range(19):
        with pytest.raises(UnauthorizedError) as refused:
            client.sign_in(f"clerk{n}", "Winter2025!", "PK-1001", "T-SPRAY01")
        problems.append(refused.value.problem)
    assert all("attempts_left" not in p for p in problems[:18])
    assert problems[18]["attempts_left"] == 1  # the warning comes before the lock, not after it
    with pytest.raises(RateLimitedError) as locked:
        client.sign_in("clerk19", "Winter2025!", "PK-1001", "T-SPRAY01")
    assert locked.value.retry_after_s == 300
    assert locked.value.problem["scope"] == "address"
    with pytest.raises(RateLimitedError):  # the right password waits too: the address is locked
        client.sign_in("counter1", DEMO_PASSWORD, "PK-1001", "T-SPRAY01")


def test_the_try_before_the_last_warns_and_the_last_locks(start_sandbox):
    server = start_sandbox("--lockout-threshold", "3")
    client = MunicipalClient(server.url, MemoryTokenStore())
    with pytest.raises(UnauthorizedError) as first:
        client.sign_in("counter1", "guess", "PK-1001", "T-LOCK0001")
    assert "attempts_left" not in first.value.problem
    with pytest.raises(UnauthorizedError) as second:
        client.sign_in("counter1", "guess", "PK-1001", "T-LOCK0001")
    assert second.value.problem["attempts_left"] == 1
    assert second.value.problem["lockout_seconds"] == 300
    with pytest.raises(RateLimitedError) as third:
        client.sign_in("counter1", "guess", "PK-1001", "T-LOCK0001")
    assert third.value.problem["scope"] == "username"


# -- passwords with NUL characters -----------------------------------------------------------------------------------


@pytest.mark.parametrize("password", [DEMO_PASSWORD + "\x00", DEMO_PASSWORD + "\x00\x00\x00\x00"])
def test_the_right_password_with_trailing_nuls_does_not_sign_in(shared_sandbox, password):
    client = MunicipalClient(shared_sandbox.url, MemoryTokenStore())
    with pytest.raises(ValidationFailedError) as refused:
        client.sign_in("counter1", password, "PK-1001", "T-NUL00001")
    assert refused.value.status == 422
    assert [e.field for e in refused.value.field_errors] == ["password"]
    assert not client.signed_in

"""Lock-out by username and by client address with a back-off and a warning before the lock; refresh-token reuse
revoking the session family; revocation by refresh token; passwords with NUL characters refused."""

from __future__ import annotations

import sqlite3
import warnings

import pytest

from sandbox.app import SandboxSettings, create_app
from sandbox.db import SCHEMA_VERSION, Database
from sandbox.passwords import hash_password, verify_password

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

TOKEN = "/api/v1/auth/token"
REFRESH = "/api/v1/auth/refresh"
REVOKE = "/api/v1/auth/revoke"
ME = "/api/v1/me"


def bearer(tokens: dict) -> dict:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def from_address(tmp_path, clock, address: str, **overrides) -> TestClient:
    """A client of one sandbox (the same data folder each time) whose requests come from `address`."""
    settings = SandboxSettings(data_dir=tmp_path / "shared-data", clock=clock, **overrides)
    return TestClient(create_app(settings), client=(address, 50000))


# -- lock-out ----------------------------------------------------------------------------------------------------


def test_the_failure_that_leaves_one_try_says_so_and_how_long_the_lock_would_be(client, credentials):
    wrong = {**credentials["counter"], "password": "guess"}
    answers = [client.post(TOKEN, json=wrong) for _ in range(4)]
    assert [a.status_code for a in answers] == [401, 401, 401, 401]
    assert all("attempts_left" not in a.json() for a in answers[:3])
    last = answers[3].json()
    assert last["attempts_left"] == 1
    assert last["lockout_seconds"] == 300
    assert last["type"].endswith("/invalid-credentials")
    locked = client.post(TOKEN, json=wrong)
    assert locked.status_code == 429
    assert locked.json()["scope"] == "username"


def test_an_unknown_username_gets_the_same_warning_as_a_real_one(client, credentials):
    last = {}
    for username in ("counter1", "ghost"):
        body = {**credentials["counter"], "username": username, "password": "guess"}
        last[username] = [client.post(TOKEN, json=body).json() for _ in range(4)][3]
    assert last["counter1"] == last["ghost"]
    assert last["ghost"]["attempts_left"] == 1


def test_each_lock_in_a_row_lasts_twice_as_long_as_the_last_up_to_the_cap(make_client, credentials, clock):
    client = make_client(lockout_threshold=2, lockout_s=10, lockout_max_s=35)
    wrong = {**credentials["counter"], "password": "guess"}
    waits, warned = [], []
    for _ in range(4):
        warning = client.post(TOKEN, json=wrong)
        assert warning.status_code == 401
        warned.append(warning.json()["lockout_seconds"])
        locked = client.post(TOKEN, json=wrong)
        assert locked.status_code == 429
        waits.append(int(locked.headers["Retry-After"]))
        clock.advance(waits[-1] + 0.5)
    assert waits == [10, 20, 35, 35]
    assert warned == waits  # each warning names the lock that follows it


def test_a_success_ends_the_back_off_of_its_username(make_client, credentials, clock):
    client = make_client(lockout_threshold=2, lockout_s=10)
    wrong = {**credentials["counter"], "password": "guess"}
    for expected in (10, 20):
        assert client.post(TOKEN, json=wrong).status_code == 401
        assert client.post(TOKEN, json=wrong).headers["Retry-After"] == str(expected)
        clock.advance(expected + 1)
    assert client.post(TOKEN, json=credentials["counter"]).status_code == 200
    assert client.post(TOKEN, json=wrong).status_code == 401
    assert client.post(TOKEN, json=wrong).headers["Retry-After"] == "10"


def test_a_key_quiet_for_a_day_starts_its_back_off_over(make_client, credentials, clock):
    client = make_client(lockout_threshold=2, lockout_s=10)
    wrong = {**credentials["counter"], "password": "guess"}
    client.post(TOKEN, json=wrong)
    assert client.post(TOKEN, json=wrong).headers["Retry-After"] == "10"
    clock.advance(86400 + 11)
    client.post(TOKEN, json=wrong)
    assert client.post(TOKEN, json=wrong).headers["Retry-After"] == "10"


def test_failures_older_than_the_window_are_not_counted(make_client, credentials, clock):
    client = make_client(lockout_threshold=3, lockout_window_s=60)
    wrong = {**credentials["counter"], "password": "guess"}
    for _ in range(2):
        assert client.post(TOKEN, json=wrong).status_code == 401
    clock.advance(61)
    statuses = [client.post(TOKEN, json=wrong).status_code for _ in range(3)]
    assert statuses == [401, 401, 429]


def test_one_client_trying_many_usernames_is_locked_even_for_a_right_password(tmp_path, clock, credentials):
    sprayer = from_address(tmp_path, clock, "10.0.0.66", address_lockout_threshold=6)
    answers = [
        sprayer.post(TOKEN, json={**credentials["counter"], "username": f"user{n}", "password": "Winter2025"})
        for n in range(6)
    ]
    assert [a.status_code for a in answers] == [401, 401, 401, 401, 401, 429]
    assert answers[4].json()["attempts_left"] == 1  # the address has one try left, each username many
    assert answers[5].json()["scope"] == "address"
    assert answers[5].headers["Retry-After"] == "300"
    refused = sprayer.post(TOKEN, json=credentials["counter"])
    assert refused.status_code == 429
    # another desk is not locked by it, and counter1 itself was never locked
    other_desk = from_address(tmp_path, clock, "10.0.0.7", address_lockout_threshold=6)
    assert other_desk.post(TOKEN, json=credentials["counter"]).status_code == 200
    clock.advance(301)
    assert sprayer.post(TOKEN, json=credentials["counter"]).status_code == 200


def test_a_valid_account_does_not_wash_away_a_spray_from_its_address(tmp_path, clock, credentials):
    desk = from_address(tmp_path, clock, "10.0.0.66", address_lockout_threshold=4)
    for n in range(3):
        assert desk.post(TOKEN, json={**credentials["counter"], "username": f"u{n}"}).status_code == 401
    assert desk.post(TOKEN, json=credentials["notary"]).status_code == 200
    assert desk.post(TOKEN, json={**credentials["counter"], "username": "u9"}).status_code == 429


def test_a_known_username_is_locked_from_every_address(tmp_path, clock, credentials):
    wrong = {**credentials["counter"], "password": "guess"}
    for n in range(5):
        from_address(tmp_path, clock, f"10.0.1.{n}").post(TOKEN, json=wrong)
    locked = from_address(tmp_path, clock, "10.0.2.1").post(TOKEN, json=credentials["counter"])
    assert locked.status_code == 429
    assert locked.json()["scope"] == "username"


# -- passwords with NUL characters ---------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["pishkhan-demo\x00", "pishkhan-demo\x00\x00\x00", "pishkhan\x00-demo"])
def test_a_password_with_nul_characters_is_refused_with_422_and_not_counted(client, credentials, password):
    for _ in range(6):
        response = client.post(TOKEN, json={**credentials["counter"], "password": password})
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "password", "message": "The password must not contain NUL characters."}
        ]
    assert client.post(TOKEN, json=credentials["counter"]).status_code == 200  # no lock-out from them


def test_the_hash_never_matches_a_password_with_trailing_nuls():
    stored = hash_password("secret")
    assert verify_password("secret", stored)
    assert not verify_password("secret\x00", stored)
    with pytest.raises(ValueError):
        hash_password("secret\x00")


# -- refresh-token rotation with reuse detection ----------------------------------------------------------------


def test_reusing_a_rotated_refresh_token_revokes_the_whole_session(client, credentials, sign_in):
    first = sign_in(client, credentials["counter"])
    second = client.post(REFRESH, json={"refresh_token": first["refresh_token"]}).json()
    third = client.post(REFRESH, json={"refresh_token": second["refresh_token"]}).json()
    assert client.get(ME, headers=bearer(third)).status_code == 200
    other_session = sign_in(client, credentials["counter"])

    replay = client.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401
    assert replay.json()["type"].endswith("/refresh-token-reused")
    # the newest tokens of that session stop working too; another session of the same operator does not
    assert client.get(ME, headers=bearer(third)).status_code == 401
    assert client.post(REFRESH, json={"refresh_token": third["refresh_token"]}).status_code == 401
    assert client.get(ME, headers=bearer(other_session)).status_code == 200


def test_a_refresh_token_unknown_to_the_server_revokes_nothing(client, credentials, sign_in):
    tokens = sign_in(client, credentials["counter"])
    assert client.post(REFRESH, json={"refresh_token": "made-up"}).json()["type"].endswith("/unauthorized")
    assert client.get(ME, headers=bearer(tokens)).status_code == 200


def test_revoke_by_refresh_token_ends_the_session_even_after_its_access_token_expired(
    client, credentials, sign_in, clock
):
    tokens = sign_in(client, credentials["counter"])
    clock.advance(901)  # as after a crash: the access token has expired long ago
    assert client.post(REVOKE, json={"refresh_token": tokens["refresh_token"]}).status_code == 204
    assert client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert client.post(REVOKE, json={"refresh_token": "unknown"}).status_code == 204  # no error, nothing told


def test_revoking_with_a_rotated_refresh_token_ends_the_session_too(client, credentials, sign_in):
    first = sign_in(client, credentials["counter"])
    second = client.post(REFRESH, json={"refresh_token": first["refresh_token"]}).json()
    assert client.post(REVOKE, json={"refresh_token": first["refresh_token"]}).status_code == 204
    assert client.get(ME, headers=bearer(second)).status_code == 401


# -- the schema: a version-4 database moves on -----------------------------------------------------------------


def test_a_version_4_database_gets_the_throttle_and_used_token_tables(tmp_path):
    path = tmp_path / "sandbox.sqlite3"
    Database(path).initialise()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE sign_in_throttle")
    conn.execute("DROP TABLE used_refresh_tokens")
    conn.execute("CREATE TABLE sign_in_failures (username TEXT PRIMARY KEY, failures INTEGER, locked_until REAL)")
    conn.execute("INSERT INTO sign_in_failures VALUES ('counter1', 3, 0)")
    conn.execute("PRAGMA user_version=4")
    conn.commit()
    conn.close()
    Database(path).initialise()
    with Database(path).connect() as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"sign_in_throttle", "used_refresh_tokens"} <= tables
        assert "sign_in_failures" not in tables
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION

import pytest

TOKEN = "/api/v1/auth/token"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"
ME = "/api/v1/me"


def bearer(tokens: dict) -> dict:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


@pytest.mark.parametrize("who", ["counter", "notary"])
def test_demo_operator_signs_in_and_gets_bearer_tokens(client, credentials, who):
    response = client.post(TOKEN, json=credentials[who])
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 900
    assert body["access_token"] != body["refresh_token"]
    assert client.get(ME, headers=bearer(body)).status_code == 200


def test_me_describes_the_counter_operator_office_and_desk(client, auth_headers):
    body = client.get(ME, headers=auth_headers(client, "counter")).json()
    assert body == {
        "username": "counter1",
        "display_name": "مریم احمدی",
        "office": {"code": "PK-1001", "name": "دفتر پیشخوان دولت شماره ۱۰۰۱ همدان", "kind": "counter"},
        "roles": ["counter", "cashier"],
        "terminal_id": "desk-1",
    }


def test_me_describes_the_notary_operator(client, auth_headers):
    body = client.get(ME, headers=auth_headers(client, "notary")).json()
    assert body["display_name"] == "علی رضایی"
    assert body["office"] == {"code": "NT-0042", "name": "دفتر اسناد رسمی شماره ۴۲ همدان", "kind": "notary"}
    assert body["roles"] == ["notary"]
    assert body["terminal_id"] == "desk-7"


def test_wrong_password_wrong_office_and_unknown_user_are_indistinguishable_401s(client, credentials):
    wrong_password = {**credentials["counter"], "password": "not-the-password"}
    wrong_office = {**credentials["counter"], "office_code": "NT-0042"}
    unknown_user = {**credentials["counter"], "username": "nobody"}
    responses = [client.post(TOKEN, json=body) for body in (wrong_password, wrong_office, unknown_user)]
    assert [r.status_code for r in responses] == [401, 401, 401]
    assert all(r.headers["content-type"] == "application/problem+json" for r in responses)
    assert len({r.json()["detail"] for r in responses}) == 1
    assert len({r.json()["type"] for r in responses}) == 1


def test_five_failures_lock_the_username_even_for_the_right_password_until_the_period_ends(client, credentials, clock):
    wrong = {**credentials["counter"], "password": "guess"}
    for _ in range(4):
        assert client.post(TOKEN, json=wrong).status_code == 401
    fifth = client.post(TOKEN, json=wrong)
    assert fifth.status_code == 429
    assert fifth.headers["Retry-After"] == "300"
    assert fifth.json()["status"] == 429

    clock.advance(100)
    right = client.post(TOKEN, json=credentials["counter"])
    assert right.status_code == 429
    assert right.headers["Retry-After"] == "200"
    assert client.post(TOKEN, json=credentials["notary"]).status_code == 200  # other usernames are unaffected

    clock.advance(201)
    assert client.post(TOKEN, json=credentials["counter"]).status_code == 200


def test_lockout_period_is_configurable(make_client, credentials, clock):
    client = make_client(lockout_s=2, lockout_threshold=2)
    wrong = {**credentials["counter"], "password": "guess"}
    assert client.post(TOKEN, json=wrong).status_code == 401
    locked = client.post(TOKEN, json=wrong)
    assert locked.status_code == 429
    assert locked.headers["Retry-After"] == "2"
    clock.advance(2.5)
    assert client.post(TOKEN, json=credentials["counter"]).status_code == 200


def test_successful_sign_in_resets_the_failure_count(client, credentials):
    wrong = {**credentials["counter"], "password": "guess"}
    for _ in range(4):
        assert client.post(TOKEN, json=wrong).status_code == 401
    assert client.post(TOKEN, json=credentials["counter"]).status_code == 200
    for _ in range(4):
        assert client.post(TOKEN, json=wrong).status_code == 401


def test_unknown_usernames_lock_out_like_real_ones(client, credentials):
    unknown = {**credentials["counter"], "username": "ghost"}
    statuses = [client.post(TOKEN, json=unknown).status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 401, 429]


def test_refresh_rotates_and_the_old_tokens_stop_working(client, credentials, sign_in):
    first = sign_in(client, credentials["counter"])
    response = client.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    assert response.status_code == 200
    second = response.json()
    assert set(second) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] != first["refresh_token"]

    assert client.get(ME, headers=bearer(second)).json()["terminal_id"] == "desk-1"
    old_access = client.get(ME, headers=bearer(first))
    assert old_access.status_code == 401
    assert old_access.json()["type"].endswith("/unauthorized")
    assert client.post(REFRESH, json={"refresh_token": first["refresh_token"]}).status_code == 401


def test_unknown_refresh_token_is_401(client):
    response = client.post(REFRESH, json={"refresh_token": "made-up"})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_expired_access_token_is_401_token_expired_and_refresh_recovers(client, credentials, sign_in, clock):
    tokens = sign_in(client, credentials["counter"])
    clock.advance(901)
    expired = client.get(ME, headers=bearer(tokens))
    assert expired.status_code == 401
    assert expired.json()["type"].endswith("/token-expired")
    assert expired.headers["WWW-Authenticate"].startswith("Bearer")

    renewed = client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]}).json()
    assert client.get(ME, headers=bearer(renewed)).status_code == 200


def test_access_lifetime_is_configurable(make_client, credentials, sign_in, clock):
    client = make_client(access_ttl_s=1)
    tokens = sign_in(client, credentials["counter"])
    assert tokens["expires_in"] == 1
    assert client.get(ME, headers=bearer(tokens)).status_code == 200
    clock.advance(1.5)
    assert client.get(ME, headers=bearer(tokens)).json()["type"].endswith("/token-expired")


def test_refresh_token_expires_after_its_lifetime(client, credentials, sign_in, clock):
    tokens = sign_in(client, credentials["counter"])
    clock.advance(43200 + 1)
    assert client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]}).status_code == 401


def test_logout_revokes_the_access_and_refresh_tokens_of_the_session(client, credentials, sign_in):
    tokens = sign_in(client, credentials["counter"])
    other_session = sign_in(client, credentials["counter"])
    response = client.post(LOGOUT, headers=bearer(tokens))
    assert response.status_code == 204
    assert response.content == b""
    assert client.get(ME, headers=bearer(tokens)).status_code == 401
    assert client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert client.get(ME, headers=bearer(other_session)).status_code == 200


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic dXNlcjpwYXNz"}]
)
def test_missing_or_invalid_bearer_token_is_401_unauthorized(client, headers):
    for method, path in (("GET", ME), ("POST", LOGOUT), ("GET", "/api/v1/me/notes")):
        response = client.request(method, path, headers=headers)
        assert response.status_code == 401
        assert response.json()["type"].endswith("/unauthorized")
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_passwords_and_tokens_are_not_stored_in_plain_text(client, credentials, sign_in, tmp_path):
    tokens = sign_in(client, credentials["counter"])
    stored = b"".join(path.read_bytes() for path in tmp_path.rglob("sandbox.sqlite3*") if path.is_file())
    assert stored  # the database files exist and were read
    assert b"counter1" in stored
    assert b"pishkhan-demo" not in stored
    assert tokens["access_token"].encode() not in stored
    assert tokens["refresh_token"].encode() not in stored

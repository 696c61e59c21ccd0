import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from sandbox.app import SandboxSettings, create_app

with warnings.catch_warnings():
    # Starlette asks for `httpx2`; the project tests with `httpx`, which still works.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

DEMO_PASSWORD = "pishkhan-demo"
COUNTER = {"username": "counter1", "password": DEMO_PASSWORD, "office_code": "PK-1001", "terminal_id": "desk-1"}
NOTARY = {"username": "notary1", "password": DEMO_PASSWORD, "office_code": "NT-0042", "terminal_id": "desk-7"}


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_client(tmp_path: Path, clock: FakeClock) -> Callable[..., TestClient]:
    """A TestClient over a fresh sandbox in its own data folder; keyword arguments go to SandboxSettings."""
    count = 0

    def make(raise_server_exceptions: bool = True, **overrides) -> TestClient:
        nonlocal count
        count += 1
        settings = SandboxSettings(data_dir=tmp_path / f"sandbox-{count}", clock=clock, **overrides)
        return TestClient(create_app(settings), raise_server_exceptions=raise_server_exceptions)

    return make


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


@pytest.fixture
def credentials() -> dict[str, dict[str, str]]:
    """Sign-in bodies of the two seeded demo operators."""
    return {"counter": dict(COUNTER), "notary": dict(NOTARY)}


@pytest.fixture
def sign_in() -> Callable[[TestClient, dict], dict]:
    def sign_in(client: TestClient, body: dict) -> dict:
        response = client.post("/api/v1/auth/token", json=body)
        assert response.status_code == 200, response.text
        return response.json()

    return sign_in


@pytest.fixture
def auth_headers(sign_in, credentials) -> Callable[..., dict[str, str]]:
    """auth_headers(client, "counter" | "notary") -> {"Authorization": "Bearer <access token>"}."""

    def headers(client: TestClient, who: str = "counter") -> dict[str, str]:
        tokens = sign_in(client, credentials[who])
        return {"Authorization": f"Bearer {tokens['access_token']}"}

    return headers

"""Fixtures of the outbox tests: a restartable sandbox on a fixed port, signed-in clients, the server ledger."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from client_api import MemoryTokenStore, MunicipalClient, Timeouts
from client_api.local_db import LocalDatabase
from client_api.outbox import Outbox
from client_api.sender import OutboxSender, RetryPolicy
from sandbox.faults import FaultSpec
from sandbox.server import SandboxServer
from sandbox.settings import SandboxSettings

PASSWORD = "pishkhan-demo"
OPERATORS = {"counter1": "PK-1001", "notary1": "NT-0042"}
FAST = RetryPolicy(base_s=0.02, cap_s=0.2, probe_base_s=0.02, probe_cap_s=0.2)


class Sandbox:
    """The sandbox as a real HTTP server on one loopback port and one data folder (in this process, on its own
    thread), stopped and started again at will, with other settings if asked."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self.server: SandboxServer | None = None
        self._tokens: dict[str, str] = {}

    def start(self, faults: str | None = None, **settings: object) -> Sandbox:
        spec = FaultSpec.parse(faults) if faults else None
        config = SandboxSettings(data_dir=self.data_dir, faults=spec, **settings)  # type: ignore[arg-type]
        self.server = SandboxServer(config, host="127.0.0.1", port=self.port).start()
        self._tokens.clear()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def restart(self, faults: str | None = None, **settings: object) -> Sandbox:
        self.stop()
        return self.start(faults, **settings)

    def _token(self, username: str) -> str:
        if username not in self._tokens:
            body = {"username": username, "password": PASSWORD, "office_code": OPERATORS[username], "terminal_id": "T"}
            response = requests.post(f"{self.url}/api/v1/auth/token", json=body, timeout=30)
            response.raise_for_status()
            self._tokens[username] = response.json()["access_token"]
        return self._tokens[username]

    def get(self, path: str, username: str = "counter1") -> requests.Response:
        headers = {"Authorization": f"Bearer {self._token(username)}"}
        return requests.get(f"{self.url}/api/v1{path}", headers=headers, timeout=30)

    def ledger(self, username: str = "counter1") -> dict[str, int]:
        """Key → how many times the server applied it (training endpoint)."""
        response = self.get("/training/ledger", username)
        response.raise_for_status()
        return {item["idempotency_key"]: item["applied"] for item in response.json()["items"]}

    def note_texts(self, username: str = "counter1") -> list[str]:
        return [note["text"] for note in self.get("/me/notes", username).json()["items"]]

    def faults(self) -> dict[str, int]:
        return requests.get(f"{self.url}/api/v1/training/faults", timeout=30).json()["injected"]


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Callable[..., Sandbox]]:
    """`sandbox(faults=SPEC, **settings)` starts a restartable sandbox; all are stopped after the test."""
    made: list[Sandbox] = []

    def start(faults: str | None = None, **settings: object) -> Sandbox:
        server = Sandbox(tmp_path / f"server-{len(made)}")
        made.append(server)
        return server.start(faults, **settings)

    yield start
    for server in made:
        server.stop()


@pytest.fixture(scope="module")
def module_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """One sandbox for every test of a module."""
    server = Sandbox(tmp_path_factory.mktemp("module-sandbox")).start()
    yield server
    server.stop()


@pytest.fixture
def sign_in() -> Callable[..., MunicipalClient]:
    def sign_in(url: str, username: str = "counter1", *, read_s: float = 2.0) -> MunicipalClient:
        client = MunicipalClient(url, MemoryTokenStore(), timeouts=Timeouts(connect_s=1.0, read_s=read_s))
        client.sign_in(username, PASSWORD, OPERATORS[username], "T-OUTBOX01")
        return client

    return sign_in


@pytest.fixture
def local_db(tmp_path: Path) -> LocalDatabase:
    return LocalDatabase(tmp_path / "desk" / "PK-1001-counter1.sqlite3").open()


@pytest.fixture
def make_sender() -> Callable[..., OutboxSender]:
    def make(db: LocalDatabase, client: MunicipalClient, **kwargs) -> OutboxSender:
        kwargs.setdefault("policy", FAST)
        outbox = Outbox(db, client.root, clock=kwargs["clock"]) if "clock" in kwargs else Outbox(db, client.root)
        return OutboxSender(outbox, client, **kwargs)

    return make


@pytest.fixture
def drain() -> Callable[..., None]:
    """Step a sender (no thread) until nothing waits; fails after `timeout` seconds."""

    def drain(sender: OutboxSender, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while sender.outbox.counts().waiting:
            assert time.monotonic() < deadline, f"not drained: {sender.outbox.counts()}"
            if not sender.step():
                if sender.connection != "online":
                    sender.probe()
                time.sleep(0.01)

    return drain

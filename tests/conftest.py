"""Test set-up shared by every suite: offscreen Qt, private application folders, the real sandbox.

Qt's platform must be chosen before any QApplication exists, so it is set here, at import.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# as in the application (desktop.tasks.UiThreadGarbageCollector): cyclic garbage is collected on the main thread
# only, after each test, never by whichever worker thread happens to allocate
gc.disable()
# the application's config/data/cache/log folders: never the developer's own
os.environ["PISHKHAN_HOME"] = tempfile.mkdtemp(prefix="pishkhan-tests-home-")

ROOT = Path(__file__).resolve().parent.parent
READY_PREFIX = "PISHKHAN_SANDBOX_READY "


def _die_with_parent() -> None:
    """In the child, before exec: end with the test process even if it crashes before its fixtures tear down."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1  # the name in <sys/prctl.h>
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class SandboxProcess:
    """The reference API as a real subprocess on a free loopback port."""

    def __init__(self, data_dir: Path, *extra_args: str) -> None:
        self.data_dir = data_dir
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sandbox",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data",
                str(data_dir),
                *extra_args,
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_die_with_parent,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith(READY_PREFIX):
            self.process.kill()
            raise RuntimeError(
                f"sandbox did not start: {line!r} {self.process.stderr.read() if self.process.stderr else ''}"
            )
        self.url = line[len(READY_PREFIX) :].strip()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def start_sandbox(tmp_path: Path) -> Iterator[Callable[..., SandboxProcess]]:
    """Start a fresh sandbox (own data folder) with extra command-line options; stopped after the test."""
    started: list[SandboxProcess] = []

    def start(*extra_args: str) -> SandboxProcess:
        server = SandboxProcess(tmp_path / f"sandbox-{len(started)}", *extra_args)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def shared_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    """One sandbox for tests that do not change shared state (no lock-outs, no expiry games)."""
    server = SandboxProcess(tmp_path_factory.mktemp("shared-sandbox"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def secure_keyring():
    """The real OS keyring (Secret Service via gnome-keyring in CI). In CI its absence is a failure, not a skip."""
    import keyring
    import keyring.core

    from client_api.token_store import is_secure_backend

    backend = keyring.get_keyring()
    if not is_secure_backend(backend):
        keyring.core.init_backend()  # chosen before the keyring service was up? choose again
        backend = keyring.get_keyring()
    if not is_secure_backend(backend):
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide a secure keyring (Secret Service); found {type(backend).__name__}")
        pytest.skip("no secure keyring here: run under dbus-run-session with gnome-keyring (see README)")
    return backend


@pytest.fixture(scope="session")
def keyring_secrets(secure_keyring):
    """What the keyring holds, read and written as the token store does it: in turn with the application's own calls
    and on its one connection to the Secret Service (client_api/token_store.py). The backend called directly opens a
    connection a call, the pattern that aborted gnome-keyring-daemon, beside the application's threads."""
    from client_api.token_store import _calls

    return _calls(secure_keyring)

"""The sandbox as a real HTTP server on a background thread, for in-process use (demo mode, screenshots, tests)."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn

from sandbox.app import create_app
from sandbox.faults import FaultInjector
from sandbox.settings import SandboxSettings

START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 10.0


def http_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket; port 0 lets the OS choose a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must say TCP: asyncio sets TCP_NODELAY only on sockets that do, and without it every answer written in
    # two parts (headers, then body) waits ~40 ms for the client's delayed ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: SO_REUSEADDR there would let others share the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


class SandboxServer:
    """uvicorn serving `create_app(settings)` on a daemon thread; `start()` returns once connections are accepted."""

    def __init__(self, settings: SandboxSettings, host: str = "127.0.0.1", port: int = 0) -> None:
        self.settings = settings
        self.host = host
        self._requested_port = port
        self._socket: socket.socket | None = None
        self._port: int | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._faults: FaultInjector | None = None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the sandbox server was never started")
        return self._port

    @property
    def url(self) -> str:
        """`http://HOST:PORT`, without a trailing slash or the /api/v1 prefix."""
        return http_url(self.host, self.port)

    def start(self) -> SandboxServer:
        if self._thread is not None:
            raise RuntimeError("the sandbox server is already started")
        app = create_app(self.settings)
        self._faults = app.state.sandbox.faults
        # connection-level faults (sandbox/faults.py) need each request's transport: their protocol remembers it
        http = self._faults.protocol_class() if self._faults is not None else "auto"
        config = uvicorn.Config(app, http=http, log_level="warning", access_log=False, log_config=None, lifespan="off")
        self._server = uvicorn.Server(config)
        self._socket = bind_socket(self.host, self._requested_port)
        self._port = int(self._socket.getsockname()[1])
        self._thread = threading.Thread(target=self._serve, name="pishkhan-sandbox", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the sandbox server did not start") from self._failure
            time.sleep(0.01)
        return self

    def _serve(self) -> None:
        assert self._server is not None and self._socket is not None
        try:
            self._server.run(sockets=[self._socket])
        except BaseException as error:  # also SystemExit, which uvicorn raises when start-up fails
            self._failure = error

    def stop(self) -> None:
        """Finish the requests in progress, close the socket and join the thread. Safe to call twice."""
        if self._faults is not None:
            self._faults.release()  # an injected hang must not hold the shutdown
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT_S)
            if self._thread.is_alive() and self._server is not None:
                self._server.force_exit = True
                self._thread.join(STOP_TIMEOUT_S)
            self._thread = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        self._server = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

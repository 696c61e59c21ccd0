"""Fault injection (`pishkhan sandbox --faults SPEC`): real network faults, for operator training and tests.

The faults happen where a flaky network or a failing server would produce them, so a client meets the real thing:
- `latency=P[:MS|:MIN-MAX]` waits before the request is handled (default 100 ms).
- `5xx=P[:STATUS]` answers a problem document with STATUS (default 503) before anything is done: nothing committed.
- `hang-after-commit=P[:SECONDS]` handles and commits the request, then sends nothing for SECONDS (default 30) and
  closes the connection: the client times out without knowing that its action was applied.
- `drop-after-commit=P` handles and commits, then closes the connection without an answer.
- `reset-mid-body=P` handles and commits, sends the status line, the headers and part of the body, then resets the
  TCP connection (RST).
- `5xx-first=N[:STATUS]` answers the first N targeted requests (counted from the server's start) with STATUS
  (default 503) before anything is done, whatever the draws: a deterministic outage for tests and training.
- `seed=N` makes the draws repeatable; `on=keyed` (default: only requests that carry an Idempotency-Key, i.e. the
  ones that change something) or `on=all` (every request but the training endpoints).
P is a probability from 0 to 1. Latency is drawn on its own; of the other kinds at most one hits a request, so their
probabilities add up to at most 1. Example: `latency=0.2:10-50,hang-after-commit=0.05:2,5xx=0.05,seed=7`.

How: `FaultMiddleware` wraps the ASGI application; the connection-level faults need the request's TCP transport,
which `tracking_protocol()` (the uvicorn HTTP protocol, subclassed) registers per client address. Every injected
fault is counted in the sandbox database (`GET /api/v1/training/faults`), so counts survive restarts.
"""

from __future__ import annotations

import asyncio
import logging
import random
import socket
import struct
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool

from sandbox.db import Database, transaction
from sandbox.problems import ProblemError

log = logging.getLogger(__name__)

LATENCY = "latency"
ERROR_5XX = "5xx"
HANG = "hang-after-commit"
DROP = "drop-after-commit"
RESET = "reset-mid-body"
EXCLUSIVE_KINDS = (ERROR_5XX, HANG, DROP, RESET)
ALL_KINDS = (LATENCY, *EXCLUSIVE_KINDS)
FIRST_5XX = "5xx-first"  # counted as ERROR_5XX
TRAINING_PREFIX = "/api/v1/training/"
_READ_ONLY_METHODS = {"GET", "HEAD", "OPTIONS"}
_RESET_PAUSE_S = 0.02  # lets the partial answer reach the client before the reset

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
AsgiApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class FaultSpecError(ValueError):
    """A SPEC that cannot be used; the message names the item and what is wrong."""


@dataclass(frozen=True)
class FaultSpec:
    latency: float = 0.0
    latency_ms: tuple[int, int] = (100, 100)
    error_5xx: float = 0.0
    error_status: int = 503
    hang_after_commit: float = 0.0
    hang_s: float = 30.0
    drop_after_commit: float = 0.0
    reset_mid_body: float = 0.0
    seed: int | None = None
    on: str = "keyed"
    first_5xx: int = 0
    first_5xx_status: int = 503

    @classmethod
    def parse(cls, text: str) -> FaultSpec:
        values: dict[str, Any] = {}
        seen: set[str] = set()
        items = [item.strip() for item in text.split(",") if item.strip()]
        if not items:
            raise FaultSpecError("empty: give at least one KIND=PROBABILITY")
        for item in items:
            name, sep, value = item.partition("=")
            name = name.strip()
            if not sep:
                raise FaultSpecError(f"{item!r}: expected NAME=VALUE")
            if name in seen:
                raise FaultSpecError(f"{name}: given twice")
            seen.add(name)
            values.update(_parse_item(name, value.strip()))
        spec = cls(**values)
        total = sum(spec.probability(kind) for kind in EXCLUSIVE_KINDS)
        if total > 1.0 + 1e-9:
            raise FaultSpecError(f"the probabilities of {', '.join(EXCLUSIVE_KINDS)} add up to {total:g}, more than 1")
        return spec

    def probability(self, kind: str) -> float:
        return {
            LATENCY: self.latency,
            ERROR_5XX: self.error_5xx,
            HANG: self.hang_after_commit,
            DROP: self.drop_after_commit,
            RESET: self.reset_mid_body,
        }[kind]

    def describe(self) -> str:
        """The spec in its canonical text form (what the faults endpoint reports)."""
        low, high = self.latency_ms
        parts = [
            f"{LATENCY}={self.latency:g}:{low}-{high}",
            f"{ERROR_5XX}={self.error_5xx:g}:{self.error_status}",
            f"{HANG}={self.hang_after_commit:g}:{self.hang_s:g}",
            f"{DROP}={self.drop_after_commit:g}",
            f"{RESET}={self.reset_mid_body:g}",
            f"on={self.on}",
        ]
        if self.first_5xx:
            parts.append(f"{FIRST_5XX}={self.first_5xx}:{self.first_5xx_status}")
        if self.seed is not None:
            parts.append(f"seed={self.seed}")
        return ",".join(parts)


def _probability(name: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise FaultSpecError(f"{name}: probability {text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise FaultSpecError(f"{name}: probability must be from 0 to 1, got {text}")
    return value


def _number(name: str, text: str, *, low: float, high: float, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise FaultSpecError(f"{name}: {what} {text!r} is not a number") from None
    if not low <= value <= high:
        raise FaultSpecError(f"{name}: {what} must be from {low:g} to {high:g}, got {text}")
    return value


def _parse_item(name: str, value: str) -> dict[str, Any]:
    if name == "seed":
        try:
            return {"seed": int(value)}
        except ValueError:
            raise FaultSpecError(f"seed: {value!r} is not a whole number") from None
    if name == "on":
        if value not in ("keyed", "all"):
            raise FaultSpecError(f"on: must be 'keyed' or 'all', got {value!r}")
        return {"on": value}
    if name == FIRST_5XX:
        count_text, _, status_text = value.partition(":")
        count = int(_number(name, count_text, low=0, high=1_000_000, what="count"))
        status = int(_number(name, status_text, low=500, high=599, what="status")) if status_text else 503
        return {"first_5xx": count, "first_5xx_status": status}
    if name not in ALL_KINDS:
        raise FaultSpecError(f"unknown fault {name!r}; known: {', '.join(ALL_KINDS)}, {FIRST_5XX}, seed, on")
    probability_text, _, argument = value.partition(":")
    probability = _probability(name, probability_text)
    if name == LATENCY:
        ms = (100, 100)
        if argument:
            low_text, _, high_text = argument.partition("-")
            low = int(_number(name, low_text, low=0, high=60_000, what="milliseconds"))
            high = int(_number(name, high_text, low=0, high=60_000, what="milliseconds")) if high_text else low
            if high < low:
                raise FaultSpecError(f"{name}: range {argument!r} ends before it starts")
            ms = (low, high)
        return {"latency": probability, "latency_ms": ms}
    if name == ERROR_5XX:
        status = int(_number(name, argument, low=500, high=599, what="status")) if argument else 503
        return {"error_5xx": probability, "error_status": status}
    if name == HANG:
        seconds = _number(name, argument, low=0.01, high=3600, what="seconds") if argument else 30.0
        return {"hang_after_commit": probability, "hang_s": seconds}
    if argument:
        raise FaultSpecError(f"{name}: takes no argument, got {argument!r}")
    field = {DROP: "drop_after_commit", RESET: "reset_mid_body"}[name]
    return {field: probability}


@dataclass(frozen=True)
class Decision:
    latency_s: float = 0.0
    kind: str | None = None
    status: int | None = None  # of an injected 5xx, when not the spec's `5xx` status


class FaultInjector:
    """Draws a fault for each request, remembers the live connections, and counts what it injected."""

    def __init__(self, spec: FaultSpec, db: Database) -> None:
        self.spec = spec
        self._db = db
        self._rng = random.Random(spec.seed)
        self._connections: dict[tuple[Any, ...], asyncio.Transport] = {}
        self._released = threading.Event()
        self._first_left = spec.first_5xx
        self._first_lock = threading.Lock()

    # -- the draw -------------------------------------------------------------------------------------

    def targets(self, scope: Scope) -> bool:
        if scope.get("type") != "http" or str(scope.get("path", "")).startswith(TRAINING_PREFIX):
            return False
        if self.spec.on == "all":
            return True
        has_key = any(name.lower() == b"idempotency-key" for name, _ in scope.get("headers", []))
        return has_key and scope.get("method") not in _READ_ONLY_METHODS

    def decide(self) -> Decision:
        spec = self.spec
        latency_s = 0.0
        if spec.latency and self._rng.random() < spec.latency:
            latency_s = self._rng.uniform(*spec.latency_ms) / 1000.0
        with self._first_lock:
            first = self._first_left > 0
            self._first_left -= int(first)
        if first:
            return Decision(latency_s, ERROR_5XX, spec.first_5xx_status)
        draw, threshold = self._rng.random(), 0.0
        for kind in EXCLUSIVE_KINDS:
            threshold += spec.probability(kind)
            if draw < threshold:
                return Decision(latency_s, kind)
        return Decision(latency_s, None)

    # -- connections ----------------------------------------------------------------------------------

    def protocol_class(self) -> type[asyncio.Protocol]:
        """uvicorn's HTTP protocol, remembering each connection's transport under the client address."""
        from uvicorn.protocols.http.auto import AutoHTTPProtocol
        from uvicorn.protocols.utils import get_remote_addr

        connections = self._connections

        class TrackingProtocol(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                super().connection_made(transport)
                self._fault_peer = get_remote_addr(transport)  # type: ignore[arg-type]
                if self._fault_peer is not None:
                    connections[tuple(self._fault_peer)] = transport  # type: ignore[assignment]

            def connection_lost(self, exc: Exception | None) -> None:
                peer = getattr(self, "_fault_peer", None)
                if peer is not None:
                    connections.pop(tuple(peer), None)
                super().connection_lost(exc)

        return TrackingProtocol

    def transport_of(self, scope: Scope) -> asyncio.Transport | None:
        client = scope.get("client")
        return self._connections.get(tuple(client)) if client else None

    def release(self) -> None:
        """End every hang now (the server is stopping)."""
        self._released.set()

    async def hold(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not self._released.is_set() and loop.time() < deadline:
            await asyncio.sleep(min(0.05, max(0.0, deadline - loop.time())))

    # -- counts ---------------------------------------------------------------------------------------

    def record(self, kind: str) -> None:
        with self._db.connect() as conn, transaction(conn):
            conn.execute(
                "INSERT INTO training_faults (kind, injected) VALUES (?, 1)"
                " ON CONFLICT (kind) DO UPDATE SET injected = injected + 1",
                (kind,),
            )


def injected_counts(db: Database) -> dict[str, int]:
    with db.connect() as conn:
        rows = conn.execute("SELECT kind, injected FROM training_faults").fetchall()
    counts = dict.fromkeys(ALL_KINDS, 0)
    counts.update({row["kind"]: row["injected"] for row in rows})
    return counts


def _cut(transport: asyncio.Transport | None, *, reset: bool) -> None:
    if transport is None or transport.is_closing():
        return
    if reset:
        sock = transport.get_extra_info("socket")
        if sock is not None:  # linger on, timeout 0: close() sends RST instead of FIN
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


async def _after_cut() -> None:
    # the protocol learns of the lost connection on the next loop turns; after that the server sends nothing more
    for _ in range(3):
        await asyncio.sleep(0)


class FaultMiddleware:
    """ASGI middleware that injects the faults of `injector.spec` into the requests it targets."""

    def __init__(self, app: AsgiApp, injector: FaultInjector) -> None:
        self.app = app
        self.injector = injector

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        injector = self.injector
        if not injector.targets(scope):
            await self.app(scope, receive, send)
            return
        decision = injector.decide()
        if decision.latency_s:
            await run_in_threadpool(injector.record, LATENCY)
            await asyncio.sleep(decision.latency_s)
        kind = decision.kind
        transport = injector.transport_of(scope)
        if kind in (HANG, DROP, RESET) and transport is None:
            log.warning("fault %s skipped: no TCP connection (not served by SandboxServer)", kind)
            kind = None
        if kind is None:
            await self.app(scope, receive, send)
            return
        await run_in_threadpool(injector.record, kind)
        if kind == ERROR_5XX:
            await _send_injected_error(send, decision.status or injector.spec.error_status)
            return
        answer: list[Message] = []

        async def keep(message: Message) -> None:
            answer.append(message)

        await self.app(scope, receive, keep)  # handled and committed; the answer is ours to spoil
        if kind == HANG:
            await injector.hold(injector.spec.hang_s)
            _cut(transport, reset=False)
        elif kind == DROP:
            _cut(transport, reset=False)
        else:
            await _send_part(send, answer)
            await asyncio.sleep(_RESET_PAUSE_S)
            _cut(transport, reset=True)
        await _after_cut()


async def _send_injected_error(send: Send, status: int) -> None:
    problem = ProblemError(
        status,
        "injected-fault",
        "Injected fault (training): the server failed before doing anything; nothing was changed.",
    )
    response = problem.to_response()
    headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in response.headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": response.body, "more_body": False})


async def _send_part(send: Send, answer: list[Message]) -> None:
    """The status line, the headers and the first half of the body, as the server had them."""
    start = next((m for m in answer if m.get("type") == "http.response.start"), None)
    if start is None:
        return
    body = b"".join(m.get("body", b"") for m in answer if m.get("type") == "http.response.body")
    await send(start)
    await send({"type": "http.response.body", "body": body[: max(1, len(body) // 2)], "more_body": True})

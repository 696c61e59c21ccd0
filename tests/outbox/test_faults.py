"""`pishkhan sandbox --faults SPEC`: each fault is real on the wire, observed here with a raw socket."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import uuid

import pytest

from sandbox.faults import FaultSpec, FaultSpecError

NOTE = json.dumps({"text": "تحویل نوبت"}, ensure_ascii=False).encode()


def raw_post(server, body: bytes = NOTE, *, timeout: float = 5.0) -> tuple[bytes, BaseException | None, float]:
    """POST /me/notes over a raw socket; what arrived, how the connection ended, and after how long."""
    request = (
        f"POST /api/v1/me/notes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {server._token('counter1')}\r\n"
        f"Idempotency-Key: {uuid.uuid4()}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + body
    received, ended = b"", None
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        sock.sendall(request)
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except OSError as error:
            ended = error
    return received, ended, time.monotonic() - started


def split(received: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


def test_reset_mid_body_sends_headers_and_part_of_the_body_then_a_tcp_reset(sandbox):
    server = sandbox("reset-mid-body=1")
    received, ended, _ = raw_post(server)
    status, headers, body = split(received)
    assert status == 201
    assert 0 < len(body) < int(headers["content-length"])
    assert isinstance(ended, ConnectionResetError)
    assert server.note_texts() == ["تحویل نوبت"]  # committed before the answer was cut
    assert server.faults()["reset-mid-body"] == 1


def test_drop_after_commit_closes_without_a_single_byte(sandbox):
    server = sandbox("drop-after-commit=1")
    received, ended, _ = raw_post(server)
    assert received == b"" and ended is None
    assert server.note_texts() == ["تحویل نوبت"]


def test_hang_after_commit_holds_the_answer_then_drops_the_connection(sandbox):
    server = sandbox("hang-after-commit=1:0.6")
    received, ended, elapsed = raw_post(server)
    assert received == b"" and ended is None
    assert elapsed >= 0.55
    assert server.note_texts() == ["تحویل نوبت"]
    assert server.faults()["hang-after-commit"] == 1


def test_5xx_fails_before_anything_is_done(sandbox):
    server = sandbox("5xx=1:500")
    status, headers, body = split(raw_post(server)[0])
    assert status == 500
    assert headers["content-type"] == "application/problem+json"
    assert json.loads(body)["type"].endswith("/injected-fault")
    assert server.note_texts() == []
    assert server.ledger() == {}


def test_5xx_first_fails_exactly_the_first_n_keyed_requests(sandbox):
    server = sandbox("5xx-first=2:502")
    assert server.get("/me").status_code == 200  # not keyed: not counted
    assert [split(raw_post(server)[0])[0] for _ in range(4)] == [502, 502, 201, 201]
    assert server.faults()["5xx"] == 2
    assert len(server.note_texts()) == 2


def test_latency_delays_the_answer(sandbox):
    server = sandbox("latency=1:300")
    received, _, elapsed = raw_post(server)
    assert split(received)[0] == 201 and elapsed >= 0.29
    assert server.faults()["latency"] == 1


def test_by_default_only_requests_with_a_key_meet_faults(sandbox):
    server = sandbox("5xx=1")
    assert server.get("/me/notes").status_code == 200  # signing in and reading are not hit
    assert split(raw_post(server)[0])[0] == 503


def test_draws_follow_the_probabilities_and_the_seed(sandbox):
    server = sandbox("5xx=0.5,seed=11")
    statuses = [split(raw_post(server)[0])[0] for _ in range(40)]
    assert 8 <= statuses.count(503) <= 32
    assert statuses.count(503) + statuses.count(201) == 40
    assert server.faults()["5xx"] == statuses.count(503)
    again = sandbox("5xx=0.5,seed=11")
    assert [split(raw_post(again)[0])[0] for _ in range(40)] == statuses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("latency=0.2:10-50", FaultSpec(latency=0.2, latency_ms=(10, 50))),
        ("5xx=0.05:502,seed=3", FaultSpec(error_5xx=0.05, error_status=502, seed=3)),
        ("hang-after-commit=0.1:2.5,on=all", FaultSpec(hang_after_commit=0.1, hang_s=2.5, on="all")),
        ("drop-after-commit=0.1, reset-mid-body=0.05", FaultSpec(drop_after_commit=0.1, reset_mid_body=0.05)),
        ("5xx-first=3", FaultSpec(first_5xx=3)),
        ("5xx-first=2:502,5xx=1", FaultSpec(first_5xx=2, first_5xx_status=502, error_5xx=1.0)),
    ],
)
def test_spec_parses(text, expected):
    assert FaultSpec.parse(text) == expected
    assert FaultSpec.parse(expected.describe()) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("latency", "expected NAME=VALUE"),
        ("jitter=0.1", "unknown fault 'jitter'"),
        ("5xx=1.5", "5xx: probability must be from 0 to 1"),
        ("5xx=0.1:404", "5xx: status must be from 500 to 599"),
        ("latency=0.1:50-10", "ends before it starts"),
        ("drop-after-commit=0.1:3", "takes no argument"),
        ("5xx=0.6,reset-mid-body=0.6", "add up to 1.2"),
        ("5xx=0.1,5xx=0.2", "given twice"),
        ("on=some", "on: must be 'keyed' or 'all'"),
        ("5xx-first=x", "5xx-first: count 'x' is not a number"),
        ("5xx-first=2:404", "5xx-first: status must be from 500 to 599"),
    ],
)
def test_bad_spec_is_refused_naming_the_item(text, message):
    with pytest.raises(FaultSpecError, match=message):
        FaultSpec.parse(text)


def test_cli_refuses_a_bad_spec_in_one_line_and_documents_the_spec(tmp_path):
    bad = subprocess.run(
        [sys.executable, "-m", "sandbox", "--data", str(tmp_path), "--faults", "5xx=2"], capture_output=True, text=True
    )
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "--faults" in bad.stderr and "5xx" in bad.stderr
    shown = subprocess.run([sys.executable, "-m", "sandbox", "--help"], capture_output=True, text=True)
    for kind in ("latency=", "5xx=", "hang-after-commit=", "drop-after-commit=", "reset-mid-body=", "seed=", "on="):
        assert kind in shown.stdout

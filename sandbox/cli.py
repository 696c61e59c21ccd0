"""`pishkhan sandbox [--host H] [--port P] [--data DIR] [--access-ttl S] [--refresh-ttl S] [--idempotency-ttl S]
[--faults SPEC]`: the reference API. `pishkhan sandbox review ID --to STATUS ...`: sandbox/review_cli.py."""

from __future__ import annotations

import argparse
import logging
import signal
import sqlite3
import sys
import threading
from pathlib import Path
from types import FrameType

from civic.cli import OneLineParser, fail, parse_or_status
from sandbox.faults import FaultSpec, FaultSpecError
from sandbox.server import SandboxServer
from sandbox.settings import SandboxSettings
from sandbox.tariff_routes import tariff_book_problem

READY_PREFIX = "PISHKHAN_SANDBOX_READY"


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be 0..65535, got {value}")
    return value


def _seconds(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of seconds: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 second, got {value}")
    return value


def _delay(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= 86400:
        raise argparse.ArgumentTypeError(f"must be 0..86400 seconds, got {text}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _fault_spec(text: str) -> FaultSpec:
    try:
        return FaultSpec.parse(text)
    except FaultSpecError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


FAULTS_HELP = """\
inject network faults (training and tests): comma-separated KIND=P[:ARG] items, P a probability 0..1.
  latency=P[:MS|:MIN-MAX]   wait before handling (default 100 ms)
  5xx=P[:STATUS]            answer STATUS (default 503) before doing anything: nothing committed
  hang-after-commit=P[:S]   handle and commit, then send nothing for S seconds (default 30) and close
  drop-after-commit=P       handle and commit, then close the connection without an answer
  reset-mid-body=P          handle and commit, send the headers and half the body, then reset (TCP RST)
  seed=N                    repeatable draws
  on=keyed|all              which requests: those with an Idempotency-Key (default) or all
Latency is drawn separately; at most one of the others hits a request (their P add up to at most 1).
Counts of injected faults: GET /api/v1/training/faults.
Example: --faults "latency=0.2:10-50,hang-after-commit=0.05:2,drop-after-commit=0.05,5xx=0.05,reset-mid-body=0.05"
"""


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("pishkhan-desk")) / "sandbox"


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="pishkhan sandbox",
        description="Run the reference municipal API (training data) until interrupted.",
        formatter_class=argparse.RawTextHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8765, help="TCP port; 0 picks a free one (default 8765)")
    parser.add_argument("--data", type=Path, default=None, help="data folder, created if missing")
    parser.add_argument("--access-ttl", type=_seconds, default=900, metavar="SECONDS", help="access token lifetime")
    parser.add_argument("--refresh-ttl", type=_seconds, default=43200, metavar="SECONDS", help="refresh token lifetime")
    parser.add_argument(
        "--idempotency-ttl",
        type=_seconds,
        default=86400,
        metavar="SECONDS",
        help="how long an Idempotency-Key is remembered (default 86400);\n"
        "after that, GET /api/v1/actions/{key} still tells what became of the action",
    )
    parser.add_argument(
        "--lockout-threshold", type=_count, default=5, metavar="N", help="failed sign-ins that lock a username"
    )
    parser.add_argument(
        "--address-lockout-threshold",
        type=_count,
        default=20,
        metavar="N",
        help="failed sign-ins (any usernames) that lock a client address",
    )
    parser.add_argument("--faults", type=_fault_spec, default=None, metavar="SPEC", help=FAULTS_HELP)
    parser.add_argument(
        "--tariff-book",
        type=Path,
        default=None,
        metavar="FILE",
        help="the current tariff book (TOML) to serve and compute with, instead of the bundled latest one;\n"
        "FILE.sig beside it is served as given, else the sandbox signs it with the training key",
    )
    parser.add_argument(
        "--inquiry-delay",
        type=_delay,
        default=3.0,
        metavar="S",
        help="seconds before a notary inquiry is answered (default 3; 0 answers at once)",
    )
    return parser


def _fail(option: str, problem: str) -> int:
    return fail(f"pishkhan sandbox: {option}: {problem}")


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["review"]:  # `pishkhan sandbox review ...`: sandbox/review_cli.py
        from sandbox.review_cli import main as review_main

        return review_main(arguments[1:])
    args = parse_or_status(build_parser(), argv)
    if isinstance(args, int):
        return args
    data_dir: Path = args.data if args.data is not None else default_data_dir()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return _fail("--data", f"cannot create {data_dir}: {error.strerror or error}")
    if args.tariff_book is not None and (problem := tariff_book_problem(args.tariff_book)):
        return _fail("--tariff-book", problem)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = SandboxSettings(
        data_dir=data_dir,
        access_ttl_s=args.access_ttl,
        refresh_ttl_s=args.refresh_ttl,
        idempotency_ttl_s=args.idempotency_ttl,
        lockout_threshold=args.lockout_threshold,
        address_lockout_threshold=args.address_lockout_threshold,
        faults=args.faults,
        tariff_book=args.tariff_book,
        inquiry_delay_s=args.inquiry_delay,
    )
    server = SandboxServer(settings, host=args.host, port=args.port)

    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        try:
            server.start()
        except sqlite3.Error as error:
            return _fail("--data", f"cannot use the database in {data_dir}: {error}")
        except OSError as error:
            return _fail("--host/--port", f"cannot listen on {args.host}:{args.port}: {error.strerror or error}")
        try:
            print(f"{READY_PREFIX} {server.url}", flush=True)
            while not stop.wait(0.5):
                pass
        finally:
            server.stop()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0

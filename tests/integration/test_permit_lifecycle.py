"""The permit request's lifecycle against the real sandbox over loopback: the municipality's reviewer, skipped statuses
in the history, rejection reasons, the stored assessment (the same as POST /assessments), a building the engine
refuses, the checks at PUT against the demo city, and the client's models of the new fields."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal

import pytest

from civic.jalali import today_jalali
from client_api.client import MunicipalClient
from client_api.errors import ProtocolError
from client_api.permits import PermitRequest, PermitRequestSummary
from client_api.tariffs import ServerAssessment
from client_api.token_store import MemoryTokenStore
from fees import permit_case
from sandbox.city import DEMO_OWNER, DEMO_PARCEL, build_city
from tests.conftest import SandboxProcess
from tests.integration.permit_helpers import BUILDING, COUNTER, NOTARY, REQUEST, REVIEWER, Api, statuses
from tests.tariff_books import BOOK_1405, write_book


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    """One sandbox for this module: requests are made under new ids, so the tests do not disturb each other."""
    server = SandboxProcess(tmp_path_factory.mktemp("permit-lifecycle"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def counter(city: SandboxProcess) -> Api:
    return Api(city.url, COUNTER)


@pytest.fixture(scope="module")
def reviewer(city: SandboxProcess) -> Api:
    return Api(city.url, REVIEWER)


def test_the_reviewer_signs_in_at_the_municipality_and_is_refused_the_counter_s_work(city, reviewer, counter):
    me = reviewer.get("/me").json()
    assert me["office"] == {"code": "MUN-HMD", "name": me["office"]["name"], "kind": "municipality"}
    assert me["roles"] == ["reviewer"]
    for response in (
        reviewer.get("/permit-requests"),
        reviewer.create(),
        reviewer.send("POST", f"/permit-requests/{uuid.uuid4()}/submit", {}),
        reviewer.get(f"/parcels/{DEMO_PARCEL}"),  # the city's parcels are the counters' and notaries' lookup
    ):
        assert response.status_code == 403, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
    request = counter.submitted()
    for other in (counter, Api(city.url, NOTARY)):
        refused = other.review(request["id"], "under_review")
        assert refused.status_code == 403 and refused.json()["type"].endswith("/forbidden")
    assert counter.get(f"/permit-requests/{request['id']}").json()["status"] == "submitted"


def test_a_review_moves_forward_recording_every_skipped_status_at_the_same_time(counter, reviewer):
    request = counter.submitted()
    rid = request["id"]
    first = reviewer.review(rid, "under_review", note="  بررسی   آغاز شد ")
    assert first.status_code == 200, first.text
    assert statuses(first.json()) == ["draft", "submitted", "under_review"]
    assert first.json()["history"][-1]["note"] == "بررسی آغاز شد"
    jump = reviewer.review(rid, "paid", note="پرداخت در بانک").json()
    assert statuses(jump) == ["draft", "submitted", "under_review", "assessed", "paid"]
    assessed, paid = jump["history"][3], jump["history"][4]
    assert assessed["at"] == paid["at"] and (assessed["note"], paid["note"]) == (None, "پرداخت در بانک")
    assert jump["assessment"]["total_rials"] > 0 and jump["rejection_reasons"] == []
    done = reviewer.review(rid, "completed").json()
    assert statuses(done)[-3:] == ["paid", "issued", "completed"] and done["status"] == "completed"
    assert done["assessment"] == jump["assessment"]  # computed once, on entering `assessed`
    mine = counter.get(f"/permit-requests/{rid}").json()
    assert mine["status"] == "completed" and mine["history"] == done["history"]


@pytest.mark.parametrize(("reached", "to"), [("under_review", "submitted"), ("assessed", "under_review")])
def test_a_review_never_moves_a_request_back(counter, reviewer, reached, to):
    rid = counter.submitted()["id"]
    assert reviewer.review(rid, reached).status_code == 200
    again = reviewer.review(rid, reached)
    back = reviewer.review(rid, to)
    assert again.status_code == 422 and again.json()["type"].endswith("/transition-not-allowed")
    assert back.status_code == 422 and [e["field"] for e in back.json()["errors"]] == ["to"]
    assert counter.get(f"/permit-requests/{rid}").json()["status"] == reached


def test_a_draft_is_not_reviewed_and_a_completed_request_is_not_rejected(counter, reviewer):
    draft = counter.create().json()
    response = reviewer.review(draft["id"], "under_review")
    assert response.status_code == 422 and response.json()["type"].endswith("/permit-request-not-submitted")
    rid = counter.submitted()["id"]
    reviewer.review(rid, "completed")
    late = reviewer.review(rid, "rejected", reasons=["دیر است"])
    assert late.status_code == 422 and late.json()["type"].endswith("/transition-not-allowed")


def test_a_rejection_needs_reasons_and_ends_the_lifecycle(counter, reviewer):
    rid = counter.submitted()["id"]
    for body in ({}, {"reasons": []}, {"reasons": ["  "]}, {"reasons": ["ok", ""]}):
        refused = reviewer.review(rid, "rejected", **body)
        assert refused.status_code == 422, body
        assert refused.json()["type"].endswith("/rejection-needs-reasons")
        assert [e["field"] for e in refused.json()["errors"]] == ["reasons"]
    reasons = ["سند مالکیت پیوست نشده است.", "نقشه‌ها با ضوابط پهنه مطابق نیست."]
    rejected = reviewer.review(rid, "rejected", reasons=reasons, note="به متقاضی اطلاع داده شد").json()
    assert rejected["status"] == "rejected" and rejected["rejection_reasons"] == reasons
    assert statuses(rejected) == ["draft", "submitted", "rejected"] and rejected["assessment"] is None
    assert counter.get(f"/permit-requests/{rid}").json()["rejection_reasons"] == reasons
    for to in ("under_review", "completed", "rejected"):
        assert reviewer.review(rid, to, reasons=["x"]).status_code == 422
    summary = counter.get("/permit-requests", tracking_number=rejected["tracking_number"]).json()["items"][0]
    assert summary["status"] == "rejected" and summary["total_rials"] is None


def test_a_request_is_reviewed_by_its_tracking_number_and_a_retry_is_not_applied_twice(counter, reviewer):
    request = counter.submitted()
    tracking = request["tracking_number"]
    persian = tracking.lower().translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    key = str(uuid.uuid4())
    first = reviewer.review(persian, "under_review", key=key)
    replay = reviewer.review(persian, "under_review", key=key)
    assert first.status_code == replay.status_code == 200
    assert replay.headers.get("Idempotency-Replayed") == "true"
    assert first.json()["id"] == request["id"] and statuses(replay.json()).count("under_review") == 1
    assert reviewer.review("PR-999999999", "under_review").status_code == 404
    assert reviewer.review("not-a-request", "under_review").status_code == 404


def test_the_stored_assessment_is_what_post_assessments_answers_for_the_same_case(counter, reviewer):
    rid = counter.submitted()["id"]
    stored = reviewer.review(rid, "assessed").json()["assessment"]
    day = "{:04d}/{:02d}/{:02d}".format(*today_jalali(dt.datetime.now(dt.UTC)))
    parcel = build_city().parcel(DEMO_PARCEL)
    assert parcel is not None
    case = permit_case(BUILDING, DEMO_PARCEL, parcel.land_area_m2, day)
    answer = counter.send("POST", "/assessments", case)
    assert answer.status_code == 200, answer.text
    expected = answer.json()
    assert stored["book"] == expected["book"]
    assert len(stored["lines"]) == len(expected["lines"]) >= 3
    for mine, theirs in zip(stored["lines"], expected["lines"], strict=True):
        assert mine == theirs
    assert stored["total_rials"] == expected["total_rials"]
    summary = counter.get(
        "/permit-requests", tracking_number=counter.get(f"/permit-requests/{rid}").json()["tracking_number"]
    ).json()["items"][0]
    assert summary["total_rials"] == expected["total_rials"]


def test_a_building_the_engine_cannot_compute_is_rejected_with_the_engine_s_reason(start_sandbox, tmp_path):
    # the 1405 book with its balcony item divided by the parking provided: a case with no parking cannot be computed
    text = BOOK_1405.read_text(encoding="utf-8")
    assert text.count('amount = "3 * P * S"') == 1
    text = text.replace('amount = "3 * P * S"', 'amount = "3 * P * S / parking_provided"')
    book = write_book(tmp_path / "books", text.encode("utf-8"))
    server = start_sandbox("--tariff-book", str(book))
    counter, reviewer = Api(server.url, COUNTER), Api(server.url, REVIEWER)
    computable = counter.submitted()
    refused = counter.submitted(building={**BUILDING, "parking_provided": 0})
    assert reviewer.review(computable["id"], "assessed").json()["status"] == "assessed"
    answer = reviewer.review(refused["id"], "paid", note="پرونده کامل")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "rejected" and body["assessment"] is None
    assert statuses(body) == ["draft", "submitted", "under_review", "rejected"]
    [reason] = body["rejection_reasons"]
    assert "401" in reason  # the item the engine could not compute
    assert reviewer.review(refused["id"], "assessed").status_code == 422  # rejected is final


def test_put_checks_the_building_as_a_fee_case_with_field_names_under_building(counter):
    floors = [dict(BUILDING["floors"][0]), {"level": 1, "use": "residential", "area_m2": -5, "units": 1}]
    for building, field in (
        ({**BUILDING, "floors": floors}, "building.floors[1].area_m2"),
        ({**BUILDING, "colour": "blue"}, "building.colour"),
        ({**BUILDING, "renovation_code": DEMO_PARCEL}, "building.renovation_code"),
        ({key: value for key, value in BUILDING.items() if key != "floors"}, "building.floors"),
        ({**BUILDING, "floors": []}, "building.floors"),
    ):
        response = counter.create(building=building)
        assert response.status_code == 422, building
        assert [e["field"] for e in response.json()["errors"]] == [field]
    assert counter.create(building=[1, 2]).status_code == 422  # not an object at all


def test_put_checks_the_parcel_and_that_the_applicant_owns_it_or_has_a_power_of_attorney(counter):
    unknown = counter.create(renovation_code="9-9-999-999-0-0")
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [{"field": "renovation_code", "message": "No parcel with this renovation code."}]
    other_owner = next(p for p in build_city().parcels if DEMO_OWNER not in {o.national_id for o in p.owners})
    stranger = counter.create(renovation_code=other_owner.renovation_code.replace("-", "\u2013"))
    assert stranger.status_code == 422
    assert [e["field"] for e in stranger.json()["errors"]] == ["power_of_attorney"]
    assert "power-of-attorney number is needed" in stranger.json()["errors"][0]["message"]
    attorney = counter.create(renovation_code=other_owner.renovation_code, power_of_attorney="۴۵۶۷۸/۱۲")
    assert attorney.status_code == 201, attorney.text
    owner = other_owner.owners[-1]
    assert counter.create(renovation_code=other_owner.renovation_code, national_id=owner.national_id).status_code == 201
    several = counter.create(
        national_id="0012345670", renovation_code="9-9-999-999-0-0", building={**BUILDING, "floors": 1}
    )
    assert {e["field"] for e in several.json()["errors"]} == {"national_id", "renovation_code", "building.floors"}


def test_the_client_reads_the_assessment_the_reasons_and_the_totals(city, counter, reviewer):
    assessed = counter.submitted()
    rejected = counter.submitted()
    reviewer.review(assessed["id"], "assessed")
    reviewer.review(rejected["id"], "rejected", reasons=["کسری مدارک"])
    client = MunicipalClient(city.url, MemoryTokenStore())
    client.sign_in(COUNTER[0], "pishkhan-demo", COUNTER[1], "desk-client")
    mine = client.permit_request(assessed["id"])
    assert isinstance(mine.assessment, ServerAssessment) and mine.assessment.total_rials > 0
    assert (
        mine.assessment.book_code and mine.rejection_reasons == () and mine.total_rials == mine.assessment.total_rials
    )
    refused = client.permit_request(rejected["id"])
    assert refused.assessment is None and refused.rejection_reasons == ("کسری مدارک",) and refused.total_rials is None
    page = client.permit_requests(tracking_number=assessed["tracking_number"])
    assert [item.total_rials for item in page.items] == [mine.assessment.total_rials]


def test_the_client_models_refuse_malformed_new_fields():
    summary = {
        "id": str(uuid.uuid4()),
        "status": "assessed",
        "tracking_number": "PR-100001",
        "national_id": DEMO_OWNER,
        "applicant_name": "رضا کریمی",
        "renovation_code": DEMO_PARCEL,
        "created_at": "2026-01-01T10:00:00Z",
        "submitted_at": None,
        "total_rials": 1_250_000,
    }
    assert PermitRequestSummary.from_json(summary).total_rials == 1_250_000
    assert PermitRequestSummary.from_json({**summary, "total_rials": None}).total_rials is None
    for bad in ("1250000", 12.5, True):
        with pytest.raises(ProtocolError):
            PermitRequestSummary.from_json({**summary, "total_rials": bad})
    full = {**summary, "mobile": None, "power_of_attorney": None, "building": REQUEST["building"], "attachments": []}
    document = {"book": {"code": "hamedan", "version": "1405.1", "sha256": "ab"}, "lines": [], "total_rials": 7}
    request = PermitRequest.from_json({**full, "history": [], "assessment": document, "rejection_reasons": []})
    assert request.assessment is not None and request.assessment.total_rials == 7
    assert request.assessment.document == document and Decimal(request.assessment.total_rials) == 7
    for bad_fields in ({"assessment": "none"}, {"assessment": {"lines": []}}, {"rejection_reasons": "no"}):
        with pytest.raises(ProtocolError):
            PermitRequest.from_json({**full, "history": [], "rejection_reasons": [], **bad_fields})


def test_a_request_without_a_building_is_rejected_on_entering_assessed(counter, reviewer):
    request = counter.submitted(building=None)
    assert request["building"] is None
    body = reviewer.review(request["tracking_number"], "assessed").json()
    assert body["status"] == "rejected" and body["assessment"] is None
    assert statuses(body) == ["draft", "submitted", "under_review", "rejected"]
    assert body["rejection_reasons"] == ["درخواست مشخصات ساختمان را ندارد و عوارض آن محاسبه‌شدنی نیست."]

"""For random valid cases, the desktop's offline preview equals the sandbox's assessment over HTTP, to the rial and
line by line: both sides compute with `fees` and the same signed books."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civic.text import to_persian_digits
from client_api import MemoryTokenStore, MunicipalClient
from desktop.fee_books import TariffBookCache
from fees import parse_case, select_book

BLOCKS = ("77", "101", "123", "124", "210", "305", "412")


@pytest.fixture(scope="module")
def server(shared_sandbox):
    client = MunicipalClient(shared_sandbox.url, MemoryTokenStore())
    client.sign_in("counter1", "pishkhan-demo", "PK-1001", "T-PROP0001")
    yield client
    client.logout()


@pytest.fixture(scope="module")
def offline_books(tmp_path_factory):
    """What the desktop computes with offline on a fresh machine: the bundled books (an empty cache)."""
    return TariffBookCache(tmp_path_factory.mktemp("empty-cache")).load().books


def number(high, places=2, whole=False):
    """A number as an operator or a client may send it: JSON int, ASCII text, or Persian digits."""
    values = st.integers(0, high) if whole else st.decimals(0, high, places=places, allow_nan=False)
    return values.flatmap(
        lambda v: (
            st.sampled_from([int(v)] if whole else [str(v)]) | st.just(str(v)) | st.just(to_persian_digits(str(v)))
        )
    )


@st.composite
def floors(draw):
    use = draw(st.sampled_from(("residential", "commercial", "office", "industrial", "storage")))
    floor = {
        "level": draw(st.integers(-3, 9) | st.just("mezzanine")),
        "use": use,
        "area_m2": draw(number(1500)),
        "units": draw(number(6, whole=True).filter(lambda u: use != "residential" or str(u) not in ("0", "۰"))),
        "height_m": draw(number(9, 1)),
        "frontage_m": draw(number(40, 1)),
    }
    if use == "storage" and draw(st.booleans()):
        floor["serves"] = draw(st.sampled_from(("commercial", "office", "industrial")))
    return floor


@st.composite
def cases(draw):
    code = f"{draw(st.integers(1, 9))}-{draw(st.integers(1, 20))}-{draw(st.sampled_from(BLOCKS))}-7-0-0"
    date = f"{draw(st.sampled_from((1404, 1405)))}/{draw(st.integers(1, 12)):02d}/{draw(st.integers(1, 29)):02d}"
    case = {
        "renovation_code": draw(st.sampled_from((code, to_persian_digits(code)))),
        "date": date,
        "purpose": draw(st.sampled_from(("permit", "permit", "permit", "transfer"))),
        "land_area_m2": draw(number(4000)),
        "renovation_years": draw(number(10, whole=True)),
    }
    if case["purpose"] == "permit":
        case |= {
            "parking_provided": draw(number(8, whole=True)),
            "parking_required": draw(number(10, whole=True)),
            "parking_exemption": draw(st.sampled_from(("none", "restricted", "forbidden"))),
            "balcony_area_m2": draw(number(150)),
            "extra_floor_area_m2": draw(number(400)),
            "floors": draw(st.lists(floors(), min_size=1, max_size=5)),
        }
    return case


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_the_offline_preview_equals_the_sandbox_assessment_over_http(server, offline_books, case):
    parsed = parse_case(case)
    offline = select_book(offline_books, parsed.date).evaluate(parsed)
    remote = server.assess(case)
    assert remote.total_rials == offline.total_rials
    assert remote.document == json.loads(json.dumps(offline.to_json_dict(), ensure_ascii=False))

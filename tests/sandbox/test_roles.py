"""Roles, enforced by the sandbox on every endpoint: each operation of the live OpenAPI document, called by each demo
operator and by a client without a token, with a request that an operator of the right role gets a 2xx for.

The table ACCESS says who may call what; a new operation must be added to it (the test compares it with the
document). Expected: a public operation answers everyone 2xx; any other answers 401 without a token; a role-bound
one answers 403 to an operator without one of its roles, before anything else is looked at (an invalid body from
the wrong role is still 403). Every answer seen is documented for that operation.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from sandbox.city import DEMO_OWNER, DEMO_PARCEL
from sandbox.seed import DEMO_PASSWORD
from tests.sandbox.cashier_calls import ACCESS as CASHIER_ACCESS
from tests.sandbox.cashier_calls import cashier_call, is_cashier_operation

PREFIX = "/api/v1"
ROOT = Path(__file__).resolve().parents[2]
CASE = json.loads((ROOT / "examples" / "case-residential.json").read_text(encoding="utf-8"))
REQUEST = {"national_id": DEMO_OWNER, "applicant_name": "زهرا کریمی", "renovation_code": DEMO_PARCEL}
INQUIRY = {"type": "transfer", "renovation_code": DEMO_PARCEL, "parties": [{"role": "buyer", "name": "زهرا کریمی",
           "national_id": DEMO_OWNER}]}  # fmt: skip
CERTIFICATE = {"kind": "no-violation", "renovation_code": DEMO_PARCEL}  # the demo parcel is under construction
PDF_BASE64 = "JVBERi0xLjcKMSAwIG9iago8PD4+CmVuZG9iagolJUVPRgo="

OPERATORS: dict[str, dict[str, str]] = {
    "counter1": {"username": "counter1", "office_code": "PK-1001", "roles": "counter cashier"},
    "notary1": {"username": "notary1", "office_code": "NT-0042", "roles": "notary"},
    "reviewer1": {"username": "reviewer1", "office_code": "MUN-HMD", "roles": "reviewer"},
}
ANONYMOUS = "no token"
CALLERS = (*OPERATORS, ANONYMOUS)

PUBLIC = frozenset({"public"})  # anyone, no token needed
SIGNED_IN = frozenset({"signed in"})  # any operator with a valid token
ACCESS: dict[tuple[str, str], frozenset[str]] = {
    ("GET", "/health"): PUBLIC,
    ("POST", "/auth/token"): PUBLIC,
    ("POST", "/auth/refresh"): PUBLIC,  # the refresh token in the body is the credential
    ("POST", "/auth/revoke"): PUBLIC,  # likewise
    ("POST", "/auth/logout"): SIGNED_IN,
    ("POST", "/auth/reauthenticate"): SIGNED_IN,
    ("GET", "/me"): SIGNED_IN,
    ("GET", "/me/notes"): SIGNED_IN,
    ("POST", "/me/notes"): SIGNED_IN,
    ("GET", "/actions/{key}"): SIGNED_IN,  # the operator's own actions only
    ("GET", "/training/ledger"): SIGNED_IN,  # likewise
    ("GET", "/training/faults"): PUBLIC,  # counts of injected faults: no one's data
    ("GET", "/tariffs/current"): PUBLIC,  # a published council resolution, verified by its signature
    ("GET", "/tariffs/{code}/{version}"): PUBLIC,
    ("POST", "/assessments"): frozenset({"counter", "cashier", "reviewer"}),
    ("GET", "/parcels"): frozenset({"counter", "notary"}),
    ("GET", "/parcels/{renovation_code}"): frozenset({"counter", "notary"}),
    ("GET", "/permit-requests"): frozenset({"counter"}),
    ("GET", "/permit-requests/{request_id}"): frozenset({"counter"}),
    ("PUT", "/permit-requests/{request_id}"): frozenset({"counter"}),
    ("PUT", "/permit-requests/{request_id}/attachments/{attachment_id}"): frozenset({"counter"}),
    ("POST", "/permit-requests/{request_id}/submit"): frozenset({"counter"}),
    ("POST", "/review/permit-requests/{request_id}"): frozenset({"reviewer"}),
    ("GET", "/inquiries"): frozenset({"notary"}),
    ("GET", "/inquiries/{inquiry_id}"): frozenset({"notary"}),
    ("PUT", "/inquiries/{inquiry_id}"): frozenset({"notary"}),
    ("GET", "/certificates/{certificate_id}"): frozenset({"notary"}),
    ("PUT", "/certificates/{certificate_id}"): frozenset({"notary"}),
    ("GET", "/documents/{number}"): SIGNED_IN,  # a document a citizen brings, compared by any desk
    ("GET", "/keys"): PUBLIC,  # the trust list: refreshed before anyone signs in
    ("GET", "/revocations"): PUBLIC,  # signed; checked against the trust list
    **CASHIER_ACCESS,  # bills, cashier sessions, payments, the day list: the cashier role only
}


def expected_class(access: frozenset[str], caller: str) -> str:
    if access == PUBLIC:
        return "2xx"
    if caller == ANONYMOUS:
        return "401"
    if access == SIGNED_IN or access & set(OPERATORS[caller]["roles"].split()):
        return "2xx"
    return "403"


def answer_class(status: int) -> str:
    return "2xx" if 200 <= status < 300 else str(status)


@dataclass
class Call:
    path: str
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


class World:
    """A fresh sandbox and its operators' tokens; makes what a call needs to exist (a request, an action, ...)."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.tokens = {name: self.sign_in(name) for name in OPERATORS}

    def sign_in(self, name: str) -> dict[str, str]:
        operator = OPERATORS[name]
        body = {
            "username": operator["username"],
            "password": DEMO_PASSWORD,
            "office_code": operator["office_code"],
            "terminal_id": "roles-test",
        }
        response = self.client.post(f"{PREFIX}/auth/token", json=body)
        assert response.status_code == 200, response.text
        tokens: dict[str, str] = response.json()
        return tokens

    def bearer(self, caller: str, *, fresh: bool = False) -> dict[str, str]:
        if caller == ANONYMOUS:
            return {}
        token = self.sign_in(caller) if fresh else self.tokens[caller]
        return {"Authorization": f"Bearer {token['access_token']}"}

    def send(self, method: str, path: str, caller: str = "counter1", body: Any = None) -> Any:
        headers = {**self.bearer(caller), "Idempotency-Key": str(uuid.uuid4())}
        response = self.client.request(method, PREFIX + path, headers=headers, json=body)
        assert response.status_code < 300, response.text
        return response.json()

    def draft(self) -> str:
        rid = str(uuid.uuid4())
        self.send("PUT", f"/permit-requests/{rid}", body=REQUEST)
        return rid

    def submitted(self) -> str:
        rid = self.draft()
        self.send("POST", f"/permit-requests/{rid}/submit")
        return rid

    def call(self, method: str, template: str, caller: str) -> Call:
        """A request for the operation that an operator allowed to call it gets a 2xx for."""
        me = caller if caller != ANONYMOUS else "counter1"
        if template == "/auth/token":
            operator = OPERATORS[me]
            return Call(
                template,
                {
                    "username": operator["username"],
                    "password": DEMO_PASSWORD,
                    "office_code": operator["office_code"],
                    "terminal_id": "roles-test",
                },
            )
        if template in ("/auth/refresh", "/auth/revoke"):
            return Call(template, {"refresh_token": self.sign_in(me)["refresh_token"]})
        if template == "/auth/reauthenticate":
            return Call(template, {"password": DEMO_PASSWORD})
        if template == "/me/notes" and method == "POST":
            return Call(template, {"text": "تحویل شیفت"})
        if template == "/actions/{key}":
            key = str(uuid.uuid4())
            if caller != ANONYMOUS:  # an action of the caller's own
                headers = {**self.bearer(caller), "Idempotency-Key": key}
                noted = self.client.post(f"{PREFIX}/me/notes", headers=headers, json={"text": "یادداشت"})
                assert noted.status_code == 201, noted.text
            return Call(f"/actions/{key}")
        if template == "/tariffs/{code}/{version}":
            current = self.client.get(f"{PREFIX}/tariffs/current").json()
            return Call(f"/tariffs/{current['code']}/{current['version']}")
        if template == "/assessments":
            return Call(template, CASE)
        if template == "/parcels/{renovation_code}":
            return Call(f"/parcels/{DEMO_PARCEL}")
        if template == "/parcels":
            return Call(f"/parcels?renovation_code={DEMO_PARCEL}")
        if template == "/permit-requests/{request_id}":
            return Call(f"/permit-requests/{self.draft() if method == 'GET' else uuid.uuid4()}", REQUEST)
        if template == "/permit-requests/{request_id}/attachments/{attachment_id}":
            body = {"kind": "deed", "filename": "deed.pdf", "media_type": "application/pdf"}
            return Call(
                f"/permit-requests/{self.draft()}/attachments/{uuid.uuid4()}", {**body, "content_base64": PDF_BASE64}
            )
        if template == "/permit-requests/{request_id}/submit":
            return Call(f"/permit-requests/{self.draft()}/submit")
        if template == "/review/permit-requests/{request_id}":
            return Call(f"/review/permit-requests/{self.submitted()}", {"to": "under_review"})
        if template in ("/inquiries/{inquiry_id}", "/certificates/{certificate_id}"):
            body = INQUIRY if template.startswith("/inquiries") else CERTIFICATE
            path = template.split("{")[0] + str(uuid.uuid4())
            if method == "GET":  # one of the notary office's own
                self.send("PUT", path, "notary1", body)
            return Call(path, body)
        if template == "/documents/{number}":
            record = self.send("PUT", f"/certificates/{uuid.uuid4()}", "notary1", CERTIFICATE)
            return Call(f"/documents/{record['document']['number']}")
        if is_cashier_operation(template):
            return Call(*cashier_call(self, method, template))
        assert "{" not in template, f"no request is made for {method} {template}: add it to World.call"
        return Call(template)


def _operations(client: Any) -> dict[tuple[str, str], dict[str, Any]]:
    document = client.get(f"{PREFIX}/openapi.json").json()
    return {
        (method.upper(), path.removeprefix(PREFIX)): operation
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    }


@pytest.fixture
def world(make_client) -> World:
    return World(make_client())


def test_the_table_names_every_operation_of_the_document(world):
    operations = _operations(world.client)
    assert set(operations) == set(ACCESS), "ACCESS must say who may call each operation"
    for key, operation in operations.items():
        assert bool(operation.get("security")) == (ACCESS[key] != PUBLIC), f"{key}: security as documented"
        if ACCESS[key] - PUBLIC - SIGNED_IN:
            assert "403" in operation["responses"], f"{key}: the 403 of a role-bound operation is documented"


@pytest.mark.parametrize("caller", CALLERS)
def test_every_operation_answers_each_caller_as_its_roles_allow(world, caller):
    operations = _operations(world.client)
    seen: list[str] = []
    wrong: list[str] = []
    for (method, template), operation in sorted(operations.items()):
        call = world.call(method, template, caller)
        fresh = template == "/auth/logout"  # a logout ends the session: it gets a session of its own
        headers = {**world.bearer(caller, fresh=fresh), **call.headers}
        if method in ("POST", "PUT") and template not in ("/auth/token", "/auth/refresh", "/auth/revoke"):
            headers["Idempotency-Key"] = str(uuid.uuid4())
        response = world.client.request(method, PREFIX + call.path, headers=headers, json=call.body)
        got, expected = answer_class(response.status_code), expected_class(ACCESS[(method, template)], caller)
        seen.append(f"{method} {template}: {response.status_code}")
        if got != expected:
            wrong.append(f"{method} {template}: expected {expected}, got {response.status_code} {response.text[:200]}")
        if str(response.status_code) not in operation["responses"]:
            documented = sorted(operation["responses"])
            wrong.append(f"{method} {template}: answered {response.status_code}, documented {documented}")
        if got in ("401", "403"):
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["status"] == response.status_code
    assert len(seen) == len(ACCESS)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("caller", "method", "path", "body"),
    [
        ("notary1", "PUT", f"/permit-requests/{uuid.UUID(int=1)}", {"national_id": 12}),
        ("reviewer1", "GET", "/parcels?page=0", None),
        ("counter1", "POST", f"/review/permit-requests/{uuid.UUID(int=2)}", {"to": "nowhere"}),
        ("notary1", "POST", "/assessments", {"renovation_code": 5}),
    ],
)
def test_the_wrong_role_is_refused_before_its_request_is_looked_at(world, caller, method, path, body):
    headers = {**world.bearer(caller), "Idempotency-Key": str(uuid.uuid4())}
    response = world.client.request(method, PREFIX + path, headers=headers, json=body)
    assert response.status_code == 403, response.text
    assert response.json()["type"].endswith("/forbidden")


def test_a_role_bound_operation_asks_for_a_token_before_anything_else(world):
    response = world.client.put(f"{PREFIX}/permit-requests/not-a-uuid", json={"national_id": 12})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")

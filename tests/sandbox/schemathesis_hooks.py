"""Hooks of the schemathesis run of tests/sandbox/test_schemathesis.py, loaded by the `schemathesis` command
(SCHEMATHESIS_HOOKS). They make it call the API as a real desk does: with real tokens, and one Idempotency-Key per
action. The sandbox's address comes in PISHKHAN_SCHEMATHESIS_URL.

- Every operation is called as counter1 (counter + cashier) with one session's access token, except:
  the review, which is the municipality's work, as reviewer1; inquiries and certificates, the notary's, as notary1;
  and the logout, which ends the session it is called with, on a session of its own each time (else every later call
  would be refused with 401 and test nothing).
- A generated Idempotency-Key that is a valid UUID is replaced by a new one for every call. A desk makes one key per
  action; the generator draws the same few UUIDs again for different bodies, which the server rightly answers with
  422 `idempotency-key-reused`. Keys that are not UUIDs, or left out, are sent as generated (the 400 is tested).
"""

from __future__ import annotations

import os
import re
import uuid
from typing import Any

import requests
import schemathesis

URL = os.environ.get("PISHKHAN_SCHEMATHESIS_URL", "")
PASSWORD = "pishkhan-demo"
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


def sign_in(username: str, office_code: str) -> str:
    body = {"username": username, "password": PASSWORD, "office_code": office_code, "terminal_id": "schemathesis"}
    response = requests.post(f"{URL}/api/v1/auth/token", json=body, timeout=30)
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


class _Bearer:
    username = "counter1"
    office_code = "PK-1001"

    def get(self, case: Any, context: Any) -> str:
        return sign_in(self.username, self.office_code)

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schemathesis.auth(refresh_interval=None).apply_to(path_regex=r"/auth/logout$")
class FreshSession(_Bearer):
    """A new session for each logout."""


@schemathesis.auth(refresh_interval=600).apply_to(path_regex=r"/review/")
class Reviewer(_Bearer):
    username = "reviewer1"
    office_code = "MUN-HMD"


@schemathesis.auth(refresh_interval=600).apply_to(path_regex=r"/(inquiries|certificates)")
class Notary(_Bearer):
    """The notary's own endpoints (counter1 only ever gets 403 there, as tests/sandbox/test_inquiries.py checks)."""

    username = "notary1"
    office_code = "NT-0042"


@schemathesis.auth(refresh_interval=600)
class Counter(_Bearer):
    """counter1's session for everything else (the run is shorter than the access token's life)."""


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    headers = case.headers
    if not isinstance(headers, dict):
        return
    for name, value in list(headers.items()):
        if name.lower() == "idempotency-key" and isinstance(value, str) and _UUID.match(value):
            headers[name] = str(uuid.uuid4())

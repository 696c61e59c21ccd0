"""Helpers of the permit-request tests against the real sandbox over loopback HTTP."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from sandbox.city import DEMO_OWNER, DEMO_PARCEL

API = "/api/v1"
PASSWORD = "pishkhan-demo"
COUNTER = ("counter1", "PK-1001")
REVIEWER = ("reviewer1", "MUN-HMD")
NOTARY = ("notary1", "NT-0042")
BUILDING: dict[str, Any] = {
    "parking_provided": 1,
    "parking_required": 2,
    "balcony_area_m2": 10,
    "floors": [
        {"level": 0, "use": "commercial", "area_m2": 90, "units": 1, "height_m": 4, "frontage_m": 9},
        {"level": 1, "use": "residential", "area_m2": 110, "units": 1},
        {"level": 2, "use": "residential", "area_m2": 110, "units": 1},
    ],
}
REQUEST: dict[str, Any] = {
    "national_id": DEMO_OWNER,
    "applicant_name": "رضا کریمی",
    "mobile": "09121234567",
    "renovation_code": DEMO_PARCEL,
    "building": BUILDING,
}


class Api:
    """One signed-in operator talking to a sandbox; every changing call carries a fresh Idempotency-Key."""

    def __init__(self, url: str, who: tuple[str, str]) -> None:
        self.url = url + API
        body = {"username": who[0], "password": PASSWORD, "office_code": who[1], "terminal_id": "desk-test"}
        response = requests.post(f"{self.url}/auth/token", json=body, timeout=30)
        assert response.status_code == 200, response.text
        self.headers = {"Authorization": f"Bearer {response.json()['access_token']}"}

    def get(self, path: str, **params: Any) -> requests.Response:
        return requests.get(self.url + path, headers=self.headers, params=params, timeout=30)

    def send(self, method: str, path: str, body: Any, key: str | None = None) -> requests.Response:
        headers = {**self.headers, "Idempotency-Key": key or str(uuid.uuid4())}
        return requests.request(method, self.url + path, headers=headers, json=body, timeout=60)

    def create(self, **changes: Any) -> requests.Response:
        return self.send("PUT", f"/permit-requests/{uuid.uuid4()}", {**REQUEST, **changes})

    def submitted(self, **changes: Any) -> dict[str, Any]:
        """A new request of this counter, submitted; its JSON."""
        created = self.create(**changes)
        assert created.status_code == 201, created.text
        response = self.send("POST", f"/permit-requests/{created.json()['id']}/submit", {})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def review(self, reference: str, to: str, key: str | None = None, **extra: Any) -> requests.Response:
        return self.send("POST", f"/review/permit-requests/{reference}", {"to": to, **extra}, key)


def statuses(request: dict[str, Any]) -> list[str]:
    return [change["status"] for change in request["history"]]

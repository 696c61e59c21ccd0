"""The contract between client and sandbox is the API: every call the client makes, and every action the outbox
sends (each builder of client_api/actions.py), exists in the OpenAPI document with that method and path."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import requests

from client_api import actions, cashier, inquiries

ROOT = Path(__file__).resolve().parents[2]
SENDERS = {"_send", "_call"}


def _client_calls() -> set[tuple[str, str]]:
    """(METHOD, path template) for each request the client code makes, path parameters as `{}`."""
    calls = set()
    for path in (ROOT / "client_api").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in SENDERS or len(node.args) < 2:
                continue
            method, target = node.args[0], node.args[1]
            if not (isinstance(method, ast.Constant) and isinstance(method.value, str)):
                continue
            if isinstance(target, ast.Constant) and isinstance(target.value, str):
                calls.add((method.value, target.value))
            elif isinstance(target, ast.JoinedStr):
                template = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in target.values)
                calls.add((method.value, template.split("?")[0]))  # a query string is not part of the path
    return calls


def _documented(url: str) -> set[tuple[str, str]]:
    document = requests.get(f"{url}/api/v1/openapi.json", timeout=5).json()
    documented = set()
    for path, operations in document["paths"].items():
        for method in operations:
            documented.add((method.upper(), re.sub(r"\{[^}]+\}", "{}", path.removeprefix("/api/v1"))))
    return documented


def test_the_client_calls_only_what_the_sandbox_documents(shared_sandbox):
    calls = _client_calls()
    assert {("POST", "/auth/token"), ("GET", "/me"), ("GET", "/permit-requests")} <= calls  # the scan finds them
    assert calls - _documented(shared_sandbox.url) == set()


RID, AID = "6f0c1e2a-8d3b-4c5e-9f7a-1b2c3d4e5f60", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
UUID_SEGMENT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
BUILT = {  # one call of every builder
    "note_action": lambda: actions.note_action("یادداشت"),
    "permit_create_action": lambda: actions.permit_create_action(
        RID, national_id="0012345679", applicant_name="زهرا کریمی", renovation_code="2-14-123-45-0-0"
    ),
    "permit_attachment_action": lambda: actions.permit_attachment_action(
        RID, AID, kind="deed", filename="deed.pdf", media_type="application/pdf", content=b"%PDF-1.7"
    ),
    "permit_submit_action": lambda: actions.permit_submit_action(RID, "2-14-123-45-0-0"),
    "inquiry_send_action": lambda: inquiries.inquiry_send_action(
        RID, inquiries.inquiry_body("transfer", parties=[inquiries.Party("buyer", "زهرا کریمی", "0012345679")])
    ),
    "certificate_request_action": lambda: inquiries.certificate_request_action(RID, "clearance", "2-14-123-45-0-0"),
    "cashier_open_action": lambda: cashier.cashier_open_action(RID, 1_000_000),
    "payment_action": lambda: cashier.payment_action(
        AID,
        cashier_session_id=RID,
        bills=[("10099146562", "874240065")],
        amount_rials=8_742_000,
        rrn="405900000001",
        trace="000001",
        card_mask="610433******1234",
        payer_name="رضا کریمی",
        payer_national_id="0012345679",
    ),
    "payment_void_action": lambda: cashier.payment_void_action(AID, "اشتباه"),
    "cashier_close_action": lambda: cashier.cashier_close_action(RID, counted_card_rials=0, counted_cash_rials=0),
}
BUILDER_MODULES = (actions, inquiries, cashier)


def test_every_action_builder_sends_a_documented_method_and_path(shared_sandbox):
    builders = {
        name
        for module in BUILDER_MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if name.endswith("_action") and function.__module__ == module.__name__
    }
    assert builders == set(BUILT)  # a new builder must be added here
    documented = _documented(shared_sandbox.url)
    sent = {name: build() for name, build in BUILT.items()}
    assert {action.kind for action in sent.values()} == set(actions.ACTION_KINDS)
    for name, action in sent.items():
        assert (action.method, UUID_SEGMENT.sub("{}", action.path)) in documented, name

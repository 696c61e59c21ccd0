"""The contract between client and sandbox is the API: every call the client makes exists in the OpenAPI document."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import requests

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
                calls.add((method.value, template))
    return calls


def test_the_client_calls_only_what_the_sandbox_documents(shared_sandbox):
    document = requests.get(f"{shared_sandbox.url}/api/v1/openapi.json", timeout=5).json()
    documented = set()
    for path, operations in document["paths"].items():
        for method in operations:
            documented.add((method.upper(), re.sub(r"\{[^}]+\}", "{}", path.removeprefix("/api/v1"))))
    calls = _client_calls()
    assert {("POST", "/auth/token"), ("GET", "/me")} <= calls  # the scan finds the calls
    assert calls - documented == set()

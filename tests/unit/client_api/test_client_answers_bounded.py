"""Item 12: a server's answer nested without end is a ProtocolError (or an unreadable problem), never a
RecursionError escaping into the caller; the same for a tariff book's signature file."""

from __future__ import annotations

import pytest
import requests

from client_api import errors
from client_api.actions import _problem_errors
from client_api.client import MunicipalClient
from client_api.transport import raise_for_problem
from fees import SignatureError, TrustList, verify_detached

DEEP = b"[" * 100_000 + b"]" * 100_000


def answer(status: int, body: bytes) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = body
    response.headers["Content-Type"] = "application/json"
    return response


def test_a_deeply_nested_answer_is_a_protocol_error():
    with pytest.raises(errors.ProtocolError):
        MunicipalClient._json(answer(200, DEEP))
    with pytest.raises(errors.ProtocolError):
        MunicipalClient._json(answer(200, b"[" * 100_000))


def test_a_deeply_nested_problem_is_still_the_error_of_its_status():
    with pytest.raises(errors.NotFoundError):
        raise_for_problem(answer(404, DEEP))
    assert _problem_errors(DEEP) == ({}, ())


def test_a_deeply_nested_signature_file_is_a_signature_error():
    with pytest.raises(SignatureError, match="not"):
        verify_detached(b"book", b"[" * 3000, TrustList.load(), "tariff", name="book.toml")

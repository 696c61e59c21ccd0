"""Fixtures of the fee tests; this folder goes on sys.path so the tests can share fees_helpers."""

import sys
from pathlib import Path

import pytest

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from fees import bundled_books, select_book  # noqa: E402


@pytest.fixture(scope="session")
def books():
    return bundled_books()


@pytest.fixture(scope="session")
def book_1404(books):
    return select_book(books, (1404, 6, 1))


@pytest.fixture(scope="session")
def book_1405(books):
    return select_book(books, (1405, 6, 1))

"""Fixtures of the fee tests. The checkout is put on sys.path because the project is not installed for tests."""

import sys
from pathlib import Path

import pytest

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

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

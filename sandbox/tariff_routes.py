"""Tariff books and assessments: the signed book the sandbox computes with, and the authoritative fees of a case.

- `GET /tariffs/current` and `GET /tariffs/{code}/{version}` are public: a tariff book is a published council
  resolution, and a counter must be able to refresh its offline copy before anyone signs in. The client trusts the
  book only after checking its detached signature against its own trust list; the transport proves nothing.
- `POST /assessments` needs a bearer token. It takes the case JSON of `pishkhan fees preview` and answers
  `fees.Assessment.to_json_dict()`, computed by the same `fees` module the desktop previews with, under the book in
  force on the case's date. It creates nothing, so it takes no Idempotency-Key.

The books: the bundled ones (resources/tariffs, verified as every bundled book is), and the one named by
`SandboxSettings.tariff_book` (`pishkhan sandbox --tariff-book FILE`), which then is the current book. Each is
served with a signature: `FILE.sig` when one lies beside a `--tariff-book` file (served as given, unchecked, so a
trainer or a test can show a client refusing a bad one), otherwise the sandbox's own signature with the public
training key, which the demo trust list trusts.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from cryptography.hazmat.primitives import serialization
from fastapi import APIRouter, Depends, FastAPI, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from civic.files import read_bounded
from civic.resources import resource_path
from fees import Assessment, TariffBook, TrustList, bundled_books, case_from_json, parse_book, select_book
from fees.book import MAX_BOOK_BYTES
from fees.errors import CaseError, EvaluationError, FeesError
from fees.signing import MAX_SIGNATURE_BYTES, load_private_key, sign_detached
from sandbox.auth import CurrentOperator
from sandbox.case_schema import CASE_SCHEMA
from sandbox.problems import BODY_FIELD, ProblemError, json_response
from sandbox.roles import CASHIER, COUNTER, REVIEWER, require_roles
from sandbox.routes import API_PREFIX, problems
from sandbox.settings import SandboxSettings

MAX_CASE_BYTES = 256 * 1024
BOOK_MEDIA_TYPE = "application/toml"

router = APIRouter(prefix=API_PREFIX)


class BookSignature(BaseModel):
    key_id: str = Field(description="The signing key, as named in the client's trust list.")
    signature: str = Field(description="Base64 of the Ed25519 signature over the exact bytes of the book.")


class SignedTariffBookOut(BaseModel):
    code: str
    version: str
    title: str
    title_en: str
    city: str
    sample: bool = Field(description="True for demo and training books.")
    effective_from: str = Field(description="Jalali YYYY/MM/DD, inclusive.")
    effective_to: str = Field(description="Jalali YYYY/MM/DD, inclusive.")
    sha256: str = Field(description="Hex SHA-256 of the book's bytes.")
    media_type: str
    content_base64: str = Field(description="The book file's exact bytes (TOML, UTF-8), base64.")
    signature: BookSignature


class AssessedBook(BaseModel):
    code: str
    version: str
    sha256: str


class AssessmentOut(BaseModel):
    book: AssessedBook
    lines: list[dict[str, Any]] = Field(description="One per applied item: code, title, formula, inputs, amount, …")
    total_rials: int


def _jalali(date: tuple[int, int, int]) -> str:
    return "{:04d}/{:02d}/{:02d}".format(*date)


@dataclass(frozen=True)
class ServedBook:
    book: TariffBook
    signature: BookSignature

    def to_json(self) -> dict[str, Any]:
        book = self.book
        return {
            "code": book.code,
            "version": book.version,
            "title": book.title,
            "title_en": book.title_en,
            "city": book.city,
            "sample": book.sample,
            "effective_from": _jalali(book.effective_from),
            "effective_to": _jalali(book.effective_to),
            "sha256": book.sha256,
            "media_type": BOOK_MEDIA_TYPE,
            "content_base64": base64.b64encode(book.data).decode("ascii"),
            "signature": self.signature.model_dump(),
        }


def _training_signature(data: bytes) -> BookSignature:
    private_key = load_private_key(resource_path("keys", "training-signing-key.pem").read_bytes())
    raw = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    trusted = TrustList.load().find_public_key(raw)
    key_id = trusted.key_id if trusted is not None else "pishkhan-training-1"
    return BookSignature.model_validate_json(sign_detached(data, private_key, key_id))


def load_served_book(path: Path) -> ServedBook:
    """A `--tariff-book` file, parsed and compiled (a broken book stops the sandbox from starting), with its
    signature: the `.sig` beside it as given, else the training key's. Raises OSError, FeesError or ValueError."""
    data = read_bounded(path, MAX_BOOK_BYTES)  # stat first: a 5 GB file or /dev/zero is never read
    book = parse_book(data, name=path.name)
    signature_path = path.with_name(path.name + ".sig")
    if signature_path.exists():
        try:
            signature = BookSignature.model_validate_json(read_bounded(signature_path, MAX_SIGNATURE_BYTES))
        except ValueError:
            raise ValueError(f"{signature_path.name} is not {{key_id, signature}} JSON") from None
    else:
        signature = _training_signature(data)
    return ServedBook(book, signature)


def tariff_book_problem(path: Path) -> str | None:
    """What is wrong with a `--tariff-book` file, in one line; None when the sandbox can serve it."""
    try:
        load_served_book(path)
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"
    except FeesError as exc:
        return exc.message("en")
    except ValueError as exc:
        return str(exc)
    return None


class TariffShelf:
    """The books the sandbox serves and computes with; `current` is the one `GET /tariffs/current` returns."""

    def __init__(self, books: list[ServedBook], current: ServedBook) -> None:
        self.current = current
        self.books = {(served.book.code, served.book.version): served for served in books}
        self._compiled = tuple(served.book for served in self.books.values())

    @classmethod
    def load(cls, tariff_book: Path | None) -> TariffShelf:
        served = [ServedBook(book, _training_signature(book.data)) for book in bundled_books()]
        if tariff_book is not None:
            current = load_served_book(Path(tariff_book))
            served = [s for s in served if (s.book.code, s.book.version) != (current.book.code, current.book.version)]
            served.append(current)
        else:
            current = max(served, key=lambda s: (s.book.effective_from, s.book.version))
        return cls(served, current)

    def find(self, code: str, version: str) -> ServedBook | None:
        return self.books.get((code, version))

    def assess(self, body: bytes) -> Assessment:
        """The case's assessment under the book in force on its date (the `fees` rule the desktop uses too)."""
        case = case_from_json(body)
        return select_book(self._compiled, case.date).evaluate(case)


def install_tariff_routes(app: FastAPI, settings: SandboxSettings) -> None:
    """Load the books (a broken `--tariff-book` raises here, before the sandbox serves) and add the routes."""
    app.state.tariffs = TariffShelf.load(settings.tariff_book)
    app.include_router(router)


def _shelf(request: Request) -> TariffShelf:
    shelf = request.app.state.tariffs
    assert isinstance(shelf, TariffShelf)
    return shelf


Shelf = Annotated[TariffShelf, Depends(_shelf)]


@router.get("/tariffs/current", response_model=SignedTariffBookOut, tags=["tariffs"])
def current_tariff_book(shelf: Shelf) -> Response:
    return json_response(200, shelf.current.to_json())


@router.get("/tariffs/{code}/{version}", response_model=SignedTariffBookOut, tags=["tariffs"], responses=problems(404))
def tariff_book(code: str, version: str, shelf: Shelf) -> Response:
    served = shelf.find(code, version)
    if served is None:
        raise ProblemError(404, "not-found", f"No tariff book {code} version {version} is served here.")
    return json_response(200, served.to_json())


@router.post(
    "/assessments",
    response_model=AssessmentOut,
    tags=["tariffs"],
    dependencies=[require_roles(COUNTER, CASHIER, REVIEWER)],
    responses=problems(401, 403, 413, 422),
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": CASE_SCHEMA}}}},
)
async def create_assessment(request: Request, operator: CurrentOperator, shelf: Shelf) -> Response:
    body = await request.body()
    if len(body) > MAX_CASE_BYTES:
        raise ProblemError(413, "case-too-large", f"A case is at most {MAX_CASE_BYTES} bytes.")
    try:
        assessment = shelf.assess(body)
    except CaseError as exc:
        raise ProblemError(
            422,
            "invalid-case",
            exc.message("en"),
            errors=[{"field": exc.field, "message": exc.reason_en}],
        ) from None
    except EvaluationError as exc:
        raise ProblemError(
            422, "not-computable", exc.message("en"), errors=[{"field": BODY_FIELD, "message": exc.reason}]
        ) from None
    return json_response(200, assessment.to_json_dict())

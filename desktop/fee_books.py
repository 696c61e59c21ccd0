"""The tariff books the fee preview may compute with: the bundled ones, and those downloaded from the server,
verified and cached. Qt-free, so it runs inside TaskRunner ops and in plain tests.

Why here: fetching is `client_api`'s job and verifying is `fees`' (the very check every bundled book passes), and
`client_api` may import only `civic`. So the client hands back the raw signed bytes, and this module, in `desktop`
(which may import both), joins the two. `fees` stays free of any network and `client_api` of any trust decision.

Trust: a book is used only after its detached signature verified against the installation's trust list
(resources/trust/keys.json) for the "tariff" purpose. A download is written to the cache only after it verified,
exactly as downloaded (`<code>-<version>.toml` and `.toml.sig`); a cached file is verified again every time it is
loaded, because a cache folder is not a trust anchor. A cached book replaces a bundled one of the same code and
version: it is the one the server computes with.

Which book: `fees.select_book` chooses among bundled + cached books by the case's date (the latest-starting book in
force, then the highest version), the same rule the server applies, so offline previews match the server's figures.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from civic import jsonsafe
from civic.files import write_atomically
from civic.keys import TRAINING_KEY_ID
from civic.text import to_persian_digits
from client_api import Health, SignedTariffBook
from fees import (
    BookError,
    FeesError,
    SignatureError,
    TariffBook,
    TrustList,
    bundled_books,
    load_book_file,
    load_signed_book,
)

log = logging.getLogger(__name__)

BUNDLED = "bundled"
CACHED = "cached"
DOWNLOADED = "downloaded"
DECIMAL_FA = "\u066b"  # «٫»


def book_name(code: str, version: str, city: str | None, lang: str) -> str:
    """A book as the operator names it: «همدان ۱۴۰۵٫۱» in Persian (the city, Persian digits, «٫»), "Hamedan 1405.1"
    in English. `city` is the book's own (a server's current book is named by a local book of the same code)."""
    if lang == "fa":
        return f"{city or code} {to_persian_digits(version.replace('.', DECIMAL_FA))}"
    return f"{code.title()} {version}"


def book_order(book: TariffBook | ServerBook) -> tuple[tuple[int, int, int], str]:
    """Newer sorts later: the order `fees.select_book` uses among books in force on a date."""
    return (book.effective_from, book.version)


@dataclass(frozen=True)
class LocalBooks:
    """The verified books on this machine; `source[sha256]` says where each came from (bundled, cached)."""

    books: tuple[TariffBook, ...]
    source: dict[str, str]
    rejected: tuple[FeesError, ...] = ()  # cached files that failed verification (skipped)

    def newest(self) -> TariffBook | None:
        return max(self.books, key=book_order, default=None)


@dataclass(frozen=True)
class ServerBook:
    """What the server said its current book is, and whether its download verified (`problem` says why not)."""

    code: str
    version: str
    effective_from: tuple[int, int, int]
    effective_to: tuple[int, int, int]
    sha256: str
    problem: FeesError | None = None

    @property
    def label(self) -> str:
        return f"{self.code} {self.version}"

    @property
    def verified(self) -> bool:
        return self.problem is None

    def newer_than(self, used: TariffBook, date: tuple[int, int, int]) -> bool:
        """True when this book is in force on `date` and newer than the book a preview used for that date."""
        in_force = self.effective_from <= date <= self.effective_to
        return in_force and self.sha256 != used.sha256 and book_order(self) > book_order(used)


@dataclass(frozen=True)
class Refresh:
    """The outcome of asking the server for its current book: what it serves, and the local books afterwards."""

    server: ServerBook
    local: LocalBooks


class _FetchesBooks(Protocol):
    def health(self) -> Health: ...

    def current_tariff_book(self) -> SignedTariffBook: ...


class TariffBookCache:
    """Verified downloaded books in a folder (normally `app_dirs().cache / "tariffs"`)."""

    def __init__(
        self,
        folder: Path,
        *,
        trust: TrustList | None = None,
        bundled: Callable[[], tuple[TariffBook, ...]] = bundled_books,
    ) -> None:
        self.folder = Path(folder)
        self._trust = trust
        self._bundled = bundled

    def trust(self) -> TrustList:
        if self._trust is None:
            self._trust = TrustList.load()
        return self._trust

    def cached_books(self) -> tuple[list[TariffBook], list[FeesError]]:
        books: list[TariffBook] = []
        rejected: list[FeesError] = []
        for path in sorted(self.folder.glob("*.toml")) if self.folder.is_dir() else []:
            try:
                books.append(load_book_file(path, trust=self.trust()))
            except FeesError as exc:
                log.warning("cached tariff book skipped: %s", exc.message("en"))
                rejected.append(exc)
        return books, rejected

    def load(self) -> LocalBooks:
        """Bundled + cached books, each verified; a cached book replaces a bundled one of the same code and version."""
        chosen: dict[tuple[str, str], TariffBook] = {}
        source: dict[str, str] = {}
        for book in self._bundled():
            chosen[(book.code, book.version)] = book
            source[book.sha256] = BUNDLED
        cached, rejected = self.cached_books()
        for book in cached:
            chosen[(book.code, book.version)] = book
            source.setdefault(book.sha256, CACHED)
        return LocalBooks(tuple(chosen.values()), source, tuple(rejected))

    def verify(self, download: SignedTariffBook, *, training_server: bool = False) -> TariffBook:
        """The downloaded book, verified against the trust list and compiled. Raises SignatureError / BookError.

        The training key's private half ships with the sandbox, so anyone can sign with it: a book it signed is
        taken only from a server that says it is a training server."""
        name = f"{download.code}-{download.version}.toml"
        if not training_server and _signing_key_id(download.signature) == TRAINING_KEY_ID:
            raise SignatureError(name, "signed with the training key, which only a training server may use")
        book = load_signed_book(download.data, download.signature, name=name, trust=self.trust())
        if (book.code, book.version) != (download.code, download.version):
            raise BookError(name, None, f"the signed book is {book.label}, not {download.label} as the server said")
        return book

    def store(self, download: SignedTariffBook) -> TariffBook:
        """Verify a download and, only if it verifies, cache it as downloaded. Raises SignatureError / BookError,
        or OSError when the cache folder cannot be written."""
        book = self.verify(download)
        self._write(download, book)
        return book

    def _write(self, download: SignedTariffBook, book: TariffBook) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # the signature first, the book last: a book file is never visible without the signature it was checked with
        write_atomically(self.folder / f"{book.code}-{book.version}.toml.sig", download.signature)
        write_atomically(self.folder / f"{book.code}-{book.version}.toml", download.data)

    def refresh(self, client: _FetchesBooks) -> Refresh:
        """Fetch the server's current book, verify and cache it, and reload the local books. Network and disk: run
        it off the UI thread. A download that does not verify is not cached; the refusal is in `server.problem`.
        Errors of the API (offline, timeout, …) propagate."""
        training_server = client.health().is_training
        download = client.current_tariff_book()
        problem: FeesError | None = None
        uncached: TariffBook | None = None
        try:
            book = self.verify(download, training_server=training_server)
        except FeesError as exc:
            log.warning("downloaded tariff book %s refused: %s", download.label, exc.message("en"))
            problem = exc
        else:
            try:
                self._write(download, book)
            except OSError as exc:  # a full or read-only disk: use the verified book for this session anyway
                log.warning("downloaded tariff book %s not cached: %s", download.label, exc)
                uncached = book
        server = ServerBook(
            download.code,
            download.version,
            download.effective_from,
            download.effective_to,
            download.sha256,
            problem,
        )
        local = self.load()
        if uncached is not None:
            books = {(b.code, b.version): b for b in local.books} | {(uncached.code, uncached.version): uncached}
            local = LocalBooks(tuple(books.values()), {**local.source, uncached.sha256: DOWNLOADED}, local.rejected)
        return Refresh(server, local)


def _signing_key_id(signature: bytes) -> str | None:
    """The key id a detached signature names (the signature itself is checked by fees)."""
    try:
        value = jsonsafe.loads(signature)
    except ValueError:
        return None
    key_id = value.get("key_id") if isinstance(value, dict) else None
    return key_id if isinstance(key_id, str) else None

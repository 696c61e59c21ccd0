"""What the requests page reads for one request, and the server's assessment set beside this desk's own preview.

Qt-free: `load_detail` runs inside a TaskRunner op (network, disk, the fee engine) and returns plain values.

The preview is computed the way the server computes its assessment (contract of issue 9): the request's building
completed by `fees.permit_case` with the parcel's land area and the day assessed, under the book in force on that
day among this desk's verified books (bundled, and those downloaded and cached; desktop/fee_books.py). A request not
assessed yet gets an estimate for today. Lines are matched by fee code and scope (the floor); a line only one side
has, or whose amounts differ, is a difference.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from civic.jalali import to_jalali
from client_api import errors
from client_api.parcels import Parcel
from client_api.permits import PermitRequest
from client_api.tariffs import ServerAssessment
from desktop.fee_books import LocalBooks
from fees import Assessment, FeesError, TariffBook, parse_case, permit_case, select_book


@dataclass(frozen=True)
class LineComparison:
    code: str
    scope: str
    title: str
    title_en: str
    server_rials: int | None  # None: the server has no such line (or no assessment)
    preview_rials: int | None  # None: the preview has no such line (or could not be computed)
    compared: bool  # both sides exist as assessments: a missing line counts as a difference

    @property
    def differs(self) -> bool:
        return self.compared and self.server_rials != self.preview_rials


@dataclass(frozen=True)
class FeeComparison:
    date: tuple[int, int, int]  # the Jalali day computed: the day assessed, or today for an estimate
    server: ServerAssessment | None
    preview: Assessment | None
    preview_book: TariffBook | None
    preview_source: str  # desktop.fee_books.BUNDLED or CACHED, "" without a preview
    preview_problem: BaseException | None
    lines: tuple[LineComparison, ...]

    @property
    def compared(self) -> bool:
        return self.server is not None and self.preview is not None

    @property
    def differs(self) -> bool:
        if not self.compared:
            return False
        assert self.server is not None and self.preview is not None
        return self.server.total_rials != self.preview.total_rials or any(line.differs for line in self.lines)

    @property
    def same_book(self) -> bool:
        return (
            self.server is not None
            and self.preview_book is not None
            and self.server.book_sha256 == self.preview_book.sha256
        )


@dataclass(frozen=True)
class RequestDetail:
    request: PermitRequest
    parcel: Parcel | None
    parcel_problem: BaseException | None  # why the parcel could not be read (offline, not found, …)
    fees: FeeComparison | None  # None: the request has no building to compute


class SharedBooks:
    """The desk's verified books, loaded once (disk and signature checks) by whichever worker asks first."""

    def __init__(self, load: Callable[[], LocalBooks]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._books: LocalBooks | None = None

    def get(self) -> LocalBooks:
        with self._lock:
            if self._books is None:
                self._books = self._load()
            return self._books

    def forget(self) -> None:
        """Read them again next time (the fee page may have cached a newer book meanwhile)."""
        with self._lock:
            self._books = None


def assessed_on(request: PermitRequest) -> dt.datetime | None:
    """When the request entered `assessed` (its latest entry), from its history."""
    moments = [change.at for change in request.history if change.status == "assessed"]
    return max(moments) if moments else None


def jalali_text(date: tuple[int, int, int]) -> str:
    return "{:04d}/{:02d}/{:02d}".format(*date)


def load_detail(client: Any, books: SharedBooks, request_id: str, *, now: dt.datetime | None = None) -> RequestDetail:
    """The request, its parcel and the fee comparison. API errors of the request itself propagate; the parcel's and
    the preview's are kept in the result, so the rest of the request is still shown."""
    request: PermitRequest = client.permit_request(request_id)
    parcel: Parcel | None = None
    parcel_problem: BaseException | None = None
    try:
        parcel = client.parcel(request.renovation_code)
    except errors.ApiError as exc:
        parcel_problem = exc
    fees = None
    if request.building is not None:
        fees = compare_fees(request, parcel, parcel_problem, books, now=now)
    return RequestDetail(request, parcel, parcel_problem, fees)


def compare_fees(
    request: PermitRequest,
    parcel: Parcel | None,
    parcel_problem: BaseException | None,
    books: SharedBooks,
    *,
    now: dt.datetime | None = None,
) -> FeeComparison:
    server = request.assessment
    when = assessed_on(request) if server is not None else None
    date = to_jalali(when if when is not None else (now or dt.datetime.now(dt.UTC)))
    preview: Assessment | None = None
    book: TariffBook | None = None
    source = ""
    problem: BaseException | None = parcel_problem
    if parcel is not None and request.building is not None:
        try:
            local = books.get()
            case = parse_case(
                permit_case(request.building, request.renovation_code, Decimal(parcel.land_area_m2), jalali_text(date))
            )
            book = select_book(local.books, case.date)
            source = local.source.get(book.sha256, "")
            preview = book.evaluate(case)
        except FeesError as exc:
            problem = exc
    return FeeComparison(date, server, preview, book, source, problem, _lines(server, preview))


def _lines(server: ServerAssessment | None, preview: Assessment | None) -> tuple[LineComparison, ...]:
    compared = server is not None and preview is not None
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    if server is not None:
        for line in server.document.get("lines", []):
            if not isinstance(line, dict):
                continue
            key = (str(line.get("code", "")), str(line.get("scope", "")))
            amount = line.get("amount_rials")
            rows[key] = {
                "title": str(line.get("title", "")),
                "title_en": str(line.get("title_en") or ""),
                "server": amount if isinstance(amount, int) and not isinstance(amount, bool) else None,
                "preview": None,
            }
    if preview is not None:
        for mine in preview.lines:
            key = (mine.code, mine.scope)
            row = rows.setdefault(
                key, {"title": mine.title, "title_en": mine.item.title_en or "", "server": None, "preview": None}
            )
            row["preview"] = mine.amount_rials
    return tuple(
        LineComparison(code, scope, row["title"], row["title_en"], row["server"], row["preview"], compared)
        for (code, scope), row in rows.items()
    )

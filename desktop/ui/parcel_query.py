"""What the operator typed (or a scanner typed) in the parcel search field, and the search itself.

One field takes all three keys a citizen brings to the counter; the shape says which it is:
- a renovation code «کد نوسازی» has six groups of digits joined by dashes (2-14-123-45-0-0; a scanner or a typist
  may use spaces or dots instead), the tariff book's own reading of it (`fees.fields.renovation_code`) decides;
- a postal code is ten digits, written whole or as two groups of five (65178-34567);
- a registration plate «پلاک ثبتی» is main/sub (1234/56).
Persian and Arabic-Indic digits are read as well as ASCII ones, and the letter forms and invisible marks a Persian
keyboard adds are dropped first (`civic.text.normalize_text`).

`find_parcels` is the op the page runs on a worker thread: it touches no widget and returns plain values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from civic.text import normalize_text
from client_api import MunicipalClient
from client_api.errors import NotFoundError
from client_api.parcels import Parcel, ParcelSummary
from desktop.formatting import code, current_language, digits
from fees.errors import CaseError
from fees.fields import renovation_code

RENOVATION_CODE, POSTAL_CODE, PLATE = "renovation_code", "postal_code", "plate"
KINDS = (RENOVATION_CODE, POSTAL_CODE, PLATE)
MATCHES_PAGE_SIZE = 50
EXAMPLES = ("2-14-123-45-0-0", "6517834567", "1234/56")  # one of each key, for the operator's messages

_PLATE = re.compile(r"([0-9]{1,6})\s*[/\\\u2215\u2044]\s*([0-9]{1,6})", re.ASCII)
_GROUP_SEPARATORS = re.compile(r"[\s\-_.,\u2010-\u2015\u2212\u066b\u066c]+")
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


class QueryError(ValueError):
    """The text is not a key the search understands; `message` is the operator's sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ParcelQuery:
    kind: str  # one of KINDS
    value: str  # canonical: «2-14-123-45-0-0», «6517834567», «1234/56»


def kind_name(kind: str) -> str:
    """The key's name as the operator says it."""
    names = {
        RENOVATION_CODE: QCoreApplication.translate("ParcelSearch", "کد نوسازی"),
        POSTAL_CODE: QCoreApplication.translate("ParcelSearch", "کد پستی"),
        PLATE: QCoreApplication.translate("ParcelSearch", "پلاک ثبتی"),
    }
    return names[kind]


def recognise(text: str) -> ParcelQuery:
    """The key `text` holds, in canonical form; QueryError with the reason when it holds none."""
    typed = normalize_text(text)
    if not typed:
        raise QueryError(
            QCoreApplication.translate("ParcelSearch", "کد نوسازی، کد پستی یا پلاک ثبتی ملک را وارد یا اسکن کنید.")
        )
    plate = _PLATE.fullmatch(typed)
    if plate is not None:
        return ParcelQuery(PLATE, f"{plate[1]}/{plate[2]}")
    if re.search(r"[/\\\u2215\u2044]", typed):
        raise QueryError(
            QCoreApplication.translate("ParcelSearch", "پلاک ثبتی به شکل اصلی/فرعی است، مانند {plate}.").format(
                plate=code(EXAMPLES[2])
            )
        )
    groups = [group for group in _GROUP_SEPARATORS.split(typed) if group]
    if not groups or not all(_DIGITS.fullmatch(group) for group in groups):
        examples = ("، " if current_language() == "fa" else ", ").join(code(example) for example in EXAMPLES)
        sentence = QCoreApplication.translate(
            "ParcelSearch", "«{text}» کد نوسازی، کد پستی یا پلاک ثبتی نیست. نمونه‌ها: {examples}"
        )
        raise QueryError(sentence.format(text=f"\u2068{text.strip()}\u2069", examples=examples))
    if len(groups) <= 2:
        joined = "".join(groups)
        if len(joined) == 10:
            return ParcelQuery(POSTAL_CODE, joined)
        if len(groups) == 1:
            raise QueryError(
                QCoreApplication.translate("ParcelSearch", "کد پستی ده رقم است؛ {count} رقم وارد شد.").format(
                    count=digits(len(joined))
                )
            )
    if len(groups) < 3:
        raise QueryError(
            QCoreApplication.translate("ParcelSearch", "این عدد کد پستی (ده رقم) یا کد نوسازی (شش بخش) نیست.")
        )
    try:
        canonical = renovation_code("-".join(groups))[0]
    except CaseError:
        sentence = QCoreApplication.translate(
            "ParcelSearch", "کد نوسازی شش بخش دارد: منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان، مانند {example}."
        )
        raise QueryError(sentence.format(example=code(EXAMPLES[0]))) from None
    return ParcelQuery(RENOVATION_CODE, canonical)


@dataclass(frozen=True)
class SearchResult:
    """What one search found: one parcel in full, or the summaries to choose from, or nothing."""

    query: ParcelQuery
    parcel: Parcel | None = None
    matches: tuple[ParcelSummary, ...] = ()
    total: int = 0  # how many parcels match (more than `matches` when the answer was paged)

    @property
    def found_nothing(self) -> bool:
        return self.parcel is None and not self.matches


def find_parcels(client: MunicipalClient, query: ParcelQuery) -> SearchResult:
    """The op of a search, on a worker thread: the parcel itself when one matches, else the list of matches."""
    if query.kind == RENOVATION_CODE:
        try:
            parcel = client.parcel(query.value)
        except NotFoundError:
            return SearchResult(query)
        return SearchResult(query, parcel=parcel, total=1)
    if query.kind == POSTAL_CODE:
        page = client.parcels(postal_code=query.value, page_size=MATCHES_PAGE_SIZE)
    else:
        page = client.parcels(plate=query.value, page_size=MATCHES_PAGE_SIZE)
    if len(page.items) == 1 and page.total == 1:
        return SearchResult(query, parcel=client.parcel(page.items[0].renovation_code), total=1)
    return SearchResult(query, matches=tuple(page.items), total=page.total)


def load_parcel(client: MunicipalClient, query: ParcelQuery, renovation_code_: str) -> SearchResult:
    """The op after the operator chose one of several matches."""
    return SearchResult(query, parcel=client.parcel(renovation_code_), total=1)

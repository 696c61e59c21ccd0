"""The verification page's online side: refreshing the kept trust list and revocation list from the municipality,
fetching a document's record by its number, and the sentence that says how old the kept lists are.

`refresh_lists` and `fetch_record` wait on the network: the page runs them on a worker thread (desktop.tasks). They
take and return plain values and never touch a widget.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from civic.keys import TrustListError
from civic.revocation import Revocation, RevocationListError
from civic.seal import SealPayload, content_digest
from civic.trust_cache import CachedLists, TrustCache
from client_api.client import MunicipalClient
from client_api.errors import NotFoundError
from client_api.inquiries import IssuedDoc, document, revocations_json, trust_list_json
from desktop.formatting import code, digits
from desktop.messages import operator_message
from desktop.ui.verify_result import (
    RECORD_DIFFERS,
    RECORD_MATCHES,
    RECORD_MISSING,
    age_text,
    jalali_time,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refreshed:
    lists: CachedLists
    trust_error: Exception | None = None  # the server's trust list could not be fetched or read
    revocations_error: Exception | None = None  # the revocation list could not be fetched, read or kept


def refresh_lists(client: MunicipalClient, cache: TrustCache, now: dt.datetime) -> Refreshed:
    """Fetch both lists and keep what is genuine; each fails on its own and the kept one stays (worker thread)."""
    trust_error: Exception | None = None
    revocations_error: Exception | None = None
    try:
        cache.keep_trust_list(trust_list_json(client), now)
    except Exception as exc:  # an API error, an unreadable list, a full disk: reported on the page
        trust_error = exc
    try:
        cache.keep_revocations(revocations_json(client))
    except Exception as exc:
        revocations_error = exc
    return Refreshed(cache.load(), trust_error, revocations_error)


def refresh_problem(exc: BaseException) -> str:
    """The operator's sentence for a list the municipality sent that was not kept, or any other failure."""
    if isinstance(exc, RevocationListError):
        log.warning("the revocation list from the server was refused: %s", exc.reason)
        if exc.code == "older":
            return QCoreApplication.translate(
                "VerifyLists", "فهرست اسناد باطل‌شده‌ای که رسید از فهرست نگه‌داشته‌شده کهنه‌تر است و کنار گذاشته شد."
            )
        return QCoreApplication.translate(
            "VerifyLists", "فهرست اسناد باطل‌شده‌ای که رسید امضای معتبر ندارد و پذیرفته نشد؛ به پشتیبانی خبر دهید."
        )
    if isinstance(exc, TrustListError):
        log.warning("the trust list from the server is unreadable: %s", exc.reason)
        return QCoreApplication.translate(
            "VerifyLists", "فهرست کلیدهای شهرداری خوانده نشد؛ کلیدهای همراه برنامه به کار می‌روند."
        )
    return operator_message(exc)


@dataclass(frozen=True)
class RecordComparison:
    state: str  # RECORD_MATCHES, RECORD_DIFFERS or RECORD_MISSING
    revocation: Revocation | None = None  # the record says the document is revoked


def fetch_record(client: MunicipalClient, payload: SealPayload) -> RecordComparison:
    """The municipality's record of the seal's document, compared with the seal (worker thread)."""
    try:
        record = document(client, payload.number)
    except NotFoundError:
        return RecordComparison(RECORD_MISSING)
    return compare_record(record, payload)


def compare_record(record: IssuedDoc, payload: SealPayload) -> RecordComparison:
    """Equal when the record is of the same number and kind and its content hashes to the seal's digest."""
    same = (
        record.number == payload.number
        and record.kind == payload.kind
        and record.expires == payload.expires
        and content_digest(record.content) == payload.content_sha256
    )
    revocation = None
    if record.revoked is not None:
        revocation = Revocation(record.number, record.revoked.at.astimezone(dt.UTC), record.revoked.reason)
    return RecordComparison(RECORD_MATCHES if same else RECORD_DIFFERS, revocation if same else None)


def lists_note(lists: CachedLists, now: dt.datetime) -> str:
    """How old the kept lists are, what the server's trust list said, and what that means for a check."""
    trust = lists.trust
    parts = [
        QCoreApplication.translate("VerifyLists", "کلیدهای معتبر: همراه برنامه ({count} کلید).").format(
            count=digits(len(trust.keys))
        )
    ]
    compared = lists.trust_comparison
    if compared is None:
        parts.append(QCoreApplication.translate("VerifyLists", "هنوز با فهرست کلیدهای شهرداری مقایسه نشده است."))
    elif compared.matches:
        parts.append(
            QCoreApplication.translate(
                "VerifyLists", "فهرست کلیدهای شهرداری {age} پیش با آن مقایسه شد و یکی است."
            ).format(age=age_text(now - compared.checked_at))
        )
    else:
        keys = "، ".join(code(key_id) for key_id in (*compared.added, *compared.changed, *compared.missing))
        parts.append(
            QCoreApplication.translate(
                "VerifyLists",
                "فهرست کلیدهای شهرداری ({age} پیش) با فهرست این برنامه فرق دارد ({keys})؛ کلیدی که فقط شهرداری "
                "فهرست کرده پذیرفته نمی‌شود و اسناد آن «صادرکننده ناشناخته» خوانده می‌شوند. برنامه را به‌روز کنید.",
            ).format(age=age_text(now - compared.checked_at), keys=keys)
        )
    listed = lists.revocations
    if listed is None:
        parts.append(
            QCoreApplication.translate(
                "VerifyLists", "فهرست اسناد باطل‌شده روی این رایانه نیست؛ باطل شدن اسناد بررسی نمی‌شود."
            )
            if lists.revocations_problem is None
            else QCoreApplication.translate(
                "VerifyLists", "فهرست اسناد باطل‌شده نگه‌داشته‌شده خراب است و پذیرفته نشد؛ باطل شدن اسناد بررسی نمی‌شود."
            )
        )
    elif listed.is_stale(now):
        parts.append(
            QCoreApplication.translate(
                "VerifyLists",
                "فهرست اسناد باطل‌شده {age} پیش صادر شده ({when}) و از بیشینه اعتبار خود ({max}) کهنه‌تر است؛ "
                "درباره باطل شدن اسناد نمی‌توان نظر داد.",
            ).format(age=age_text(listed.age(now)), when=jalali_time(listed.issued_at), max=age_text(listed.max_age))
        )
    else:
        parts.append(
            QCoreApplication.translate(
                "VerifyLists", "فهرست اسناد باطل‌شده: صادرشده {age} پیش ({when})، {count} سند باطل‌شده."
            ).format(
                age=age_text(listed.age(now)), when=jalali_time(listed.issued_at), count=digits(len(listed.entries))
            )
        )
    return " ".join(parts)

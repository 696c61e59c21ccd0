"""`pishkhan verify TEXT|- [--date JALALI] [--lang fa|en] [--trust FILE] [--revocations FILE]`: a document's seal
checked on this machine, with no network, the same way as the verification page (civic.verification).

Exit status 0: genuine and valid (the signed fields follow, one a line). 1: not valid — forged, unknown issuer, not
a seal, expired, revoked, or genuine but whether it was revoked cannot be told (no revocation list, or one older
than its maximum age) — one line on stderr saying why. 2: bad input, one line on stderr naming the option.

The keys trusted are the bundled trust list (or --trust FILE), never one fetched from a server. The revocation list
is --revocations FILE, else the one the verification page keeps in the operator's config folder, if any.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from civic.cli import OneLineParser, fail, parse_or_status
from civic.errors import CivicValueError
from civic.files import read_bounded
from civic.jalali import format_jalali_date, format_jalali_datetime, parse_jalali_date
from civic.keys import TrustList, TrustListError
from civic.money import format_rials, rials_in_words
from civic.revocation import MAX_LIST_BYTES, RevocationList, RevocationListError, read_revocation_list
from civic.text import normalize_digits, to_persian_digits
from civic.trust_cache import TrustCache
from civic.verification import (
    DAMAGED,
    EXPIRED,
    FORGED,
    GENUINE,
    LIST_MISSING,
    REVOKED,
    UNCONFIRMED,
    UNKNOWN_ISSUER,
    DocumentCheck,
    check_document,
)

NOT_VALID = 1
MAX_SEAL_CHARS = 64 * 1024  # a seal is a few hundred characters; anything near this is not one
FIRST_GREGORIAN_LOOKING_YEAR = 1700  # Jalali years in use are 13xx-14xx; 1700 and later is a Gregorian date

# (Persian, English) of every line this command writes
_TEXT = {
    "genuine": ("اصیل: {kind} {number}", "genuine: {kind} {number}"),
    "signed_by": ("کلید امضا: {key}", "signed by: {key}"),
    "issued": ("تاریخ صدور: {date}", "issued: {date}"),
    "expires": ("تاریخ انقضا: {date}", "expires: {date}"),
    "never": ("بدون تاریخ انقضا", "never"),
    "holder": ("دارنده: {holder}", "holder: {holder}"),
    "amount": ("مبلغ: {amount} ریال ({words})", "amount: {amount} rials"),
    "no_amount": ("مبلغ: ندارد", "amount: none"),
    "content": ("چکیده محتوا: {digest}", "content sha-256: {digest}"),
    "not_revoked": (
        "باطل نشده است (فهرست اسناد باطل‌شده {when}، {age} پیش)",
        "not revoked (revocation list of {when}, {age} old)",
    ),
    "training": (
        "سند آموزشی: برای هیچ کار واقعی اعتبار ندارد",
        "TRAINING document (آموزشی): not valid for any real transaction",
    ),
    "expired": (
        "نامعتبر: سند {number} اصیل است اما اعتبار آن در {date} پایان یافته است",
        "NOT VALID: genuine but expired on {date} ({number})",
    ),
    "revoked": (
        "نامعتبر: سند {number} در {date} باطل شده است؛ علت: {reason}",
        "NOT VALID: {number} was revoked on {date}; reason: {reason}",
    ),
    "missing": (
        "تأیید نشد: امضای سند {number} اصیل است، اما باطل نشدن آن بررسی نشد: فهرست اسناد باطل‌شده در دسترس نیست "
        "(--revocations FILE بدهید یا صفحه بررسی اصالت را یک بار با اتصال باز کنید)",
        "NOT CONFIRMED: {number} has a genuine signature, but whether it was revoked could not be checked: no "
        "revocation list (give --revocations FILE, or open the verification page once online)",
    ),
    "stale": (
        "تأیید نشد: امضای سند {number} اصیل است، اما معلوم نیست باطل شده یا نه: فهرست اسناد باطل‌شده {age} پیش "
        "صادر شده و از بیشینه اعتبار خود ({max_age}) کهنه‌تر است",
        "NOT CONFIRMED: {number} has a genuine signature, but whether it was revoked cannot be told: the revocation "
        "list is {age} old, older than its maximum age of {max_age}",
    ),
    "forged": (
        "جعلی: امضای سند با محتوای آن نمی‌خواند؛ سند پس از صدور تغییر کرده یا جعل شده است",
        "NOT GENUINE: the signature does not match the content: the document was altered or forged",
    ),
    "unknown_issuer": (
        "صادرکننده ناشناخته: سند با کلید {key} امضا شده که در فهرست کلیدهای معتبر نیست",
        "NOT GENUINE: signed with the key {key}, which is not in the trust list",
    ),
    "damaged": (
        "مهر سند نیست: متن به مهر اسناد این سامانه می‌ماند اما ناقص یا ناخواناست؛ دوباره اسکن کنید",
        "NOT A SEAL: the text looks like a seal of this system but is cut short or misread; scan it again",
    ),
    "not_a_seal": (
        "مهر سند نیست: کد کیوآر اسناد این سامانه با PK1: آغاز می‌شود",
        "NOT A SEAL: the QR code of a document of this system starts with PK1:",
    ),
}
_PERSIAN_KINDS = {  # English shows the seal's own kind name
    "receipt": "رسید پرداخت",
    "clearance": "مفاصاحساب",
    "completion": "پایان کار",
    "no-violation": "عدم خلاف",
    "inquiry-reply": "پاسخ استعلام",
}
_UNITS = {"d": ("روز", "days"), "h": ("ساعت", "hours"), "m": ("دقیقه", "minutes")}


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="pishkhan verify", description="Check a document's seal (its QR code's text) offline.")
    parser.add_argument("text", metavar="TEXT", help="the seal text as a scanner types it, or - to read stdin")
    parser.add_argument("--date", metavar="JALALI", help="Jalali date to check on, e.g. 1405/09/11 (default: today)")
    parser.add_argument("--lang", choices=("fa", "en"), default="fa", help="language of the answer (default: fa)")
    parser.add_argument("--trust", type=Path, metavar="FILE", help="a trust list (default: the bundled one)")
    parser.add_argument("--revocations", type=Path, metavar="FILE", help="a signed revocation list")
    return parser


class GregorianDateError(ValueError):
    """A date given where a Jalali one is expected looks Gregorian (its year is 1700 or later)."""


def parse_check_date(text: str) -> dt.date:
    """The Gregorian date of a typed Jalali date; a Gregorian-looking one (year 1700 or later) is refused with
    GregorianDateError rather than read as a Jalali year, and a malformed one with CivicValueError."""
    year = normalize_digits(text.strip())[:4]
    if year.isdigit() and int(year) >= FIRST_GREGORIAN_LOOKING_YEAR:
        raise GregorianDateError(text)
    return parse_jalali_date(text)


def main(argv: list[str] | None = None, *, profile: Path | None = None) -> int:
    """Run `pishkhan verify` (arguments after the verb); `profile` is the operator's config folder, if any."""
    args = parse_or_status(_parser(), argv)
    if isinstance(args, int):
        return args
    prog = "pishkhan verify"
    today = None
    if args.date is not None:
        try:
            today = parse_check_date(args.date)
        except GregorianDateError:
            return fail(f"{prog}: --date: {args.date} looks like a Gregorian date; give the Jalali one (1405/09/11)")
        except CivicValueError as exc:
            return fail(f"{prog}: --date: {exc.message('en')}")
    text = args.text
    if text == "-":
        text = sys.stdin.read(MAX_SEAL_CHARS + 1)  # never more: stdin may be endless (/dev/zero)
    if len(text) > MAX_SEAL_CHARS:
        return fail(f"{prog}: TEXT: longer than {MAX_SEAL_CHARS} characters")
    if not text.strip():
        return fail(f"{prog}: TEXT: empty; give the seal text or - to read it from stdin")
    try:
        trust = TrustList.load(args.trust)
    except TrustListError as exc:
        return fail(f"{prog}: --trust: {exc.reason}")
    if args.revocations is not None:
        try:
            revocations: RevocationList | None = read_revocation_list(
                read_bounded(args.revocations, MAX_LIST_BYTES), trust
            )
        except OSError as exc:
            return fail(f"{prog}: --revocations: cannot read the file ({exc.strerror or exc})")
        except RevocationListError as exc:
            return fail(f"{prog}: --revocations: {exc.reason}")
    else:
        revocations = TrustCache(profile, trust).load().revocations if profile is not None else None
    now = dt.datetime.now(dt.UTC)
    check = check_document(text, trust, revocations, now=now, today=today)
    lang = 0 if args.lang == "fa" else 1
    if check.verdict != GENUINE:
        return fail(_why(check, lang, now), NOT_VALID)
    print("\n".join(_fields(check, trust, lang, now)))
    return 0


def _t(name: str, lang: int, **values: object) -> str:
    return _TEXT[name][lang].format(**values)


def _label(label: str, lang: int) -> str:
    """A key's label is "English / فارسی": each language shows its own part."""
    parts = [part.strip() for part in label.split(" / ")]
    return parts[-1] if lang == 0 else parts[0]


def _digits(text: str, lang: int) -> str:
    return to_persian_digits(text) if lang == 0 else text


def _date(day: dt.date, lang: int) -> str:
    jalali = format_jalali_date(day, persian_digits=lang == 0)
    return jalali if lang == 0 else f"{jalali} ({day.isoformat()})"


def _age(span: dt.timedelta, lang: int) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes >= 48 * 60:
        number, unit = minutes // (24 * 60), "d"
    elif minutes >= 60:
        number, unit = minutes // 60, "h"
    else:
        number, unit = minutes, "m"
    return _digits(str(number), lang) + " " + _UNITS[unit][lang]


def _why(check: DocumentCheck, lang: int, now: dt.datetime) -> str:
    payload = check.payload
    claimed = check.seal.claimed
    if check.verdict == REVOKED and payload is not None and check.revocation is not None:
        when = format_jalali_datetime(check.revocation.revoked_at, persian_digits=lang == 0)
        return _t("revoked", lang, number=payload.number, date=when, reason=check.revocation.reason or "—")
    if check.verdict == EXPIRED and payload is not None and payload.expires is not None:
        return _t("expired", lang, number=payload.number, date=_date(payload.expires, lang))
    if check.verdict == UNCONFIRMED and payload is not None:
        listed = check.revocations
        if check.revocation_check == LIST_MISSING or listed is None:
            return _t("missing", lang, number=payload.number)
        age, max_age = _age(listed.age(now), lang), _age(listed.max_age, lang)
        return _t("stale", lang, number=payload.number, age=age, max_age=max_age)
    if check.verdict == FORGED:
        return _t("forged", lang)
    if check.verdict == UNKNOWN_ISSUER:
        return _t("unknown_issuer", lang, key=claimed.key_id if claimed else "?")
    return _t("damaged" if check.verdict == DAMAGED else "not_a_seal", lang)


def _fields(check: DocumentCheck, trust: TrustList, lang: int, now: dt.datetime) -> list[str]:
    payload = check.payload
    assert payload is not None and check.revocations is not None
    key = trust.get(payload.key_id)
    amount = payload.amount_rials
    lines = [
        _t(
            "genuine",
            lang,
            kind=_PERSIAN_KINDS.get(payload.kind, payload.kind) if lang == 0 else payload.kind,
            number=payload.number,
        ),
        _t("signed_by", lang, key=payload.key_id + (f" ({_label(key.label, lang)})" if key and key.label else "")),
        _t("issued", lang, date=_date(payload.issued, lang)),
        _t("expires", lang, date=_date(payload.expires, lang) if payload.expires else _t("never", lang)),
        _t("holder", lang, holder=payload.holder or "—"),
        _t("amount", lang, amount=format_rials(amount, persian_digits=lang == 0), words=rials_in_words(amount))
        if amount
        else _t("no_amount", lang),
        _t("content", lang, digest=payload.content_sha256.hex()),
        _t(
            "not_revoked",
            lang,
            when=format_jalali_datetime(check.revocations.issued_at, persian_digits=lang == 0),
            age=_age(check.revocations.age(now), lang),
        ),
    ]
    if payload.training:
        lines.append(_t("training", lang))
    return lines

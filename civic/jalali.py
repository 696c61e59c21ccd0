"""Jalali (Solar Hijri) dates: parse what people type, show what they expect, store Gregorian dates and UTC instants.

The calendar arithmetic is jdatetime's; its leap-year rule (1403 has a 30th of Esfand) is pinned by tests because
libraries disagree on some years. Wall-clock dates are always Tehran's: an instant is converted before it is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import jdatetime

from civic.errors import CivicValueError
from civic.text import normalize_text, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")

# Year/month/day with one separator kind, optional spaces around it; the year must be written in full.
_DATE = re.compile(r"([0-9]{4})\s?([/-])\s?([0-9]{1,2})\s?\2\s?([0-9]{1,2})", re.ASCII)


def _require_aware(instant: dt.datetime) -> dt.datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("naive datetime: pass an aware instant (we store UTC), not a wall-clock time")
    return instant


def _tehran_date(d: dt.date | dt.datetime) -> dt.date:
    """The calendar date a person in Tehran sees; an instant must carry its time zone."""
    if isinstance(d, dt.datetime):
        return _require_aware(d).astimezone(TEHRAN).date()
    if isinstance(d, dt.date):
        return d
    raise TypeError(f"expected date or datetime, got {type(d).__name__}")


def parse_jalali_date(s: str) -> dt.date:
    """Gregorian date of a typed Jalali date such as «۱۴۰۳/۱۲/۳۰» or "1403-2-5"."""
    m = _DATE.fullmatch(normalize_text(s))
    if m is None:
        raise CivicValueError("date", "format")
    year, month, day = int(m[1]), int(m[3]), int(m[4])
    try:
        return jdatetime.date(year, month, day).togregorian()
    except (ValueError, OverflowError):
        raise CivicValueError("date", "out_of_range") from None


def to_jalali(d: dt.date) -> tuple[int, int, int]:
    """(year, month, day) in the Jalali calendar; an aware datetime counts as its Tehran date."""
    j = jdatetime.date.fromgregorian(date=_tehran_date(d))
    return j.year, j.month, j.day


def _digits(text: str, persian_digits: bool) -> str:
    return to_persian_digits(text) if persian_digits else text


def format_jalali_date(d: dt.date | dt.datetime, *, persian_digits: bool = True) -> str:
    """Jalali date as YYYY/MM/DD, zero-padded; a naive datetime is refused rather than guessed."""
    y, m, day = to_jalali(d)
    return _digits(f"{y:04d}/{m:02d}/{day:02d}", persian_digits)


def format_jalali_datetime(instant: dt.datetime, *, persian_digits: bool = True) -> str:
    """Jalali YYYY/MM/DD HH:MM of an aware instant on Tehran's wall clock."""
    if not isinstance(instant, dt.datetime):
        raise TypeError(f"expected datetime, got {type(instant).__name__}")
    local = _require_aware(instant).astimezone(TEHRAN)
    return f"{format_jalali_date(local, persian_digits=persian_digits)} {_digits(f'{local:%H:%M}', persian_digits)}"


def today_jalali(now: dt.datetime | None = None) -> tuple[int, int, int]:
    """Today's Jalali date in Tehran; `now` (aware) lets tests and replays fix the clock."""
    if now is None:
        now = dt.datetime.now(dt.UTC)
    if not isinstance(now, dt.datetime):
        raise TypeError(f"expected datetime, got {type(now).__name__}")
    return to_jalali(_require_aware(now))

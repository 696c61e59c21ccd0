import datetime as dt

import jdatetime
import pytest

from civic.errors import CivicValueError
from civic.jalali import (
    TEHRAN,
    format_jalali_date,
    format_jalali_datetime,
    parse_jalali_date,
    to_jalali,
    today_jalali,
)


def _code(s):
    with pytest.raises(CivicValueError) as info:
        parse_jalali_date(s)
    return info.value.field, info.value.code


def test_pinned_library_knows_1403_is_leap():
    # Libraries disagree on 1403; the project relies on jdatetime saying Esfand 1403 has 30 days.
    assert jdatetime.date(1403, 12, 30).togregorian() == dt.date(2025, 3, 20)


def test_1403_12_30_exists():
    assert parse_jalali_date("1403/12/30") == dt.date(2025, 3, 20)


def test_1404_12_30_does_not_exist():
    assert _code("1404/12/30") == ("date", "out_of_range")


def test_nowruz_1405():
    assert parse_jalali_date("1405/01/01") == dt.date(2026, 3, 21)
    assert to_jalali(dt.date(2026, 3, 21)) == (1405, 1, 1)


@pytest.mark.parametrize(
    "typed",
    ["1403/12/30", "1403-12-30", "۱۴۰۳/۱۲/۳۰", "١٤٠٣/١٢/٣٠", " 1403 / 12 / 30 ", "\u200f۱۴۰۳/۱۲/۳۰"],
)
def test_parse_forms(typed):
    assert parse_jalali_date(typed) == dt.date(2025, 3, 20)


def test_parse_one_digit_month_and_day():
    assert parse_jalali_date("1403/1/5") == parse_jalali_date("1403/01/05") == dt.date(2024, 3, 24)


@pytest.mark.parametrize("typed", ["", "1403/12", "03/12/30", "1403/12-30", "1403.12.30", "1403/123/1", "abcd/1/1"])
def test_parse_format_errors(typed):
    assert _code(typed) == ("date", "format")


@pytest.mark.parametrize("typed", ["1403/13/01", "1403/00/10", "1403/07/31", "1403/01/32", "0000/01/01", "9999/01/01"])
def test_parse_out_of_range(typed):
    assert _code(typed) == ("date", "out_of_range")


def test_format_jalali_date():
    assert format_jalali_date(dt.date(2025, 3, 20)) == "۱۴۰۳/۱۲/۳۰"
    assert format_jalali_date(dt.date(2024, 3, 24), persian_digits=False) == "1403/01/05"


def test_utc_instant_is_already_nowruz_in_tehran():
    # Iran dropped DST in 2022: Tehran is UTC+03:30 all year, so 21:00Z on 20 March is 00:30 on 1 Farvardin.
    instant = dt.datetime(2026, 3, 20, 21, 0, tzinfo=dt.UTC)
    assert instant.astimezone(TEHRAN).utcoffset() == dt.timedelta(hours=3, minutes=30)
    assert to_jalali(instant) == (1405, 1, 1)
    assert format_jalali_date(instant, persian_digits=False) == "1405/01/01"
    assert format_jalali_datetime(instant, persian_digits=False) == "1405/01/01 00:30"
    assert today_jalali(instant) == (1405, 1, 1)
    assert today_jalali(instant - dt.timedelta(minutes=31)) == (1404, 12, 29)


def test_no_dst_in_summer():
    summer = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
    assert summer.astimezone(TEHRAN).utcoffset() == dt.timedelta(hours=3, minutes=30)


def test_format_jalali_datetime_persian_digits():
    instant = dt.datetime(2026, 11, 29, 10, 35, tzinfo=dt.UTC)
    assert format_jalali_datetime(instant) == "۱۴۰۵/۰۹/۰۸ ۱۴:۰۵"


def test_naive_datetimes_rejected():
    naive = dt.datetime(2026, 3, 20, 21, 0)
    with pytest.raises(ValueError):
        format_jalali_date(naive)
    with pytest.raises(ValueError):
        format_jalali_datetime(naive)
    with pytest.raises(ValueError):
        today_jalali(naive)
    with pytest.raises(ValueError):
        to_jalali(naive)


def test_wrong_types_rejected():
    with pytest.raises(TypeError):
        format_jalali_datetime(dt.date(2026, 3, 20))
    with pytest.raises(TypeError):
        to_jalali("1403/12/30")
    with pytest.raises(TypeError):
        parse_jalali_date(14031230)


def test_today_jalali_defaults_to_now():
    y, m, d = today_jalali()
    assert y >= 1404 and 1 <= m <= 12 and 1 <= d <= 31


def test_round_trip_over_years():
    # Every day from 1399 to 1411 (several leap years, including 1403): Gregorian -> Jalali text -> Gregorian.
    start = dt.date(2020, 3, 1)
    for offset in range(0, 12 * 366):
        day = start + dt.timedelta(days=offset)
        assert parse_jalali_date(format_jalali_date(day)) == day
        assert parse_jalali_date(format_jalali_date(day, persian_digits=False)) == day

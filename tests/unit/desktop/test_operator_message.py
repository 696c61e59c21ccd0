"""One sentence for every error: each family in the operator's words, no raw field name ever, and an unexpected
error's traceback in the log file before its sentence says so."""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from civic.errors import CivicValueError
from client_api import errors
from desktop.app import configure_logging
from desktop.messages import error_message, operator_message
from fees.errors import BookError, CaseError, EvaluationError, NoBookError, SignatureError

UNEXPECTED = "خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات در گزارش برنامه ثبت شد."


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The application's real log configuration, writing into a temporary log folder."""
    handler = configure_logging(tmp_path / "log")
    yield tmp_path / "log" / "pishkhan.log"
    logging.getLogger().removeHandler(handler)
    handler.close()


def _raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:
        return caught


def test_api_errors_have_their_own_sentences():
    assert operator_message(errors.OfflineError("refused")) == (
        "اتصال به سامانه شهرداری برقرار نیست. اتصال شبکه را بررسی کنید."
    )
    assert "زمان مقرر" in operator_message(errors.RequestTimeoutError("slow"))
    assert "اجازه" in operator_message(errors.ForbiddenError("no", status=403))
    assert "دوباره وارد شوید" in operator_message(errors.SessionExpiredError())
    assert "با خطا" in operator_message(errors.ProtocolError("garbage", status=200))
    locked = errors.RateLimitedError(problem={"type": "/problems/too-many-sign-in-attempts"}, retry_after_s=125)
    assert "ورود این کاربر" in operator_message(locked) and "۳" in operator_message(locked)
    busy = errors.RateLimitedError(problem={"type": "/problems/slow-down"}, retry_after_s=30)
    assert "ورود" not in operator_message(busy)
    assert error_message is operator_message


def test_server_field_errors_are_named_by_the_forms_own_labels_never_by_their_keys():
    exc = errors.ValidationFailedError(
        "bad", status=422, field_errors=(errors.FieldError("text", "too long"), errors.FieldError("plate", "bad"))
    )
    labelled = operator_message(exc, {"text": "متن یادداشت"})
    assert "متن یادداشت" in labelled
    assert "text" not in labelled and "plate" not in labelled
    assert operator_message(exc) == "اطلاعات واردشده پذیرفته نشد."
    # a label function that answers with the raw name (a form's fallback) counts as no label
    assert operator_message(exc, lambda field: field) == "اطلاعات واردشده پذیرفته نشد."


def test_print_errors_speak_for_themselves(qapp):
    from desktop.print_service import NoPrinterError, PrinterMissingError

    assert operator_message(PrinterMissingError("Office A4")) == PrinterMissingError("Office A4").message()
    assert "هیچ چاپگری" in operator_message(NoPrinterError())


def test_fee_errors_name_the_field_by_its_label_and_never_show_english_reasons():
    case = CaseError("floors[1].area_m2", "نباید منفی باشد", "must not be negative")
    assert operator_message(case, {"floors[1].area_m2": "مساحت طبقه ۲"}) == "مساحت طبقه ۲: نباید منفی باشد"
    unlabelled = operator_message(case)
    assert "floors" not in unlabelled and "نباید منفی باشد" in unlabelled
    assert "دفترچه" in operator_message(NoBookError("1390/01/01", "hamedan 1405.1"))
    assert "hamedan" not in operator_message(NoBookError("1390/01/01", "hamedan 1405.1"))
    book = operator_message(BookError("/opt/books/hamedan-1405.toml", "B-12", "TOML syntax error"))
    assert "hamedan-1405.toml" in book and "TOML syntax" not in book and "/opt/books" not in book
    signature = operator_message(SignatureError("hamedan-1405.toml", "signed by key 'x', not in the trust list"))
    assert "امضا" in signature and "trust" not in signature
    assert "trust" not in operator_message(EvaluationError("hamedan 1405.1", "B-12", "division by zero"))


def test_civic_value_errors_use_their_own_names_or_the_forms_label():
    assert operator_message(CivicValueError("national_id", "checksum")) == ("کد ملی معتبر نیست (رقم کنترل نادرست است).")
    assert operator_message(CivicValueError("owner_code", "length", n=10), {"owner_code": "کد مالک"}) == (
        "کد مالک باید ۱۰ رقم باشد."
    )
    assert "owner_code" not in operator_message(CivicValueError("owner_code", "empty"))


def test_disk_errors_say_what_the_operator_can_do():
    full = OSError(errno.ENOSPC, "No space left on device")
    assert "پر است" in operator_message(full)
    denied = PermissionError(errno.EACCES, "Permission denied", "/srv/pishkhan/settings.json")
    assert "اجازه" in operator_message(denied) and "/srv/pishkhan/settings.json" in operator_message(denied)
    assert "فقط‌خواندنی" in operator_message(OSError(errno.EROFS, "Read-only file system"))


def test_an_unexpected_error_leaves_its_traceback_in_the_log_file_before_the_sentence(log_file):
    def deep_in_the_code() -> None:
        raise KeyError("the_missing_key")

    try:
        deep_in_the_code()
    except KeyError as exc:
        caught = exc
    assert operator_message(caught) == UNEXPECTED
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "deep_in_the_code" in logged and "the_missing_key" in logged
    operator_message(caught)  # shown a second time: logged once
    assert log_file.read_text(encoding="utf-8").count("the_missing_key") == logged.count("the_missing_key")


def test_an_expected_error_writes_no_traceback(log_file):
    operator_message(_raised(errors.OfflineError("refused")))
    operator_message(_raised(OSError(errno.ENOSPC, "No space left on device")))
    assert "Traceback" not in (log_file.read_text(encoding="utf-8") if log_file.exists() else "")


def test_the_log_file_never_receives_a_token_or_a_password(log_file):
    log = logging.getLogger("pishkhan.test")
    log.warning("sent %s", {"Authorization": "Bearer abc.DEF-123", "x": 1})
    log.warning('answer {"access_token": "s3cr3t-access", "refresh_token": "s3cr3t-refresh"}')
    log.warning("form username=counter1&password=hunter2&office=PK-1001")
    try:
        raise ValueError("token=leaked-in-a-traceback")
    except ValueError:
        log.exception("failed")
    logged = log_file.read_text(encoding="utf-8")
    for secret in ("abc.DEF-123", "s3cr3t-access", "s3cr3t-refresh", "hunter2", "leaked-in-a-traceback"):
        assert secret not in logged
    assert "counter1" in logged and "PK-1001" in logged  # what is not secret stays readable

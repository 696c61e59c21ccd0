import pickle

import pytest

from civic.errors import FIELD_NAMES, MESSAGES, CivicValueError


def test_is_a_value_error_with_field_and_code():
    err = CivicValueError("national_id", "length", n=10)
    assert isinstance(err, ValueError)
    assert err.field == "national_id"
    assert err.code == "length"


def test_messages_in_both_languages():
    err = CivicValueError("national_id", "length", n=10)
    assert err.message("fa") == "کد ملی باید ۱۰ رقم باشد."
    assert err.message() == err.message("fa")
    assert err.message("en") == "National ID must have 10 digits."
    assert str(err) == "National ID must have 10 digits."


def test_field_specific_row_wins():
    assert "IR" in CivicValueError("sheba", "length", n=24).message("en")
    assert "09" in CivicValueError("mobile", "format").message("en")


def test_every_code_has_a_generic_row():
    for code in ("empty", "length", "not_digits", "checksum", "repeated", "format", "out_of_range"):
        assert (None, code) in MESSAGES


def test_every_field_has_both_names():
    for fa, en in FIELD_NAMES.values():
        assert fa and en


def test_unknown_field_and_code_still_give_text():
    assert CivicValueError("plate", "weird").message("en") == "plate: weird"


def test_unknown_language_rejected():
    with pytest.raises(ValueError):
        CivicValueError("date", "format").message("de")


def test_survives_pickling():
    err = pickle.loads(pickle.dumps(CivicValueError("national_id", "length", n=10)))
    assert (err.field, err.code, err.params) == ("national_id", "length", {"n": 10})


def test_missing_param_does_not_break_the_error():
    assert CivicValueError("postal_code", "length").message("en") == "Postal code must have {n} digits."

import pytest

from civic.errors import CivicValueError
from civic.ids import (
    is_valid_legal_entity_id,
    is_valid_national_id,
    legal_entity_id,
    mobile,
    national_id,
    postal_code,
    postal_code_warning,
    sheba,
    sheba_bank_code,
)


def _code(fn, *args, **kwargs):
    with pytest.raises(CivicValueError) as info:
        fn(*args, **kwargs)
    return info.value.field, info.value.code


# National IDs checked by hand: s = Σ d[i]·(10−i) over the first nine digits, r = s mod 11,
# check = r if r < 2 else 11−r.
#   0499370899: s = 0+36+72+63+18+35+0+24+18 = 266, r = 2, check = 9
#   0790419904: s = 0+63+72+0+24+5+36+27+0 = 227,  r = 7, check = 4
#   0084575948: s = 0+0+64+28+30+35+20+27+8 = 212,  r = 3, check = 8
#   0013542419: s = 0+0+8+21+30+20+16+3+2 = 101,   r = 2, check = 9
VALID_NATIONAL_IDS = ["0499370899", "0790419904", "0084575948", "0013542419"]


@pytest.mark.parametrize("nid", VALID_NATIONAL_IDS)
def test_national_id_valid(nid):
    assert national_id(nid) == nid
    assert is_valid_national_id(nid)


def test_national_id_normalises_digits_and_separators():
    assert national_id("۰۴۹۹۳۷۰۸۹۹") == "0499370899"
    assert national_id("٠٤٩٩٣٧٠٨٩٩") == "0499370899"
    assert national_id(" 049-937089-9 ") == "0499370899"


@pytest.mark.parametrize("nid", ["0499370898", "0499370809", "0790419903", "1084575948"])
def test_national_id_one_digit_changed(nid):
    assert _code(national_id, nid) == ("national_id", "checksum")
    assert not is_valid_national_id(nid)


@pytest.mark.parametrize("digit", "0123456789")
def test_national_id_repeated_digits(digit):
    assert _code(national_id, digit * 10) == ("national_id", "repeated")


def test_repeated_1111111111_would_pass_the_checksum():
    # s = 1·(10+9+…+2) = 54, r = 10, check = 1: only the repeated-digit rule rejects it.
    assert sum(10 - i for i in range(9)) % 11 == 10
    assert _code(national_id, "1111111111") == ("national_id", "repeated")


def test_national_id_all_zero_middle():
    # 1230000001: s = 10+18+24 = 52, r = 8, check = 3; 1230000003 passes the checksum but digits 4..9 are zero.
    assert _code(national_id, "1230000003") == ("national_id", "format")


def test_national_id_shape_errors():
    assert _code(national_id, "") == ("national_id", "empty")
    assert _code(national_id, " - ") == ("national_id", "empty")
    assert _code(national_id, "04993708a9") == ("national_id", "not_digits")
    assert _code(national_id, "049937089") == ("national_id", "length")
    assert _code(national_id, "04993708990") == ("national_id", "length")


def test_national_id_accept_short_pads_spreadsheet_values():
    assert national_id("13542419", accept_short=True) == "0013542419"
    assert national_id("499370899", accept_short=True) == "0499370899"
    assert _code(national_id, "499370899") == ("national_id", "length")
    assert _code(national_id, "3542419", accept_short=True) == ("national_id", "length")


def test_national_id_rejects_non_str():
    with pytest.raises(TypeError):
        national_id(499370899)


# Legal-entity IDs checked by hand: c = d[9]+2, s = Σ (d[i]+c)·[29,27,23,19,17][i mod 5], r = s mod 11 (10 → 0).
#   10380284790: c = 11, s = 3432 = 312·11, r = 0 = d[10]
#   14007650912: c = 3,  s = 1443 = 131·11 + 2, r = 2 = d[10]
@pytest.mark.parametrize("lid", ["10380284790", "14007650912"])
def test_legal_entity_id_valid(lid):
    assert legal_entity_id(lid) == lid
    assert is_valid_legal_entity_id(lid)
    assert legal_entity_id(lid.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))) == lid


@pytest.mark.parametrize("lid", ["10380284791", "14007650902", "00000000000"])
def test_legal_entity_id_checksum(lid):
    assert _code(legal_entity_id, lid) == ("legal_entity_id", "checksum")
    assert not is_valid_legal_entity_id(lid)


def test_legal_entity_id_length():
    assert _code(legal_entity_id, "1038028479") == ("legal_entity_id", "length")


def test_postal_code():
    assert postal_code("۱۳۱۸۶-۵۳۱۴۱") == "1318653141"
    assert _code(postal_code, "131865314") == ("postal_code", "length")
    assert _code(postal_code, "13186x3141") == ("postal_code", "not_digits")


def test_postal_code_warning_is_a_hint_not_a_rejection():
    assert postal_code_warning("1318653141") is None
    assert postal_code_warning("1111653141") == "unusual_pattern"  # four equal leading digits
    assert postal_code_warning("2318653141") == "unusual_pattern"  # 2 never starts a code
    assert postal_code("1111653141") == "1111653141"
    assert _code(postal_code_warning, "123") == ("postal_code", "length")


@pytest.mark.parametrize(
    "typed",
    [
        "09121234567",
        "+989121234567",
        "00989121234567",
        "989121234567",
        "+98 912 123 4567",
        "0912-123-4567",
        "(0912) 123 4567",
        "+98 (0) 912 123 4567",
        "9121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "+۹۸۹۱۲۱۲۳۴۵۶۷",
    ],
)
def test_mobile_prefix_forms(typed):
    assert mobile(typed) == "09121234567"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "empty"),
        ("0912123456", "format"),
        ("091212345678", "format"),
        ("02112345678", "format"),
        ("+19121234567", "format"),
        ("0912abc4567", "not_digits"),
        ("0912+1234567", "not_digits"),
    ],
)
def test_mobile_rejected(typed, code):
    assert _code(mobile, typed) == ("mobile", code)


# Sheba checked by hand: move "IR" + check digits to the end, I=18, R=27, the number mod 97 must be 1.
#   IR820540102680020817909002 -> 0540102680020817909002 1827 82, mod 97 = 1
#   IR062960000000100324200001 -> 2960000000100324200001 1827 06, mod 97 = 1
def test_sheba_known_good_examples_by_hand():
    assert int("054010268002081790900218" + "2782") % 97 == 1
    assert int("296000000010032420000118" + "2706") % 97 == 1


@pytest.mark.parametrize("iban", ["IR820540102680020817909002", "IR062960000000100324200001"])
def test_sheba_valid(iban):
    assert sheba(iban) == iban


def test_sheba_accepts_spaces_lower_case_and_persian_digits():
    assert sheba("ir82 0540 1026 8002 0817 9090 02") == "IR820540102680020817909002"
    assert sheba("IR۰۶۲۹۶۰۰۰۰۰۰۰۱۰۰۳۲۴۲۰۰۰۰۱") == "IR062960000000100324200001"


def test_sheba_bank_code():
    assert sheba_bank_code("IR820540102680020817909002") == "054"
    assert sheba_bank_code("ir06 2960 0000 0010 0324 2000 01") == "296"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "empty"),
        ("IR820540102680020817909003", "checksum"),
        ("IR830540102680020817909002", "checksum"),
        ("IR82054010268002081790900", "length"),
        ("DE820540102680020817909002", "format"),
        ("820540102680020817909002", "format"),
        ("IR82054010268002081790900X", "format"),
    ],
)
def test_sheba_rejected(typed, code):
    assert _code(sheba, typed) == ("sheba", code)

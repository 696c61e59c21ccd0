"""Bill ids and payment ids (civic/bills.py): check digits by hand, parsing of what people type and scan, and the
properties every made pair has."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civic.bills import (
    MUNICIPAL_SERVICE,
    MUNICIPALITY_ORG_CODE,
    BillIdError,
    check_digit,
    make_bill_id,
    make_payment_id,
    parse_barcode,
    parse_bill,
    parse_bill_id,
    parse_payment_id,
)
from civic.text import to_persian_digits


def test_check_digit_worked_by_hand():
    # 1234 5: digits from the right 5,4,3,2,1 weighted 2,3,4,5,6 → 10+12+12+10+6 = 50; 50 mod 11 = 6; 11 − 6 = 5
    assert check_digit("12345") == 5
    # weights repeat after 7: "1" + six zeros → the 1 is the 7th digit from the right, weight 2 → r = 2 → 9
    assert check_digit("1000000") == 9
    # r < 2 gives 0: "0" → r = 0; "6" → 12 mod 11 = 1
    assert check_digit("0") == 0
    assert check_digit("6") == 0


def test_a_demo_bill_worked_by_hand():
    # file 100991, organisation 465, service 6: "1009914656"; from the right 6,5,6,4,1,9,9,0,0,1 weighted
    # 2,3,4,5,6,7,2,3,4,5 → 12+15+24+20+6+63+18+0+0+5 = 163; 163 mod 11 = 9; check 11 − 9 = 2
    assert make_bill_id(100991) == "10099146562"
    ref = parse_bill("10099146562", "874240065")
    assert (ref.file_number, ref.organisation, ref.service_type) == ("100991", MUNICIPALITY_ORG_CODE, 6)
    assert (ref.amount_rials, ref.year_digit, ref.period) == (8_742_000, 4, 0)
    assert ref.is_municipal


def test_persian_digits_spaces_and_dashes_are_accepted():
    typed = to_persian_digits("1009 9146-562")
    assert parse_bill_id(typed) == "10099146562"
    assert parse_payment_id(" ۸۷۴۲۴ ۰۰۶۵ ", "10099146562") == "874240065"
    assert parse_bill_id("0010099146562") == "10099146562"  # leading zeros (a padded scan) do not count


@pytest.mark.parametrize(
    ("bill_id", "payment_id", "field", "code"),
    [
        ("10099146563", "874240065", "bill_id", "checksum"),
        ("10099146562", "874240075", "payment_id", "checksum_1"),
        ("10099146562", "874240066", "payment_id", "checksum_2"),
        ("", "874240065", "bill_id", "empty"),
        ("12a45", "874240065", "bill_id", "not_digits"),
        ("12345", "874240065", "bill_id", "length"),
        ("12345678901234", "874240065", "bill_id", "length"),
        ("10099146562", "", "payment_id", "empty"),
        ("10099146562", "١٢٣", "payment_id", "length"),
    ],
)
def test_a_wrong_id_is_refused_naming_the_id_and_the_check(bill_id, payment_id, field, code):
    with pytest.raises(BillIdError) as caught:
        parse_bill(bill_id, payment_id)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert caught.value.message("fa") and caught.value.message("en")


def test_the_messages_say_which_id_and_which_check():
    with pytest.raises(BillIdError) as first:
        parse_bill("10099146562", "874240075")
    assert "first check digit" in first.value.message("en")
    assert "شناسه پرداخت" in first.value.message("fa") and "اول" in first.value.message("fa")
    with pytest.raises(BillIdError) as second:
        parse_bill("10099146562", "874240066")
    assert "second check digit" in second.value.message("en") and "شناسه قبض" in second.value.message("fa")
    with pytest.raises(BillIdError) as bill:
        parse_bill_id("10099146563")
    assert bill.value.message("fa").startswith("شناسه قبض")


def test_the_error_survives_pickling():
    with pytest.raises(BillIdError) as caught:
        parse_bill_id("10099146563")
    again = pickle.loads(pickle.dumps(caught.value))
    assert isinstance(again, BillIdError) and (again.field, again.code) == ("bill_id", "checksum")


def test_a_barcode_is_both_ids_padded_to_13_digits():
    ref = parse_bill("10099146562", "874240065")
    assert ref.barcode == "0010099146562" + "0000874240065"
    assert parse_barcode(to_persian_digits(ref.barcode)) == ref
    with pytest.raises(BillIdError) as caught:
        parse_barcode(ref.barcode[:-1])
    assert caught.value.field == "barcode"


@pytest.mark.parametrize("amount", [0, -1000, 1500, 10**11])
def test_a_payment_id_carries_a_positive_whole_number_of_thousands(amount):
    with pytest.raises(ValueError):
        make_payment_id("10099146562", amount, year=1404)


def test_money_is_never_a_float():
    with pytest.raises(TypeError):
        make_payment_id("10099146562", 1000.0, year=1404)  # type: ignore[arg-type]


file_numbers = st.integers(min_value=1, max_value=10**8 - 1)
amounts = st.integers(min_value=1, max_value=10**8 - 1).map(lambda thousands: thousands * 1000)
years = st.integers(min_value=1300, max_value=1499)
periods = st.integers(min_value=0, max_value=12)


@given(file_numbers, amounts, years, periods)
def test_every_made_pair_parses_back_to_what_it_carries(file_number, amount, year, period):
    bill_id = make_bill_id(file_number)
    payment_id = make_payment_id(bill_id, amount, year=year, period=period)
    assert 6 <= len(bill_id) <= 13 and 6 <= len(payment_id) <= 13
    ref = parse_bill(bill_id, payment_id)
    assert (ref.bill_id, ref.payment_id) == (bill_id, payment_id)
    assert (int(ref.file_number), ref.amount_rials, ref.year_digit, ref.period) == (
        file_number,
        amount,
        year % 10,
        period,
    )
    assert ref.service_type == MUNICIPAL_SERVICE
    assert parse_barcode(ref.barcode) == ref


@given(file_numbers, amounts, st.data())
def test_changing_one_digit_of_either_id_is_caught_unless_a_check_digit_of_0_hides_it(file_number, amount, data):
    bill_id = make_bill_id(file_number)
    payment_id = make_payment_id(bill_id, amount, year=1404)
    which = data.draw(st.sampled_from(["bill_id", "payment_id"]))
    text = bill_id if which == "bill_id" else payment_id
    position = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != text[position]]))
    changed = text[:position] + digit + text[position + 1 :]
    if position == 0 and digit == "0":
        changed = changed.lstrip("0")  # a leading zero is not a digit of the id: its length changes instead
    pair = (changed, payment_id) if which == "bill_id" else (bill_id, changed)
    try:
        parse_bill(*pair)
    except BillIdError as caught:
        # a changed bill id shows in its own check digit or, failing that, in the payment id's second one
        assert caught.field in (("bill_id", "payment_id") if which == "bill_id" else ("payment_id",))
        return
    # Modulus 11 maps remainders 0 and 1 both to the check digit 0, so a change can pass only where every check
    # digit that covers it is 0 (and the pair no longer parses to what was made)
    assert pair[1][-1] == "0"
    if which == "bill_id":
        assert pair[0][-1] == "0"
    elif position < len(text) - 2:
        assert pair[1][-2] == "0"


@given(file_numbers, amounts, st.data())
def test_swapping_two_neighbouring_digits_of_a_payment_id_is_caught_unless_a_check_digit_of_0_hides_it(
    file_number, amount, data
):
    bill_id = make_bill_id(file_number)
    payment_id = make_payment_id(bill_id, amount, year=1404, period=7)
    pairs = [i for i in range(len(payment_id) - 1) if payment_id[i] != payment_id[i + 1]]
    if not pairs:
        return
    i = data.draw(st.sampled_from(pairs))
    swapped = payment_id[:i] + payment_id[i + 1] + payment_id[i] + payment_id[i + 2 :]
    if swapped.startswith("0"):
        return
    try:
        parse_bill(bill_id, swapped)
    except BillIdError as caught:
        assert caught.field == "payment_id"
    else:  # only where a check digit of 0 hides the change (remainders 0 and 1 both give 0)
        assert "0" in swapped[-2:]


@given(st.text(max_size=30))
def test_any_text_is_either_a_bill_id_or_a_named_refusal(text):
    try:
        parsed = parse_bill_id(text)
    except BillIdError as exc:
        assert exc.field == "bill_id"
    else:
        assert parsed.isascii() and parsed.isdigit() and check_digit(parsed[:-1]) == int(parsed[-1])

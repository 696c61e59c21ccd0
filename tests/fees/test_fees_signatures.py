"""Detached Ed25519 signatures on books, the trust list, the signing tool, and choosing a book by date."""

import base64
import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fees_helpers import TARIFFS, TRAINING_KEY, make_case, residential

from fees import (
    NoBookError,
    SignatureError,
    TrustList,
    bundled_books,
    load_book_file,
    load_signed_book,
    parse_case,
    select_book,
    sign_detached,
    verify_book,
)
from fees.sign import main as sign_main
from fees.signing import load_private_key

BOOK = TARIFFS / "hamedan-1405.toml"


def _data_and_sig():
    return BOOK.read_bytes(), (TARIFFS / "hamedan-1405.toml.sig").read_bytes()


def test_bundled_books_verify_against_the_bundled_trust_list(books):
    assert [(b.code, b.version) for b in books] == [("hamedan", "1404.1"), ("hamedan", "1405.1")]
    assert all(b.signer == "pishkhan-training-1" and b.sample for b in books)
    assert books is bundled_books()  # loaded once


def test_bundled_books_say_they_are_samples_in_their_header():
    for path in TARIFFS.glob("*.toml"):
        head = path.read_text(encoding="utf-8")[:600]
        assert "SAMPLE / DEMO TARIFF BOOK — NOT THE REAL HAMEDAN BOOK" in head
        assert "نمونه" in head


def test_downloaded_book_bytes_verify_then_compile():
    data, sig = _data_and_sig()
    assert verify_book(data, sig, name="downloaded.toml") == "pishkhan-training-1"
    book = load_signed_book(data, sig, name="downloaded.toml")
    assert book.label == "hamedan 1405.1" and book.data == data


def test_tampered_book_is_rejected():
    data, sig = _data_and_sig()
    tampered = data.replace(b'"123" = 117000', b'"123" = 17000')
    assert tampered != data
    with pytest.raises(SignatureError) as info:
        load_signed_book(tampered, sig, name="hamedan-1405.toml")
    assert "does not match" in info.value.reason and info.value.file == "hamedan-1405.toml"


def test_book_signed_by_an_untrusted_key_is_rejected():
    data, _ = _data_and_sig()
    stranger = Ed25519PrivateKey.generate()
    with pytest.raises(SignatureError, match="not in the trust list"):
        load_signed_book(data, sign_detached(data, stranger, "stranger-1"), name="x.toml")
    # an untrusted key that claims the training key's id fails the signature check itself
    with pytest.raises(SignatureError, match="does not match"):
        load_signed_book(data, sign_detached(data, stranger, "pishkhan-training-1"), name="x.toml")


def test_key_must_be_trusted_for_tariffs():
    data, sig = _data_and_sig()
    raw = (
        load_private_key(TRAINING_KEY.read_bytes())
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    only_documents = TrustList.from_json(
        json.dumps(
            [{"key_id": "pishkhan-training-1", "public_key": base64.b64encode(raw).decode(), "purposes": ["document"]}]
        )
    )
    with pytest.raises(SignatureError, match="not trusted to sign a tariff"):
        load_signed_book(data, sig, name="x.toml", trust=only_documents)


@pytest.mark.parametrize(
    "sig",
    [
        b"",
        b"not json",
        b'{"key_id": "pishkhan-training-1"}',
        b'{"key_id": 1, "signature": "AA=="}',
        b'{"key_id": "k", "signature": "***"}',
    ],
)
def test_malformed_signature_files_are_rejected(sig):
    data, _ = _data_and_sig()
    with pytest.raises(SignatureError):
        load_signed_book(data, sig, name="x.toml")


def test_book_file_without_its_sig_is_rejected(tmp_path):
    copy = tmp_path / "book.toml"
    copy.write_bytes(BOOK.read_bytes())
    with pytest.raises(SignatureError, match=r"book\.toml\.sig"):
        load_book_file(copy)


def test_malformed_trust_list_is_a_signature_error():
    with pytest.raises(SignatureError, match="malformed"):
        TrustList.from_json('[{"key_id": "a", "public_key": "AAAA"}]')


def test_signing_tool_signs_a_book_that_then_verifies(tmp_path, capsys):
    copy = tmp_path / "edited.toml"
    copy.write_bytes(BOOK.read_bytes().replace(b'version = "1405.1"', b'version = "1405.2"'))
    assert sign_main([str(copy), "--key", str(TRAINING_KEY)]) == 0
    assert "hamedan 1405.2" in capsys.readouterr().out
    assert load_book_file(copy).version == "1405.2"


def test_signing_tool_refuses_a_broken_book(tmp_path, capsys):
    broken = tmp_path / "broken.toml"
    broken.write_bytes(BOOK.read_bytes().replace(b'amount = "S * P * K"', b'amount = "S * P * __import__"'))
    assert sign_main([str(broken), "--key", str(TRAINING_KEY)]) == 2
    assert "item 101" in capsys.readouterr().err
    assert not (tmp_path / "broken.toml.sig").exists()


@pytest.mark.parametrize(
    ("date", "version"),
    [("1404/01/01", "1404.1"), ("1404/12/29", "1404.1"), ("1405/01/01", "1405.1"), ("1405/12/29", "1405.1")],
)
def test_the_book_in_force_is_chosen_by_the_case_date(date, version, books):
    assert select_book(books, parse_case(make_case(date, 123, [residential(150)])).date).version == version


def test_same_case_costs_more_under_1405_than_1404(books):
    # 1404: 150 × 90,000 × .18 = 2,430,000; 1405: 150 × 117,000 × .18 = 3,159,000
    for date, total in (("1404/12/29", 2_430_000), ("1405/01/01", 3_159_000)):
        case = parse_case(make_case(date, 123, [residential(150)]))
        assert select_book(books, case.date).evaluate(case).total_rials == total


@pytest.mark.parametrize("date", ["1403/12/30", "1406/01/01", "1390/05/05"])
def test_no_book_for_the_date_is_a_clear_error(date, books):
    with pytest.raises(NoBookError) as info:
        select_book(books, parse_case(make_case(date, 123, [residential(150)])).date)
    assert info.value.field == "date" and date in info.value.message("en") and "1404.1" in info.value.message("en")


def test_select_book_accepts_a_gregorian_date(books):
    assert select_book(books, dt.date(2026, 4, 1)).version == "1405.1"  # 1405/01/12

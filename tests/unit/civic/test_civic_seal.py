"""The document seal: sign, encode compactly, verify against the trust list, and fail typed on every kind of damage."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from civic.keys import TRAINING_KEY_ID, TrustList, TrustListError, training_private_key
from civic.seal import (
    PREFIX,
    BadSignatureError,
    ExpiredSealError,
    MalformedSealError,
    SealError,
    SealPayload,
    UnknownKeyError,
    b45decode,
    b45encode,
    canonical_json,
    content_digest,
    read_unverified,
    sign,
    verify,
)

QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
ISSUED = dt.date(2025, 8, 3)


def _trust(private: Ed25519PrivateKey, key_id: str = "municipality-1", purposes=("document",)) -> TrustList:
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    entry = {"key_id": key_id, "public_key": base64.b64encode(raw).decode(), "label": "test", "purposes": purposes}
    return TrustList.from_json(json.dumps([entry]))


def _payload(key_id: str = "municipality-1", **changes) -> SealPayload:
    base = SealPayload(
        key_id=key_id,
        number="CL-1404-000871",
        kind="clearance",
        issued=ISSUED,
        expires=dt.date(2025, 11, 1),
        holder="علی رضایی",
        amount_rials=5_000_000_000,
        content_sha256=content_digest({"number": "CL-1404-000871", "owner": "علی رضایی"}),
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def test_a_signed_seal_verifies_and_gives_back_its_payload(key):
    payload = _payload()
    text = sign(payload, key)
    assert verify(text, _trust(key), today=ISSUED) == payload


def test_the_seal_is_short_and_fits_the_qr_alphanumeric_set(key):
    # QR capacity at error correction M, alphanumeric: version 10 (57 modules) 311 characters, version 11 362
    text = sign(_payload(), key)
    assert text.startswith(PREFIX)
    assert set(text) <= QR_ALPHANUMERIC
    assert len(text) <= 311
    company = sign(_payload(holder="شرکت ساختمانی آرمان سازه الوند همدان", number="CL-1404-1001-00000871"), key)
    assert len(company) <= 362


def test_every_flipped_byte_of_the_body_or_signature_fails(key):
    text = sign(_payload(), key)
    raw = b45decode(text[len(PREFIX) :])
    trust = _trust(key)
    for i in range(len(raw)):
        for bit in (0x01, 0x80):
            damaged = bytearray(raw)
            damaged[i] ^= bit
            with pytest.raises(SealError):
                verify(PREFIX + b45encode(bytes(damaged)), trust, today=ISSUED)


def test_a_changed_amount_is_a_bad_signature_not_a_malformed_seal(key):
    _, body, signature = read_unverified(sign(_payload(), key))
    forged_body = body.replace((5_000_000_000).to_bytes(8, "big"), (500_000_000).to_bytes(8, "big"))
    assert forged_body != body
    with pytest.raises(BadSignatureError):
        verify(PREFIX + b45encode(forged_body + signature), _trust(key), today=ISSUED)


def test_a_key_outside_the_trust_list_is_unknown(key):
    other = Ed25519PrivateKey.generate()
    with pytest.raises(UnknownKeyError) as info:
        verify(sign(_payload(key_id="stranger"), other), _trust(key), today=ISSUED)
    assert info.value.key_id == "stranger"


def test_a_key_not_trusted_for_documents_is_refused(key):
    trust = _trust(key, purposes=("tariff",))
    with pytest.raises(UnknownKeyError):
        verify(sign(_payload(), key), trust, today=ISSUED)


def test_a_key_id_that_lies_about_the_signer_is_a_bad_signature(key):
    impostor = Ed25519PrivateKey.generate()
    with pytest.raises(BadSignatureError):
        verify(sign(_payload(), impostor), _trust(key), today=ISSUED)


def test_expiry_is_checked_after_the_signature_and_keeps_the_payload(key):
    text = sign(_payload(), key)
    assert verify(text, _trust(key), today=dt.date(2025, 11, 1)).number == "CL-1404-000871"  # last valid day
    with pytest.raises(ExpiredSealError) as info:
        verify(text, _trust(key), today=dt.date(2025, 11, 2))
    assert info.value.payload.holder == "علی رضایی"


def test_a_seal_without_expiry_never_expires(key):
    text = sign(_payload(expires=None), key)
    assert verify(text, _trust(key), today=dt.date(2099, 1, 1)).expires is None


@pytest.mark.parametrize(
    "text",
    ["", "hello", "PK1:", "PK1:AB", "PK2:" + "A" * 300, "PK1:" + "a" * 300, "PK1:" + "::" + "0" * 297, "x" * 5000],
)
def test_text_that_is_not_a_seal_is_malformed(text, key):
    with pytest.raises(MalformedSealError):
        verify(text, _trust(key), today=ISSUED)


def test_a_truncated_scan_is_malformed_or_fails(key):
    text = sign(_payload(), key)
    for cut in range(len(PREFIX) + 1, len(text), 7):
        with pytest.raises(SealError):
            verify(text[:cut], _trust(key), today=ISSUED)


def test_the_training_key_always_marks_a_document_training():
    trust = TrustList.load()
    text = sign(_payload(key_id=TRAINING_KEY_ID, training=False), training_private_key())
    assert verify(text, trust, today=ISSUED).training


def test_the_bundled_trust_list_holds_the_training_key_for_documents():
    key = TrustList.load().get(TRAINING_KEY_ID)
    assert key is not None and key.trusted_for("document") and key.training


def test_a_malformed_trust_list_is_a_typed_error():
    with pytest.raises(TrustListError):
        TrustList.from_json('[{"key_id": "k", "public_key": "AAAA"}]')
    with pytest.raises(TrustListError):
        TrustList.from_json("{}")


def test_money_in_a_seal_is_a_non_negative_int(key):
    with pytest.raises(TypeError):
        sign(_payload(amount_rials=5.0), key)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        sign(_payload(amount_rials=-1), key)


def test_content_hash_is_over_canonical_json():
    a = {"b": 1, "a": [dt.date(2025, 8, 3), Decimal("306.42")], "c": "ي"}
    b = {"c": "ي", "a": [dt.date(2025, 8, 3), Decimal("306.42")], "b": 1}
    assert canonical_json(a) == canonical_json(b) == '{"a":["2025-08-03","306.42"],"b":1,"c":"ي"}'.encode()
    instant = dt.datetime(2025, 8, 3, 11, 10, tzinfo=dt.timezone(dt.timedelta(hours=3, minutes=30)))
    assert canonical_json({"at": instant}) == b'{"at":"2025-08-03T07:40:00Z"}'
    assert content_digest(a) == content_digest(b)
    assert content_digest({"x": "e\u0301"}) == content_digest({"x": "\u00e9"})  # NFC


@pytest.mark.parametrize("bad", [{"x": float("nan")}, {"x": dt.datetime(2025, 1, 1)}, {"x": object()}, {1: "x"}])
def test_content_that_has_no_canonical_form_is_refused(bad):
    with pytest.raises((TypeError, ValueError)):
        content_digest(bad)


@pytest.mark.parametrize(
    ("raw", "text"),
    [(b"AB", "BB8"), (b"Hello!!", "%69 VD92EX0"), (b"base-45", "UJCLQE7W581"), (b"ietf!", "QED8WEX0"), (b"", "")],
)
def test_base45_matches_rfc_9285(raw, text):
    assert b45encode(raw) == text
    assert b45decode(text) == raw


@given(st.binary(max_size=300))
@settings(max_examples=200)
def test_base45_round_trips(data):
    assert b45decode(b45encode(data)) == data


@pytest.mark.parametrize("text", ["GGW", "A", "ab", "::::"])
def test_impossible_base45_is_malformed(text):
    with pytest.raises(MalformedSealError):
        b45decode(text)

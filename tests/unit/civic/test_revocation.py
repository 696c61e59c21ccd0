"""The signed revocation list: a genuine list reads; any change, another key or another format is refused by name."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from civic.keys import TRAINING_KEY_ID, TrustList, training_private_key
from civic.revocation import (
    DOMAIN,
    FORMAT,
    Revocation,
    RevocationListError,
    read_revocation_list,
    sign_revocation_list,
)
from civic.seal import canonical_json

ISSUED = dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)
ENTRIES = [
    Revocation("RC-1405-000012", dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC), "صادر شده به اشتباه"),
    Revocation("CL-1405-000003", dt.datetime(2026, 11, 28, 6, 15, tzinfo=dt.UTC), "ابطال به دستور دادگاه"),
]


def _trust(private: Ed25519PrivateKey, key_id: str, purposes: tuple[str, ...] = ("document",)) -> TrustList:
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    entry = {"key_id": key_id, "public_key": base64.b64encode(raw).decode(), "label": "", "purposes": purposes}
    return TrustList.from_json(json.dumps([entry]))


def _signed(key: Ed25519PrivateKey | None = None, key_id: str = TRAINING_KEY_ID, **changes) -> dict:
    options = {"issued_at": ISSUED, "max_age": dt.timedelta(hours=24), "key_id": key_id}
    options.update(changes)
    return sign_revocation_list(ENTRIES, private_key=key or training_private_key(), **options)


def _bytes(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _code(data: bytes, trust: TrustList | None = None) -> str:
    with pytest.raises(RevocationListError) as caught:
        read_revocation_list(data, trust or TrustList.load())
    assert caught.value.reason and str(caught.value) == caught.value.reason
    return caught.value.code


def test_a_genuine_list_reads_with_the_bundled_trust_list() -> None:
    signed = _signed()
    assert signed["format"] == FORMAT and signed["max_age_s"] == 86400
    assert [e["number"] for e in signed["revoked"]] == ["CL-1405-000003", "RC-1405-000012"]  # by number
    listed = read_revocation_list(_bytes(signed), TrustList.load())
    assert listed.key_id == TRAINING_KEY_ID and listed.issued_at == ISSUED
    assert listed.max_age == dt.timedelta(hours=24)
    found = listed.revoked("RC-1405-000012")
    assert found is not None and found.reason == "صادر شده به اشتباه"
    assert found.revoked_at == dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
    assert listed.revoked("RC-1405-000099") is None


def test_an_empty_list_reads() -> None:
    signed = sign_revocation_list(
        [], issued_at=ISSUED, max_age=dt.timedelta(hours=1), key_id=TRAINING_KEY_ID, private_key=training_private_key()
    )
    assert read_revocation_list(_bytes(signed), TrustList.load()).entries == ()


def test_it_is_stale_after_its_maximum_age_and_not_before() -> None:
    listed = read_revocation_list(_bytes(_signed()), TrustList.load())
    assert not listed.is_stale(ISSUED)
    assert not listed.is_stale(ISSUED + dt.timedelta(hours=24))
    assert listed.is_stale(ISSUED + dt.timedelta(hours=24, seconds=1))
    assert listed.age(ISSUED + dt.timedelta(hours=3)) == dt.timedelta(hours=3)
    assert listed.age(ISSUED - dt.timedelta(hours=3)) == dt.timedelta(0)
    with pytest.raises(ValueError):
        listed.is_stale(dt.datetime(2026, 12, 2, 8, 0))  # naive: refused, not guessed


def test_every_changed_byte_of_the_signed_text_is_refused() -> None:
    data = _bytes(_signed())
    text = data.decode("utf-8")
    # change one ASCII character at every position outside the signature's own padding: never a usable list
    for at, char in enumerate(text):
        if not char.isascii() or not char.isalnum():
            continue
        changed = text[:at] + ("1" if char != "1" else "2") + text[at + 1 :]
        with pytest.raises(RevocationListError):
            read_revocation_list(changed.encode("utf-8"), TrustList.load())


def test_a_changed_reason_or_date_reads_as_a_bad_signature() -> None:
    signed = _signed()
    signed["revoked"][0]["reason"] = "اشتباه تایپی"
    assert _code(_bytes(signed)) == "bad_signature"
    signed = _signed()
    signed["issued_at"] = "2026-12-09T08:30:00Z"  # made to look fresh
    assert _code(_bytes(signed)) == "bad_signature"
    signed = _signed()
    signed["revoked"].pop()  # a revocation dropped
    assert _code(_bytes(signed)) == "bad_signature"


def test_a_reordered_entry_is_refused() -> None:
    signed = _signed()
    signed["revoked"].reverse()
    assert _code(_bytes(signed)) == "bad_signature"


def test_another_key_is_refused_even_under_a_trusted_name() -> None:
    other = Ed25519PrivateKey.generate()
    assert _code(_bytes(_signed(other))) == "bad_signature"  # claims the training key, signed by another
    assert _code(_bytes(_signed(other, key_id="elsewhere-1"))) == "unknown_key"
    # a key trusted for tariff books only does not sign revocation lists
    assert _code(_bytes(_signed(other, key_id="tariffs")), _trust(other, "tariffs", ("tariff",))) == "unknown_key"
    # and the same list reads with a trust list that holds that key for documents
    assert read_revocation_list(_bytes(_signed(other, key_id="m-1")), _trust(other, "m-1")).key_id == "m-1"


@pytest.mark.parametrize("fmt", ["pishkhan-revocations/2", "", None, 1])
def test_an_unknown_format_is_refused(fmt) -> None:
    signed = _signed()
    signed["format"] = fmt
    assert _code(_bytes(signed)) == "format"


@pytest.mark.parametrize(
    "data",
    [b"", b"not json", b"[]", b"{}", b'"x"', b"[" * 100 + b"]" * 100, '{"format": "\u06f1"'.encode(), b"\xff\xfe"],
)
def test_garbage_is_refused_with_a_reason(data: bytes) -> None:
    assert _code(data) in {"malformed", "format"}


def test_extra_or_missing_fields_are_refused() -> None:
    signed = _signed()
    signed["note"] = "x"
    assert _code(_bytes(signed)) == "malformed"
    signed = _signed()
    del signed["max_age_s"]
    assert _code(_bytes(signed)) == "malformed"
    signed = _signed()
    signed["signature"] = "***"
    assert _code(_bytes(signed)) == "malformed"


def test_signed_but_mistyped_fields_are_refused() -> None:
    key = training_private_key()
    for field, value in [("max_age_s", 0), ("max_age_s", True), ("max_age_s", "86400"), ("issued_at", "yesterday")]:
        signed = _signed()
        signed[field] = value
        unsigned = {k: v for k, v in signed.items() if k != "signature"}
        signed["signature"] = base64.b64encode(key.sign(DOMAIN + canonical_json(unsigned))).decode()
        assert _code(_bytes(signed)) == "malformed", field


def test_the_signer_refuses_what_it_cannot_sign() -> None:
    with pytest.raises(ValueError):
        _signed(max_age=dt.timedelta(0))
    with pytest.raises(ValueError):
        sign_revocation_list(
            ENTRIES + ENTRIES[:1],
            issued_at=ISSUED,
            max_age=dt.timedelta(hours=1),
            key_id=TRAINING_KEY_ID,
            private_key=training_private_key(),
        )

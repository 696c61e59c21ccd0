"""Forged, altered, expired, revoked and unknown-issuer documents, as the verification page and `pishkhan verify` see
them (civic.verification): no single changed character of a genuine seal ever verifies, and each other state is
reported by name — with a revocation list older than its maximum age reported as «cannot tell», never «genuine»."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import random

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from civic.keys import TRAINING_KEY_ID, TrustList, training_private_key
from civic.revocation import Revocation, RevocationList, read_revocation_list, sign_revocation_list
from civic.seal import (
    PREFIX,
    SealError,
    SealPayload,
    b45decode,
    b45encode,
    content_digest,
    encode_body,
    read_unverified,
    sign,
)
from civic.seal import verify as verify_seal
from civic.seal_scan import clean_scan
from civic.verification import (
    DAMAGED,
    EXPIRED,
    FORGED,
    FROM_RECORD,
    GENUINE,
    LIST_CURRENT,
    LIST_MISSING,
    LIST_STALE,
    NOT_A_SEAL,
    REVOKED,
    UNCONFIRMED,
    UNKNOWN_ISSUER,
    check_document,
    with_record_revocation,
)

TODAY = dt.date(2026, 12, 2)
NOW = dt.datetime(2026, 12, 2, 6, 0, tzinfo=dt.UTC)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
# what a damaged scan may hold besides seal characters: lower case, Persian digits and layout marks, other symbols
OTHER_CHARACTERS = "abcxyz۰۱۹٠«»[]؟#&=_\u200c\u200f\t"


@pytest.fixture(scope="module")
def trust() -> TrustList:
    return TrustList.load()


def _payload(number: str, **changes) -> SealPayload:
    base = SealPayload(
        key_id=TRAINING_KEY_ID,
        number=number,
        kind="clearance",
        issued=dt.date(2026, 11, 20),
        expires=dt.date(2027, 2, 20),
        holder="علی رضایی",
        amount_rials=12_500_000,
        content_sha256=content_digest({"number": number}),
        training=True,
    )
    return dataclasses.replace(base, **changes)


def genuine_seals() -> list[str]:
    """Several genuine seals of the training key: different kinds, holders, amounts, with and without expiry."""
    key = training_private_key()
    return [
        sign(_payload("CL-1405-000101"), key),
        sign(_payload("RC-1405-1001-000777", kind="receipt", expires=None, holder="زهرا کریمی", amount_rials=0), key),
        sign(_payload("Q-1405-000042", kind="inquiry-reply", holder="شرکت نمونه", amount_rials=987_654_321), key),
        sign(_payload("CP-1405-000003", kind="completion", expires=None, holder="Hamid", amount_rials=1), key),
        sign(_payload("NV-1405-000999", kind="no-violation", holder="م" * 60, amount_rials=2**40), key),
    ]


def _revocations(entries: list[Revocation], *, issued_at: dt.datetime = NOW) -> RevocationList:
    signed = sign_revocation_list(
        entries,
        issued_at=issued_at,
        max_age=dt.timedelta(hours=24),
        key_id=TRAINING_KEY_ID,
        private_key=training_private_key(),
    )
    return read_revocation_list(json.dumps(signed).encode(), TrustList.load())


@functools.cache
def fresh_list() -> RevocationList:
    """A current revocation list that names none of these documents."""
    return _revocations([])


def test_ten_thousand_random_single_character_changes_never_verify(trust):
    rng = random.Random(20261202)
    seals = genuine_seals()
    replacements = ALPHABET + OTHER_CHARACTERS
    seen: dict[str, int] = {}
    checked = 0
    while checked < 10_000:
        seal = rng.choice(seals)
        at = rng.randrange(len(seal))
        new = rng.choice(replacements)
        changed = seal[:at] + new + seal[at + 1 :]
        if clean_scan(changed).text == seal:
            continue  # the same text as a scanner would type it (Caps Lock, Persian layout, blanks): not a change
        result = check_document(changed, trust, fresh_list(), now=NOW, today=TODAY)
        assert result.verdict in (FORGED, DAMAGED, NOT_A_SEAL, UNKNOWN_ISSUER), (at, new, result.verdict)
        assert result.payload is None  # nothing of a changed seal is ever shown as verified
        seen[result.verdict] = seen.get(result.verdict, 0) + 1
        checked += 1
    # most changes still decode and are caught by the signature: a tampered scan reads as forged
    assert seen[FORGED] > 5_000, seen
    assert seen.get(DAMAGED, 0) > 0, seen


def test_the_seal_module_itself_refuses_changed_seals(trust):
    rng = random.Random(1405)
    for seal in genuine_seals():
        for _ in range(200):
            at = rng.randrange(len(PREFIX), len(seal))
            new = rng.choice(ALPHABET.replace(seal[at], ""))
            with pytest.raises(SealError):
                verify_seal(seal[:at] + new + seal[at + 1 :], trust, today=TODAY)


def test_a_change_that_still_decodes_but_breaks_the_signature_reads_as_forged(trust):
    for seal in genuine_seals():
        payload, body, signature = read_unverified(seal)
        raw = bytearray(body + signature)
        at = body.index(payload.content_sha256)  # one bit of the content hash
        raw[at] ^= 0x01
        result = check_document(PREFIX + b45encode(bytes(raw)), trust, fresh_list(), now=NOW, today=TODAY)
        assert result.verdict == FORGED
        raw = bytearray(body + signature)
        raw[-1] ^= 0x80  # one bit of the signature
        result = check_document(PREFIX + b45encode(bytes(raw)), trust, fresh_list(), now=NOW, today=TODAY)
        assert result.verdict == FORGED and result.seal.claimed == payload and result.payload is None


def test_a_changed_amount_reads_as_forged_not_as_a_misread(trust):
    seal = genuine_seals()[0]
    payload, _, signature = read_unverified(seal)
    forged = dataclasses.replace(payload, amount_rials=payload.amount_rials * 10)
    text = PREFIX + b45encode(encode_body(forged) + signature)
    result = check_document(text, trust, fresh_list(), now=NOW, today=TODAY)
    assert result.verdict == FORGED and result.seal.claimed.amount_rials == payload.amount_rials * 10


def test_a_genuine_seal_with_a_current_list_reads_genuine(trust):
    for seal in genuine_seals():
        result = check_document(seal, trust, fresh_list(), now=NOW, today=TODAY)
        assert result.verdict == GENUINE and result.valid and result.revocation_check == LIST_CURRENT


def test_an_expired_document_is_reported_expired(trust):
    seal = sign(_payload("CL-1405-000200", expires=TODAY - dt.timedelta(days=1)), training_private_key())
    result = check_document(seal, trust, fresh_list(), now=NOW, today=TODAY)
    assert result.verdict == EXPIRED and result.payload.expires == TODAY - dt.timedelta(days=1)
    assert not result.valid


def test_a_revoked_document_is_reported_with_its_date_and_reason(trust):
    revoked_at = dt.datetime(2026, 11, 25, 7, 30, tzinfo=dt.UTC)
    listed = _revocations([Revocation("CL-1405-000101", revoked_at, "صدور اشتباه")])
    result = check_document(genuine_seals()[0], trust, listed, now=NOW, today=TODAY)
    assert result.verdict == REVOKED and not result.valid
    assert result.revocation.revoked_at == revoked_at and result.revocation.reason == "صدور اشتباه"
    assert result.payload.number == "CL-1405-000101"  # the signed fields are still there to compare
    # expired and revoked: revoked says more
    expired = sign(_payload("CL-1405-000101", expires=TODAY - dt.timedelta(days=1)), training_private_key())
    assert check_document(expired, trust, listed, now=NOW, today=TODAY).verdict == REVOKED
    # checked as of a day before the revocation, it was not revoked yet
    before = check_document(genuine_seals()[0], trust, listed, now=NOW, today=dt.date(2026, 11, 24))
    assert before.verdict == GENUINE


def test_a_forged_seal_is_never_revoked_or_genuine_whatever_the_list_says(trust):
    listed = _revocations([Revocation("CL-1405-000101", NOW, "x")])
    seal = genuine_seals()[0]
    changed = seal[:-5] + ("A" if seal[-5] != "A" else "B") + seal[-4:]
    assert check_document(changed, trust, listed, now=NOW, today=TODAY).verdict in (FORGED, DAMAGED)


def test_an_unknown_key_is_reported_as_unknown_issuer(trust):
    other = Ed25519PrivateKey.generate()
    seal = sign(_payload("CL-1405-000300", key_id="hamedan-2"), other)
    result = check_document(seal, trust, fresh_list(), now=NOW, today=TODAY)
    assert result.verdict == UNKNOWN_ISSUER and result.seal.claimed.key_id == "hamedan-2" and result.payload is None
    # another key claiming to be the training key: forged
    assert check_document(sign(_payload("CL-1"), other), trust, fresh_list(), now=NOW, today=TODAY).verdict == FORGED


def test_a_revocation_list_older_than_its_maximum_age_is_reported_not_genuine(trust):
    stale = _revocations([], issued_at=NOW - dt.timedelta(hours=25))
    assert stale.is_stale(NOW)
    result = check_document(genuine_seals()[0], trust, stale, now=NOW, today=TODAY)
    assert result.verdict == UNCONFIRMED and result.revocation_check == LIST_STALE and not result.valid
    # exactly at its maximum age it still counts
    edge = _revocations([], issued_at=NOW - dt.timedelta(hours=24))
    assert check_document(genuine_seals()[0], trust, edge, now=NOW, today=TODAY).verdict == GENUINE
    # no list at all: the same «cannot tell»
    missing = check_document(genuine_seals()[0], trust, None, now=NOW, today=TODAY)
    assert missing.verdict == UNCONFIRMED and missing.revocation_check == LIST_MISSING
    # a stale list that names the document still says revoked: a revocation is never withdrawn
    named = _revocations([Revocation("CL-1405-000101", NOW - dt.timedelta(days=9), "x")], issued_at=stale.issued_at)
    assert check_document(genuine_seals()[0], trust, named, now=NOW, today=TODAY).verdict == REVOKED


def test_the_municipalitys_record_may_say_revoked_before_the_next_list(trust):
    result = check_document(genuine_seals()[0], trust, fresh_list(), now=NOW, today=TODAY)
    revoked = with_record_revocation(result, Revocation("CL-1405-000101", NOW, "ابطال"))
    assert revoked.verdict == REVOKED and revoked.revocation_check == FROM_RECORD
    forged = check_document("PK1:" + "A" * 30, trust, fresh_list(), now=NOW, today=TODAY)
    assert with_record_revocation(forged, Revocation("x", NOW, "")).verdict == forged.verdict


def test_caps_lock_and_persian_layout_scans_read(trust):
    for seal in genuine_seals():
        assert check_document(seal.lower(), trust, fresh_list(), now=NOW, today=TODAY).verdict == GENUINE
        persian = seal.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        assert check_document(f"\u200f{persian}\r\n", trust, fresh_list(), now=NOW, today=TODAY).verdict == GENUINE


def test_what_is_not_a_seal_says_so(trust):
    assert check_document("https://example.org/x", trust, fresh_list(), now=NOW).verdict == NOT_A_SEAL
    seal = genuine_seals()[0]
    assert check_document(seal[:-20], trust, fresh_list(), now=NOW).verdict == DAMAGED
    assert b45decode(seal[len(PREFIX) :])  # the genuine one decodes

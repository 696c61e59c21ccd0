"""The lists kept in the operator's folder: written whole and private, checked again when read, never rolled back,
and a server's trust list that never adds a trusted key."""

from __future__ import annotations

import base64
import datetime as dt
import json
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from civic.keys import TRAINING_KEY_ID, TrustList, TrustListError, training_private_key
from civic.resources import resource_path
from civic.revocation import Revocation, RevocationListError, sign_revocation_list
from civic.seal import SealPayload, sign
from civic.trust_cache import REVOCATIONS_FILE, TRUST_CHECK_FILE, TrustCache
from civic.verification import GENUINE, UNKNOWN_ISSUER, check_document

NOW = dt.datetime(2026, 12, 2, 6, 0, tzinfo=dt.UTC)


def _list(issued_at: dt.datetime, entries: list[Revocation] | None = None) -> bytes:
    signed = sign_revocation_list(
        entries or [],
        issued_at=issued_at,
        max_age=dt.timedelta(hours=24),
        key_id=TRAINING_KEY_ID,
        private_key=training_private_key(),
    )
    return json.dumps(signed, ensure_ascii=False).encode("utf-8")


def _key_entry(private: Ed25519PrivateKey, key_id: str) -> dict:
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"key_id": key_id, "public_key": base64.b64encode(raw).decode(), "label": "", "purposes": ["document"]}


def test_a_fresh_folder_has_nothing_kept(tmp_path):
    lists = TrustCache(tmp_path / "config").load()
    assert lists.revocations is None and lists.revocations_problem is None and lists.trust_comparison is None
    assert lists.trust.get(TRAINING_KEY_ID) is not None


def test_a_genuine_list_is_kept_private_and_read_back(tmp_path):
    cache = TrustCache(tmp_path / "config")
    entry = Revocation("CL-1405-000001", NOW - dt.timedelta(days=1), "ابطال")
    cache.keep_revocations(_list(NOW, [entry]))
    assert stat.S_IMODE(cache.revocations_path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "config").stat().st_mode) == 0o700
    assert list((tmp_path / "config").iterdir()) == [cache.revocations_path]  # no temporary file left
    kept = TrustCache(tmp_path / "config").load().revocations
    assert kept is not None and kept.issued_at == NOW and kept.revoked("CL-1405-000001") == entry


def test_a_forged_list_from_the_server_is_refused_and_the_kept_one_stays(tmp_path):
    cache = TrustCache(tmp_path)
    cache.keep_revocations(_list(NOW))
    forged = json.loads(_list(NOW + dt.timedelta(hours=1), [Revocation("X-1", NOW, "x")]))
    forged["revoked"] = []  # a revocation dropped on the way
    with pytest.raises(RevocationListError) as refused:
        cache.keep_revocations(json.dumps(forged).encode())
    assert refused.value.code == "bad_signature"
    assert cache.load().revocations.issued_at == NOW


def test_an_older_list_never_replaces_a_newer_one(tmp_path):
    cache = TrustCache(tmp_path)
    cache.keep_revocations(_list(NOW, [Revocation("CL-1", NOW - dt.timedelta(hours=1), "ابطال")]))
    with pytest.raises(RevocationListError) as refused:
        cache.keep_revocations(_list(NOW - dt.timedelta(days=2)))  # a replayed answer from before the revocation
    assert refused.value.code == "older"
    assert cache.load().revocations.revoked("CL-1") is not None
    cache.keep_revocations(_list(NOW + dt.timedelta(hours=1)))  # a newer one does
    assert cache.load().revocations.issued_at == NOW + dt.timedelta(hours=1)


def test_a_kept_file_changed_on_disk_is_refused_not_believed(tmp_path):
    cache = TrustCache(tmp_path)
    cache.keep_revocations(_list(NOW, [Revocation("CL-1", NOW, "ابطال")]))
    data = cache.revocations_path.read_bytes().replace(b'"CL-1"', b'"CL-2"')
    cache.revocations_path.write_bytes(data)
    lists = cache.load()
    assert lists.revocations is None and lists.revocations_problem == "bad_signature"
    cache.revocations_path.write_bytes(b"\x00" * 10)
    assert cache.load().revocations_problem == "malformed"


def test_the_servers_trust_list_equal_to_the_bundled_one_is_recorded_as_matching(tmp_path):
    cache = TrustCache(tmp_path)
    compared = cache.keep_trust_list(resource_path("trust", "keys.json").read_bytes(), NOW)
    assert compared.matches
    assert stat.S_IMODE((tmp_path / TRUST_CHECK_FILE).stat().st_mode) == 0o600
    kept = TrustCache(tmp_path).load().trust_comparison
    assert kept is not None and kept.matches and kept.checked_at == NOW


def test_a_key_only_the_server_lists_is_never_trusted(tmp_path):
    other = Ed25519PrivateKey.generate()
    bundled = json.loads(resource_path("trust", "keys.json").read_bytes())
    served = json.dumps([*bundled, _key_entry(other, "hamedan-2")]).encode()
    cache = TrustCache(tmp_path)
    compared = cache.keep_trust_list(served, NOW)
    assert not compared.matches and compared.added == ("hamedan-2",)
    lists = TrustCache(tmp_path).load()
    assert lists.trust.get("hamedan-2") is None and lists.trust_comparison.added == ("hamedan-2",)
    payload = SealPayload("hamedan-2", "CL-9", "clearance", dt.date(2026, 12, 1), None, "x", 1, bytes(32))
    seal = sign(payload, other)
    assert check_document(seal, lists.trust, None, now=NOW).verdict == UNKNOWN_ISSUER
    # nor a list signed by it
    revocations = sign_revocation_list(
        [], issued_at=NOW, max_age=dt.timedelta(hours=1), key_id="hamedan-2", private_key=other
    )
    with pytest.raises(RevocationListError) as refused:
        cache.keep_revocations(json.dumps(revocations).encode())
    assert refused.value.code == "unknown_key"


def test_a_server_list_with_a_replaced_or_missing_key_is_reported(tmp_path):
    other = Ed25519PrivateKey.generate()
    replaced = json.dumps([_key_entry(other, TRAINING_KEY_ID)]).encode()  # the training key id, another key
    compared = TrustCache(tmp_path).keep_trust_list(replaced, NOW)
    assert compared.changed == (TRAINING_KEY_ID,) and not compared.matches
    # the bundled key still verifies what it signed; the server's replacement does not
    trust = TrustCache(tmp_path).load().trust
    genuine = sign(
        SealPayload(TRAINING_KEY_ID, "CL-8", "clearance", dt.date(2026, 12, 1), None, "x", 1, bytes(32)),
        training_private_key(),
    )
    revocations = TrustCache(tmp_path / "b")
    revocations.keep_revocations(_list(NOW))
    assert check_document(genuine, trust, revocations.load().revocations, now=NOW).verdict == GENUINE
    assert TrustCache(tmp_path / "c").keep_trust_list(b"[]", NOW).missing == (TRAINING_KEY_ID,)


def test_an_unreadable_server_trust_list_is_refused(tmp_path):
    with pytest.raises(TrustListError):
        TrustCache(tmp_path).keep_trust_list(b"<html>", NOW)
    assert not (tmp_path / TRUST_CHECK_FILE).exists()
    assert not (tmp_path / REVOCATIONS_FILE).exists()


def test_the_bundled_trust_list_is_the_default(tmp_path):
    assert set(TrustCache(tmp_path).trust.keys) == set(TrustList.load().keys)

"""The tariff-book cache of the desktop against the sandbox as a real subprocess: a download is verified before it is
cached, a tampered one is refused and not cached, offline the newest verified book is used, and the server's newer
book is noticed."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from client_api import MemoryTokenStore, MunicipalClient, OfflineError, Timeouts, ValidationFailedError
from desktop.fee_books import BUNDLED, CACHED, DOWNLOADED, TariffBookCache
from fees import SignatureError, bundled_books, case_from_json, parse_case, select_book
from tests.tariff_books import book_1405_variant, training_signature, write_book

ROOT = Path(__file__).resolve().parents[2]
RESIDENTIAL = ROOT / "examples" / "case-residential.json"  # 1405/02/15, block 123
DATE_1405 = (1405, 2, 15)


def anonymous_client(url: str) -> MunicipalClient:
    return MunicipalClient(url, MemoryTokenStore(), timeouts=Timeouts(connect_s=2, read_s=5))


def dead_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"  # nothing listens there once closed


def test_a_downloaded_book_is_verified_and_cached_exactly_as_downloaded(start_sandbox, tmp_path):
    newer = book_1405_variant("1405.2", p_123=120000)
    sandbox = start_sandbox("--tariff-book", str(write_book(tmp_path / "served", newer)))
    cache = TariffBookCache(tmp_path / "cache" / "tariffs")
    refresh = cache.refresh(anonymous_client(sandbox.url))

    assert refresh.server.verified and refresh.server.label == "hamedan 1405.2"
    cached = cache.folder / "hamedan-1405.2.toml"
    assert cached.read_bytes() == newer
    signature = json.loads(cached.with_name(cached.name + ".sig").read_bytes())
    assert signature["key_id"] == "pishkhan-training-1"
    used = select_book(refresh.local.books, DATE_1405)
    assert used.version == "1405.2" and refresh.local.source[used.sha256] == CACHED
    assert not refresh.server.newer_than(used, DATE_1405)  # nothing to warn about
    assert used.evaluate(case_from_json(RESIDENTIAL.read_bytes())).lines[0].inputs["P"] == 120000


def test_a_tampered_download_is_refused_not_cached_and_the_server_book_is_reported_newer(start_sandbox, tmp_path):
    signed = book_1405_variant("1405.3")
    tampered = signed.replace(b'"124" = 143000', b'"124" = 1430', 1)  # one regional value changed after signing
    served = write_book(tmp_path / "served", tampered, signature=training_signature(signed))
    sandbox = start_sandbox("--tariff-book", str(served))
    cache = TariffBookCache(tmp_path / "cache" / "tariffs")
    refresh = cache.refresh(anonymous_client(sandbox.url))

    assert isinstance(refresh.server.problem, SignatureError)
    assert not refresh.server.verified
    assert list(cache.folder.glob("*")) == []  # nothing written, not even the signature
    used = select_book(refresh.local.books, DATE_1405)
    assert used.version == "1405.1" and refresh.local.source[used.sha256] == BUNDLED
    assert refresh.server.newer_than(used, DATE_1405)  # the preview warns: the server has 1405.3
    assert not refresh.server.newer_than(used, (1404, 6, 1))  # not in force on a 1404 date


def test_a_book_signed_by_an_untrusted_key_is_refused(start_sandbox, tmp_path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from fees import sign_detached

    data = book_1405_variant("1405.4")
    stranger = sign_detached(data, Ed25519PrivateKey.generate(), "pishkhan-training-1")  # a borrowed key_id
    sandbox = start_sandbox("--tariff-book", str(write_book(tmp_path / "served", data, signature=stranger)))
    cache = TariffBookCache(tmp_path / "cache")
    refresh = cache.refresh(anonymous_client(sandbox.url))
    assert isinstance(refresh.server.problem, SignatureError)
    assert not cache.folder.exists() or list(cache.folder.glob("*.toml")) == []


def test_offline_the_newest_verified_book_is_used_and_a_modified_cache_file_is_skipped(start_sandbox, tmp_path):
    newer = book_1405_variant("1405.2", p_123=120000)
    sandbox = start_sandbox("--tariff-book", str(write_book(tmp_path / "served", newer)))
    cache = TariffBookCache(tmp_path / "cache")
    cache.refresh(anonymous_client(sandbox.url))
    sandbox.stop()

    with pytest.raises(OfflineError):
        cache.refresh(anonymous_client(dead_url()))
    local = cache.load()
    assert select_book(local.books, DATE_1405).version == "1405.2"
    assert local.newest().version == "1405.2"

    cached = cache.folder / "hamedan-1405.2.toml"
    cached.write_bytes(cached.read_bytes().replace(b"120000", b"12000", 1))  # someone edits the cache
    local = cache.load()
    assert [book.version for book in local.books] == [book.version for book in bundled_books()]
    assert len(local.rejected) == 1 and isinstance(local.rejected[0], SignatureError)


def test_the_client_assesses_on_the_server_and_reports_bad_fields(shared_sandbox):
    client = anonymous_client(shared_sandbox.url)
    client.sign_in("counter1", "pishkhan-demo", "PK-1001", "T-FEES0001")
    try:
        case = json.loads(RESIDENTIAL.read_text(encoding="utf-8"))
        remote = client.assess(case)
        local = select_book(bundled_books(), DATE_1405).evaluate(parse_case(case))
        assert remote.total_rials == local.total_rials
        assert remote.document == json.loads(json.dumps(local.to_json_dict()))
        case["floors"][2]["area_m2"] = "-3"
        with pytest.raises(ValidationFailedError) as failure:
            client.assess(case)
        assert [error.field for error in failure.value.field_errors] == ["floors[2].area_m2"]
    finally:
        client.logout()


def test_a_verified_book_that_cannot_be_cached_is_still_used_for_the_session(start_sandbox, tmp_path):
    sandbox = start_sandbox("--tariff-book", str(write_book(tmp_path / "served", book_1405_variant("1405.2"))))
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    cache = TariffBookCache(blocker / "tariffs")  # cannot be created: a file is in the way
    refresh = cache.refresh(anonymous_client(sandbox.url))
    assert refresh.server.verified
    used = select_book(refresh.local.books, DATE_1405)
    assert used.version == "1405.2" and refresh.local.source[used.sha256] == DOWNLOADED


def test_a_book_signed_with_the_training_key_is_refused_from_a_server_that_is_not_a_training_server(
    start_sandbox, tmp_path
):
    # the training key's private half is public (it ships with the sandbox): only a training server may use it
    newer = book_1405_variant("1405.4")
    sandbox = start_sandbox("--tariff-book", str(write_book(tmp_path / "served", newer)))
    download = anonymous_client(sandbox.url).current_tariff_book()
    cache = TariffBookCache(tmp_path / "cache" / "tariffs")
    with pytest.raises(SignatureError, match="training key"):
        cache.verify(download)
    assert cache.verify(download, training_server=True).version == "1405.4"

"""The document verification page through its real widgets against the real sandbox: a scanner typing a seal and
pressing Enter, the verdicts (genuine, genuine but not known to stand, revoked, expired, forged, unknown issuer, not a
document), the signed fields in Persian digits, the unverified claims of a bad seal, the keyboard, the lists kept in
the operator's folder and how old they are, the municipality's record compared with the seal, and working offline."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import stat
import time
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from civic.jalali import format_jalali_date, format_jalali_datetime
from civic.keys import TRAINING_KEY_ID, TrustList, training_private_key
from civic.money import format_rials, rials_in_words
from civic.revocation import Revocation, sign_revocation_list
from civic.seal import PREFIX, SealPayload, b45decode, b45encode, read_unverified, sign, tehran_today
from civic.seal_scan import _PERSIAN_LAYOUT, DAMAGED, FORGED, GENUINE, check_scan, clean_scan
from civic.trust_cache import REVOCATIONS_FILE, TRUST_CHECK_FILE
from civic.verification import REVOKED, UNCONFIRMED
from desktop import doc_samples as samples
from desktop.ui.verify_page import VerifyPage, demo_seal_text
from desktop.ui.verify_result import RECORD_DIFFERS, RECORD_MATCHES, RECORD_MISSING
from sandbox.documents import issue_document, revoke_document
from tests.conftest import SandboxProcess

ASCII_DIGIT = re.compile(r"[0-9]")
TODAY = tehran_today()


def training_seal(*, expires: dt.date | None, key: Ed25519PrivateKey | None = None, key_id: str = TRAINING_KEY_ID):
    payload = SealPayload(
        key_id=key_id,
        number="CL-1404-000990",
        kind="clearance",
        issued=TODAY - dt.timedelta(days=40),
        expires=expires,
        holder="علی رضایی",
        amount_rials=2_460_000,
        content_sha256=bytes(range(32)),
        training=True,
    )
    return sign(payload, key or training_private_key()), payload


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory):
    """The module's own sandbox: its tests issue and revoke documents."""
    server = SandboxProcess(tmp_path_factory.mktemp("verify-sandbox"))
    yield server
    server.stop()


@pytest.fixture
def make_page(make_session, qtbot):
    def make(url: str, language: str = "fa", *, config_dir=None, wait: bool = True) -> VerifyPage:
        session = make_session(url, language=language)
        if config_dir is not None:
            session.config_dir = config_dir  # the folder of an earlier session on this machine
        page = VerifyPage(session)
        qtbot.addWidget(page)
        page.resize(900, 700)
        page.show()
        if wait:  # the lists are refreshed in the background when the page opens
            qtbot.waitUntil(lambda: not page.refreshing, timeout=10_000)
        return page

    return make


@pytest.fixture
def page(make_page, sandbox):
    return make_page(sandbox.url)


def _db(server: SandboxProcess) -> sqlite3.Connection:
    conn = sqlite3.connect(server.data_dir / "sandbox.sqlite3", isolation_level=None)
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def issue(server: SandboxProcess, *, expires: dt.date | None = None, holder: str = "مریم احمدی") -> tuple[str, str]:
    """A document the sandbox issues and keeps (its seal and number), as an inquiry reply or certificate is."""
    number = f"CL-1405-{uuid.uuid4().int % 10**6:06d}"
    content = {"kind": "clearance", "number": number, "issued_at": "2026-11-30T08:00:00Z", "owner_name": holder}
    conn = _db(server)
    try:
        conn.execute("BEGIN IMMEDIATE")
        doc = issue_document(
            conn,
            content=content,
            office_code="PK-1001",
            holder=holder,
            amount_rials=3_500_000,
            expires=expires,
            now=time.time(),
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
    return doc.seal, number


def revoke(server: SandboxProcess, number: str, reason: str) -> None:
    conn = _db(server)
    try:
        conn.execute("BEGIN IMMEDIATE")
        assert revoke_document(conn, number, reason, time.time())
        conn.execute("COMMIT")
    finally:
        conn.close()


def shown(page: VerifyPage, name: str) -> str:
    return page.fields[name].text()


def result_texts(page: VerifyPage) -> dict[str, str]:
    """Every visible label of the result panel, by object name."""
    return {
        label.objectName(): label.text()
        for label in page.result.findChildren(QLabel)
        if label.isVisibleTo(page) and label.text()
    }


def test_a_genuine_sample_reads_genuine_with_its_signed_fields_in_persian_digits(page):
    receipt = samples.receipt()
    page.open_with(text=demo_seal_text())
    assert page.last_check is not None and page.last_check.verdict == GENUINE
    assert page.headline.text() == "اصیل"
    assert shown(page, "number") == f"\u2066{receipt.number}\u2069"  # as printed on the paper
    assert shown(page, "kind") == "رسید پرداخت"
    assert shown(page, "issued") == "\u2066" + format_jalali_date(receipt.issued_at.date()) + "\u2069"
    assert shown(page, "expires") == "بدون تاریخ انقضا"
    assert shown(page, "holder") == "\u2068زهرا کریمی\u2069"
    assert shown(page, "amount") == f"{format_rials(receipt.total_rials)} ریال"
    assert "٬" in shown(page, "amount")
    assert shown(page, "amount_words") == rials_in_words(receipt.total_rials)
    assert "کلید آموزشی پیشخوان" in shown(page, "key")
    # training documents are genuine but never valid: said prominently
    assert page.training.isVisibleTo(page) and "آموزشی" in page.training.text()
    assert page.headline.property("tone") == "warning"
    assert not page.claim.isVisibleTo(page)
    for name, text in result_texts(page).items():
        if name != "field-number":
            assert not ASCII_DIGIT.search(text), (name, text)


def test_a_document_without_an_expiry_date_says_so(page):
    seal, payload = training_seal(expires=None)
    page.open_with(text=seal)
    assert page.headline.text() == "اصیل"
    assert shown(page, "expires") == "بدون تاریخ انقضا"
    assert shown(page, "kind") == "مفاصاحساب"
    assert shown(page, "issued") == "\u2066" + format_jalali_date(payload.issued) + "\u2069"


def test_one_changed_character_reads_as_forged_and_its_fields_only_as_an_unverified_claim(page):
    seal = demo_seal_text()
    at = len(seal) - 30 - (len(seal) - len(PREFIX)) % 3  # the first character of a group inside the signature
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    changed = alphabet[alphabet.index(seal[at]) + (1 if seal[at] == "0" else -1)]
    page.open_with(text=seal[:at] + changed + seal[at + 1 :])
    assert page.last_check is not None and page.last_check.verdict == FORGED
    assert page.headline.text() == "جعلی یا دست‌کاری‌شده"
    assert page.headline.property("tone") == "error"
    assert page.claim.isVisibleTo(page) and page.claim.text() == "ادعای سند؛ تأیید نشده"
    assert "(تأیید نشده)" in shown(page, "key")
    assert not page.training.isVisibleTo(page)  # an unverified claim of training says nothing
    assert all(page.fields[name].property("tone") == "muted" for name in page.fields)


def test_a_changed_holder_name_reads_as_forged(page):
    seal = demo_seal_text()
    raw = bytearray(b45decode(seal[len(PREFIX) :]))
    payload, body, _ = read_unverified(seal)
    at = body.index(payload.holder.encode("utf-8"))
    raw[at : at + 2] = "رض".encode()[:2]  # «ز» → «ر»: the name still reads as a name
    page.open_with(text=PREFIX + b45encode(bytes(raw)))
    assert page.last_check.verdict == FORGED
    assert page.headline.text() == "جعلی یا دست‌کاری‌شده"


def test_a_seal_signed_with_a_key_outside_the_trust_list_reads_unknown_issuer(page):
    seal, _ = training_seal(expires=TODAY + dt.timedelta(days=30), key=Ed25519PrivateKey.generate(), key_id="hamedan-2")
    page.open_with(text=seal)
    assert page.headline.text() == "صادرکننده ناشناخته"
    assert page.headline.property("tone") == "error"
    assert page.claim.isVisibleTo(page)
    assert "hamedan-۲" in page.detail.text()
    assert shown(page, "number") == "\u2066CL-1404-000990\u2069"


def test_the_training_key_impersonated_by_another_key_reads_as_forged(page):
    seal, _ = training_seal(expires=None, key=Ed25519PrivateKey.generate())
    page.open_with(text=seal)
    assert page.headline.text() == "جعلی یا دست‌کاری‌شده"


def test_an_expired_document_reads_expired_with_its_jalali_date(page):
    expired_on = TODAY - dt.timedelta(days=3)
    seal, _ = training_seal(expires=expired_on)
    page.open_with(text=seal)
    jalali = format_jalali_date(expired_on)  # Persian digits
    assert page.headline.text() == f"منقضی — اعتبار سند در \u2066{jalali}\u2069 پایان یافته است"
    assert page.headline.property("tone") == "warning"
    assert shown(page, "expires") == f"\u2066{jalali}\u2069"
    assert not page.claim.isVisibleTo(page)  # genuine, only out of date: the fields are the signed ones
    assert not ASCII_DIGIT.search(page.headline.text())


def test_random_text_damaged_seals_and_an_empty_enter(page, qtbot):
    page.open_with(text="https://example.org/receipt?id=123")
    assert page.headline.text() == "متن اسکن‌شده سند این سامانه نیست"
    assert not page.field_box.isVisibleTo(page)
    page.open_with(text=demo_seal_text()[:-40])  # a scan cut short
    assert page.last_check.verdict == DAMAGED
    assert page.headline.text() == "متن اسکن‌شده سند این سامانه نیست"
    assert "دوباره اسکن کنید" in page.detail.text()
    assert page.history_size == 2

    page.clear()
    qtbot.keyClicks(page.field, "   ")
    qtbot.keyClick(page.field, Qt.Key.Key_Return)
    assert page.field_error.isVisibleTo(page) and "متنی برای بررسی نیست" in page.field_error.text()
    assert page.field.property("invalid") is True
    assert not page.result.isVisibleTo(page)
    assert page.history_size == 2  # nothing was checked
    qtbot.keyClicks(page.field, "P")  # typing again takes the message away
    assert not page.field_error.isVisibleTo(page)


def press_keys(field, text: str) -> None:
    """What a keyboard-wedge scanner does: one key press and release per character, then Enter."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(field, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"))


def test_the_field_has_focus_and_a_scanner_typing_then_enter_verifies(page, qtbot):
    page.activateWindow()
    qtbot.waitUntil(lambda: page.field.hasFocus(), timeout=5_000)
    seal = demo_seal_text()
    qtbot.keyClicks(page.field, seal)
    qtbot.keyClick(page.field, Qt.Key.Key_Return)
    assert page.headline.text() == "اصیل"
    # the text stays selected, so the next scan replaces it
    assert page.field.selectedText() == seal
    press_keys(page.field, seal.lower())  # Caps Lock on: the scanner's capitals arrive in lower case
    assert page.last_check.verdict == GENUINE and page.history_size == 2
    persian = {us: fa for fa, us in _PERSIAN_LAYOUT.items()}
    as_persian_layout = "".join(persian.get(c, chr(0x06F0 + int(c)) if c.isdigit() else c) for c in seal)
    page.clear()
    press_keys(page.field, as_persian_layout)  # the Persian keyboard layout on
    assert page.last_check.verdict == GENUINE
    assert page.field.text() == as_persian_layout  # the field keeps what was typed; only the check reads it cleaned


def test_a_pasted_seal_with_a_line_break_and_direction_marks_verifies(page):
    page.open_with(text="\u200f" + demo_seal_text() + "\r\n")
    assert page.headline.text() == "اصیل"


def test_persian_layout_cleaning_maps_each_key_to_one_seal_character_and_nothing_else():
    alphabet = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    assert set(_PERSIAN_LAYOUT.values()) <= alphabet
    assert len(set(_PERSIAN_LAYOUT.values())) == len(_PERSIAN_LAYOUT)  # no two keys read the same
    assert not set(_PERSIAN_LAYOUT) & alphabet  # a seal's own characters are never changed
    assert clean_scan("PK1:AB C").text == "PK1:AB C"  # a space inside is a seal character, kept
    assert clean_scan("ok1:0o").text == "OK1:0O"  # O stays O and 0 stays 0: no guessing between look-alikes


def test_escape_clears_and_ctrl_enter_checks(page, qtbot):
    assert page.cancel() is False  # nothing to clear: Esc is left to the window
    page.field.setText(demo_seal_text())
    assert page.submit() is True
    assert page.headline.text() == "اصیل"
    assert page.cancel() is True
    assert page.field.text() == "" and not page.result.isVisibleTo(page)


def test_earlier_checks_are_listed_and_shown_again(page, qtbot):
    good = demo_seal_text()
    page.open_with(text=good)
    page.open_with(text="not a seal")
    assert page.history.count() == 2
    assert "متن اسکن‌شده" in page.history.item(0).text()
    assert samples.receipt().number in page.history.item(1).text()
    page.history.itemActivated.emit(page.history.item(1))
    assert page.headline.text() == "اصیل" and page.field.text() == good
    for _ in range(10):
        page.open_with(text="x")
    assert page.history.count() == 6


def test_a_check_takes_well_under_a_few_milliseconds_on_the_ui_thread(page):
    seal, trust, runs = demo_seal_text(), TrustList.load(), 50
    check_scan(seal, trust)  # warm up
    started = time.perf_counter()
    for _ in range(runs):
        check_scan(seal, trust)
    per_check_ms = (time.perf_counter() - started) * 1000 / runs
    assert per_check_ms < 2, per_check_ms  # cleaning, decoding and the Ed25519 verification
    page.field.setText(seal)
    page.check()
    started = time.perf_counter()
    for _ in range(runs):
        page.check()
    per_page_check_ms = (time.perf_counter() - started) * 1000 / runs
    assert per_page_check_ms < 16, per_page_check_ms  # with the widgets' update: within one frame


def open_page(session, qtbot) -> VerifyPage:
    page = VerifyPage(session)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.refreshing, timeout=10_000)
    return page


def test_offline_with_no_kept_list_the_seal_reads_but_whether_it_was_revoked_cannot_be_told(
    make_session, qtbot, start_sandbox
):
    server = start_sandbox()
    session = make_session(server.url)
    server.stop()  # the municipality is gone
    page = open_page(session, qtbot)
    assert "به‌روزرسانی فهرست‌ها از شهرداری نشد" in page.offline_note.text()
    assert "فهرست اسناد باطل‌شده روی این رایانه نیست" in page.offline_note.text()
    page.open_with(text=demo_seal_text())
    assert page.last_check.verdict == UNCONFIRMED
    assert page.headline.text() == "امضا اصیل است، اما معلوم نیست سند باطل نشده باشد"
    assert page.headline.property("tone") == "warning"
    assert "باطل شدن سند بررسی نشد" in page.detail.text()
    assert shown(page, "holder") == "\u2068زهرا کریمی\u2069"  # the signed fields are still there to compare
    qtbot.waitUntil(lambda: page.record_state == "unavailable", timeout=10_000)
    assert page.result.record.text().startswith("سابقه این سند از شهرداری گرفته نشد")


def test_the_lists_are_kept_private_in_the_operators_folder_and_their_age_is_said(page):
    folder = page.session.config_dir
    for name in (REVOCATIONS_FILE, TRUST_CHECK_FILE):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    note = page.offline_note.text()
    assert "فهرست کلیدهای شهرداری کمتر از یک دقیقه پیش با آن مقایسه شد و یکی است." in note
    assert "فهرست اسناد باطل‌شده: صادرشده کمتر از یک دقیقه پیش" in note
    assert not ASCII_DIGIT.search(note)
    page.open_with(text=demo_seal_text())
    assert page.last_check.verdict == GENUINE
    assert "در فهرست اسناد باطل‌شده (کمتر از یک دقیقه پیش) نیست" in page.detail.text()


def test_offline_the_lists_kept_by_an_earlier_session_are_used(make_page, make_session, qtbot, start_sandbox, tmp_path):
    server = start_sandbox()
    folder = tmp_path / "desk-config"
    make_page(server.url, config_dir=folder)  # online once: the lists are kept
    session = make_session(server.url)
    server.stop()
    session.config_dir = folder
    page = open_page(session, qtbot)
    assert page.refresh_error is not None
    page.open_with(text=demo_seal_text())
    assert page.last_check.verdict == GENUINE and page.headline.text() == "اصیل"


def _stale_list(folder, *, revoked: list[Revocation] = ()) -> None:
    issued = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    signed = sign_revocation_list(
        revoked,
        issued_at=issued,
        max_age=dt.timedelta(hours=24),
        key_id=TRAINING_KEY_ID,
        private_key=training_private_key(),
    )
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    (folder / REVOCATIONS_FILE).write_text(json.dumps(signed, ensure_ascii=False), encoding="utf-8")


def test_a_revocation_list_older_than_its_maximum_age_is_reported(make_session, qtbot, start_sandbox, tmp_path):
    server = start_sandbox()
    session = make_session(server.url)
    server.stop()
    session.config_dir = tmp_path / "stale"
    number = samples.certificate().number
    _stale_list(session.config_dir, revoked=[Revocation(number, dt.datetime(2026, 11, 1, tzinfo=dt.UTC), "ابطال")])
    page = open_page(session, qtbot)
    assert "۳ روز پیش صادر شده" in page.offline_note.text()
    assert "کهنه‌تر است" in page.offline_note.text()
    page.open_with(text=demo_seal_text())
    assert page.last_check.verdict == UNCONFIRMED  # not «genuine»: it may have been revoked since
    assert page.headline.text() == "امضا اصیل است، اما معلوم نیست سند باطل نشده باشد"
    assert "۳ روز پیش صادر شده و از بیشینه اعتبار خود (۲۴ ساعت) کهنه‌تر است" in page.detail.text()
    # a stale list that names a document still says it is revoked: a revocation is never withdrawn
    page.open_with(text=samples.certificate().seal)
    assert page.last_check.verdict == REVOKED


def test_a_revoked_document_reads_revoked_with_its_date_and_reason(make_page, sandbox):
    seal, number = issue(sandbox)
    revoke(sandbox, number, "صادر شده به اشتباه")
    page = make_page(sandbox.url)
    page.open_with(text=seal)
    check = page.last_check
    assert check.verdict == REVOKED and check.revocation.number == number
    when = format_jalali_datetime(check.revocation.revoked_at)
    assert page.headline.text() == f"باطل‌شده — سند در \u2066{when}\u2069 باطل شده است"
    assert page.headline.property("tone") == "error"
    assert page.detail.text().endswith("علت: \u2068صادر شده به اشتباه\u2069")
    assert shown(page, "number") == f"\u2066{number}\u2069"  # the signed fields, to compare with the paper
    assert shown(page, "amount") == "۳٬۵۰۰٬۰۰۰ ریال"
    assert shown(page, "amount_words") == rials_in_words(3_500_000)
    assert not page.claim.isVisibleTo(page)
    assert "باطل‌شده" in page.history.item(0).text()


def test_the_municipalitys_record_is_compared_with_the_seal(page, sandbox, qtbot):
    seal, _ = issue(sandbox)
    page.open_with(text=seal)
    assert page.last_check.verdict == GENUINE
    qtbot.waitUntil(lambda: page.record_state == RECORD_MATCHES, timeout=10_000)
    assert page.result.record.text().startswith("با سابقه شهرداری می‌خواند")
    assert page.result.record.property("tone") == "success"
    # a genuine signature over other content under the same number (a key that leaked, say): the record says so
    payload = read_unverified(seal)[0]
    other = sign(SealPayload(**{**payload.__dict__, "content_sha256": bytes(32)}), training_private_key())
    page.open_with(text=other)
    qtbot.waitUntil(lambda: page.record_state == RECORD_DIFFERS, timeout=10_000)
    assert page.result.record.property("tone") == "error"
    page.open_with(text=demo_seal_text())  # a sample the sandbox never issued
    qtbot.waitUntil(lambda: page.record_state == RECORD_MISSING, timeout=10_000)
    assert page.result.record.text() == "شهرداری سندی با این شماره ثبت نکرده است."


def test_a_revocation_after_the_last_list_shows_from_the_municipalitys_record(page, sandbox, qtbot):
    seal, number = issue(sandbox)
    revoke(sandbox, number, "ابطال به دستور دادگاه")  # after the page fetched its list
    page.open_with(text=seal)
    qtbot.waitUntil(lambda: page.last_check.verdict == REVOKED, timeout=10_000)
    assert page.last_check.revocation_check == "record"
    assert "ابطال به دستور دادگاه" in page.detail.text()
    assert page.history.item(0).text().split(" — ")[1].startswith("باطل‌شده")


def test_the_refresh_button_fetches_the_lists_again_and_rechecks_the_shown_document(page, sandbox, qtbot):
    seal, number = issue(sandbox)
    page.open_with(text=seal)
    qtbot.waitUntil(lambda: page.record_state == RECORD_MATCHES, timeout=10_000)
    revoke(sandbox, number, "ابطال")
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert page.refreshing and not page.refresh_button.isEnabled()
    qtbot.waitUntil(lambda: not page.refreshing, timeout=10_000)
    assert page.last_check.verdict == REVOKED and page.last_check.revocation_check == "current"
    assert "۱ سند باطل‌شده" in page.offline_note.text() or "سند باطل‌شده" in page.offline_note.text()


def test_a_caps_lock_scan_of_an_issued_document_reads_genuine_and_matches(page, sandbox, qtbot):
    seal, _ = issue(sandbox, expires=TODAY + dt.timedelta(days=90))
    press_keys(page.field, seal.lower())
    assert page.last_check.verdict == GENUINE
    qtbot.waitUntil(lambda: page.record_state == RECORD_MATCHES, timeout=10_000)


def test_the_english_page_shows_ascii_digits(make_page, sandbox):
    page = make_page(sandbox.url, language="en")
    page.open_with(text=demo_seal_text())
    assert page.last_check.verdict == GENUINE
    amount = format_rials(samples.receipt().total_rials, persian_digits=False)
    assert amount in shown(page, "amount")
    assert not re.search("[۰-۹]", shown(page, "issued"))


def test_a_scan_with_an_old_list_fetches_a_fresh_one_in_the_background(page, qtbot, monkeypatch):
    import desktop.ui.verify_page as verify_page

    monkeypatch.setattr(verify_page, "REFRESH_AFTER", dt.timedelta(0))
    monkeypatch.setattr(verify_page, "REFRESH_AT_MOST_EVERY_S", 0.0)
    before = page.lists.revocations.issued_at
    page.open_with(text=demo_seal_text())
    assert page.refreshing  # the verdict is already shown: the UI did not wait
    assert page.headline.text() == "اصیل"
    qtbot.waitUntil(lambda: not page.refreshing, timeout=10_000)
    assert page.lists.revocations.issued_at >= before and page.last_check.verdict == GENUINE


def test_a_list_older_than_the_kept_one_is_set_aside_and_said(make_page, sandbox, tmp_path):
    folder = tmp_path / "ahead"
    folder.mkdir(mode=0o700)
    ahead = sign_revocation_list(
        [],
        issued_at=dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(hours=2),
        max_age=dt.timedelta(hours=24),
        key_id=TRAINING_KEY_ID,
        private_key=training_private_key(),
    )
    (folder / REVOCATIONS_FILE).write_text(json.dumps(ahead), encoding="utf-8")
    page = make_page(sandbox.url, config_dir=folder)
    assert page.refresh_error == "فهرست اسناد باطل‌شده‌ای که رسید از فهرست نگه‌داشته‌شده کهنه‌تر است و کنار گذاشته شد."
    assert page.refresh_error in page.offline_note.text()
    assert json.loads((folder / REVOCATIONS_FILE).read_text(encoding="utf-8")) == ahead  # the kept one stays

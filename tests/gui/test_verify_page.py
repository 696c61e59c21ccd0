"""The document verification page through its real widgets: a scanner typing a seal and pressing Enter, the verdicts
(genuine, forged, unknown issuer, expired, not a document), the signed fields in Persian digits, the unverified
claims of a bad seal, the keyboard, and that it needs no network."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from civic.jalali import format_jalali_date
from civic.keys import TRAINING_KEY_ID, TrustList, training_private_key
from civic.money import format_rials, rials_in_words
from civic.seal import PREFIX, SealPayload, b45decode, b45encode, read_unverified, sign, tehran_today
from civic.seal_scan import _PERSIAN_LAYOUT, DAMAGED, FORGED, GENUINE, check_scan, clean_scan
from desktop.ui.verify_page import VerifyPage, demo_seal_text
from printing import samples

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


@pytest.fixture
def make_page(make_session, qtbot):
    def make(url: str, language: str = "fa") -> VerifyPage:
        page = VerifyPage(make_session(url, language=language))
        qtbot.addWidget(page)
        page.resize(900, 700)
        page.show()
        return page

    return make


@pytest.fixture
def page(make_page, shared_sandbox):
    return make_page(shared_sandbox.url)


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
    assert shown(page, "number") == "\u2066R-1404-1001-000123\u2069"  # as printed on the paper
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
    assert "R-1404-1001-000123" in page.history.item(1).text()
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


def test_verification_needs_no_network(make_page, start_sandbox):
    server = start_sandbox()
    page = make_page(server.url)
    server.stop()  # the municipality is gone
    page.open_with(text=demo_seal_text())
    assert page.headline.text() == "اصیل"
    assert TrustList.load().get(TRAINING_KEY_ID) is not None


def test_the_english_page_shows_ascii_digits(make_page, shared_sandbox):
    page = make_page(shared_sandbox.url, language="en")
    page.open_with(text=demo_seal_text())
    assert page.last_check.verdict == GENUINE
    amount = format_rials(samples.receipt().total_rials, persian_digits=False)
    assert amount in shown(page, "amount")
    assert not re.search("[۰-۹]", shown(page, "issued"))

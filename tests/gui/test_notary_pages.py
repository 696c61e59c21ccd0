"""The notary's pages through their real widgets against the real sandbox: the new-inquiry form (every field checked
and named as typed, nothing typed lost, one outbox action), the inquiries list (waiting in the outbox, pending, then
answered by itself), the reply view (the verdict with its condition, debts with the total in figures and words), the
clearance certificate offered only when nothing is owed, and the roles (counter1 is not offered the pages; 403)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from civic.keys import TrustList
from civic.seal import verify
from client_api import MemoryTokenStore, MunicipalClient
from client_api import inquiries as api
from client_api.errors import ForbiddenError, NotFoundError
from client_api.outbox import OutboxEntry, State
from desktop.pages import pages_for
from desktop.ui.inquiries_page import InquiriesPage
from desktop.ui.inquiry_form_page import InquiryFormPage
from desktop.ui.inquiry_texts import WAITING, headline
from sandbox.city import DEMO_PARCEL
from tests.gui.test_permit_wizard import persian, type_text

WAIT_MS = 20_000
PAID_UP_PARCEL = "2-14-123-48-0-0"  # every sixth parcel owes nothing (sandbox/bills_seed.py)
SELLER_ID, BUYER_ID = "0012345679", "0067749828"
BANK_LEGAL_ID = "10100000006"  # checked below against civic.ids


def make_form(qtbot, session) -> InquiryFormPage:
    page = InquiryFormPage(session)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitUntil(lambda: page._loaded, timeout=WAIT_MS)
    return page


def make_list(qtbot, session) -> InquiriesPage:
    page = InquiriesPage(session)
    qtbot.addWidget(page)
    page.resize(1000, 720)
    page.show()
    return page


def fill(qtbot, page: InquiryFormPage, parcel: str, parties: list[tuple[str, str]], note: str = "") -> None:
    """Type like the notary: the parcel (a scanner's Enter looks it up), then each party's name and ID."""
    page.parcel.setFocus()
    type_text(qtbot, page.parcel, parcel)
    qtbot.keyClick(page.parcel, Qt.Key.Key_Return)
    for row, (name, party_id) in zip(page.parties.rows, parties, strict=False):
        type_text(qtbot, row.name, name)
        type_text(qtbot, row.party_id, party_id)
    if note:
        page.note.setFocus()
        page.note.insertPlainText(note)


def send(qtbot, page: InquiryFormPage) -> list[str]:
    """Ctrl+Enter's action; the link it asks for (the inquiries page and its context)."""
    links: list[str] = []
    page.show_page_requested.connect(lambda target, context: links.append(context.get("inquiry_id", "")))
    assert page.submit()
    qtbot.waitUntil(lambda: bool(links) or page.banner.isVisible(), timeout=WAIT_MS)
    return links


def test_the_headline_never_says_no_objection_before_a_condition(qapp):
    plain, tone = headline("transfer", True, "")
    assert "بلامانع" in plain and tone == "success"
    conditional, tone = headline("transfer", True, "پرداخت بدهی‌ها به مبلغ ۱۰۰ ریال پیش از تنظیم سند")
    assert "بلامانع" not in conditional and "شرط" in conditional and "پرداخت بدهی‌ها" in conditional
    assert tone == "warning"
    refused, tone = headline("transfer", False, "تخلف در انتظار رسیدگی کمیسیون ماده ۱۰۰")
    assert "مجاز نیست" in refused and "کمیسیون" in refused and tone == "error"


def test_counter1_is_not_offered_the_notary_pages_and_the_server_refuses_it(make_session, shared_sandbox):
    counter = make_session(shared_sandbox.url)
    notary = make_session(shared_sandbox.url, "notary1", "NT-0042")
    assert not {"inquiry", "inquiries"} & {spec.id for spec in pages_for(counter)}
    assert {"inquiry", "inquiries"} <= {spec.id for spec in pages_for(notary)}
    with pytest.raises(ForbiddenError):
        api.inquiries(counter.client)


def test_bad_input_is_named_per_field_nothing_is_sent_and_the_draft_keeps_it(make_session, qtbot, shared_sandbox):
    session = make_session(shared_sandbox.url, "notary1", "NT-0042")
    page = make_form(qtbot, session)
    fill(qtbot, page, "۲-۱۴-۱۲۳", [("رضا کریمی", "۰۰۱۲۳۴۵۶۷۸"), ("ش", "1010000000")])
    assert "ملک (کد نوسازی یا پلاک ثبتی)" in page.banner.text()  # the parcel field was touched first

    links = send(qtbot, page)
    assert links == []
    text = page.banner.text()
    assert page.banner.tone() == "error"
    assert text.startswith("ملک (کد نوسازی یا پلاک ثبتی):"), text
    outlined = [w for w in (page.parcel, page.parties.rows[0].party_id, page.parties.rows[1].name,
                            page.parties.rows[1].party_id) if w.property("invalid")]  # fmt: skip
    assert len(outlined) == 4  # the parcel, the wrong check digit, the short name, 10 digits failing their check
    sentence = page.form.sentence(page.read()[1][1])
    assert sentence.startswith("کد ملی یا شناسه ملی طرف ۱:") and "رقم کنترل" in sentence
    assert page.parcel.text() == "۲-۱۴-۱۲۳"  # nothing typed is rewritten
    assert session.outbox.last is None or session.outbox.last.counts.queued == 0

    # the draft keeps every field as typed: a page made again finds it
    page.save_draft_now()
    qtbot.waitUntil(lambda: page.draft_status.text() == "پیش‌نویس ذخیره شد.", timeout=WAIT_MS)
    again = make_form(qtbot, session)
    assert again.parcel.text() == "۲-۱۴-۱۲۳"
    assert [row.texts()["id"] for row in again.parties.rows] == ["۰۰۱۲۳۴۵۶۷۸", "1010000000"]
    assert again.parties.rows[1].texts()["name"] == "ش"
    assert again.draft.inquiry_id == page.draft.inquiry_id  # the same inquiry, whenever it is sent


def test_a_transfer_inquiry_waits_in_the_outbox_then_is_answered_with_its_condition(make_session, qtbot, start_sandbox):
    server = start_sandbox("--inquiry-delay", "0")
    session = make_session(server.url, "notary1", "NT-0042")
    form = make_form(qtbot, session)
    listing = make_list(qtbot, session)
    form.show_page_requested.connect(lambda _target, context: listing.open_with(**context))
    settled: list[OutboxEntry] = []
    session.outbox.action_settled.connect(settled.append)

    parties = [("رضا کریمی", persian(SELLER_ID)), ("مینا رحیمی", BUYER_ID)]
    fill(qtbot, form, persian(DEMO_PARCEL), parties, "معامله قطعی")
    qtbot.waitUntil(lambda: "رضا کریمی" in form.parcel_info.text(), timeout=WAIT_MS)  # the scanner's Enter found it
    (inquiry_id,) = send(qtbot, form)
    assert form.parcel.text() == "" and form.draft.inquiry_id != inquiry_id  # ready for the next one
    shown = listing.reply_view
    qtbot.waitUntil(lambda: shown.listed is not None and shown.listed.id == inquiry_id, timeout=WAIT_MS)
    if shown.listed is not None and shown.listed.status == WAITING:
        assert "صف ارسال" in shown.status.text()

    qtbot.waitUntil(lambda: any(e.path.endswith(inquiry_id) and e.state is State.DONE for e in settled),
                    timeout=WAIT_MS)  # fmt: skip
    qtbot.waitUntil(lambda: shown.reply is not None, timeout=WAIT_MS)  # the poller read the answer
    reply = shown.reply
    assert reply is not None and reply.debts  # the demo parcel owes renovation fees
    verdict = shown.verdict.text()
    assert "بلامانع" not in verdict and "پرداخت بدهی‌ها" in verdict
    assert re.search("[۰-۹]", shown.total_words.text()) and not re.search("[0-9]", shown.total_words.text())
    assert "ریال" in shown.total_words.text() and "میلیون" in shown.total_words.text()
    assert shown.debts.topLevelItemCount() == len(reply.debts) + 2  # each debt, the transfer fee, the total
    clearance = shown.certificate_buttons["clearance"]
    assert not clearance.isEnabled() and "بدهی" in shown.certificate_reasons["clearance"].text()
    qtbot.waitUntil(lambda: any(r.id == inquiry_id and r.status == "answered" for r in listing.model.rows),
                    timeout=WAIT_MS)  # fmt: skip
    assert listing.table.tabKeyNavigation() is False


def test_a_paid_up_parcel_gets_its_clearance_certificate(make_session, qtbot, start_sandbox):
    server = start_sandbox("--inquiry-delay", "0")
    session = make_session(server.url, "notary1", "NT-0042")
    form = make_form(qtbot, session)
    listing = make_list(qtbot, session)
    form.show_page_requested.connect(lambda _target, context: listing.open_with(**context))
    form.open_with(parcel=PAID_UP_PARCEL, type="mortgage",
                   parties=[{"role": "mortgagor", "name": "ناصر شریفی", "id": SELLER_ID},
                            {"role": "bank", "name": "بانک ملت", "id": BANK_LEGAL_ID}])  # fmt: skip
    (inquiry_id,) = send(qtbot, form)
    shown = listing.reply_view
    qtbot.waitUntil(lambda: shown.reply is not None, timeout=WAIT_MS)
    assert shown.listed is not None and shown.listed.id == inquiry_id
    assert shown.listed.parties[1].legal_id == BANK_LEGAL_ID
    assert not shown.reply.debts and shown.verdict.text() == "ترهین ملک بلامانع است."
    clearance = shown.certificate_buttons["clearance"]
    assert clearance.isEnabled()
    clearance.setFocus()
    qtbot.keyClick(clearance, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: shown.certificate_print.isVisible(), timeout=WAIT_MS)
    status = shown.certificate_status.text()
    assert "گواهی مفاصاحساب" in status and "صادر شد" in status
    (state,) = listing.certificates.values()
    assert state.record is not None and state.record.document.kind == "clearance"

    # «چاپ گواهی»: the certificate built from its sealed content, in the A4 preview; its seal verifies
    shown.certificate_print.click()
    qtbot.waitUntil(lambda: listing.preview is not None, timeout=WAIT_MS)
    doc = listing.preview.doc
    assert doc.kind == "clearance" and doc.number == state.record.document.number and doc.printer_role == "a4"
    payload = verify(state.record.document.seal, TrustList.load())
    assert payload.number == doc.number and payload.holder == "ناصر شریفی، سارا کریمی"
    listing.preview.close()


def test_a_refusal_by_the_server_brings_the_fields_back_with_its_reason(make_session, qtbot, start_sandbox):
    server = start_sandbox("--inquiry-delay", "0")
    session = make_session(server.url, "notary1", "NT-0042")
    form = make_form(qtbot, session)
    fill(qtbot, form, "2-14-123-999-0-0", [("رضا کریمی", SELLER_ID), ("مینا رحیمی", BUYER_ID)])
    (inquiry_id,) = send(qtbot, form)
    qtbot.waitUntil(lambda: form.parcel.text() == "2-14-123-999-0-0", timeout=WAIT_MS)  # no such parcel: refused
    assert form.draft.inquiry_id == inquiry_id
    assert form.parcel.property("invalid") and "شهرداری استعلام را نپذیرفت" in form.banner.text()
    assert "ملک (کد نوسازی یا پلاک ثبتی)" in form.banner.text()


def test_the_legal_entity_id_of_the_bank_is_a_valid_one(qapp):
    from civic.ids import legal_entity_id

    assert legal_entity_id(BANK_LEGAL_ID) == BANK_LEGAL_ID


def test_a_counter_operator_cannot_read_an_inquiry(shared_sandbox):
    counter = MunicipalClient(shared_sandbox.url, MemoryTokenStore())
    counter.sign_in("counter1", "pishkhan-demo", "PK-1001", "T-NOTARY1")
    with pytest.raises(ForbiddenError):
        api.inquiry(counter, "7dd36ded-eacd-4d4f-99a6-47b82d79c94d")


def test_tab_walks_the_form_in_reading_order_and_a_new_party_row_takes_its_place(make_session, qtbot, shared_sandbox):
    session = make_session(shared_sandbox.url, "notary1", "NT-0042")
    page = make_form(qtbot, session)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)

    def walk() -> list[str]:
        page.parcel.setFocus()
        names = []
        for _ in range(40):
            widget = QApplication.focusWidget()
            names.append(widget.objectName())
            if widget is page.send_button:
                break
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
        return names

    row = ["inquiryPartyRole", "inquiryPartyName", "inquiryPartyId", "inquiryPartyRemove"]
    start = ["inquiryParcel", "inquiryType"]
    end = ["inquiryNote", "inquiryNew", "inquirySend"]
    assert walk() == [*start, "inquiryPartyAdd", *row, *row, *end]
    page.parties.add_button.setFocus()
    qtbot.keyClick(page.parties.add_button, Qt.Key.Key_Space)  # a third party
    assert QApplication.focusWidget() is page.parties.rows[2].role
    names = walk()
    assert names == [*start, "inquiryPartyAdd", *row, *row, *row, *end], names

    # the utility choice shows for a utility inquiry only, and its rows start as one applicant
    page.type.setCurrentIndex(page.type.findData("utility"))
    assert page.utility.isVisible()
    only = row[:3]  # the one row cannot be removed: its button is off and Tab passes it
    assert walk() == [*start, "inquiryUtility", "inquiryPartyAdd", *only, *end]
    assert page.parties.rows[0].role.currentData() == "applicant"


def test_in_english_the_answered_list_opens_on_its_first_reply_with_ascii_digits(make_session, qtbot, start_sandbox):
    server = start_sandbox("--inquiry-delay", "0")
    session = make_session(server.url, "notary1", "NT-0042", language="en")
    form = make_form(qtbot, session)
    form.open_with(parcel="1234/59", type="utility", utility="gas",
                   parties=[{"role": "applicant", "name": "ناصر شریفی", "id": persian(SELLER_ID)}])  # fmt: skip
    (inquiry_id,) = send(qtbot, form)
    reader = MunicipalClient(server.url, MemoryTokenStore())
    reader.sign_in("notary1", "pishkhan-demo", "NT-0042", "T-NOTARY2")
    qtbot.waitUntil(lambda: _answered(reader, inquiry_id), timeout=WAIT_MS)

    listing = make_list(qtbot, session)
    listing.open_with(status="answered", select_first=True)
    shown = listing.reply_view
    qtbot.waitUntil(lambda: shown.reply is not None, timeout=WAIT_MS)
    assert shown.listed is not None and shown.listed.id == inquiry_id and shown.listed.utility == "gas"
    assert shown.listed.inquiry is not None and shown.listed.inquiry.plate == "1234/59"  # sent by its plate
    assert shown.listed.parcel == PAID_UP_PARCEL  # the municipality names the parcel the plate is on
    assert shown.verdict.property("tone") == "success"  # nothing owed, no violation: no condition
    assert re.search("[0-9]", shown.total_words.text()) and not re.search("[۰-۹]", shown.total_words.text())
    assert shown.debts.topLevelItem(shown.debts.topLevelItemCount() - 1).text(1).isascii()  # the total
    list_height, reply_height = listing.splitter.sizes()
    assert reply_height >= list_height * 3 // 2  # the reply read to the citizen gets the larger share


def _answered(client: MunicipalClient, inquiry_id: str) -> bool:
    try:
        return api.inquiry(client, inquiry_id).answered
    except NotFoundError:  # not there yet: the outbox is still sending it
        return False


def test_an_inquiry_sent_while_the_server_is_down_is_listed_as_waiting_to_be_sent(make_session, qtbot, start_sandbox):
    server = start_sandbox("--inquiry-delay", "0")
    session = make_session(server.url, "notary1", "NT-0042")
    form = make_form(qtbot, session)
    listing = make_list(qtbot, session)
    form.show_page_requested.connect(lambda _target, context: listing.open_with(**context))
    server.stop()  # the municipality is out of reach: the inquiry is kept on this computer

    fill(qtbot, form, DEMO_PARCEL, [("رضا کریمی", SELLER_ID), ("مینا رحیمی", BUYER_ID)])
    (inquiry_id,) = send(qtbot, form)
    qtbot.waitUntil(lambda: any(r.id == inquiry_id and r.status == WAITING for r in listing.model.rows),
                    timeout=WAIT_MS)  # fmt: skip
    shown = listing.reply_view
    qtbot.waitUntil(lambda: shown.listed is not None and shown.listed.status == WAITING, timeout=WAIT_MS)
    assert "صف ارسال" in shown.status.text() and shown.reply is None
    assert listing.list_view.visible_rows()[0].id == inquiry_id
    status_column = listing.model.column_index("status")
    assert listing.model.index(0, status_column).data() == "در صف ارسال"
    assert listing.banner.tone() == "warning"  # the municipality's own list could not be read, and it says so


def test_a_new_form_is_asked_for_first_and_esc_keeps_what_was_typed(make_session, qtbot, shared_sandbox):
    session = make_session(shared_sandbox.url, "notary1", "NT-0042")
    page = make_form(qtbot, session)
    page.start_new()
    first_id = page.draft.inquiry_id
    fill(qtbot, page, "1234/56", [("رضا کریمی", SELLER_ID)])
    page.new_button.click()
    assert page.new_bar.isVisible() and page.new_cancel.hasFocus()
    assert page.cancel()  # Esc
    assert not page.new_bar.isVisible() and page.parcel.text() == "1234/56"
    page.new_button.click()
    page.new_confirm.click()
    assert page.parcel.text() == "" and page.parties.untouched() and page.draft.inquiry_id != first_id

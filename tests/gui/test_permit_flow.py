"""A building permit at the counter, the whole way through the real window against the real sandbox: the parcel found
by a scanned renovation code, the wizard opened from it, filled and sent while the server fails its first answers
(the chain applied once), the receipt out of the CUPS receipt queue, the reviewer moving the request on, and the
requests page following it."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from client_api import MemoryTokenStore, MunicipalClient
from client_api.outbox import OutboxEntry, State
from printing import RECEIPT_PRINTER
from sandbox.city import DEMO_OWNER, DEMO_PARCEL
from tests.gui.test_permit_wizard import attach_all, fill_building, ledger, next_step, persian, type_text
from tests.gui.test_workspace import sign_in

WAIT_MS = 30_000


def review(url: str, request_id: str, to: str, note: str) -> None:
    """The municipality's reviewer moves the request on; its retries carry the same key through the server's faults."""
    reviewer = MunicipalClient(url, MemoryTokenStore())
    reviewer.sign_in("reviewer1", "pishkhan-demo", "MUN-HMD", "T-REVIEW1")
    body, key = json.dumps({"to": to, "note": note}).encode("utf-8"), str(uuid.uuid4())
    for _ in range(5):
        answer = reviewer.submit_action("POST", f"/review/permit-requests/{request_id}", body, key)
        if answer.status < 500:
            break
    assert answer.status == 200, answer.body


@pytest.mark.printer
def test_a_permit_from_the_parcel_to_the_reviewer_through_the_window(make_window, qtbot, start_sandbox, tmp_path):
    printer, out = os.environ.get("PISHKHAN_TEST_PRINTER"), os.environ.get("PISHKHAN_TEST_PRINTER_OUT")
    if not printer or not out:
        if os.environ.get("CI"):
            pytest.fail("CI must provide the CUPS-PDF queue (scripts/test.sh sets it up)")
        pytest.skip("no CUPS-PDF queue: run the tests with scripts/test.sh")
    server = start_sandbox("--faults", "5xx-first=2")  # every changing call fails twice with a 5xx first
    before = set(Path(out).glob("*.pdf"))
    window = make_window(server.url)
    sign_in(qtbot, window)
    session = window.session
    assert session is not None
    session.print_service.set_printer(RECEIPT_PRINTER, printer)

    # the parcel, by a scanner that types the code (Persian digits under a Persian keyboard layout) and presses Enter
    parcel_page = window.show_page("parcel")
    parcel_page.field.setFocus()
    type_text(qtbot, parcel_page.field, persian(DEMO_PARCEL))
    qtbot.keyClick(parcel_page.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: parcel_page.parcel is not None, timeout=WAIT_MS)
    assert parcel_page.permit_button.isVisible()
    parcel_page.permit_button.click()

    wizard = window.page("permit")
    assert wizard is not None and window.current_page() is wizard
    qtbot.waitUntil(lambda: wizard.parcel_step.parcel is not None, timeout=WAIT_MS)
    assert wizard.parcel_step.parcel.renovation_code == DEMO_PARCEL
    qtbot.waitUntil(lambda: wizard.building_step.fees.ready, timeout=WAIT_MS)
    next_step(qtbot, wizard)
    assert wizard.current_step == 1
    owner = wizard.applicant_step.owner
    owner.setFocus()
    qtbot.keyClick(owner, Qt.Key.Key_Home)  # the parcel's owner files for themself
    assert wizard.applicant_step.national_id.text() == persian(DEMO_OWNER)
    type_text(qtbot, wizard.applicant_step.mobile, "۰۹۱۲۱۲۳۴۵۶۷")
    next_step(qtbot, wizard)
    assert wizard.current_step == 2, wizard.banner.text()
    fill_building(qtbot, wizard)
    assert wizard.building_step.fees.total_rials()  # the offline preview beside the form
    next_step(qtbot, wizard)
    attach_all(qtbot, wizard, tmp_path)
    next_step(qtbot, wizard)
    assert wizard.current_step == 4
    request_id = wizard.draft.request_id

    settled: list[OutboxEntry] = []
    session.outbox.action_settled.connect(settled.append)
    assert wizard.review_step.submit_button.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: wizard.sent_tracking_number is not None, timeout=WAIT_MS * 2)
    mine = [e for e in settled if e.path.startswith(f"/permit-requests/{request_id}")]
    assert [e.kind for e in mine] == ["permit-create"] + ["permit-attach"] * 3 + ["permit-submit"]
    assert all(e.state is State.DONE for e in mine)
    assert ledger(server.url) == {e.idempotency_key: 1 for e in mine}  # each applied once despite the 5xx
    tracking = wizard.sent_tracking_number

    # the application receipt, once the server confirmed: out of the receipt printer's queue
    qtbot.waitUntil(lambda: wizard.receipt_printed, timeout=WAIT_MS)

    def printed() -> list[Path]:
        return [
            p
            for p in Path(out).glob(f"*{tracking}*.pdf")
            if p not in before and p.read_bytes().rstrip().endswith(b"%%EOF")
        ]

    qtbot.waitUntil(lambda: bool(printed()), timeout=WAIT_MS)
    assert len(printed()) == 1

    # «پیگیری این درخواست» opens it on the requests page
    wizard.review_step.track_button.click()
    requests_page = window.page("requests")
    assert requests_page is not None and window.current_page() is requests_page
    qtbot.waitUntil(lambda: requests_page.detail.status_label.text() == "ثبت‌شده", timeout=WAIT_MS)

    # the municipality's reviewer assesses it; the counter refreshes and sees the status, the history and the fees
    review(server.url, request_id, "assessed", "بازدید انجام شد")
    requests_page.refresh_button.click()
    qtbot.waitUntil(lambda: requests_page.detail.status_label.text() == "عوارض تعیین‌شده", timeout=WAIT_MS)
    assert [row[0] for row in requests_page.detail.history_rows()] == [
        "پیش‌نویس",
        "ثبت‌شده",
        "در حال بررسی",
        "عوارض تعیین‌شده",
    ]
    assert "صندوق همین دفتر" in requests_page.detail.next_step.text()
    qtbot.waitUntil(
        lambda: any(r.id == request_id and r.status == "assessed" for r in requests_page.model.rows), timeout=WAIT_MS
    )
    window.sign_out(ask=False)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=WAIT_MS)

"""The permit wizard through its real widgets against the real sandbox: every step filled from the keyboard, the
rule warnings and the fee preview following the typing, attachments checked by content, the request sent as one
outbox chain (also while the server fails), the receipt printed to the CUPS queue, and the draft — attached files
included — restored after the page and the session are made again."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication

from client_api import MemoryTokenStore, MunicipalClient
from client_api.errors import NotFoundError
from client_api.outbox import OutboxEntry, State
from desktop.app import apply_language, create_application
from desktop.outbox import OutboxService
from desktop.print_service import PrintService
from desktop.session import Session
from desktop.settings import load_settings
from desktop.tasks import TaskRunner
from desktop.ui.permit_fee_panel import USUAL_WIDTH
from desktop.ui.permit_wizard_page import PermitWizardPage
from printing import RECEIPT_PRINTER
from sandbox.city import DEMO_OWNER, DEMO_PARCEL

WAIT_MS = 20_000
PASSWORD = "pishkhan-demo"
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


# -- set-up ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def open_session(qapp, qtbot, tmp_path) -> Iterator[Callable[..., Session]]:
    """A signed-in Session whose local database and config folder live under `home`: a second session with the same
    home is the same operator's profile after a restart (make_session gives every session a fresh profile)."""
    create_application("fa")
    apply_language(qapp, "fa")
    made: list[Session] = []

    def open_at(url: str, home: Path | None = None) -> Session:
        home = home or tmp_path / "profile"
        tasks = TaskRunner()
        client = MunicipalClient(url, MemoryTokenStore())
        health = client.health()
        operator = client.sign_in("counter1", PASSWORD, "PK-1001", "T-GUI0009")
        outbox = OutboxService()
        outbox.open(home / "data", client, "PK-1001", "counter1", pytest.fail)
        qtbot.waitUntil(lambda: outbox.active, timeout=10_000)
        session = Session(
            operator=operator,
            client=client,
            health=health,
            tasks=tasks,
            outbox=outbox,
            settings=load_settings(home / "config"),
            config_dir=home / "config",
            language="fa",
            signed_in_at=dt.datetime.now(dt.UTC),
            training=health.is_training,
        )
        session._print_service = PrintService(session.settings, session.config_dir, archive_dir=home / "printed")
        made.append(session)
        return session

    yield open_at
    for session in made:
        close_session(qtbot, session)


def close_session(qtbot, session: Session) -> None:
    if session.outbox.active:
        closed: list[bool] = []
        session.outbox.close(lambda: closed.append(True))
        qtbot.waitUntil(lambda: bool(closed), timeout=30_000)
    qtbot.waitUntil(lambda: not session.tasks.busy and not session.outbox.busy, timeout=10_000)
    session.tasks.shutdown()


def make_page(qtbot, session: Session, *, closed_by_test: bool = False) -> PermitWizardPage:
    page = PermitWizardPage(session)
    if not closed_by_test:
        qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)
    qtbot.waitUntil(lambda: page._loaded, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.building_step.fees.ready, timeout=WAIT_MS)
    return page


def type_text(qtbot, field, text: str) -> None:
    """Type like a keyboard; QTest's keyClicks takes Latin-1 only, so Persian digits go in as key events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(field, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def retype(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    type_text(qtbot, field, text)


def next_step(qtbot, page: PermitWizardPage) -> None:
    qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)


def persian(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


FLOORS = [  # level, area, units, height, frontage: a ground-floor shop and two storeys of flats
    ("0", "110", "1", "4.5", "10"),
    ("1", "130", "1", "3.2", "10"),
    ("2", "130", "1", "3.2", "10"),
]


def fill_parcel_and_applicant(qtbot, page: PermitWizardPage, mobile: str = "۰۹۱۲۱۲۳۴۵۶۷") -> None:
    code_edit = page.parcel_step.code_edit
    code_edit.setFocus()
    type_text(qtbot, code_edit, persian(DEMO_PARCEL))
    qtbot.keyClick(code_edit, Qt.Key.Key_Return)  # a scanner types and presses Enter
    qtbot.waitUntil(lambda: page.parcel_step.parcel is not None, timeout=WAIT_MS)
    assert page.parcel_step.parcel.renovation_code == DEMO_PARCEL
    assert page.next_button.hasFocus()  # Enter again moves on
    next_step(qtbot, page)
    assert page.current_step == 1
    owner = page.applicant_step.owner
    assert owner.hasFocus()
    qtbot.keyClick(owner, Qt.Key.Key_Home)  # the first owner of the list
    assert page.applicant_step.national_id.text() == persian(DEMO_OWNER)
    assert page.applicant_step.mobile.hasFocus()
    type_text(qtbot, page.applicant_step.mobile, mobile)
    next_step(qtbot, page)
    assert page.current_step == 2, page.banner.text()


def fill_building(qtbot, page: PermitWizardPage, floors=FLOORS) -> None:
    step = page.building_step
    table = step.floors
    for index, (level, area, units, height, frontage) in enumerate(floors):
        if index >= table.rowCount():
            step.add_floor_button.setFocus()
            qtbot.keyClick(step.add_floor_button, Qt.Key.Key_Space)
        for key, value in (("level", level), ("area_m2", area), ("units", units), ("height_m", height)):
            retype(qtbot, table.text_editor(index, key), persian(value))
        retype(qtbot, table.text_editor(index, "frontage_m"), frontage)  # ASCII digits are taken too
    if floors[0][0] == "0":
        combo = table.use_editor(0)
        combo.setFocus()
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # residential → commercial
    for name, value in (("parking_provided", "2"), ("parking_required", "3"), ("balcony_area_m2", "۱۲٫۵")):
        retype(qtbot, step.numbers[name], value)
    step.recompute()


def sample_files(folder: Path) -> tuple[Path, Path]:
    pdf = folder / "سند.pdf"
    pdf.write_bytes(PDF_BYTES)
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 210, 220))
    png = folder / "plan.png"
    assert image.save(str(png), "PNG")
    return pdf, png


def attach(qtbot, page: PermitWizardPage, kind: str, path: Path) -> None:
    before = len(page.attachments_step.attachments)
    page.attachments_step.add_attachment(kind, path)
    qtbot.waitUntil(lambda: not page.attachments_step.busy, timeout=WAIT_MS)
    assert len(page.attachments_step.attachments) == before + 1, page.attachments_step.status.text()


def attach_all(qtbot, page: PermitWizardPage, folder: Path) -> None:
    pdf, png = sample_files(folder)
    attach(qtbot, page, "deed", pdf)
    attach(qtbot, page, "id_card", png)
    attach(qtbot, page, "plan", pdf)


def ledger(url: str) -> dict[str, int]:
    """Idempotency key → how many times the server applied it (the sandbox's training endpoint)."""
    body = {"username": "counter1", "password": PASSWORD, "office_code": "PK-1001", "terminal_id": "T-LEDGER"}
    token = requests.post(f"{url}/api/v1/auth/token", json=body, timeout=30).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    items = requests.get(f"{url}/api/v1/training/ledger", headers=headers, timeout=30).json()["items"]
    return {item["idempotency_key"]: item["applied"] for item in items}


def send_and_settle(qtbot, page: PermitWizardPage, timeout: int = WAIT_MS) -> list[OutboxEntry]:
    settled: list[OutboxEntry] = []
    page.session.outbox.action_settled.connect(settled.append)
    page.go_to(4)
    assert page.review_step.submit_button.hasFocus()
    qtbot.keyClick(page.review_step.submit_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.sent_tracking_number is not None, timeout=timeout)
    qtbot.wait(300)  # any second announcement would have come by now
    return settled


# -- tests ----------------------------------------------------------------------------------------------------------


def test_a_request_filled_from_the_keyboard_is_sent_as_one_chain_applied_once(
    qtbot, open_session, start_sandbox, tmp_path
):
    server = start_sandbox()
    page = make_page(qtbot, open_session(server.url))
    fill_parcel_and_applicant(qtbot, page)
    fill_building(qtbot, page)
    assert page.building_step.read()[1] == []
    assert page.building_step.fees.total_rials() is not None
    next_step(qtbot, page)
    assert page.current_step == 3
    attach_all(qtbot, page, tmp_path)
    next_step(qtbot, page)
    assert page.current_step == 4
    request_id = page.draft.request_id

    settled = send_and_settle(qtbot, page)

    mine = [e for e in settled if e.path.startswith(f"/permit-requests/{request_id}")]
    assert [e.kind for e in mine] == [
        "permit-create",
        "permit-attach",
        "permit-attach",
        "permit-attach",
        "permit-submit",
    ]
    assert all(e.state is State.DONE for e in mine)
    assert len({e.id for e in mine}) == len(mine)  # each step announced once
    assert ledger(server.url) == {e.idempotency_key: 1 for e in mine}
    request = page.session.client.permit_request(request_id)
    assert request.status == "submitted"
    assert request.tracking_number == page.sent_tracking_number
    assert request.national_id == DEMO_OWNER and request.mobile == "09121234567"
    assert sorted(a.kind for a in request.attachments) == ["deed", "id_card", "plan"]
    assert {a.media_type for a in request.attachments} == {"application/pdf", "image/png"}
    assert request.building is not None and [f["level"] for f in request.building["floors"]] == [0, 1, 2]
    assert request.building["floors"][0]["use"] == "commercial"
    assert page.session.client.permit_requests().total == 1
    assert page.review_step.tracking.isVisible()
    assert persian(page.sent_tracking_number) in page.review_step.tracking.text()
    # the draft went with the chain: its copies of the files are gone too
    qtbot.waitUntil(lambda: not any((page.session.config_dir / "drafts").rglob("*.*")), timeout=5_000)
    # «پیگیری این درخواست» links to the requests page
    with qtbot.waitSignal(page.show_page_requested, timeout=2_000) as link:
        page.review_step.track_button.click()
    assert link.args == ["requests", {"request_id": request_id}]


def test_the_page_is_made_with_its_first_step_and_the_others_follow_each_in_its_tab_place(
    qtbot, open_session, shared_sandbox, monkeypatch
):
    """Only the parcel step is made with the page (its first show); the other steps come one a turn after it, and
    the saved draft is read once they are all made. Tab runs through the steps in order, then the bar of steps."""
    made_at: list[tuple[float, bool]] = []  # when a step was made, and whether the draft had been read then
    make_next_step = PermitWizardPage._make_next_step

    def timed(page: PermitWizardPage) -> None:
        made_at.append((time.monotonic(), page._loaded))
        make_next_step(page)

    monkeypatch.setattr(PermitWizardPage, "_make_next_step", timed)
    session = open_session(shared_sandbox.url)
    page = PermitWizardPage(session)
    qtbot.addWidget(page)
    assert page._made[1:] == [None] * 4 and not page.steps_made and made_at == []
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)
    page.step_bar.setFocus()  # the operator is on the page while the other steps are made
    qtbot.waitUntil(lambda: page.steps_made, timeout=WAIT_MS)
    moments = [moment for moment, _ in made_at[:4]]
    assert len(made_at) >= 4 and all(later - earlier >= 0.005 for earlier, later in itertools.pairwise(moments))
    assert not [loaded for _, loaded in made_at if loaded]  # the draft waits for every step
    assert QApplication.focusWidget() is page.step_bar  # no step made later took the focus
    qtbot.waitUntil(lambda: page._loaded, timeout=WAIT_MS)
    assert [page.stack.indexOf(step) for step in page._made] == [0, 1, 2, 3, 4]
    stops = []
    widget = page.parcel_step.code_edit
    for _ in range(200):
        if page.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
        widget = widget.nextInFocusChain()
        if widget is page.step_bar:
            break
    owners = [next(i for i, step in enumerate(page._made) if step.isAncestorOf(w)) for w in stops]
    assert owners == sorted(owners) and set(owners) == {0, 1, 2, 3, 4}  # step by step, then the bar
    assert stops[-1] is page.review_step.new_button


def test_a_building_over_the_rules_is_warned_naming_the_rule(qtbot, open_session, shared_sandbox):
    page = make_page(qtbot, open_session(shared_sandbox.url))
    fill_parcel_and_applicant(qtbot, page)
    max_floors = page.parcel_step.parcel.rules.max_floors
    fill_building(qtbot, page, FLOORS[:2])
    assert not page.building_step.warning_label.isVisible()
    floors = [(str(level), "60", "1", "3", "10") for level in range(max_floors + 2)]
    fill_building(qtbot, page, floors)
    qtbot.waitUntil(lambda: page.building_step.warning_label.isVisible(), timeout=2_000)
    text = page.building_step.warning_label.text()
    assert "تعداد طبقات" in text
    assert persian(str(max_floors + 2)) in text and persian(str(max_floors)) in text
    assert [w.rule for w in page.building_step.warnings][:1] == ["floors"]
    page.go_to(4)
    assert "تعداد طبقات" in page.review_step.values["warnings"].text()


@pytest.mark.parametrize("language", ["en", "fa"])
def test_every_floor_column_shows_whole_beside_the_fee_lines_in_the_smallest_window(
    qapp, qtbot, open_session, shared_sandbox, language
):
    """At 1024×640 the workspace leaves the wizard about 790 px. The English titles of the six floor columns are
    longer than the Persian ones: there the fee lines give up some width, down to their minimum, so that no column
    hides behind a sideways scroll bar (they used to overflow by 12-20 px), also once the floors outgrow the table
    and its upright scroll bar shows. In Persian the fee lines keep their usual width."""
    session = open_session(shared_sandbox.url)
    apply_language(qapp, language)
    try:
        page = PermitWizardPage(session)
        qtbot.addWidget(page)
        page.resize(790, 560)
        page.show()
        qtbot.waitUntil(lambda: page._loaded, timeout=WAIT_MS)
        page.go_to(2)
        step = page.building_step
        qtbot.waitUntil(lambda: step.isVisible() and step._sized, timeout=WAIT_MS)
        floors = step.floors
        header = floors.horizontalHeader()
        qtbot.waitUntil(lambda: header.length() > 0, timeout=WAIT_MS)
        assert floors.column_title("frontage_m") == {"en": "Frontage (m)", "fa": "بَر (م)"}[language]
        assert header.length() <= floors.viewport().width()
        for level in range(1, 15):  # more floors than the table shows at once
            floors.add_floor({"level": level, "use": "residential"})
        qtbot.waitUntil(floors.verticalScrollBar().isVisible, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: header.length() <= floors.viewport().width(), timeout=2_000)
        if language == "fa":
            assert step.fees.width() >= USUAL_WIDTH
    finally:
        apply_language(qapp, "fa")


def test_the_step_bar_keeps_every_step_whole_whichever_step_is_chosen(qtbot, open_session, shared_sandbox):
    page = make_page(qtbot, open_session(shared_sandbox.url))
    bar = page.step_bar
    for index in (2, 4, 1, 3, 0):
        page.go_to(index)
        # the chosen name is bold, wider than the others: the bar grows to hold the last step whole
        qtbot.waitUntil(lambda: bar.width() >= bar.sizeHint().width(), timeout=2_000)
        assert bar.tabRect(bar.count() - 1).right() < bar.width(), index


def test_the_fee_preview_total_follows_the_floor_area(qtbot, open_session, shared_sandbox):
    page = make_page(qtbot, open_session(shared_sandbox.url))
    fill_parcel_and_applicant(qtbot, page)
    fill_building(qtbot, page)
    fees = page.building_step.fees
    first = fees.total_rials()
    assert first is not None and first > 0
    assert fees.total_label.text().startswith(persian(f"{first:,}").replace(",", "\u066c"))
    retype(qtbot, page.building_step.floors.text_editor(1, "area_m2"), "۱۸۰")
    qtbot.waitUntil(lambda: fees.total_rials() not in (None, first), timeout=2_000)
    assert fees.total_rials() > first
    assert persian(f"{fees.total_rials():,}").replace(",", "\u066c") in fees.total_label.text()


def test_a_renamed_executable_is_refused_with_its_reason_and_nothing_else_is_lost(
    qtbot, open_session, shared_sandbox, tmp_path
):
    page = make_page(qtbot, open_session(shared_sandbox.url))
    fill_parcel_and_applicant(qtbot, page)
    fill_building(qtbot, page)
    page.go_to(3)
    pdf, png = sample_files(tmp_path)
    attach(qtbot, page, "deed", pdf)
    attach(qtbot, page, "plan", png)
    program = tmp_path / "id-card.pdf"
    program.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    page.attachments_step.add_attachment("id_card", program)
    qtbot.waitUntil(lambda: not page.attachments_step.busy, timeout=WAIT_MS)
    status = page.attachments_step.status
    assert status.property("tone") == "error"
    assert "id-card.pdf" in status.text() and "ELF" in status.text()
    assert [a.kind for a in page.attachments_step.attachments] == ["deed", "plan"]
    assert page.attachments_step.list.topLevelItemCount() == 2
    assert page.applicant_step.mobile.text() == "۰۹۱۲۱۲۳۴۵۶۷"
    assert page.building_step.floors.rowCount() == len(FLOORS)
    assert page.building_step.fees.total_rials() is not None
    # the missing ID card is named before sending
    assert "کارت ملی" in page.attachments_step.missing.text()
    page.go_to(4)
    assert "کارت ملی" in page.review_step.problems.text()


def test_the_draft_and_its_attached_file_come_back_after_the_session_is_made_again(
    qtbot, open_session, shared_sandbox, tmp_path
):
    home = tmp_path / "profile"
    session = open_session(shared_sandbox.url, home)
    page = make_page(qtbot, session)
    fill_parcel_and_applicant(qtbot, page)
    fill_building(qtbot, page)
    page.go_to(3)
    pdf, _ = sample_files(tmp_path)
    attach(qtbot, page, "deed", pdf)
    request_id = page.draft.request_id
    stored = session.config_dir / "drafts" / page.attachments_step.attachments[0].stored
    assert stored.read_bytes() == PDF_BYTES
    assert oct(stored.stat().st_mode & 0o777) == oct(0o600)
    pdf.unlink()  # the citizen's own copy leaves with the citizen
    retype(qtbot, page.building_step.numbers["balcony_area_m2"], "۷")  # the last keystrokes, not yet autosaved
    assert not page.has_unsaved_changes()  # the draft is the safety: leaving the page asks nothing
    page.session_ending()
    close_session(qtbot, session)
    page.close()

    again = make_page(qtbot, open_session(shared_sandbox.url, home))
    qtbot.waitUntil(lambda: again.parcel_step.parcel is not None, timeout=WAIT_MS)
    assert again.draft.request_id == request_id  # the same request when it is sent
    assert again.current_step == 3
    assert again.applicant_step.national_id.text() == persian(DEMO_OWNER)
    assert again.applicant_step.mobile.text() == "۰۹۱۲۱۲۳۴۵۶۷"
    assert again.building_step.numbers["balcony_area_m2"].text() == "۷"
    assert again.building_step.floors.text_editor(2, "area_m2").text() == persian("130")
    assert [(a.kind, a.filename) for a in again.attachments_step.attachments] == [("deed", "سند.pdf")]
    assert again.attachments_step.list.topLevelItem(0).text(1) == "سند.pdf"
    qtbot.wait(300)
    assert again.attachments_step.attachments  # its copy is still there, so it stays on the list
    assert again.building_step.fees.total_rials() is not None


def test_a_request_sent_while_the_server_fails_is_applied_once(qtbot, open_session, start_sandbox, tmp_path):
    server = start_sandbox("--faults", "5xx-first=2")
    page = make_page(qtbot, open_session(server.url))
    fill_parcel_and_applicant(qtbot, page)
    fill_building(qtbot, page)
    page.go_to(3)
    attach_all(qtbot, page, tmp_path)
    request_id = page.draft.request_id
    settled = send_and_settle(qtbot, page, timeout=90_000)
    mine = [e for e in settled if e.path.startswith(f"/permit-requests/{request_id}")]
    assert len(mine) == 5 and all(e.state is State.DONE for e in mine)
    assert mine[0].attempts >= 3  # the two failures, then the answer
    assert ledger(server.url) == {e.idempotency_key: 1 for e in mine}
    request = page.session.client.permit_request(request_id)
    assert request.status == "submitted" and len(request.attachments) == 3
    assert page.session.client.permit_requests().total == 1


@pytest.mark.printer
@pytest.mark.slow
def test_the_receipt_comes_out_of_the_receipt_printer_once_the_server_confirms(
    qtbot, open_session, start_sandbox, tmp_path
):
    printer, out = os.environ.get("PISHKHAN_TEST_PRINTER"), os.environ.get("PISHKHAN_TEST_PRINTER_OUT")
    if not printer or not out:
        if os.environ.get("CI"):
            pytest.fail("CI must provide the CUPS-PDF queue (scripts/test.sh sets it up)")
        pytest.skip("no CUPS-PDF queue: run the tests with scripts/test.sh")
    server = start_sandbox()
    before = set(Path(out).glob("*.pdf"))
    session = open_session(server.url)
    session.print_service.set_printer(RECEIPT_PRINTER, printer)
    page = make_page(qtbot, session)
    fill_parcel_and_applicant(qtbot, page)
    fill_building(qtbot, page)
    page.go_to(3)
    attach_all(qtbot, page, tmp_path)
    send_and_settle(qtbot, page)
    qtbot.waitUntil(lambda: page.receipt_printed, timeout=30_000)
    assert page.review_step.print_status.property("tone") == "success"
    number = page.sent_tracking_number

    def new_output() -> list[Path]:  # the queue's own file of this job: not one an earlier run left
        return [
            p
            for p in Path(out).glob(f"*{number}*.pdf")
            if p not in before and p.read_bytes().rstrip().endswith(b"%%EOF")
        ]

    qtbot.waitUntil(lambda: bool(new_output()), timeout=30_000)
    assert len(new_output()) == 1
    archived = list((tmp_path / "profile" / "printed").glob("*.pdf"))
    assert [p.stem for p in archived] == [page.sent_tracking_number]


def server_status(session: Session, request_id: str) -> str | None:
    try:
        return session.client.permit_request(request_id).status
    except NotFoundError:
        return None


def valid_national_id(first_nine: str) -> str:
    total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
    rest = total % 11
    return first_nine + str(rest if rest < 2 else 11 - rest)


def test_a_refusal_by_the_server_shows_its_field_error_on_its_step_and_the_fix_is_sent(
    qtbot, open_session, start_sandbox, tmp_path
):
    server = start_sandbox()
    page = make_page(qtbot, open_session(server.url))
    fill_parcel_and_applicant(qtbot, page)
    stranger = valid_national_id("123456789")
    assert stranger not in {o.national_id for o in page.parcel_step.parcel.owners}
    retype(qtbot, page.applicant_step.national_id, stranger)
    retype(qtbot, page.applicant_step.name, "سارا نیک‌نام")
    assert page.applicant_step.needs_attorney()
    page.go_to(2)
    fill_building(qtbot, page)
    page.go_to(3)
    attach_all(qtbot, page, tmp_path)
    request_id = page.draft.request_id
    # the page's own check would stop this request before sending; switched off here so that the server's
    # refusal (422 on power_of_attorney) is what the operator meets
    page.applicant_step.needs_attorney = lambda: False  # type: ignore[method-assign]
    page.attachments_step.set_attorney_needed(False)
    page.go_to(4)
    page.send()
    qtbot.waitUntil(lambda: page.current_step == 1, timeout=WAIT_MS)
    assert not page.locked and page.applicant_step.isEnabled()
    assert page.applicant_step.attorney.property("invalid") is True
    assert page.banner.tone() == "error" and "شماره وکالت‌نامه" in page.banner.text()
    assert page.draft.request_id == request_id  # nothing was created: the same request id is kept
    assert page.applicant_step.national_id.text() == stranger  # nothing typed is lost
    assert len(page.attachments_step.attachments) == 3

    del page.applicant_step.needs_attorney
    retype(qtbot, page.applicant_step.attorney, "۱۴۰۵/۱۲۳۴")
    page.attachments_step.set_attorney_needed(page.applicant_step.needs_attorney())
    pdf, _ = sample_files(tmp_path)
    page.go_to(3)
    attach(qtbot, page, "power_of_attorney", pdf)
    send_and_settle(qtbot, page)
    request = page.session.client.permit_request(request_id)
    assert request.status == "submitted" and request.power_of_attorney == "1405/1234"
    assert "power_of_attorney" in {a.kind for a in request.attachments}
    assert page.session.client.permit_requests().total == 1


def test_a_page_closed_before_the_answer_shows_the_tracking_number_when_opened_again(
    qtbot, open_session, shared_sandbox, tmp_path
):
    session = open_session(shared_sandbox.url)
    page = make_page(qtbot, session, closed_by_test=True)
    fill_parcel_and_applicant(qtbot, page)
    fill_building(qtbot, page)
    page.go_to(3)
    attach_all(qtbot, page, tmp_path)
    request_id = page.draft.request_id
    page.go_to(4)
    assert page.submit()  # Ctrl+Enter on the last step sends
    qtbot.waitUntil(page.review_step.new_button.isVisible, timeout=WAIT_MS)  # queued (or already answered)
    page.close()  # the window goes before the municipality answers; the outbox carries on
    page.deleteLater()
    qtbot.waitUntil(lambda: server_status(session, request_id) == "submitted", timeout=WAIT_MS)

    again = make_page(qtbot, session)
    qtbot.waitUntil(lambda: again.sent_tracking_number is not None, timeout=WAIT_MS)
    request = session.client.permit_request(request_id)
    assert again.sent_tracking_number == request.tracking_number
    assert again.review_step.tracking.isVisible() and again.locked
    # no printer is chosen in this profile: the receipt waits for «چاپ رسید»
    qtbot.waitUntil(lambda: again.review_step.print_status.property("tone") == "error", timeout=WAIT_MS)
    assert again.review_step.reprint_button.isVisible()
    again.start_new()
    assert not again.locked and again.parcel_step.code_text() == "" and again.draft.request_id != request_id

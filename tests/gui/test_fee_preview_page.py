"""The fee preview page through its real widgets: typing a case (Persian and ASCII digits), the total and its words,
each line's formula on demand, Persian messages naming the bad field, and the books it computes with."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from civic.money import format_rials, rials_in_words
from civic.text import to_persian_digits
from client_api import Health, MemoryTokenStore, MunicipalClient, Office, Operator, Timeouts
from desktop.app import apply_language, create_application
from desktop.fee_books import TariffBookCache
from desktop.outbox import OutboxService
from desktop.session import COUNTER, Session
from desktop.settings import load_settings
from desktop.tasks import TaskRunner
from desktop.ui.fee_preview_page import DEMO_CASE, FeePreviewPage
from fees import bundled_books, parse_case, select_book
from tests.tariff_books import book_1405_variant, training_signature, write_book


def type_text(qtbot, field, text):
    """Type like a keyboard; QTest's keyClicks only takes Latin-1, so Persian digits go in as key events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(field, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def retype(qtbot, field, text):
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    type_text(qtbot, field, text)


def offline_session(client: MunicipalClient, tasks: TaskRunner, config_dir) -> Session:
    """A session as the page sees it, without signing in: the fee preview needs no account (the books are public)
    and works with no network at all."""
    office = Office("PK-1001", "دفتر پیشخوان دولت شماره ۱۰۰۱ همدان", "counter")
    return Session(
        operator=Operator("counter1", "مریم احمدی", office, (COUNTER,), "T-GUI0001"),
        client=client,
        health=Health("ok", "training", "1", dt.datetime.now(dt.UTC)),
        tasks=tasks,
        outbox=OutboxService(),
        settings=load_settings(config_dir),
        config_dir=config_dir,
        language="fa",
        signed_in_at=dt.datetime.now(dt.UTC),
    )


def unreachable_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def expected_assessment(case):
    parsed = parse_case(case)
    return select_book(bundled_books(), parsed.date).evaluate(parsed)


@pytest.fixture
def make_page(qapp, qtbot, tmp_path):
    create_application("fa")
    apply_language(qapp, "fa")
    runners: list[TaskRunner] = []

    def make(client=None, cache_dir=None, size=(900, 700)) -> FeePreviewPage:
        tasks = TaskRunner()
        runners.append(tasks)
        cache = TariffBookCache(cache_dir or tmp_path / "cache" / "tariffs")
        client = client or anonymous_client(unreachable_url())
        session = offline_session(client, tasks, tmp_path / f"config-{len(runners)}")
        page = FeePreviewPage(session, cache=cache)
        qtbot.addWidget(page)
        page.resize(*size)
        page.show()
        qtbot.waitUntil(lambda: page.books_ready, timeout=10_000)
        return page

    yield make
    for tasks in runners:
        qtbot.waitUntil(lambda tasks=tasks: not tasks.busy, timeout=10_000)
        tasks.shutdown()


def anonymous_client(url):
    return MunicipalClient(url, MemoryTokenStore(), timeouts=Timeouts(connect_s=2, read_s=5))


def test_typing_a_case_shows_the_total_of_the_fees_module_in_persian_digits_and_words(make_page, qtbot):
    page = make_page()
    form = page.form
    retype(qtbot, form.date, "۱۴۰۵/۰۲/۱۵")
    type_text(qtbot, form.renovation_code, "۱-۲-۱۲۳-۴۵-۰-۰")
    type_text(qtbot, form.numbers["land_area_m2"], "240")
    type_text(qtbot, form.numbers["parking_provided"], "۲")
    type_text(qtbot, form.numbers["parking_required"], "3")
    type_text(qtbot, form.numbers["balcony_area_m2"], "۱۲٫۵")
    floors = form.floors
    type_text(qtbot, floors.text_editor(0, "area_m2"), "120")
    type_text(qtbot, floors.text_editor(0, "units"), "۱")
    qtbot.mouseClick(form.add_floor_button, Qt.MouseButton.LeftButton)
    assert floors.rowCount() == 2
    type_text(qtbot, floors.text_editor(1, "level"), "1")
    floors.use_editor(1).setCurrentIndex(floors.use_editor(1).findData("commercial"))
    type_text(qtbot, floors.text_editor(1, "area_m2"), "۸۰")
    type_text(qtbot, floors.text_editor(1, "units"), "2")
    type_text(qtbot, floors.text_editor(1, "height_m"), "4.5")
    type_text(qtbot, floors.text_editor(1, "frontage_m"), "۶")

    case = {
        "renovation_code": "1-2-123-45-0-0", "date": "1405/02/15", "land_area_m2": 240, "parking_provided": 2,
        "parking_required": 3, "balcony_area_m2": "12.5",
        "floors": [
            {"level": 0, "use": "residential", "area_m2": 120, "units": 1},
            {"level": 1, "use": "commercial", "area_m2": 80, "units": 2, "height_m": "4.5", "frontage_m": 6},
        ],
    }  # fmt: skip
    expected = expected_assessment(case)
    qtbot.waitUntil(lambda: page.assessment is not None and page.assessment.total_rials == expected.total_rials)
    assert page.total_label.text() == f"{format_rials(expected.total_rials)} ریال"
    assert "۰" in page.total_label.text() and "0" not in page.total_label.text()
    assert page.words_label.text() == rials_in_words(expected.total_rials)
    assert page.view.line_amounts() == [line.amount_rials for line in expected.lines]
    assert "همدان ۱۴۰۵٫۱" in page.book_label.text()
    assert "۱۱۷٬۰۰۰" in form.regional_value.text()  # P of block 123, from the book
    assert not page.error_label.isVisible()

    # the preview follows the typing: a larger commercial floor costs more
    before = page.assessment.total_rials
    type_text(qtbot, floors.text_editor(1, "area_m2"), "0")  # ۸۰ → ۸۰0
    qtbot.waitUntil(lambda: page.assessment is not None and page.assessment.total_rials > before)
    assert floors.text_editor(1, "area_m2").text() == "۸۰0"  # exactly as typed


def test_each_line_shows_its_formula_and_inputs_on_demand(make_page, qtbot):
    page = make_page()
    page.fill_case(DEMO_CASE)
    expected = expected_assessment(DEMO_CASE)
    assert page.assessment.total_rials == expected.total_rials
    assert page.view.details_text() == page.view.placeholder
    for row, line in enumerate(expected.lines):
        page.view.select_line(row)
        details = page.view.details_text()
        for part in line.formula.split("؛"):
            assert part.strip().split(" ")[0] in details
        assert "ورودی‌ها:" in details and "قیمت منطقه‌ای (\u2066P\u2069): ۱۱۷٬۰۰۰" in details
        assert format_rials(line.amount_rials) in details
    # the selected line stays selected, and explained, while the operator keeps typing
    type_text(qtbot, page.form.numbers["land_area_m2"], "0")
    qtbot.waitUntil(lambda: page.assessment is not None and page.assessment.total_rials != expected.total_rials)
    assert page.view.lines.currentItem().text(0) == to_persian_digits(expected.lines[-1].code)
    assert expected.lines[-1].title in page.view.details_text()


def test_a_bad_field_shows_a_persian_message_naming_it_and_nothing_typed_is_lost(make_page, qtbot):
    page = make_page()
    page.fill_case(DEMO_CASE)
    land = page.form.numbers["land_area_m2"]
    retype(qtbot, land, "-5")
    qtbot.waitUntil(lambda: page.error_label.isVisible())
    assert page.error_label.text() == "مساحت عرصه (م²): نباید منفی باشد"
    assert land.property("invalid") is True
    assert land.text() == "-5"
    assert page.total_label.text() == "—" and page.assessment is None

    retype(qtbot, land, "۲۴۰")
    area = page.form.floors.text_editor(1, "area_m2")
    retype(qtbot, area, "۱۱۰م")
    qtbot.waitUntil(lambda: "ردیف ۲" in page.error_label.text())
    assert page.error_label.text() == "مساحت (م²) در ردیف ۲ طبقات: باید عدد باشد"
    assert area.property("invalid") is True and not land.property("invalid")

    retype(qtbot, area, "110")
    qtbot.waitUntil(lambda: not page.error_label.isVisible())
    assert page.assessment.total_rials == expected_assessment(DEMO_CASE).total_rials
    assert not area.property("invalid")

    retype(qtbot, page.form.renovation_code, "1-2-999-45-0-0")
    qtbot.waitUntil(lambda: page.error_label.isVisible())
    assert page.error_label.text() == "کد نوسازی: بلوک \u2066۹۹۹\u2069 در جدول قیمت منطقه‌ای دفترچه همدان ۱۴۰۵٫۱ نیست"


def test_without_a_network_the_page_computes_from_the_bundled_books(make_page, qtbot):
    page = make_page(client=anonymous_client(unreachable_url()))  # shown: it tries the server at once, in the back
    page.fill_case(DEMO_CASE)
    assert page.assessment.total_rials == expected_assessment(DEMO_CASE).total_rials
    qtbot.waitUntil(lambda: "بررسی نشد" in page.server_label.text(), timeout=10_000)
    assert page.assessment.total_rials == expected_assessment(DEMO_CASE).total_rials
    assert not page.warning_label.isVisible()


def test_a_newer_server_book_that_fails_verification_is_not_used_and_the_page_warns(
    make_page, qtbot, start_sandbox, tmp_path
):
    signed = book_1405_variant("1405.3")
    tampered = signed.replace(b'"123" = 120000', b'"123" = 12000', 1)
    sandbox = start_sandbox("--tariff-book", str(write_book(tmp_path, tampered, signature=training_signature(signed))))
    page = make_page(client=anonymous_client(sandbox.url))
    page.fill_case(DEMO_CASE)
    qtbot.waitUntil(lambda: page.server_book is not None, timeout=10_000)
    assert page.warning_label.isVisible()
    warning = page.warning_label.text()
    assert "۱۴۰۵٫۳" in warning and "۱۴۰۵٫۱" in warning and "امضا" in warning
    assert page.used_book.version == "1405.1"
    assert page.assessment.total_rials == expected_assessment(DEMO_CASE).total_rials
    assert "امضا تأیید نشد" in page.server_label.text()


def test_a_verified_newer_server_book_is_cached_and_used(make_page, qtbot, start_sandbox, tmp_path):
    sandbox = start_sandbox("--tariff-book", str(write_book(tmp_path, book_1405_variant("1405.2", p_123=120000))))
    page = make_page(client=anonymous_client(sandbox.url), cache_dir=tmp_path / "cache")
    page.fill_case(DEMO_CASE)
    qtbot.waitUntil(lambda: page.server_book is not None, timeout=10_000)
    assert page.used_book.version == "1405.2"
    assert "همدان ۱۴۰۵٫۲" in page.book_label.text() and "دریافت‌شده" in page.book_label.text()
    assert "۱۲۰٬۰۰۰" in page.form.regional_value.text()
    assert not page.warning_label.isVisible()
    assert (tmp_path / "cache" / "hamedan-1405.2.toml").is_file()
    sandbox.stop()
    offline = make_page(cache_dir=tmp_path / "cache")  # next start, no network
    offline.fill_case(DEMO_CASE)
    assert offline.used_book.version == "1405.2"


def test_signed_in_the_page_checks_the_server_book_when_shown(qtbot, make_session, shared_sandbox):
    session = make_session(shared_sandbox.url)
    page = FeePreviewPage(session)
    qtbot.addWidget(page)
    page.open_with(case=DEMO_CASE)
    page.show()
    qtbot.waitUntil(lambda: "امضا تأیید شد" in page.server_label.text(), timeout=10_000)
    assert page.server_book.label == "hamedan 1405.1"
    assert "همدان ۱۴۰۵٫۱" in page.server_label.text()
    assert page.assessment is not None and page.assessment.total_rials == expected_assessment(DEMO_CASE).total_rials
    assert page.print_document() is False  # the preview page prints nothing (yet): Ctrl+P is not offered here


class _Moves(QObject):
    """Counts the moves and resizes of the widgets it watches: a row that is laid out again and again moves again
    and again, as rows above it come one by one."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
            self.count += 1
        return False


def test_another_lines_explanation_is_laid_out_once_not_row_by_row(make_page, qtbot):
    # a label shown inside a window on screen has Qt lay out the whole window at once; another line's rows (more
    # named values, a sentence fewer) are shown and hidden with the explanation hidden meanwhile
    page = make_page(size=(1024, 600))
    page.fill_case(DEMO_CASE)
    page.view.select_line(0)
    QApplication.processEvents()
    moves = _Moves()
    explanation = page.findChild(QWidget, "feeLineExplanation")
    rows = explanation.findChildren(QWidget)
    for widget in rows:
        widget.installEventFilter(moves)
    page.view.select_line(1)
    QApplication.processEvents()
    assert "۲۰۱" in page.view.details_text()
    assert moves.count <= 2 * len(rows)  # each at most moved and resized once

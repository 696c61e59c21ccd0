"""The parcel page through its real widgets against the real sandbox: a scanner typing each of the three keys (ASCII
and Persian digits) and pressing Enter, the parcel's facts and rules in Persian digits, a parcel straddling two zones,
nothing found, the sketch as painted, the zoning sheet through the preview to the real print queue, the link to the
permit request, and the keyboard."""

from __future__ import annotations

import os
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from civic.text import to_persian_digits
from desktop.formatting import code, ltr
from desktop.ui.parcel_page import ParcelPage
from desktop.ui.parcel_query import PLATE, POSTAL_CODE, RENOVATION_CODE, QueryError, SearchResult, recognise
from desktop.ui.parcel_sheet import MUNICIPALITY, zoning_sheet
from desktop.widgets.parcel_sketch import footprint_colour
from printing import A4_PRINTER
from sandbox.city import DEMO_PARCEL, DEMO_PLATE, DEMO_POSTAL_CODE, DEMO_STRADDLING

ASCII_DIGIT = re.compile(r"[0-9]")
PERSIAN_DIGIT = re.compile("[\u06f0-\u06f9]")


def type_text(qtbot, field: QWidget, text: str) -> None:
    """Type like a keyboard wedge: QTest's keyClicks takes only Latin-1, so Persian digits go in as key events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(field, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def scan(qtbot, page: ParcelPage, text: str) -> SearchResult:
    """A scanner: the text, then Enter; returns what the search found once the page shows it."""
    page.field.setFocus()
    page.field.clear()
    type_text(qtbot, page.field, text)
    with qtbot.waitSignal(page.searched, timeout=15_000) as found:
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
    return found.args[0]


@pytest.fixture
def make_page(make_session, qtbot):
    def make(url: str, language: str = "fa", size: tuple[int, int] = (1000, 640)) -> ParcelPage:
        page = ParcelPage(make_session(url, language=language))
        qtbot.addWidget(page)
        page.resize(*size)
        page.show()
        return page

    return make


@pytest.fixture
def page(make_page, shared_sandbox):
    return make_page(shared_sandbox.url)


# --- what the field recognises ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("2-14-123-45-0-0", RENOVATION_CODE, "2-14-123-45-0-0"),
        ("۲-۱۴-۱۲۳-۴۵-۰-۰", RENOVATION_CODE, "2-14-123-45-0-0"),
        (" 02 14 123 045 0 0 ", RENOVATION_CODE, "2-14-123-45-0-0"),
        ("2\u201314\u2013123\u201345\u20130\u20130", RENOVATION_CODE, "2-14-123-45-0-0"),
        ("6517834567", POSTAL_CODE, "6517834567"),
        ("۶۵۱۷۸-۳۴۵۶۷", POSTAL_CODE, "6517834567"),
        ("1234/56", PLATE, "1234/56"),
        ("۱۲۳۴ / ۵۶", PLATE, "1234/56"),
    ],
)
def test_the_field_recognises_each_key_in_either_digit_system(typed, kind, value):
    query = recognise(typed)
    assert (query.kind, query.value) == (kind, value)


@pytest.mark.parametrize("typed", ["", "   ", "abc", "12345", "2-14-123-45-0", "1234/", "12-34"])
def test_text_that_is_no_key_is_refused_with_a_persian_reason(typed):
    with pytest.raises(QueryError) as info:
        recognise(typed)
    assert info.value.message and not re.search(r"[A-Za-z]{3,}", info.value.message.replace("abc", ""))


# --- searching as a scanner does ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [DEMO_PARCEL, to_persian_digits(DEMO_PARCEL), DEMO_POSTAL_CODE, to_persian_digits(DEMO_POSTAL_CODE), DEMO_PLATE,
     to_persian_digits(DEMO_PLATE)],
    ids=["code", "code-fa", "postal", "postal-fa", "plate", "plate-fa"],
)  # fmt: skip
def test_a_scanned_key_finds_the_demo_parcel(qtbot, page, typed):
    started = time.monotonic()
    result = scan(qtbot, page, typed)
    assert result.parcel is not None, page.banner.text_label.text()
    assert page.parcel is not None and page.parcel.renovation_code == DEMO_PARCEL
    assert time.monotonic() - started < 15
    assert page.result_box.isVisible() and not page.banner.isVisible()
    assert page.field.hasFocus() and page.field.selectedText() == page.field.text()  # the next scan types over it


def test_the_parcel_shows_its_facts_and_rules_in_persian_digits(qtbot, page):
    scan(qtbot, page, DEMO_PARCEL)
    parcel = page.parcel
    assert parcel is not None
    facts = page.facts
    assert facts.text_of("renovation_code") == code(DEMO_PARCEL)
    assert facts.text_of("postal_code") == code(DEMO_POSTAL_CODE)
    assert facts.text_of("registration_plate") == code(DEMO_PLATE)
    assert to_persian_digits(parcel.block) in facts.text_of("block")
    assert parcel.owners[0].name in facts.text_of("owners")
    assert to_persian_digits(parcel.owners[0].national_id) in facts.text_of("owners")
    assert facts.text_of("land_use") == "مسکونی"
    assert to_persian_digits(str(parcel.rules.max_floors)) in facts.text_of("max_floors")
    for name in ("land_area", "density", "coverage", "max_floors", "front_setback", "back_setback", "side_setback",
                 "max_footprint", "max_gross_area", "block", "owners", "renovation_code", "address"):  # fmt: skip
        assert facts.text_of(name) and not ASCII_DIGIT.search(facts.text_of(name)), (name, facts.text_of(name))
    expected_gross = (parcel.land_area_m2 * parcel.rules.density_percent / 100).quantize(Decimal("0.01"))
    assert parcel.max_gross_area_m2 == expected_gross
    assert "به‌تمامی" in page.facts.deciding.text() and not parcel.rules.straddles


def test_a_straddling_parcel_shows_both_zones_and_the_deciding_one(qtbot, page):
    result = scan(qtbot, page, DEMO_STRADDLING)
    parcel = result.parcel
    assert parcel is not None and parcel.rules.straddles and len(parcel.rules.zones) >= 2
    zones_text = page.facts.zones.text()
    for zone in parcel.rules.zones:
        assert code(zone.code) in zones_text
        assert to_persian_digits(f"{zone.share * 100:.2f}".rstrip("0").rstrip(".")).replace(".", "٫") in zones_text
    deciding = page.facts.deciding.text()
    assert "ضابطهٔ پهنهٔ بزرگ‌تر اعمال شده است" in deciding
    assert code(parcel.rules.deciding_zone) in deciding
    assert parcel.rules.deciding_zone == parcel.rules.zones[0].code  # the largest share decides
    assert page.facts.deciding.isVisible()


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("9-9-999-999-0-0", "کد نوسازی"), ("1111111111", "کد پستی"), ("9999/99", "پلاک ثبتی")],
)
def test_nothing_found_says_what_was_searched(qtbot, page, typed, kind):
    scan(qtbot, page, DEMO_PARCEL)
    result = scan(qtbot, page, typed)
    assert result.found_nothing
    text = page.banner.text_label.text()
    assert page.banner.isVisible() and "پیدا نشد" in text and kind in text
    assert code(result.query.value) in text
    assert page.parcel is None and not page.result_box.isVisible()  # the earlier parcel is not left on screen


def test_text_that_is_no_key_is_refused_before_any_search(qtbot, page):
    page.field.setFocus()
    qtbot.keyClicks(page.field, "12345")
    qtbot.keyClick(page.field, Qt.Key.Key_Return)
    assert page.field_error.isVisible() and "ده رقم" in page.field_error.text()
    assert not page.busy and page.field.property("invalid")
    qtbot.keyClicks(page.field, "67890")  # typing again takes the message away
    assert not page.field_error.isVisible()


def test_several_matches_are_listed_and_one_is_chosen(qtbot, page):
    """The demo city gives every parcel its own plate and postal code, so a list comes from real summaries of the
    sandbox (its unfiltered list) shown as the page shows several matches; choosing one loads it from the server."""
    summaries = page.session.client.parcels(page_size=3)
    query = recognise("1234/56")
    page._found(page._search_id, SearchResult(query, matches=summaries.items, total=summaries.total))
    assert page.matches_box.isVisible() and page.matches.count() == 3
    assert to_persian_digits(str(summaries.total)) in page.matches_title.text()
    assert page.matches.hasFocus()
    page.matches.setCurrentRow(1)
    with qtbot.waitSignal(page.searched, timeout=15_000) as found:
        qtbot.keyClick(page.matches, Qt.Key.Key_Return)
    assert found.args[0].parcel.renovation_code == summaries.items[1].renovation_code
    assert page.parcel is not None and not page.matches_box.isVisible()


def test_the_search_runs_in_the_background_and_the_latest_scan_wins(qtbot, make_page, start_sandbox):
    server = start_sandbox("--faults", "latency=1:500,on=all,seed=1")
    page = make_page(server.url)
    page.field.setFocus()
    qtbot.keyClicks(page.field, DEMO_STRADDLING)
    started = time.monotonic()
    qtbot.keyClick(page.field, Qt.Key.Key_Return)
    assert time.monotonic() - started < 0.3  # Enter returns at once: the answer is awaited on a worker thread
    assert page.busy and not page.search_button.isEnabled()
    page.field.clear()
    qtbot.keyClicks(page.field, DEMO_PARCEL)  # a second scan before the first answer
    with qtbot.waitSignal(page.searched, timeout=20_000) as found:
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
    assert found.args[0].parcel.renovation_code == DEMO_PARCEL
    qtbot.wait(1_500)  # the first answer arrives too, and is dropped
    assert page.parcel is not None and page.parcel.renovation_code == DEMO_PARCEL
    assert page.search_button.isEnabled() and not page.busy


def test_a_server_that_is_gone_is_said_in_the_operators_words(qtbot, make_page, start_sandbox):
    server = start_sandbox()
    page = make_page(server.url)
    server.stop()
    page.field.setFocus()
    qtbot.keyClicks(page.field, DEMO_PARCEL)
    with qtbot.waitSignal(page.search_failed, timeout=30_000):
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
    assert page.banner.isVisible() and page.banner.property("tone") == "error"
    assert "سامانه شهرداری" in page.banner.text_label.text()
    assert page.search_button.isEnabled() and page.parcel is None


def test_the_english_interface_shows_ascii_digits_and_codes_in_order(qtbot, make_page, shared_sandbox):
    page = make_page(shared_sandbox.url, language="en")
    scan(qtbot, page, to_persian_digits(DEMO_PLATE))
    assert page.parcel is not None
    assert page.facts.text_of("renovation_code") == ltr(DEMO_PARCEL)
    assert page.facts.text_of("registration_plate") == ltr(DEMO_PLATE)
    for name in ("land_area", "density", "coverage", "max_floors", "max_footprint", "max_gross_area"):
        assert not PERSIAN_DIGIT.search(page.facts.text_of(name)), (name, page.facts.text_of(name))
    assert page.isRightToLeft() is False


def test_open_with_a_renovation_code_searches_it(qtbot, page):
    with qtbot.waitSignal(page.searched, timeout=15_000):
        page.open_with(renovation_code=DEMO_STRADDLING)
    assert page.parcel is not None and page.parcel.renovation_code == DEMO_STRADDLING


# --- the sketch -------------------------------------------------------------------------------------------------------


def _colours(image) -> set[int]:
    step = 2
    return {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}


@pytest.mark.parametrize("size", [(790, 560), (1300, 820)])  # the page's part of a 1024×640 window, and a large one
def test_the_sketch_paints_the_parcel_and_its_footprint(qtbot, make_page, shared_sandbox, size):
    page = make_page(shared_sandbox.url, size=size)
    scan(qtbot, page, DEMO_PARCEL)
    qtbot.waitUntil(lambda: page.sketch.width() > 200 and page.sketch.height() > 200, timeout=5_000)
    sketch = page.sketch
    assert sketch.plan is not None and sketch.plan.footprint_area > 0
    image = sketch.grab().toImage()
    colours = _colours(image)
    assert len(colours) > 20  # lines, text, bands: not a blank widget
    assert footprint_colour().rgb() in colours
    # the footprint is a filled area, not a stray pixel: a share of the drawing near its share of the parcel's
    fill = footprint_colour().rgb()
    pixels = sum(1 for x in range(image.width()) for y in range(image.height()) if image.pixel(x, y) == fill)
    assert pixels > 0.02 * image.width() * image.height()


# --- printing and the permit link ----------------------------------------------------------------------------------


def test_the_zoning_sheet_is_built_from_the_parcel(qtbot, page):
    scan(qtbot, page, DEMO_STRADDLING)
    parcel = page.parcel
    sheet = zoning_sheet(parcel, training=True)
    assert sheet.municipality == MUNICIPALITY == "شهرداری همدان"
    assert sheet.training and sheet.number.startswith("ZN-")
    assert sheet.parcel.renovation_code == DEMO_STRADDLING and sheet.street_edge == parcel.street_edge
    assert sheet.rules.rear_setback_m == parcel.rules.back_setback_m
    assert parcel.rules.deciding_zone in sheet.parcel.land_use


def test_print_without_a_parcel_does_nothing(page):
    assert page.print_document() is False


def _queue() -> tuple[str, Path]:
    name = os.environ.get("PISHKHAN_TEST_PRINTER")
    out = os.environ.get("PISHKHAN_TEST_PRINTER_OUT")
    if not name or not out:
        if os.environ.get("CI"):
            pytest.fail("CI must provide the CUPS-PDF queue (scripts/test.sh sets it up)")
        pytest.skip("no CUPS-PDF queue: run the tests with scripts/test.sh")
    return name, Path(out)


def _wait_for_output(folder: Path, number: str, timeout: float = 30.0) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in folder.glob(f"*{number}*.pdf"):
            if path.read_bytes().rstrip().endswith(b"%%EOF"):
                return path
        time.sleep(0.1)
    raise AssertionError(f"no output for {number} in {folder} within {timeout} s")


@pytest.mark.printer
@pytest.mark.slow
def test_the_zoning_sheet_prints_through_the_preview_to_the_queue(qtbot, page):
    printer, out = _queue()
    scan(qtbot, page, DEMO_PARCEL)
    with qtbot.waitSignal(page.preview_opened, timeout=20_000) as opened:
        assert page.print_document() is True  # what Ctrl+P calls
    dialog = opened.args[0]
    assert dialog.document.pageCount() == 1 and dialog.doc.printer_role == A4_PRINTER
    dialog.printers.setCurrentIndex(dialog.printers.findData(printer))
    assert page.session.print_service.printer_for(A4_PRINTER) == printer
    with qtbot.waitSignal(dialog.printed, timeout=30_000) as printed:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert printed.args[0].pages == 1
    assert _wait_for_output(out, dialog.doc.number)
    assert page.banner.isVisible() and printer in page.banner.text_label.text()
    dialog.close()


def test_the_print_button_opens_the_preview_without_waiting(qtbot, page):
    scan(qtbot, page, DEMO_PARCEL)
    started = time.monotonic()
    with qtbot.waitSignal(page.preview_opened, timeout=20_000) as opened:
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
        assert time.monotonic() - started < 0.2  # the sheet is built on a worker thread
    dialog = opened.args[0]
    assert dialog.document.pageCount() == 1
    dialog.close()


def test_the_permit_link_carries_the_renovation_code(qtbot, page):
    scan(qtbot, page, DEMO_PARCEL)
    with qtbot.waitSignal(page.show_page_requested, timeout=2_000) as link:
        qtbot.mouseClick(page.permit_button, Qt.MouseButton.LeftButton)
    assert link.args == ["permit", {"renovation_code": DEMO_PARCEL}]


# --- the keyboard ---------------------------------------------------------------------------------------------------


def test_tab_walks_from_the_field_to_search_permit_and_print(qtbot, page):
    scan(qtbot, page, DEMO_PARCEL)
    page.field.setFocus()
    seen: list[QWidget] = [page.field]
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget is page.field:
            break
        seen.append(widget)
    for wanted in (page.field, page.search_button, page.permit_button, page.print_button, page.facts_scroll):
        assert wanted in seen, [w.objectName() for w in seen]
    assert seen.index(page.search_button) < seen.index(page.permit_button) < seen.index(page.print_button)


def test_escape_clears_the_search_and_the_result(qtbot, page):
    scan(qtbot, page, DEMO_PARCEL)
    assert page.cancel() is True
    assert page.field.text() == "" and page.parcel is None and not page.result_box.isVisible()
    assert page.field.hasFocus()
    assert page.cancel() is False  # nothing left to clear

"""The workspace through its real widgets against the real sandbox: pages by role, links between pages, the
keyboard (Tab through every page, Enter on buttons, shortcuts), and Persian pages with no stray English and
nothing cut at the smallest supported size."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.pages import PAGES
from desktop.ui.main_window import MINIMUM_SIZE
from desktop.widgets.wheel_guard import GUARDED
from tests.gui.test_startup import Paints

COUNTER_PAGES = [
    "home",
    "fees",
    "parcel",
    "permit",
    "requests",
    "cashier",
    "day-close",
    "verify",
    "notes",
    "outbox",
    "settings",
]
NOTARY_PAGES = ["home", "inquiry", "inquiries", "verify", "notes", "outbox", "settings"]
# an ASCII word in Persian text: Latin letters, 2 or more (a single letter may be a formula's variable)
# each operator with the pages their roles give them
EACH_OPERATOR = pytest.mark.parametrize(
    ("username", "office", "expected"),
    [("counter1", "PK-1001", COUNTER_PAGES), ("notary1", "NT-0042", NOTARY_PAGES)],
)
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
URL = re.compile(r"https?://\S*")  # an address, or the start of one as a hint
ISOLATED = re.compile("[\u2066\u2067\u2068][^\u2069]*\u2069")  # data or codes placed inside a sentence


def sign_in(qtbot, window, username="counter1", office="PK-1001"):
    window.sign_in_page.fill(username, "pishkhan-demo", office)
    window.sign_in_page.submit_form()
    qtbot.waitUntil(lambda: window.session is not None, timeout=15_000)
    qtbot.waitUntil(lambda: window.outbox.last is not None, timeout=15_000)


def sign_out(qtbot, window):
    window.sign_out(ask=False)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=15_000)


def settle(qtbot, window):
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not window._tasks.busy and not window.outbox.busy, timeout=15_000)
    qtbot.wait(50)


@EACH_OPERATOR
def test_each_operator_sees_only_the_pages_of_their_roles(
    make_window, qtbot, shared_sandbox, username, office, expected
):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window, username, office)
    assert window.visible_page_ids() == expected
    assert window.current_page() is window.page("home")
    if username == "notary1":
        assert window.show_page("fees") is None  # not offered, and not reachable by a link either
        assert window.page("fees") is None
    sign_out(qtbot, window)
    assert window.nav.count() == 0
    # after sign-out the same operator signs in again: only the password is left to type
    assert window.sign_in_page.password.hasFocus() or QApplication.focusWidget() is window.sign_in_page.password


def test_pages_are_made_on_first_show_and_links_carry_context(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window)
    assert window.page("outbox") is None
    home = window.page("home")
    home.counts["rejected"].click()  # a count on today's desk opens the outbox on its tab
    page = window.page("outbox")
    assert page is not None and window.current_page() is page
    assert page.current_tab == "rejected"
    assert window.show_page("outbox", tab="done_today") is page
    assert page.current_tab == "done_today"
    assert window.nav.currentItem().data(Qt.ItemDataRole.UserRole) == "outbox"
    sign_out(qtbot, window)


def test_the_reads_a_page_starts_as_it_is_made_wait_for_its_first_paint(make_window, qtbot, shared_sandbox):
    """Started at once, the fee page's reads (its tariff books verified, in Python, on a worker) would share the
    interpreter with the page's first show and paint, and stretch them."""
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window)
    settle(qtbot, window)
    tasks = window.session.tasks
    painted = Paints(window.pages, tasks)  # the stack, painted with the page in it
    page = window.show_page("fees")
    assert tasks._held, "the page's reads started before it was made"
    qtbot.waitUntil(lambda: tasks._held is None, timeout=5000)
    assert painted.held[:1] == [True], "the page's reads started before it was painted"
    qtbot.waitUntil(lambda: page._local is not None, timeout=15_000)  # and they did run
    sign_out(qtbot, window)


@EACH_OPERATOR
def test_page_shortcuts_and_the_navigation_reach_every_page(
    make_window, qtbot, shared_sandbox, username, office, expected
):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window, username, office)
    shortcuts = [spec.shortcut for spec in PAGES if spec.id in expected and spec.shortcut]
    assert len(shortcuts) == len(set(shortcuts)), "two pages of one operator share a shortcut"
    for spec in PAGES:
        if spec.id not in expected or not spec.shortcut:
            continue
        combination = QKeySequence(spec.shortcut)[0]
        qtbot.keyClick(window.nav, combination.key(), combination.keyboardModifiers())
        assert window.current_page() is window.page(spec.id), spec.id
    sign_out(qtbot, window)


def _mean_lightness(icon: QIcon) -> float:
    """The mean lightness (0-255) of an icon's drawn pixels at 24 px."""
    image = icon.pixmap(24, 24).toImage()
    drawn = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    drawn = [colour for colour in drawn if colour.alpha() > 128]
    assert drawn, "an icon with nothing drawn"
    return sum(colour.lightness() for colour in drawn) / len(drawn)


@EACH_OPERATOR
def test_a_main_buttons_icon_is_drawn_light_on_its_dark_fill(
    make_window, qtbot, shared_sandbox, username, office, expected
):
    """The page's main button is filled with the dark accent; its icon is drawn in the light colour, never in the
    page's dark one (which was near invisible there)."""
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window, username, office)
    seen = []
    for page_id in expected:
        page = window.show_page(page_id)
        for button in page.findChildren(QPushButton):
            if button.property("primary") and not button.icon().isNull():
                seen.append(button.objectName() or button.text())
                assert _mean_lightness(button.icon()) > 200, f"{page_id}: {button.text()}"
    assert len(seen) >= 3, seen
    sign_out(qtbot, window)


@EACH_OPERATOR
def test_every_choice_list_and_number_field_lets_the_wheel_scroll_the_page(
    make_window, qtbot, shared_sandbox, username, office, expected
):
    """Each is guarded (desktop/widgets/wheel_guard.py): over one that does not have the focus, the wheel scrolls
    the page or table around it instead of changing its value."""
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window, username, office)
    fields = []
    for page_id in expected:
        page = window.show_page(page_id)
        fields += [(page_id, field) for field in page.findChildren(QComboBox) + page.findChildren(QAbstractSpinBox)]
    unguarded = [f"{page_id}: {field.objectName() or type(field).__name__}" for page_id, field in fields
                 if not field.property(GUARDED)]  # fmt: skip
    assert unguarded == [] and len(fields) >= 4, (unguarded, len(fields))
    sign_out(qtbot, window)


class _StyledThenMoved(QObject):
    """Notes each widget that was styled (polished) and then given another parent: Qt styles it again, with all it
    holds, about 0.1 ms a widget, while the page is made on the UI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.styled: set[QWidget] = set()
        self.moved: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWidget):
            return False
        if event.type() == QEvent.Type.Polish:
            self.styled.add(watched)
        elif event.type() == QEvent.Type.ParentChange and self.styled:
            parent = watched.parentWidget()
            if parent is not None and parent.metaObject().className() == "QComboBoxPrivateContainer":
                return False  # a choice list's own list, moved into its pop-up by Qt itself
            again = [widget for widget in (watched, *watched.findChildren(QWidget)) if widget in self.styled]
            if again:
                self.moved.append(f"{type(watched).__name__} {watched.objectName()!r}: {len(again)} styled again")
        return False


@EACH_OPERATOR
def test_no_widget_is_styled_twice_while_a_page_is_made(make_window, qtbot, shared_sandbox, username, office, expected):
    """A page's widgets are made in place (or placed before anything styles them), so each is styled once."""
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window, username, office)
    spy = _StyledThenMoved()
    QApplication.instance().installEventFilter(spy)
    try:
        moved = {}
        for page_id in expected:
            if window.page(page_id) is not None:
                continue  # home, made at sign-in
            spy.styled.clear()
            spy.moved.clear()
            window.show_page(page_id)
            if spy.moved:
                moved[page_id] = list(spy.moved)
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert moved == {}
    sign_out(qtbot, window)


def _focusable(page: QWidget) -> list[QWidget]:
    found = []
    for widget in page.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
            continue
        if isinstance(widget.parent(), QAbstractScrollArea) or isinstance(widget, QLabel):
            continue  # a scroll area's viewport; a selectable label (mouse only)
        if isinstance(widget.parent(), QComboBox):
            continue  # the line edit inside an editable combo box
        found.append(widget)
    return found


def _walk(qtbot, window, steps: int, key=Qt.Key.Key_Tab) -> list[QWidget]:
    visited = []
    for _ in range(steps):
        focused = QApplication.focusWidget() or window
        qtbot.keyClick(focused, key)
        visited.append(QApplication.focusWidget())
    return visited


@pytest.mark.parametrize(
    ("username", "office", "page_id"),
    [("counter1", "PK-1001", page_id) for page_id in COUNTER_PAGES]
    + [("notary1", "NT-0042", page_id) for page_id in ("inquiry", "inquiries")],
)
def test_tab_reaches_every_control_of_a_page_and_leaves_every_table(
    make_window, qtbot, shared_sandbox, username, office, page_id
):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window, username, office)
    page = window.show_page(page_id)
    settle(qtbot, window)
    expected = _focusable(page)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    window.nav.setFocus()
    assert QApplication.focusWidget() is window.nav
    visited = _walk(qtbot, window, 3 * len(expected) + 20)
    missing = [f"{type(w).__name__}:{w.objectName()}" for w in expected if w not in visited]
    path = [(type(w).__name__, w.objectName() if w else None) for w in visited]
    assert missing == [], f"not reached by Tab: {missing}; visited: {path}"
    # every table is entered and left again: something outside it is focused after it
    for view in [w for w in expected if isinstance(w, QAbstractItemView)]:
        index = visited.index(view)
        assert any(w is not view for w in visited[index + 1 :]), f"Tab is trapped in {view.objectName()}"
    # Shift+Tab goes back out too
    backwards = _walk(qtbot, window, 3 * len(expected) + 20, Qt.Key.Key_Backtab)
    assert window.nav in backwards or window.sign_out_button in backwards
    sign_out(qtbot, window)


def test_enter_on_a_focused_button_activates_it(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window)
    home = window.page("home")
    button = home.action_buttons["notes"]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.page("notes"), timeout=2_000)
    notes = window.page("notes")
    qtbot.waitUntil(lambda: notes.ready, timeout=10_000)
    notes.editor.setPlainText("یادداشت آزمایشی با کلید ورود")
    notes.ask_to_confirm()
    assert notes.confirm_button.hasFocus()
    qtbot.keyClick(notes.confirm_button, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: notes.result_label.isVisible(), timeout=10_000)
    assert "صف ارسال" in notes.result_label.text()  # kept here; not claimed as delivered
    qtbot.waitUntil(lambda: "رسید" in notes.result_label.text(), timeout=15_000)
    sign_out(qtbot, window)


def test_ctrl_enter_and_escape_drive_the_page_in_front(make_window, qtbot, shared_sandbox):
    window = make_window(shared_sandbox.url)
    sign_in(qtbot, window)
    notes = window.show_page("notes")
    qtbot.waitUntil(lambda: notes.ready, timeout=10_000)
    notes.editor.setPlainText("یادداشت با میان‌بر")
    notes.editor.setFocus()
    qtbot.keyClick(notes.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert notes.confirm_bar.isVisible()
    qtbot.keyClick(notes.confirm_button, Qt.Key.Key_Escape)
    assert not notes.confirm_bar.isVisible()
    sign_out(qtbot, window)


def _visible_texts(root: QWidget) -> list[tuple[QWidget, str]]:
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.property("pishkhanData"):
            continue
        if any(parent.property("pishkhanData") for parent in _parents(widget)):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append((widget, widget.text()))
        elif isinstance(widget, QLineEdit) and not widget.text():
            texts.append((widget, widget.placeholderText()))
    return texts


def _parents(widget: QWidget):
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


@pytest.mark.parametrize(("username", "office"), [("counter1", "PK-1001"), ("notary1", "NT-0042")])
def test_persian_pages_hold_no_english_and_nothing_is_cut_at_the_smallest_size(
    make_window, qtbot, shared_sandbox, username, office
):
    window = make_window(shared_sandbox.url)
    window.resize(MINIMUM_SIZE)
    sign_in(qtbot, window, username, office)
    problems = []
    for page_id in window.visible_page_ids():
        page = window.show_page(page_id)
        settle(qtbot, window)
        for widget, text in _visible_texts(window):
            plain = ISOLATED.sub("", re.sub(r"<[^>]+>", "", text))
            if ASCII_WORD.search(plain) and not URL.fullmatch(plain.strip()):
                problems.append((page_id, widget.objectName(), text))
            if isinstance(widget, QLabel) and text and widget.width() > 0:
                if widget.wordWrap():
                    needed = widget.heightForWidth(widget.width())
                    if needed > widget.height() + 2:
                        problems.append((page_id, widget.objectName(), f"cut: {needed} > {widget.height()}"))
                elif widget.minimumSizeHint().width() > widget.width() + 2:
                    problems.append((page_id, widget.objectName(), f"cut: {text!r}"))
        _ = page
    for row in range(window.nav.count()):
        item = window.nav.item(row)
        needed = window.nav.fontMetrics().horizontalAdvance(item.text()) + window.nav.iconSize().width()
        assert needed < window.nav.viewport().width(), item.text()
    assert problems == [], "\n".join(map(str, problems))
    sign_out(qtbot, window)

"""The theme: the style sheet parses, every icon loads, tones and outlines are properties, banners wrap."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QSize, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStatusBar,
    QStyle,
    QStyleOptionSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import theme
from desktop.app import create_application
from desktop.widgets.banner import MessageBanner


@contextmanager
def qt_warnings() -> Iterator[list[str]]:
    seen: list[str] = []

    def handler(kind: QtMsgType, _context: object, text: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            seen.append(text)

    previous = qInstallMessageHandler(handler)
    try:
        yield seen
    finally:
        qInstallMessageHandler(previous)


def _polish_a_sample_of_every_styled_widget(app: QApplication, sheet: str) -> None:
    """Qt parses a style sheet when it first styles a widget: make one of each kind the sheet names."""
    app.setStyleSheet(sheet)
    root = QWidget()
    layout = QVBoxLayout(root)
    title = QLabel("عنوان", objectName="pageTitle")
    section = QLabel("بخش")
    section.setProperty("heading", "section")
    field = QLineEdit()
    theme.set_invalid(field, True)
    primary = QPushButton("ثبت")
    primary.setProperty("primary", True)
    nav = QListWidget(objectName="navigation")
    nav.addItem("خانه")
    table = QTableWidget(2, 2)
    banner = MessageBanner(closable=True)
    banner.show_message("پیام", "warning")
    status = QStatusBar()
    status.addWidget(QLabel("آموزشی", objectName="statusTraining"))
    card = QFrame(objectName="signInCard")
    for widget in (title, section, field, primary, nav, table, banner, status, card):
        layout.addWidget(widget)
    root.show()
    for widget in root.findChildren(QWidget):
        widget.ensurePolished()
    table.horizontalHeader().ensurePolished()
    QApplication.processEvents()
    root.close()


def test_the_style_sheet_parses_without_a_warning(qapp):
    create_application("fa")
    sheet = theme.style_sheet()
    assert "#" in sheet and "[tone=" in sheet
    with qt_warnings() as broken:  # the check itself can see a broken sheet
        _polish_a_sample_of_every_styled_widget(qapp, sheet + "\nQLabel { color: ")
    assert any("Could not parse" in text for text in broken)
    with qt_warnings() as seen:
        _polish_a_sample_of_every_styled_widget(qapp, sheet)
    assert [text for text in seen if "stylesheet" in text.lower()] == []
    theme.apply_theme(qapp)
    assert qapp.styleSheet() == sheet


def test_every_icon_name_loads_and_draws_something(qapp):
    create_application("fa")
    for name in theme.ICON_NAMES:
        icon = theme.icon(name)
        assert not icon.isNull(), name
        image = icon.pixmap(QSize(24, 24)).toImage()
        assert any(image.pixelColor(x, y).alpha() > 0 for x in range(24) for y in range(24)), name
    assert not theme.app_icon().isNull()
    assert not qapp.windowIcon().isNull()  # set by create_application
    assert theme.icon("no-such-icon").isNull()


def test_the_cards_emblem_is_drawn_once_at_its_own_size_and_pixel_ratio(qapp):
    create_application("fa")
    for ratio in (1.0, 1.3, 2.0):  # 1.3: 72.8 pixels, no picture, so drawn from the SVG
        pixmap = theme.emblem(56, ratio)
        pixels = round(56 * ratio)
        assert (pixmap.width(), pixmap.height(), pixmap.devicePixelRatio()) == (pixels, pixels, ratio)
        drawn = pixmap.toImage()
        assert any(drawn.pixelColor(x, x).alpha() > 0 for x in range(drawn.width()))  # the drawing, not a blank


def test_the_emblems_pictures_are_its_drawing_at_their_sizes(qapp, monkeypatch):
    """The pictures the cards load instead of drawing the SVG (desktop/theme.py `EMBLEM_PIXELS`) are the SVG's
    own drawing, to within a step of anti-aliasing: app.svg changed, or Qt draws it otherwise, means drawing them
    again."""
    create_application("fa")
    renderer = theme._drawing("app", False, False)
    assert renderer is not None
    for pixels in theme.EMBLEM_PIXELS:
        path = theme.emblem_picture(pixels)
        picture = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
        drawn = theme._rendered(renderer, pixels, 1.0).toImage().convertToFormat(QImage.Format.Format_ARGB32)
        assert (picture.width(), picture.height()) == (drawn.width(), drawn.height()) == (pixels, pixels), path
        worst = max(abs(a - b) for a, b in zip(bytes(picture.constBits()), bytes(drawn.constBits()), strict=True))
        assert worst <= 2, f"{path.name} is not app.svg's drawing: python -m desktop.theme --draw-emblems"

    # the two cards on screens of 1, 1.25, 1.5, 1.75 and 2 pixels per point get a picture, never the drawing
    def not_drawn(*_args: object) -> None:
        raise AssertionError("the emblem was drawn, not loaded")

    monkeypatch.setattr(theme, "_drawing", not_drawn)
    sizes = [(size, ratio) for size in (48, 56) for ratio in (1.0, 1.25, 1.5, 1.75, 2.0)]
    assert sorted({round(size * ratio) for size, ratio in sizes}) == sorted(theme.EMBLEM_PIXELS)
    for size, ratio in sizes:
        loaded = theme.emblem(size, ratio)
        picture = QImage(str(theme.emblem_picture(round(size * ratio))))
        assert loaded.devicePixelRatio() == ratio
        assert loaded.toImage().convertToFormat(QImage.Format.Format_ARGB32) == picture.convertToFormat(
            QImage.Format.Format_ARGB32
        )


def _image(name: str, direction: Qt.LayoutDirection) -> QImage:
    QApplication.setLayoutDirection(direction)
    return theme.icon(name).pixmap(QSize(48, 48)).toImage()


def test_icons_that_point_a_way_are_mirrored_right_to_left(qapp):
    create_application("fa")
    try:
        rtl = _image("sign-out", Qt.LayoutDirection.RightToLeft)
        ltr = _image("sign-out", Qt.LayoutDirection.LeftToRight)
        assert rtl != ltr
        # the same drawing flipped left to right (to within the anti-aliasing of a rendering)
        differences = [
            abs(rtl.pixelColor(x, y).alpha() - ltr.pixelColor(47 - x, y).alpha()) for x in range(48) for y in range(48)
        ]
        assert max(differences) < 128 and sum(differences) / len(differences) < 8
        unflipped = [
            abs(rtl.pixelColor(x, y).alpha() - ltr.pixelColor(x, y).alpha()) for x in range(48) for y in range(48)
        ]
        assert sum(unflipped) > 10 * sum(differences)
        # a drawing with no direction is the same both ways
        assert _image("print", Qt.LayoutDirection.RightToLeft) == _image("print", Qt.LayoutDirection.LeftToRight)
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)


def test_tones_and_outlines_are_properties_the_theme_reads(qapp):
    create_application("fa")
    label = QLabel("x")
    theme.set_tone(label, "error")
    assert label.property("tone") == "error"
    theme.set_tone(label, "")
    assert label.property("tone") == ""
    field = QLineEdit()
    theme.set_invalid(field, True)
    assert field.property("invalid") is True
    theme.set_invalid(field, False)
    assert field.property("invalid") is False
    try:
        theme.set_tone(label, "red")
    except ValueError:
        pass
    else:
        raise AssertionError("an unknown tone was accepted")


def test_a_banner_wraps_a_long_message_and_hides_when_cleared(qapp, qtbot):
    create_application("fa")
    holder = QWidget()
    holder.setFixedWidth(300)
    layout = QVBoxLayout(holder)
    banner = MessageBanner(closable=True)
    layout.addWidget(banner)
    layout.addStretch(1)
    qtbot.addWidget(holder)
    holder.show()
    text = "به‌دلیل تلاش‌های ناموفق پیاپی، ورود این کاربر موقتاً بسته است. ۵ دقیقه دیگر دوباره تلاش کنید."
    banner.show_message(text, "error")
    label = banner.text_label
    qtbot.waitUntil(lambda: label.heightForWidth(label.width()) <= label.height(), timeout=2_000)
    assert banner.isVisible() and banner.tone() == "error" and banner.text() == text
    assert label.height() >= 2 * label.fontMetrics().height()  # wrapped, not cut
    assert banner.geometry().right() <= holder.width()
    with qtbot.waitSignal(banner.closed):
        banner.close_button.click()
    assert not banner.isVisible() and banner.text() == ""
    banner.show_message("ثبت شد.", "success")
    assert banner.property("tone") == "success"
    banner.clear()
    assert not banner.isVisible()


class _Spin(QSpinBox):
    def up_button_width(self) -> int:
        option = QStyleOptionSpinBox()
        self.initStyleOption(option)
        rect = self.style().subControlRect(
            QStyle.ComplexControl.CC_SpinBox, option, QStyle.SubControl.SC_SpinBoxUp, self
        )
        return rect.width()


def test_a_spin_box_has_buttons_wide_enough_for_their_arrows(qapp, qtbot):
    # the fields' padding had left the buttons 14 px wide with their border: Qt drew no arrow in them
    create_application("fa")
    spin = _Spin()
    qtbot.addWidget(spin)
    spin.setSuffix(" دقیقه")
    spin.show()
    qtbot.waitExposed(spin)
    assert spin.up_button_width() >= 16

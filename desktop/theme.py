"""The look of the application: one style sheet, tones set by properties, icons by name.

Colours live only in `resources/theme/pishkhan.qss`. Code never sets a colour: it marks a widget with a
property the style sheet reads, and re-polishes it so the change shows at once.

- `set_tone(widget, "error" | "warning" | "success" | "info" | "muted" | "")`: the tone of a label or banner;
  `with_tone(widget, tone)` for a widget being made, before it is first shown
- `set_invalid(widget, bool)`: a field outlined as in error
- objectName `pageTitle`: a page's title; property `heading="section"`: a section title
- property `primary=true` on a button: the page's main action
- `icon(name)`: an icon from `resources/icons/NAME.svg`; `app_icon()`: the application's own; `emblem(size)`: the
  application's own at one size, a picture drawn ahead where there is one of its pixels
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from civic.resources import resource_path
from desktop.qt_names import set_by_name

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon, QPixmap
    from PySide6.QtSvg import QSvgRenderer

# The Qt classes of icons, drawings and palettes are imported where they are used: PySide makes the Python type of
# each (with its enums: QIcon's hundred and fifty theme names, QPalette's roles) the first time a module names it,
# about 2 ms together that the sign-in page's first paint does not need.

log = logging.getLogger(__name__)

W = TypeVar("W", bound=QWidget)

TONES = ("error", "warning", "success", "info", "muted", "")

# the names pages may ask for; each is a file resources/icons/NAME.svg
ICON_NAMES = (
    "home",
    "calculator",
    "notes",
    "outbox",
    "settings",
    "verify",
    "print",
    "send",
    "refresh",
    "sign-out",
    "save",
    "add",
    "remove",
    "search",
    "retry",
    "warning",
    "info",
    "check",
    "close",
    "parcel",
    "permit",
    "requests",
    "attach",
)
# the icons of the pages' main buttons, also drawn light on the accent fill (`icon(name, on_accent=True)`)
ACCENT_ICON_NAMES = ("check", "print", "save", "search", "send", "verify")


def style_sheet() -> str:
    """The application's style sheet, as shipped."""
    return resource_path("theme", "pishkhan.qss").read_text(encoding="utf-8")


def apply_theme(app: QApplication) -> None:
    """Install the style sheet on the whole application (once at start; again after a language change is harmless)."""
    try:
        app.setStyleSheet(style_sheet())
    except OSError as exc:  # a damaged install still starts, in Qt's own look
        log.error("the theme could not be read: %s", exc)


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_tone(widget: QWidget, tone: str) -> None:
    """Give a label, banner or frame a tone the theme colours; "" is the plain look."""
    if widget.property("tone") == _checked(tone):
        return
    widget.setProperty("tone", tone)
    _repolish(widget)


def with_tone(widget: W, tone: str) -> W:
    """`set_tone` for a widget being made: it is polished when first shown, and reads its tone then. No re-polish,
    so no style object is asked for (the first one costs its dozen enums, ~14 ms, which the start-up saves)."""
    widget.setProperty("tone", _checked(tone))
    return widget


def _checked(tone: str) -> str:
    if tone not in TONES:
        raise ValueError(f"unknown tone {tone!r}; one of {TONES}")
    return tone


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Outline a field as in error (or take the outline away)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    _repolish(widget)


def align_to_reading_side(label: QLabel) -> None:
    """Pin a value's text to the page's reading side. A code like PK-1001 or a date that starts with digits would
    otherwise be aligned by its own (left-to-right) direction, away from the other values of its column."""
    side = "AlignRight" if label.isRightToLeft() else "AlignLeft"
    set_by_name(label, "alignment", f"AlignAbsolute|{side}|AlignVCenter")


# Icons are Lucide drawings in `currentColor`; they are drawn in two colours of the style sheet's palette (its
# header comment): `text-soft` on the page, `surface` on a filled accent button
_PALETTE_LINE = re.compile(r"^\s*\*\s+([a-z-]+)\s+(#[0-9a-fA-F]{6})\b", re.MULTILINE | re.ASCII)
# drawings that point a way: mirrored when the interface runs right to left, so "out" and "send" point outward
_DIRECTIONAL = frozenset({"send", "sign-out"})
_SIZES = (16, 20, 24, 32, 48, 64, 128)


def icon(name: str, *, on_accent: bool = False) -> QIcon:
    """The icon `resources/icons/NAME.svg` in the theme's icon colour (white with `on_accent`, for a filled
    accent button), mirrored for right-to-left when it points a way. A null QIcon (logged) when it is missing."""
    rtl = name in _DIRECTIONAL and QGuiApplication.isRightToLeft()
    return _icon(name, on_accent, rtl)


@cache
def _icon(name: str, on_accent: bool, rtl: bool) -> QIcon:
    from PySide6.QtGui import QIcon

    renderer = _drawing(name, on_accent, rtl)
    if renderer is None:
        return QIcon()
    result = QIcon()
    for size in _SIZES:
        result.addPixmap(_rendered(renderer, size, 1.0))
    return result


def _drawing(name: str, on_accent: bool, rtl: bool) -> QSvgRenderer | None:
    """`resources/icons/NAME.svg` in the theme's icon colour, ready to draw; None (logged) when it is missing."""
    path = resource_path("icons", f"{name}.svg")
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        log.warning("icon %s could not be read: %s", name, exc)
        return None
    svg = source.replace("currentColor", icon_colour(on_accent=on_accent))
    if rtl:
        svg = _mirrored(svg)
    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        log.warning("icon %s is not a drawing Qt can read", name)
        return None
    return renderer


def _rendered(renderer: QSvgRenderer, size: int, ratio: float) -> QPixmap:
    """The drawing on a transparent square `size` device-independent pixels wide, at `ratio` device pixels each."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QPainter, QPixmap

    pixels = round(size * ratio)
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def palette() -> dict[str, str]:
    """The named colours of the style sheet's palette comment (`name  #rrggbb`)."""
    try:
        return dict(_PALETTE_LINE.findall(style_sheet()))
    except OSError:
        return {}


def icon_colour(*, on_accent: bool = False) -> str:
    """The colour icons are drawn in; the application palette's own when the style sheet names none."""
    named = palette().get("surface" if on_accent else "text-soft")
    if named:
        return named
    from PySide6.QtGui import QPalette

    role = QPalette.ColorRole.HighlightedText if on_accent else QPalette.ColorRole.WindowText
    return QGuiApplication.palette().color(role).name()


def _mirrored(svg: str) -> str:
    """Flip a 24×24 drawing left to right (its content wrapped in a mirroring group)."""
    open_end = svg.index(">", svg.index("<svg")) + 1
    close = svg.rindex("</svg>")
    return svg[:open_end] + '<g transform="matrix(-1 0 0 1 24 0)">' + svg[open_end:close] + "</g>" + svg[close:]


def app_icon() -> QIcon:
    """The application's own emblem as the window's icon, at every size a desktop asks for; drawn in its own colours."""
    return _icon("app", False, False)


# The emblem as the cards show it, drawn ahead from app.svg at the square pixel sizes of the sign-in (56) and lock
# (48) cards on screens of 1, 1.25, 1.5, 1.75 and 2 pixels per point (`python -m desktop.theme --draw-emblems`
# draws them again; tests/gui/test_theme.py fails should one differ from the drawing). Loading one is about 2 ms
# sooner than drawing the SVG, which needs QtSvg, a painter and their types: the sign-in card is on the way to the
# first paint. Other ratios draw it.
EMBLEM_PIXELS = (48, 56, 60, 70, 72, 84, 96, 98, 112)


def emblem_picture(pixels: int) -> Path:
    return resource_path("icons", f"app-{pixels}.png")


def emblem(size: int, ratio: float = 1.0) -> QPixmap:
    """The application's emblem at `size` points and `ratio` pixels each (the sign-in and lock cards): the cards
    need one size, not the seven of the window's icon. Its picture drawn ahead when there is one of those pixels."""
    from PySide6.QtGui import QPixmap

    pixels = float(size * ratio)
    if pixels.is_integer() and int(pixels) in EMBLEM_PIXELS:
        picture = QPixmap(str(emblem_picture(int(pixels))))
        if not picture.isNull():
            picture.setDevicePixelRatio(ratio)
            return picture
        log.warning("the emblem's picture of %d pixels could not be read: drawn instead", int(pixels))
    renderer = _drawing("app", False, False)
    return QPixmap() if renderer is None else _rendered(renderer, size, ratio)


def draw_emblems() -> list[Path]:
    """Draw the emblem's pictures (`EMBLEM_PIXELS`) from app.svg into resources/icons; returns their paths."""
    renderer = _drawing("app", False, False)
    if renderer is None:
        raise OSError("resources/icons/app.svg could not be read")
    written = []
    for pixels in EMBLEM_PIXELS:
        path = emblem_picture(pixels)
        if not _rendered(renderer, pixels, 1.0).save(str(path), "PNG"):
            raise OSError(f"{path} could not be written")
        written.append(path)
    return written


if __name__ == "__main__":  # python -m desktop.theme --draw-emblems (offscreen: QT_QPA_PLATFORM=offscreen)
    import sys

    if sys.argv[1:] != ["--draw-emblems"]:
        sys.stderr.write("usage: python -m desktop.theme --draw-emblems\n")
        raise SystemExit(2)
    application = QApplication(sys.argv[:1])
    for written_path in draw_emblems():
        print(written_path)

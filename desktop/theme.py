"""The look of the application: one style sheet, tones set by properties, icons by name.

Colours live only in `resources/theme/pishkhan.qss`. Code never sets a colour: it marks a widget with a
property the style sheet reads, and re-polishes it so the change shows at once.

- `set_tone(widget, "error" | "warning" | "success" | "info" | "muted" | "")`: the tone of a label or banner
- `set_invalid(widget, bool)`: a field outlined as in error
- objectName `pageTitle`: a page's title; property `heading="section"`: a section title
- property `primary=true` on a button: the page's main action
- `icon(name)`: an icon from `resources/icons/NAME.svg`; `app_icon()`: the application's own
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget

from civic.resources import resource_path

log = logging.getLogger(__name__)

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
)


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
    if tone not in TONES:
        raise ValueError(f"unknown tone {tone!r}; one of {TONES}")
    if widget.property("tone") == tone:
        return
    widget.setProperty("tone", tone)
    _repolish(widget)


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Outline a field as in error (or take the outline away)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    _repolish(widget)


# Icons are Lucide drawings in `currentColor`; they are drawn in these two colours, which match the style sheet's
# text and its accent buttons. The only colours outside pishkhan.qss.
ICON_COLOUR = "#2c4257"
ICON_ON_ACCENT_COLOUR = "#ffffff"
# drawings that point a way: mirrored when the interface runs right to left, so "out" and "send" point outward
_DIRECTIONAL = frozenset({"send", "sign-out"})
_SIZES = (16, 20, 24, 32, 48, 64, 128)


def icon(name: str, *, on_accent: bool = False) -> QIcon:
    """The icon `resources/icons/NAME.svg` in the theme's icon colour (white with `on_accent`, for a filled
    accent button), mirrored for right-to-left when it points a way. A null QIcon (logged) when it is missing."""
    rtl = name in _DIRECTIONAL and QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    return _icon(name, on_accent, rtl)


@cache
def _icon(name: str, on_accent: bool, rtl: bool) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        log.warning("icon %s could not be read: %s", name, exc)
        return QIcon()
    colour = ICON_ON_ACCENT_COLOUR if on_accent else ICON_COLOUR
    svg = source.replace("currentColor", colour)
    if rtl:
        svg = _mirrored(svg)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        log.warning("icon %s is not a drawing Qt can read", name)
        return QIcon()
    result = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result


def _mirrored(svg: str) -> str:
    """Flip a 24×24 drawing left to right (its content wrapped in a mirroring group)."""
    open_end = svg.index(">", svg.index("<svg")) + 1
    close = svg.rindex("</svg>")
    return svg[:open_end] + '<g transform="matrix(-1 0 0 1 24 0)">' + svg[open_end:close] + "</g>" + svg[close:]


def app_icon() -> QIcon:
    """The application's own emblem (window icon, sign-in card); drawn in its own colours."""
    return _icon("app", False, False)

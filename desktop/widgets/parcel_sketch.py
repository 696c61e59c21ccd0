"""The parcel drawn to scale: its polygon, the setback band, the largest footprint the coverage ratio allows, the
length of every edge, the street it faces (named), a north arrow, a scale bar and a legend.

The geometry is `printing.geometry.plan`, the same the printed zoning sheet draws, so screen and paper agree. North
is up. The drawing scales with the widget; labels keep the widget's font size, and the parcel shrinks to leave them
room. Colours are the theme's palette (`desktop.theme.palette`), never written here.
"""

from __future__ import annotations

import logging
import math
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from client_api.parcels import Parcel
from desktop import theme
from desktop.formatting import format_number, isolate
from printing.geometry import GeometryError, ParcelPlan, Point, plan

log = logging.getLogger(__name__)

# palette names (resources/theme/pishkhan.qss) and the application palette's role when the sheet names none
_COLOURS = {
    "surface": QPalette.ColorRole.Base,
    "text": QPalette.ColorRole.WindowText,
    "muted": QPalette.ColorRole.PlaceholderText,
    "border": QPalette.ColorRole.Mid,
    "accent": QPalette.ColorRole.Highlight,
    "accent-tint": QPalette.ColorRole.AlternateBase,
    "warning": QPalette.ColorRole.BrightText,
}
SETBACK_ALPHA = 72  # the setback band: the warning colour, light enough for the dimensions on it to read
SCALE_STEPS = (1, 2, 5, 10, 20, 50, 100)
SCALE_ROOM = 130.0  # px the scale bar and its label take beside a one-row legend
LEGEND_GAP = 14.0


def colour(name: str) -> QColor:
    """A named colour of the theme's palette."""
    named = theme.palette().get(name)
    if named:
        return QColor(named)
    return QGuiApplication.palette().color(_COLOURS[name])


def footprint_colour() -> QColor:
    """The fill of the largest footprint (tests look for it in a grab of the widget)."""
    return colour("accent-tint")


class ParcelSketch(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parcelSketch")
        self.setMinimumSize(260, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plan: ParcelPlan | None = None
        self._street = ""
        self._problem = ""

    def sizeHint(self) -> QSize:
        return QSize(380, 360)

    # --- what is drawn ---------------------------------------------------------------------------------------------

    def show_parcel(self, parcel: Parcel) -> None:
        rules = parcel.rules
        try:
            self.plan = plan(
                parcel.geometry,
                parcel.street_edge,
                front=float(rules.front_setback_m),
                rear=float(rules.back_setback_m),
                side=float(rules.side_setback_m),
                coverage=float(rules.coverage_percent) / 100,
                land_area=float(parcel.land_area_m2),
            )
        except GeometryError as exc:
            log.warning("parcel %s has no usable geometry: %s", parcel.renovation_code, exc)
            self.plan = None
            self._problem = self.tr("نقشه این قطعه در دسترس نیست.")
        else:
            self._problem = ""
        self._street = self.tr("{street} — عرض {width} متر").format(
            street=isolate(parcel.street_name), width=format_number(parcel.street_width_m)
        )
        self.setAccessibleName(self.tr("نقشه قطعه"))
        self.setAccessibleDescription(self._street)
        self.update()

    def clear(self) -> None:
        self.plan = None
        self._street = ""
        self._problem = ""
        self.update()

    @property
    def footprint_area(self) -> Decimal | None:
        """The drawn footprint's area, m² to two places: less than coverage allows when the setbacks leave less."""
        if self.plan is None:
            return None
        return Decimal(f"{self.plan.footprint_area:.2f}")

    # --- painting --------------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(colour("border"), 1))
        painter.setBrush(colour("surface"))
        painter.drawRoundedRect(frame, 4, 4)
        geo = self.plan
        if geo is None:
            if self._problem:
                painter.setPen(colour("muted"))
                painter.drawText(frame, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._problem)
            painter.end()
            return
        metrics = QFontMetricsF(self.font())
        rows = self._legend_rows()
        one_row = self._legend_width(metrics, rows) + SCALE_ROOM <= frame.width() - 16
        line = metrics.height() + 2
        band_height = (line if one_row else 3 * line) + 12
        band = QRectF(frame.left(), frame.bottom() - band_height, frame.width(), band_height)
        area = QRectF(frame.left(), frame.top(), frame.width(), band.top() - frame.top())
        labels = self._labels()
        drawing = _ParcelDrawing(painter, geo, area, metrics, labels)
        drawing.draw()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self._legend(painter, metrics, band, rows, rtl=rtl, one_row=one_row)
        self._scale_bar(painter, metrics, band, drawing.scale, rtl=rtl)
        # north at a top corner, where the centred drawing leaves room: away from the reading side, unless the
        # street's name runs down that side
        street_x = _outward(geo, geo.street_edge)[0]
        left = (rtl or street_x > 0.5) and street_x > -0.5
        corner_x = area.left() + 16 if left else area.right() - 16
        _north_arrow(painter, metrics, QPointF(corner_x, area.top() + 8), self.tr("شمال"))
        painter.end()

    def _labels(self) -> _Labels:
        return _Labels(
            street=self._street,
            metre=self.tr("{value} م"),
            footprint=self.tr("حداکثر سطح اشغال"),
            area=self.tr("{value} متر مربع"),
        )

    def _legend_rows(self) -> tuple[tuple[QColor, str], ...]:
        return (
            (footprint_colour(), self.tr("حداکثر سطح اشغال")),
            (colour("surface"), self.tr("حیاط")),
            (_setback_colour(), self.tr("عقب‌نشینی")),
        )

    @staticmethod
    def _legend_width(metrics: QFontMetricsF, rows: tuple[tuple[QColor, str], ...]) -> float:
        swatch = metrics.height() * 0.75
        return sum(swatch + 6 + metrics.horizontalAdvance(text) + LEGEND_GAP for _, text in rows)

    def _legend(
        self,
        painter: QPainter,
        metrics: QFontMetricsF,
        band: QRectF,
        rows: tuple[tuple[QColor, str], ...],
        *,
        rtl: bool,
        one_row: bool,
    ) -> None:
        """The legend at the reading side of the band: in one row when it fits beside the scale bar, else stacked."""
        swatch = metrics.height() * 0.75
        x = band.right() - 8 if rtl else band.left() + 8  # the reading edge of the next entry
        y = band.top() + 6
        for fill, text in rows:
            width = metrics.horizontalAdvance(text) + 2
            box_x = x - swatch if rtl else x
            painter.setPen(QPen(colour("border"), 1))
            painter.setBrush(fill)
            painter.drawRect(QRectF(box_x, y + (metrics.height() - swatch) / 2, swatch, swatch))
            text_x = box_x - 6 - width if rtl else box_x + swatch + 6
            painter.setPen(colour("text"))
            painter.drawText(QRectF(text_x, y, width, metrics.height()), Qt.AlignmentFlag.AlignVCenter, text)
            if one_row:
                step = swatch + 6 + width + LEGEND_GAP
                x = x - step if rtl else x + step
            else:
                y += metrics.height() + 2

    def _scale_bar(self, painter: QPainter, metrics: QFontMetricsF, band: QRectF, scale: float, *, rtl: bool) -> None:
        """A bar of a round number of metres, at least 36 px long, its length written beside it."""
        metres = next((m for m in SCALE_STEPS if m * scale >= 36), SCALE_STEPS[-1])
        length = metres * scale
        label = self.tr("{value} متر").format(value=format_number(metres))
        label_w = metrics.horizontalAdvance(label) + 4
        y = band.bottom() - 6 - metrics.height() / 2
        start = band.left() + 10 if rtl else band.right() - 10 - length - 6 - label_w
        painter.setPen(QPen(colour("text"), 1.4))
        painter.drawLine(QPointF(start, y), QPointF(start + length, y))
        for x in (start, start + length / 2, start + length):
            painter.drawLine(QPointF(x, y - 4), QPointF(x, y + 3))
        painter.drawText(
            QRectF(start + length + 6, y - metrics.height() / 2, label_w, metrics.height()),
            Qt.AlignmentFlag.AlignVCenter,
            label,
        )


class _Labels:
    def __init__(self, *, street: str, metre: str, footprint: str, area: str) -> None:
        self.street, self.metre, self.footprint, self.area = street, metre, footprint, area


def _setback_colour() -> QColor:
    band = QColor(colour("warning"))
    band.setAlpha(SETBACK_ALPHA)
    return band


def _north_arrow(painter: QPainter, metrics: QFontMetricsF, top: QPointF, label: str) -> None:
    size = metrics.height() * 1.4
    x, y = top.x(), top.y()
    arrow = QPolygonF([QPointF(x, y), QPointF(x - size * 0.35, y + size), QPointF(x, y + size * 0.72),
                       QPointF(x + size * 0.35, y + size)])  # fmt: skip
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour("text"))
    painter.drawPolygon(arrow)
    painter.setPen(colour("text"))
    width = metrics.horizontalAdvance(label) + 4
    painter.drawText(QRectF(x - width / 2, y + size + 1, width, metrics.height()), Qt.AlignmentFlag.AlignCenter, label)


class _ParcelDrawing:
    """The parcel, its bands and its labels, fitted into `area` with room left for the labels around it."""

    GAP = 6.0

    def __init__(self, painter: QPainter, geo: ParcelPlan, area: QRectF, metrics: QFontMetricsF, labels: _Labels):
        self.painter, self.geo, self.metrics, self.labels = painter, geo, metrics, labels
        self.scale, self.origin = _ParcelDrawing._fit(geo, area, metrics, labels)

    @staticmethod
    def _dimension(length: float, labels: _Labels) -> str:
        return labels.metre.format(value=format_number(Decimal(f"{length:.2f}")))

    @staticmethod
    def _margins(geo: ParcelPlan, metrics: QFontMetricsF, labels: _Labels) -> tuple[float, float, float, float]:
        """Room (left, top, right, bottom) for the dimensions and the street name outside the parcel."""
        widest = max(metrics.horizontalAdvance(_ParcelDrawing._dimension(e, labels)) for e in geo.edges)
        line = metrics.height()
        left = right = widest + 2 * _ParcelDrawing.GAP
        top = bottom = line + 2 * _ParcelDrawing.GAP
        nx, ny = _outward(geo, geo.street_edge)
        street = line + 2 * _ParcelDrawing.GAP
        if abs(nx) > abs(ny):
            if nx < 0:
                left += street
            else:
                right += street
        elif ny > 0:
            top += street
        else:
            bottom += street
        return left, top, right, bottom

    @staticmethod
    def _fit(geo: ParcelPlan, area: QRectF, metrics: QFontMetricsF, labels: _Labels) -> tuple[float, QPointF]:
        left, top, right, bottom = _ParcelDrawing._margins(geo, metrics, labels)
        xs = [p[0] for p in geo.parcel]
        ys = [p[1] for p in geo.parcel]
        span_x, span_y = max(max(xs) - min(xs), 1e-6), max(max(ys) - min(ys), 1e-6)
        room_w = max(area.width() - left - right, 20.0)
        room_h = max(area.height() - top - bottom, 20.0)
        scale = min(room_w / span_x, room_h / span_y)
        centre_x = area.left() + left + room_w / 2
        centre_y = area.top() + top + room_h / 2
        origin = QPointF(centre_x - (min(xs) + span_x / 2) * scale, centre_y + (min(ys) + span_y / 2) * scale)
        return scale, origin

    def at(self, p: Point) -> QPointF:
        return QPointF(self.origin.x() + p[0] * self.scale, self.origin.y() - p[1] * self.scale)

    def polygon(self, points: list[Point]) -> QPolygonF:
        return QPolygonF([self.at(p) for p in points])

    def draw(self) -> None:
        painter, geo = self.painter, self.geo
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_setback_colour())
        painter.drawPolygon(self.polygon(geo.parcel))
        if len(geo.buildable) >= 3:
            painter.setBrush(colour("surface"))
            painter.drawPolygon(self.polygon(geo.buildable))
        if len(geo.footprint) >= 3:
            pen = QPen(colour("accent"), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(footprint_colour())
            painter.drawPolygon(self.polygon(geo.footprint))
            self._footprint_label()
        painter.setPen(QPen(colour("text"), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolygon(self.polygon(geo.parcel))
        self._street()
        self._dimensions()

    def _footprint_label(self) -> None:
        box = self.polygon(self.geo.footprint).boundingRect()
        lines = [self.labels.footprint,
                 self.labels.area.format(value=format_number(Decimal(f"{self.geo.footprint_area:.2f}")))]  # fmt: skip
        needed_w = max(self.metrics.horizontalAdvance(t) for t in lines) + 6
        if box.width() < needed_w or box.height() < 2 * self.metrics.height() + 4:
            lines = lines[1:]  # a small footprint keeps its area, not its name
            if box.width() < self.metrics.horizontalAdvance(lines[0]) + 4 or box.height() < self.metrics.height():
                return
        self.painter.setPen(colour("text"))
        self.painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "\n".join(lines))

    def _dimensions(self) -> None:
        self.painter.save()
        font = QFont(self.painter.font())
        font.setBold(True)
        self.painter.setFont(font)
        metrics = QFontMetricsF(font)
        self.painter.setPen(colour("text"))
        n = len(self.geo.parcel)
        for i, length in enumerate(self.geo.edges):
            a, b = self.at(self.geo.parcel[i]), self.at(self.geo.parcel[(i + 1) % n])
            nx, ny = _outward(self.geo, i)
            text = self._dimension(length, self.labels)
            w, h = metrics.horizontalAdvance(text) + 2, metrics.height()
            reach = self.GAP + abs(nx) * w / 2 + abs(ny) * h / 2  # from the edge to the label's centre
            cx = (a.x() + b.x()) / 2 + nx * reach
            cy = (a.y() + b.y()) / 2 - ny * reach
            self.painter.drawText(QRectF(cx - w / 2, cy - h / 2, w, h), Qt.AlignmentFlag.AlignCenter, text)
        self.painter.restore()

    def _street(self) -> None:
        """The street's name beyond the edge on the street, along it and upright, past that edge's dimension."""
        i = self.geo.street_edge
        n = len(self.geo.parcel)
        a, b = self.at(self.geo.parcel[i]), self.at(self.geo.parcel[(i + 1) % n])
        nx, ny = _outward(self.geo, i)
        line = self.metrics.height()
        dimension_w = self.metrics.horizontalAdvance(self._dimension(self.geo.edges[i], self.labels))
        reach = 2 * self.GAP + abs(nx) * dimension_w + abs(ny) * line + line / 2
        cx = (a.x() + b.x()) / 2 + nx * reach
        cy = (a.y() + b.y()) / 2 - ny * reach
        angle = math.degrees(math.atan2(b.y() - a.y(), b.x() - a.x()))
        if angle > 90:
            angle -= 180
        elif angle <= -90:
            angle += 180
        edge_px = math.hypot(b.x() - a.x(), b.y() - a.y())
        width = max(edge_px, self.metrics.horizontalAdvance(self.labels.street) + 4)
        self.painter.save()
        self.painter.translate(cx, cy)
        self.painter.rotate(angle)
        self.painter.setPen(QPen(colour("muted"), 1))
        self.painter.drawText(QRectF(-width / 2, -line / 2, width, line), Qt.AlignmentFlag.AlignCenter,
                              self.labels.street)  # fmt: skip
        self.painter.restore()


def _outward(geo: ParcelPlan, i: int) -> tuple[float, float]:
    """The outward unit normal of edge i, north up (the ring runs counter-clockwise)."""
    (ax, ay), (bx, by) = geo.parcel[i], geo.parcel[(i + 1) % len(geo.parcel)]
    length = math.hypot(bx - ax, by - ay) or 1.0
    return (by - ay) / length, (ax - bx) / length

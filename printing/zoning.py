"""The zoning sheet «برگ ضوابط شهرسازی» on A4: the parcel drawn from its GeoJSON polygon, with its setbacks, the
largest footprint the coverage ratio allows, the dimensions of every edge, a scale bar and a north arrow."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.common import (
    a4_header,
    a4_sheet,
    add_verification_hint,
    fa,
    is_training,
    measure,
    meta,
    parcel_fields,
    section,
    signature_area,
)
from printing.common import sealed as sealed_qr
from printing.fonts import BOLD, REGULAR
from printing.geometry import ParcelPlan, Point, plan
from printing.layout import draw_text
from printing.model import ZoningSheet
from printing.qr import QrMatrix, draw_qr
from printing.rtl import text_width

TITLE = "برگ ضوابط شهرسازی"
FOOTPRINT_LABEL = "حداکثر سطح اشغال"
NORTH = "ش"  # شمال, at the tip of the north arrow
SCALE_LABEL_RISE = 1.5 + 4.1 + 1.5  # tick height + Vazirmatn's descent at 7.5 pt (4.03) + a gap, in points
DRAWING_HEIGHT = 80 * mm  # with the seal in its free corner, so the sheet and its signature fit one page
SETBACK_FILL = (0.98, 0.86, 0.84)
BUILDABLE_FILL = (1.0, 1.0, 1.0)
FOOTPRINT_FILL = (0.78, 0.86, 0.95)


def _metres(value: float) -> str:
    return measure(Decimal(f"{value:.2f}"))


def build_zoning_sheet(doc: ZoningSheet) -> bytes:
    """The zoning sheet as PDF bytes (A4)."""
    rules = doc.rules
    geo = plan(
        doc.geometry,
        doc.street_edge,
        front=float(rules.front_setback_m),
        rear=float(rules.rear_setback_m),
        side=float(rules.side_setback_m),
        coverage=float(rules.coverage_percent) / 100,
        land_area=float(doc.parcel.land_area_m2),
    )
    seal = sealed_qr(doc)
    sheet = a4_sheet()
    a4_header(sheet, doc, doc.municipality, TITLE)
    section(sheet, "مشخصات ملک")
    parcel_fields(sheet, doc.parcel)
    section(sheet, "نقشه قطعه")
    sheet.custom(DRAWING_HEIGHT, _drawing(doc, geo, sheet.left, sheet.inner, seal[0] if seal else None))
    section(sheet, "ضوابط")
    land = doc.parcel.land_area_m2
    gross = (land * rules.density_percent / 100).quantize(Decimal("0.01"))
    sheet.fields(
        [
            ("کاربری:", fa(rules.land_use)),
            ("حداکثر طبقات:", fa(rules.max_floors)),
            ("تراکم ساختمانی:", measure(rules.density_percent) + "٪"),
            ("سطح اشغال:", measure(rules.coverage_percent) + "٪"),
            ("حداکثر زیربنا:", measure(gross, "متر مربع")),
            ("حداکثر سطح اشغال:", _metres(geo.footprint_area) + " متر مربع"),
            ("عقب‌نشینی از گذر:", measure(rules.front_setback_m, "متر")),
            ("عقب‌نشینی پشت:", measure(rules.rear_setback_m, "متر")),
            ("عقب‌نشینی جانبی:", measure(rules.side_setback_m, "متر")),
            ("گذر:", doc.street_name),
            ("عرض گذر:", measure(doc.street_width_m, "متر")),
        ],
        columns=2,
    )
    sheet.paragraph(
        "ابعاد از روی نقشه رقومی محاسبه شده و ملاک صدور پروانه، برداشت نقشه‌بردار رسمی است. "
        "ساختمان در بخش شمالی قطعه و حیاط در جنوب آن قرار می‌گیرد.",
        size=8,
    )
    if seal is not None:  # the QR is in the drawing: where to check it goes in the footer, as on every sealed kind
        add_verification_hint(sheet)
    signature_area(sheet, doc.signatory_name, doc.signatory_title)
    training = is_training(doc, seal[1] if seal else None)
    footer = ("المثنی — " if doc.reprint else "") + fa(doc.number)
    return sheet.render(meta(doc, TITLE, "a4", training=training), training=training, footer=footer)


def _drawing(
    doc: ZoningSheet, geo: ParcelPlan, left: float, width: float, seal: QrMatrix | None
) -> Callable[[Canvas, Callable], None]:
    xs = [p[0] for p in geo.parcel]
    ys = [p[1] for p in geo.parcel]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    pad = 16 * mm  # room for dimensions and the street name around the parcel
    scale = min((width - 2 * pad) / span_x, (DRAWING_HEIGHT - 2 * pad) / span_y)
    cx = left + width / 2 - (min(xs) + span_x / 2) * scale
    cy_from_top = DRAWING_HEIGHT / 2 + (min(ys) + span_y / 2) * scale

    def draw(canvas: Canvas, to_pdf_y: Callable[[float], float]) -> None:
        def at(p: Point) -> Point:
            return cx + p[0] * scale, to_pdf_y(cy_from_top - p[1] * scale)

        _polygon(canvas, [at(p) for p in geo.parcel], SETBACK_FILL, 0)
        if geo.buildable:
            _polygon(canvas, [at(p) for p in geo.buildable], BUILDABLE_FILL, 0)
        if geo.footprint:
            _polygon(canvas, [at(p) for p in geo.footprint], FOOTPRINT_FILL, 0.6, dashed=True)
            fx = sum(p[0] for p in geo.footprint) / len(geo.footprint)
            fy = sum(p[1] for p in geo.footprint) / len(geo.footprint)
            x, y = at((fx, fy))
            canvas.setFillColorRGB(0.1, 0.2, 0.4)
            # as large as fits inside the footprint with a margin, never over its edges: at most 8 pt
            room = (max(p[0] for p in geo.footprint) - min(p[0] for p in geo.footprint)) * scale - 4 * mm
            size = min(8.0, 8.0 * room / text_width(FOOTPRINT_LABEL, BOLD, 8.0))
            draw_text(canvas, FOOTPRINT_LABEL, x, y + 2, font=BOLD, size=size, align="center")
            area = _metres(geo.footprint_area) + " متر مربع"
            draw_text(canvas, area, x, y - 1.2 * size, font=REGULAR, size=size, align="center")
        _polygon(canvas, [at(p) for p in geo.parcel], None, 1.4)
        _dimensions(canvas, geo, at)
        _street(canvas, geo, at, doc)
        _north_arrow(canvas, left + 8 * mm, to_pdf_y(14 * mm))
        _scale_bar(canvas, left + width - 8 * mm, to_pdf_y(DRAWING_HEIGHT - 6 * mm), scale)
        _legend(canvas, left + width, to_pdf_y(6 * mm))
        if seal is not None:  # the seal sits in the drawing's free corner, so the sheet stays on one page
            side = 27 * mm
            x, top = left + 2 * mm, to_pdf_y(DRAWING_HEIGHT - side - 9 * mm)
            quiet = side / seal.size * 4  # the quiet zone stays white over the training mark, so the code reads
            canvas.setFillColorRGB(1, 1, 1)
            canvas.rect(x - quiet, top - side - quiet, side + 2 * quiet, side + 2 * quiet, stroke=0, fill=1)
            draw_qr(canvas, seal, x, top, side)
            canvas.setFillColorRGB(0.3, 0.3, 0.3)
            draw_text(
                canvas,
                "مهر الکترونیکی سند",
                left + 2 * mm + side / 2,
                to_pdf_y(DRAWING_HEIGHT - 5 * mm),
                font=REGULAR,
                size=7,
                align="center",
            )

    return draw


def _polygon(
    canvas: Canvas, pts: Sequence[Point], fill: tuple[float, float, float] | None, weight: float, dashed: bool = False
) -> None:
    path = canvas.beginPath()
    path.moveTo(*pts[0])
    for p in pts[1:]:
        path.lineTo(*p)
    path.close()
    canvas.saveState()
    if fill is not None:
        canvas.setFillColorRGB(*fill)
    canvas.setLineWidth(weight)
    if dashed:
        canvas.setDash(3, 2)
    canvas.drawPath(path, stroke=1 if weight else 0, fill=1 if fill is not None else 0)
    canvas.restoreState()


def _outward(geo: ParcelPlan, i: int, at: Callable[[Point], Point]) -> tuple[Point, Point]:
    """Midpoint of edge i on the page and its outward unit normal on the page."""
    n = len(geo.parcel)
    a, b = at(geo.parcel[i]), at(geo.parcel[(i + 1) % n])
    length = math.dist(a, b)
    # on the page y still points north, and the ring is counter-clockwise, so the right normal points out
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2), ((b[1] - a[1]) / length, (a[0] - b[0]) / length)


def _dimensions(canvas: Canvas, geo: ParcelPlan, at: Callable[[Point], Point]) -> None:
    canvas.setFillColorRGB(0, 0, 0)
    for i, length in enumerate(geo.edges):
        (mx, my), (nx, ny) = _outward(geo, i, at)
        x, y = mx + nx * 2 * mm, my + ny * 3 * mm - 3
        # a western edge's label ends just outside it, an eastern one starts just outside it
        align = "right" if nx < -0.6 else "left" if nx > 0.6 else "center"
        draw_text(canvas, _metres(length) + " م", x, y, font=BOLD, size=8, align=align)


def _legend(canvas: Canvas, right: float, top: float) -> None:
    rows = (
        (FOOTPRINT_FILL, "حداکثر سطح اشغال (بخش شمالی)"),
        (BUILDABLE_FILL, "حیاط"),
        (SETBACK_FILL, "عقب‌نشینی"),
    )
    canvas.saveState()
    canvas.setLineWidth(0.4)
    for k, (fill, label) in enumerate(rows):
        y = top - 4 * mm - k * 5 * mm
        canvas.setFillColorRGB(*fill)
        canvas.rect(right - 4 * mm, y, 4 * mm, 3 * mm, stroke=1, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        draw_text(canvas, label, right - 5.5 * mm, y + 0.6 * mm, font=REGULAR, size=7.5, align="right")
    canvas.restoreState()


def _street(canvas: Canvas, geo: ParcelPlan, at: Callable[[Point], Point], doc: ZoningSheet) -> None:
    (mx, my), (nx, ny) = _outward(geo, geo.street_edge, at)
    canvas.setFillColorRGB(0.3, 0.3, 0.3)
    label = f"{doc.street_name} — عرض {measure(doc.street_width_m)} متر"
    draw_text(canvas, label, mx + nx * 10 * mm, my + ny * 10 * mm - 3, font=REGULAR, size=8.5, align="center")


def _north_arrow(canvas: Canvas, x: float, y: float) -> None:
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    path.moveTo(x, y + 7 * mm)
    path.lineTo(x - 2.5 * mm, y - 2 * mm)
    path.lineTo(x, y)
    path.lineTo(x + 2.5 * mm, y - 2 * mm)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    draw_text(canvas, NORTH, x, y + 8.5 * mm, font=BOLD, size=9, align="center")
    canvas.restoreState()


def _scale_bar(canvas: Canvas, right: float, y: float, scale: float) -> None:
    metres = 5 if scale * 5 < 40 * mm else 2
    length = metres * scale
    canvas.saveState()
    canvas.setLineWidth(0.8)
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.line(right - length, y, right, y)
    for x in (right - length, right - length / 2, right):
        canvas.line(x, y - 1.5, x, y + 1.5)
    canvas.setFillColorRGB(0, 0, 0)
    # above the bar with room for the letters' descent (ر and م reach below the baseline): clear of bar and ticks
    label = f"{fa(metres)} متر"
    draw_text(canvas, label, right - length / 2, y + SCALE_LABEL_RISE, font=REGULAR, size=7.5, align="center")
    canvas.restoreState()

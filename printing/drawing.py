"""Drawing on the ReportLab canvas: replaying a `Sheet`'s recorded operations, the «آموزشی» training mark, and one
logical line of Persian straight on a canvas (`draw_text`, for drawings inside `Sheet.custom`)."""

from __future__ import annotations

import math
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from printing.fonts import BOLD, REGULAR
from printing.qr import QUIET_ZONE, draw_qr
from printing.rtl import drawn

BLACK = (0.0, 0.0, 0.0)
WATERMARK = (0.82, 0.82, 0.82)

Op = tuple[Any, ...]


def draw_text(
    canvas: Canvas,
    text: str,
    x: float,
    y: float,
    *,
    font: str = REGULAR,
    size: float = 9,
    align: str = "left",
    rtl: bool = True,
    tabular: bool = False,
) -> None:
    """One logical line straight on a canvas (inside `Sheet.custom`), in PDF coordinates: shaped, ordered and with
    the same readable text layer as everything a `Sheet` draws. `align` says what `x` anchors: "left", "right" or
    "center". The caller sets the fill colour."""
    canvas.setFont(font, size)
    line = drawn(text, rtl, tabular)
    if align == "right":
        canvas.drawRightString(x, y, line)
    elif align == "center":
        canvas.drawCentredString(x, y, line)
    else:
        canvas.drawString(x, y, line)


def replay(canvas: Canvas, ops: list[Op], height: float) -> None:
    text_state = None  # (colour, font, size) the canvas has from the text drawn just before, if any
    for op in ops:
        kind = op[0]
        if kind != "t":
            text_state = None  # a drawing may change the fill colour
        if kind == "t":
            _, x, y, text, font, size, align, color = op
            if text_state != (color, font, size):  # the cells of a table row, a paragraph's lines share them
                canvas.setFillColorRGB(*color)
                canvas.setFont(font, size)
                text_state = (color, font, size)
            if align == "right":
                canvas.drawRightString(x, height - y, text)
            elif align == "left":
                canvas.drawString(x, height - y, text)
            else:
                canvas.drawCentredString(x, height - y, text)
        elif kind == "l":
            _, x1, y1, x2, y2, weight, color, dashed = op
            canvas.setStrokeColorRGB(*color)
            canvas.setLineWidth(weight)
            canvas.setDash(2, 2) if dashed else canvas.setDash()
            canvas.line(x1, height - y1, x2, height - y2)
        elif kind == "r":
            _, x, y, w, h, fill, weight = op
            if fill is not None:
                canvas.setFillColorRGB(*fill)
            canvas.setLineWidth(weight)
            canvas.rect(x, height - y - h, w, h, stroke=1 if weight else 0, fill=1 if fill is not None else 0)
        elif kind == "b":
            _, x, y, w, h, color = op
            canvas.setStrokeColorRGB(*color)
            canvas.setLineWidth(1.2)
            canvas.setDash()
            canvas.rect(x, height - y - h, w, h, stroke=1, fill=0)
        elif kind == "x":
            _, x, y, w, h, color, weight, dashed = op
            canvas.setStrokeColorRGB(*color)
            canvas.setLineWidth(weight)
            canvas.setDash(2, 2) if dashed else canvas.setDash()
            canvas.rect(x, height - y - h, w, h, stroke=1, fill=0)
        elif kind == "q":
            _, x, y, side, matrix = op
            quiet = side / matrix.size * QUIET_ZONE  # kept white over the training mark, so the code always reads
            canvas.setFillColorRGB(1, 1, 1)
            canvas.rect(x - quiet, height - y - side - quiet, side + 2 * quiet, side + 2 * quiet, stroke=0, fill=1)
            draw_qr(canvas, matrix, x, height - y, side)
        elif kind == "c":
            _, top, draw = op
            canvas.saveState()
            draw(canvas, lambda y, top=top: height - top - y)
            canvas.restoreState()
    canvas.setFillColorRGB(*BLACK)


def training_mark(canvas: Canvas, width: float, height: float) -> None:
    """«آموزشی» across the page (repeated down a roll), under everything else; every copy whole inside the page."""
    text = drawn("آموزشی")
    size = min(width, height) / 4.5
    angle = math.radians(35)
    text_w = canvas.stringWidth(text, BOLD, size)
    reach = (text_w * math.sin(angle) + size * math.cos(angle)) / 2  # half the rotated word's height
    if 2 * reach > height:  # a very short roll: a smaller word
        size *= height / (2 * reach)
        text_w, reach = text_w * height / (2 * reach), height / 2
    step = width * 1.25 if height > width * 1.6 else height
    copies = max(1, int((height - 2 * reach) // step) + 1)
    first = (height - (copies - 1) * step) / 2
    canvas.saveState()
    canvas.setFillColorRGB(*WATERMARK)
    canvas.setFont(BOLD, size)
    for k in range(copies):
        canvas.saveState()
        canvas.translate(width / 2, first + k * step)
        canvas.rotate(35)
        canvas.drawCentredString(0, -size / 3, text)
        canvas.restoreState()
    canvas.restoreState()

"""A small right-to-left layout recorder on top of a ReportLab canvas.

A `Sheet` lays content out top-down (y grows downwards from the top margin) and records drawing operations per page;
`render` then creates the canvas, so a receipt roll can be exactly as tall as its content and a footer can say
«صفحه ۱ از ۳». Everything is right-aligned by default, tables run right to left (the first column sits at the right
edge), and each text line is converted to its visual form by `printing.rtl`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from civic.text import to_persian_digits
from printing.fonts import BOLD, REGULAR, register_fonts
from printing.qr import QrMatrix, draw_qr
from printing.rtl import text_width, visual, wrap

BLACK = (0.0, 0.0, 0.0)
GREY = (0.35, 0.35, 0.35)
LIGHT = (0.86, 0.86, 0.86)
SHADE = (0.94, 0.94, 0.94)
WATERMARK = (0.82, 0.82, 0.82)
STAMP = (0.65, 0.1, 0.1)

Op = tuple[Any, ...]


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # a share of the table's width; shares are scaled to fill it
    align: str = "right"  # "right", "left" or "center"; amounts are set "left" so their last digits line up
    bold: bool = False


@dataclass(frozen=True)
class Meta:
    title: str
    number: str  # goes in the PDF Subject: the one metadata field a test or an archive script reads
    kind: str
    keywords: tuple[str, ...] = ()


class Sheet:
    def __init__(self, width: float, height: float | None, margin: float, *, size: float = 9.0) -> None:
        register_fonts()
        self.width = width
        self.height = height  # None: a roll, as tall as its content
        self.margin = margin
        self.left = margin
        self.right = width - margin
        self.inner = self.right - self.left
        self.size = size
        self.bottom_reserve = 10 * mm if height is not None else 0.0  # room for the footer on fixed pages
        self.pages: list[list[Op]] = [[]]
        self.y = margin
        self.on_new_page: Callable[[], None] | None = None

    # --- flow -----------------------------------------------------------------------------------------------------

    @property
    def ops(self) -> list[Op]:
        return self.pages[-1]

    def ensure(self, needed: float) -> None:
        """Start a new page when `needed` points do not fit on this one (never on a roll)."""
        if self.height is None or self.y + needed <= self.height - self.margin - self.bottom_reserve:
            return
        self.pages.append([])
        self.y = self.margin
        if self.on_new_page is not None:
            self.on_new_page()

    def gap(self, points: float) -> None:
        self.y += points

    def leading(self, size: float) -> float:
        return size * 1.55

    # --- text -----------------------------------------------------------------------------------------------------

    def text_at(
        self,
        text: str,
        x: float,
        baseline: float,
        *,
        size: float | None = None,
        bold: bool = False,
        align: str = "right",
        color: tuple[float, float, float] = BLACK,
        rtl: bool = True,
    ) -> None:
        """One line at an absolute position (x is the anchor of the alignment; y from the top)."""
        font = BOLD if bold else REGULAR
        self.ops.append(("t", x, baseline, visual(text, rtl), font, size or self.size, align, color))

    def line(
        self,
        text: str,
        *,
        size: float | None = None,
        bold: bool = False,
        align: str = "right",
        color: tuple[float, float, float] = BLACK,
        rtl: bool = True,
    ) -> None:
        size = size or self.size
        step = self.leading(size)
        self.ensure(step)
        x = {"right": self.right, "left": self.left, "center": (self.left + self.right) / 2}[align]
        self.text_at(text, x, self.y + size * 1.1, size=size, bold=bold, align=align, color=color, rtl=rtl)
        self.y += step

    def paragraph(
        self,
        text: str,
        *,
        size: float | None = None,
        bold: bool = False,
        align: str = "right",
        color: tuple[float, float, float] = BLACK,
        rtl: bool = True,
    ) -> None:
        size = size or self.size
        for part in wrap(text, BOLD if bold else REGULAR, size, self.inner):
            self.line(part, size=size, bold=bold, align=align, color=color, rtl=rtl)

    def heading(self, text: str, *, size: float = 13, align: str = "center") -> None:
        self.paragraph(text, size=size, bold=True, align=align)

    def label_width(self, labels: Sequence[str], size: float) -> float:
        """Room for the widest label and a gap: values start right after the labels."""
        return max((text_width(label, REGULAR, size) for label in labels), default=0.0) + 2.5 * mm

    def field(self, label: str, value: str, *, size: float | None = None, label_width: float | None = None) -> None:
        """«label: value» with the label in grey at the right and the value wrapped beside it."""
        size = size or self.size
        label_width = label_width or self.label_width([label], size)
        values = wrap(value, BOLD, size, self.inner - label_width) or [""]
        step = self.leading(size)
        self.ensure(step * len(values))
        self.text_at(label, self.right, self.y + size * 1.1, size=size, color=GREY)
        for part in values:
            self.text_at(part, self.right - label_width, self.y + size * 1.1, size=size, bold=True)
            self.y += step

    def fields(self, pairs: Sequence[tuple[str, str]], *, columns: int = 1, size: float | None = None) -> None:
        """Label/value pairs, filled right to left across `columns` columns, one row at a time."""
        size = size or self.size
        if columns == 1:
            label_width = self.label_width([label for label, _ in pairs], size)
            for label, value in pairs:
                self.field(label, value, size=size, label_width=label_width)
            return
        col_width = self.inner / columns
        step = self.leading(size)
        widths = [self.label_width([label for label, _ in pairs[i::columns]], size) for i in range(columns)]
        for start in range(0, len(pairs), columns):
            self.ensure(step)
            for i, (label, value) in enumerate(pairs[start : start + columns]):
                right = self.right - i * col_width
                self.text_at(label, right, self.y + size * 1.1, size=size, color=GREY)
                self.text_at(value, right - widths[i], self.y + size * 1.1, size=size, bold=True)
            self.y += step

    # --- rules, boxes, tables ------------------------------------------------------------------------------------

    def rule(self, *, weight: float = 0.6, dashed: bool = False, color: tuple[float, float, float] = GREY) -> None:
        self.ensure(4)
        self.y += 2
        self.ops.append(("l", self.left, self.y, self.right, self.y, weight, color, dashed))
        self.y += 3

    def banner(self, text: str, *, size: float = 12, color: tuple[float, float, float] = STAMP) -> None:
        """A boxed, centred line in red: «المثنی» on a reprint, so a duplicate is never taken for the original."""
        height = size + 3 * mm
        self.ensure(height + 2)
        w = self.inner if self.inner < 90 * mm else 60 * mm
        x = (self.left + self.right - w) / 2
        self.ops.append(("b", x, self.y, w, height, color))
        self.text_at(
            text, x + w / 2, self.y + height / 2 + size * 0.35, size=size, bold=True, align="center", color=color
        )
        self.y += height + 2

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: tuple[float, float, float] | None = None,
        weight: float = 0,
    ) -> None:
        self.ops.append(("r", x, y, w, h, fill, weight))

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        *,
        size: float | None = None,
        total: Sequence[str] | None = None,
        header: bool = True,
    ) -> None:
        """A ruled table; columns run right to left, cells wrap, the header repeats on a new page."""
        size = size or self.size
        share = sum(c.width for c in columns)
        widths = [self.inner * c.width / share for c in columns]
        pad = 1.6 * mm if self.inner > 100 * mm else 1.0 * mm
        step = self.leading(size)

        def draw_row(cells: Sequence[str], *, bold: bool, fill: tuple[float, float, float] | None) -> None:
            wrapped = [
                wrap(cell, BOLD if bold or col.bold else REGULAR, size, w - 2 * pad)
                for cell, col, w in zip(cells, columns, widths, strict=True)
            ]
            height = max(len(lines) for lines in wrapped) * step + 2
            self.ensure(height)
            if fill is not None:
                self.rect(self.left, self.y, self.inner, height, fill=fill)
            right = self.right
            for lines, col, w in zip(wrapped, columns, widths, strict=True):
                anchor = {"right": right - pad, "left": right - w + pad, "center": right - w / 2}[col.align]
                for k, part in enumerate(lines):
                    baseline = self.y + 1 + k * step + size * 1.1
                    self.text_at(part, anchor, baseline, size=size, bold=bold or col.bold, align=col.align)
                right -= w
            self.y += height
            self.ops.append(("l", self.left, self.y, self.right, self.y, 0.4, LIGHT, False))

        def draw_header() -> None:
            if header:
                draw_row([c.title for c in columns], bold=True, fill=SHADE)

        self.ops.append(("l", self.left, self.y, self.right, self.y, 0.4, LIGHT, False))
        draw_header()
        previous = self.on_new_page
        self.on_new_page = draw_header
        for cells in rows:
            draw_row(cells, bold=False, fill=None)
        self.on_new_page = previous
        if total is not None:
            draw_row(total, bold=True, fill=SHADE)

    # --- pictures -------------------------------------------------------------------------------------------------

    def qr(self, matrix: QrMatrix, side: float, *, x_left: float | None = None) -> None:
        """The seal's QR, `side` points wide, centred unless `x_left` is given, with its quiet zone kept free."""
        quiet = side / matrix.size * 4
        self.ensure(side + 2 * quiet)
        self.y += quiet
        x = (self.left + self.right - side) / 2 if x_left is None else x_left
        self.ops.append(("q", x, self.y, side, matrix))
        self.y += side + quiet

    def custom(self, height: float, draw: Callable[[Canvas, Callable[[float], float]], None]) -> None:
        """Reserve `height` points and call `draw(canvas, to_pdf_y)` at render time."""
        self.ensure(height)
        top = self.y
        self.ops.append(("c", top, draw))
        self.y += height

    # --- output ---------------------------------------------------------------------------------------------------

    def render(self, meta: Meta, *, training: bool, footer: str = "") -> bytes:
        """The PDF: invariant (identical input → identical bytes), metadata set, marks on every page."""
        height = self.height if self.height is not None else self.y + self.margin
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(self.width, height), invariant=1, pageCompression=1)
        canvas.setTitle(meta.title)
        canvas.setSubject(meta.number)
        canvas.setAuthor("Pishkhan Desk")
        canvas.setCreator("Pishkhan Desk")
        canvas.setKeywords(", ".join(("pishkhan", meta.kind, *meta.keywords)))
        total = len(self.pages)
        for index, ops in enumerate(self.pages, start=1):
            if training:
                _training_mark(canvas, self.width, height)
            _replay(canvas, ops, height)
            if self.height is not None:
                pages = to_persian_digits(f"صفحه {index} از {total}")
                base = height - self.margin + 4 * mm
                canvas.setFillColorRGB(*GREY)
                canvas.setFont(REGULAR, 7)
                canvas.drawRightString(self.right, height - base, visual(pages))
                if footer:
                    canvas.drawString(self.left, height - base, visual(footer))
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()


def _replay(canvas: Canvas, ops: list[Op], height: float) -> None:
    for op in ops:
        kind = op[0]
        if kind == "t":
            _, x, y, text, font, size, align, color = op
            canvas.setFillColorRGB(*color)
            canvas.setFont(font, size)
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
        elif kind == "q":
            _, x, y, side, matrix = op
            draw_qr(canvas, matrix, x, height - y, side)
        elif kind == "c":
            _, top, draw = op
            canvas.saveState()
            draw(canvas, lambda y, top=top: height - top - y)
            canvas.restoreState()
    canvas.setFillColorRGB(*BLACK)


def _training_mark(canvas: Canvas, width: float, height: float) -> None:
    """«آموزشی» across the page (repeated down a roll), under everything else."""
    text = visual("آموزشی")
    size = min(width, height) / 4.5
    canvas.saveState()
    canvas.setFillColorRGB(*WATERMARK)
    canvas.setFont(BOLD, size)
    step = width * 1.25 if height > width * 1.6 else height
    y = step / 2
    while y < height:
        canvas.saveState()
        canvas.translate(width / 2, y)
        canvas.rotate(35)
        canvas.drawCentredString(0, -size / 3, text)
        canvas.restoreState()
        y += step
    canvas.restoreState()

"""A small right-to-left layout recorder on top of a ReportLab canvas.

A `Sheet` lays content out top-down (y grows downwards from the top margin) and records drawing operations per page;
`render` then creates the canvas, so a receipt roll can be exactly as tall as its content and a footer can say
«صفحه ۱ از ۳». Two things are placed at render time: the *closing band* (`add_to_foot`: signatures and the seal,
laid side by side at the foot of the last page, so a page uses its height) and the *page footer* (`footer_lines`:
the verification hint and the issuer's address above the page number, on every fixed page).
Everything is right-aligned by default, tables run right to left (the first column sits at the right edge), and each
text line is converted to its drawn form by `printing.rtl` (its text layer reads as the logical Persian text).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFStream
from reportlab.pdfgen.canvas import Canvas

from civic.text import to_persian_digits
from printing.drawing import BLACK, WATERMARK, Op, draw_text, replay, training_mark
from printing.fonts import BOLD, QUICK_FLATE, REGULAR, register_fonts
from printing.qr import QrMatrix
from printing.rtl import drawn, text_width, wrap

__all__ = ["BLACK", "GREY", "LIGHT", "SHADE", "STAMP", "WATERMARK", "Column", "FootPart", "Meta", "Sheet", "draw_text"]

GREY = (0.35, 0.35, 0.35)
LIGHT = (0.86, 0.86, 0.86)
SHADE = (0.94, 0.94, 0.94)
STAMP = (0.65, 0.1, 0.1)


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # a share of the table's width; shares are scaled to fill it
    align: str = "right"  # "right", "left" or "center"
    bold: bool = False
    tabular: bool = False  # digits of equal width: amounts (set "right" or "left") line up by place value


@dataclass(frozen=True)
class FootPart:
    """One block of the closing band: `width` × `height` points, drawn by `draw(sheet, x_right, top)`."""

    width: float
    height: float
    draw: Callable[[Sheet, float, float], None]


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
        self.foot: list[FootPart] = []  # the closing band, laid at the foot of the last page by `render`
        self.footer_source: list[str] = []  # small lines above the page number on every fixed page
        self.footer_lines: list[str] = []  # the same, wrapped to the page's width

    FOOTER_SIZE = 6.8

    def set_footer_lines(self, lines: Sequence[str]) -> None:
        """The page footer's lines (logical text, wrapped to the page), and the room they take from every page."""
        self.footer_source = list(lines)
        self.footer_lines = [part for line in lines for part in wrap(line, REGULAR, self.FOOTER_SIZE, self.inner)]
        if self.height is not None and self.footer_lines:
            # content stops 3 mm above the footer's rule (see _draw_footer_lines for where the rule is)
            rule = -4 * mm + 3.2 * mm + (len(self.footer_lines) - 1) * self._footer_step + self.FOOTER_SIZE + 1.2 * mm
            self.bottom_reserve = rule + 3 * mm

    @property
    def _footer_step(self) -> float:
        return self.leading(self.FOOTER_SIZE) * 0.8

    def add_to_foot(self, part: FootPart) -> None:
        """Add a block to the closing band (right to left in the order given); on a roll it flows here instead."""
        if self.height is None:
            self.ensure(part.height)
            part.draw(self, self.right - (self.inner - part.width) / 2, self.y)
            self.y += part.height
        else:
            self.foot.append(part)

    def _lay_foot(self) -> None:
        """The closing band at the bottom of the last page (on a new page only if it does not fit under the content)."""
        if not self.foot:
            return
        height = max(part.height for part in self.foot)
        self.on_new_page = None
        self.ensure(height + 2 * mm)
        top = self.height - self.margin - self.bottom_reserve - height  # type: ignore[operator]
        spare = self.inner - sum(part.width for part in self.foot)
        space = spare / (len(self.foot) - 1) if len(self.foot) > 1 else 0.0
        x_right = self.right if len(self.foot) > 1 else self.right - spare / 2
        for part in self.foot:
            part.draw(self, x_right, top)
            x_right -= part.width + space
        self.y = top + height
        self.foot = []

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
        tabular: bool = False,
    ) -> None:
        """One line at an absolute position (x is the anchor of the alignment; y from the top). `tabular`: digits of
        equal width, so numbers in a column line up by place value."""
        font = BOLD if bold else REGULAR
        self.ops.append(("t", x, baseline, drawn(text, rtl, tabular), font, size or self.size, align, color))

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

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        color: tuple[float, float, float] = GREY,
        weight: float = 0.6,
        dashed: bool = False,
    ) -> None:
        """An outlined box (a signature-and-stamp area), `y` its top."""
        self.ops.append(("x", x, y, w, h, color, weight, dashed))

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
                    self.text_at(
                        part, anchor, baseline, size=size, bold=bold or col.bold, align=col.align, tabular=col.tabular
                    )
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
        self._lay_foot()
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
                training_mark(canvas, self.width, height)
            replay(canvas, ops, height)
            if self.height is not None:
                pages = to_persian_digits(f"صفحه {index} از {total}")
                base = self.margin - 4 * mm  # from the bottom edge
                canvas.setFillColorRGB(*GREY)
                canvas.setFont(REGULAR, 7)
                canvas.drawRightString(self.right, base, drawn(pages))
                if footer:
                    canvas.drawString(self.left, base, drawn(footer))
                self._draw_footer_lines(canvas, base)
            canvas.showPage()
        # each page's contents compressed as the fonts are (printing.fonts.QUICK_FLATE), not at ReportLab's default
        # level and wrapped in ASCII85 text
        for page in canvas._doc.Pages.pages:  # type: ignore[attr-defined]
            if page.stream and not page.Contents:
                page.Contents = PDFStream(content=page.stream, filters=[QUICK_FLATE])
        canvas.save()
        return buffer.getvalue()

    def _draw_footer_lines(self, canvas: Canvas, base: float) -> None:
        if not self.footer_lines:
            return
        step = self._footer_step
        canvas.setFont(REGULAR, self.FOOTER_SIZE)
        y = base + 3.2 * mm
        for line in reversed(self.footer_lines):
            canvas.drawCentredString((self.left + self.right) / 2, y, drawn(line))
            y += step
        canvas.setStrokeColorRGB(*LIGHT)
        canvas.setLineWidth(0.5)
        canvas.setDash()
        rule = y - step + self.FOOTER_SIZE + 1.2 * mm  # above the top line
        canvas.line(self.left, rule, self.right, rule)

"""QR codes drawn as vector rectangles from the encoder's module matrix.

The seal is encoded once (zxing-cpp, native: ~0.6 ms for a version-10 symbol, where a pure-Python encoder spends
~20 ms choosing the mask) and every run of dark modules on a row becomes one rectangle of a single filled path, so
the symbol is sharp at any printer resolution and costs a few hundred path operators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import zxingcpp
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the symbol that a reader needs
_DARK_RUN = re.compile(rb"\x00+")
_NUMBERS = [str(n) for n in range(178)]  # a QR symbol has at most 177 modules a side


@dataclass(frozen=True)
class QrMatrix:
    size: int  # modules per side, without the quiet zone
    runs: tuple[tuple[int, int, int], ...]  # (row, first column, length) of each horizontal run of dark modules
    path: str = field(default="", repr=False, compare=False)  # the runs as PDF path operators, in module units

    def __post_init__(self) -> None:
        if not self.path:
            object.__setattr__(self, "path", " ".join([_rectangle(row, col, n) for row, col, n in self.runs]))


def _rectangle(row: int, col: int, length: int) -> str:
    return f"{_NUMBERS[col]} {_NUMBERS[row]} {_NUMBERS[length]} 1 re"


@lru_cache(maxsize=64)  # a document is often built twice in a row: previewed, then printed
def qr_matrix(text: str, ec_level: str = "M") -> QrMatrix:
    """Encode `text` (error correction M: survives a crease or a smudge on thermal paper)."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=ec_level)
    image = barcode.to_image(scale=1, add_quiet_zones=False)
    rows, cols = image.shape
    # one byte per module, 0 = dark (zxingcpp's type stub leaves out the buffer protocol its Image has)
    data = memoryview(image).tobytes()  # type: ignore[arg-type]
    # the rows one after another with a light module between them, so one scan finds every run and none crosses a row
    width = cols + 1
    lined = b"\xff".join([data[r * cols : (r + 1) * cols] for r in range(rows)])
    runs = []
    rectangles = []  # the path, made here in the same pass (`_rectangle`, inlined)
    number = _NUMBERS
    for match in _DARK_RUN.finditer(lined):
        start, end = match.span()
        row, col = divmod(start, width)
        runs.append((row, col, end - start))
        rectangles.append(f"{number[col]} {number[row]} {number[end - start]} 1 re")
    return QrMatrix(rows, tuple(runs), " ".join(rectangles))


def draw_qr(canvas: Canvas, matrix: QrMatrix, x: float, y_top: float, side: float) -> None:
    """Draw the symbol with its top-left corner at (x, y_top) in PDF points, `side` points wide (no quiet zone).

    The runs are written as PDF path operators in module units under one transform (`re` per run, one `f`), made
    once per symbol with its matrix, so drawing formats no floating-point rectangles at all.
    """
    module = side / matrix.size
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(module, 0, 0, -module, x, y_top)  # module units, rows growing downwards from the top edge
    canvas.addLiteral(f"{matrix.path} f")
    canvas.restoreState()

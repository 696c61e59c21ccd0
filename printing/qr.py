"""QR codes drawn as vector rectangles from the encoder's module matrix.

The seal is encoded once (zxing-cpp, native: ~0.6 ms for a version-10 symbol, where a pure-Python encoder spends
~20 ms choosing the mask) and every run of dark modules on a row becomes one rectangle of a single filled path, so
the symbol is sharp at any printer resolution and costs a few hundred path operators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import zxingcpp
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the symbol that a reader needs
_DARK_RUN = re.compile(rb"\x00+")


@dataclass(frozen=True)
class QrMatrix:
    size: int  # modules per side, without the quiet zone
    runs: tuple[tuple[int, int, int], ...]  # (row, first column, length) of each horizontal run of dark modules


def qr_matrix(text: str, ec_level: str = "M") -> QrMatrix:
    """Encode `text` (error correction M: survives a crease or a smudge on thermal paper)."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=ec_level)
    image = barcode.to_image(scale=1, add_quiet_zones=False)
    rows, cols = image.shape
    # one byte per module, 0 = dark (zxingcpp's type stub leaves out the buffer protocol its Image has)
    data = memoryview(image).tobytes()  # type: ignore[arg-type]
    runs = [
        (r, m.start() - r * cols, m.end() - m.start())
        for r in range(rows)
        for m in _DARK_RUN.finditer(data, r * cols, (r + 1) * cols)
    ]
    return QrMatrix(rows, tuple(runs))


def draw_qr(canvas: Canvas, matrix: QrMatrix, x: float, y_top: float, side: float) -> None:
    """Draw the symbol with its top-left corner at (x, y_top) in PDF points, `side` points wide (no quiet zone).

    The runs are written as PDF path operators in module units under one transform (`re` per run, one `f`), so a
    symbol costs one string join instead of formatting a thousand floating-point rectangles.
    """
    module = side / matrix.size
    ops = " ".join(f"{col} {row} {length} 1 re" for row, col, length in matrix.runs)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(module, 0, 0, -module, x, y_top)  # module units, rows growing downwards from the top edge
    canvas.addLiteral(f"{ops} f")
    canvas.restoreState()

"""Vazirmatn Regular and Bold (static TTFs, SIL OFL 1.1) registered with ReportLab once per process."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from civic.resources import resource_path

REGULAR = "Vazirmatn"
BOLD = "Vazirmatn-Bold"
_FILES = {REGULAR: "Vazirmatn-Regular.ttf", BOLD: "Vazirmatn-Bold.ttf"}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register both faces (idempotent, thread-safe); every builder calls it before drawing."""
    global _registered
    if _registered:
        return
    with _lock:
        if not _registered:
            for name, file in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
            _registered = True


def has_glyph(font: str, char: str) -> bool:
    """True when `font` maps `char` to a glyph (tests use it: a missing glyph prints as an empty box)."""
    register_fonts()
    face = pdfmetrics.getFont(font).face  # type: ignore[attr-defined]
    return ord(char) in face.charToGlyph

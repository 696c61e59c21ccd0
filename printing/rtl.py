"""Persian text for a PDF canvas: shaping, bidi ordering and line wrapping.

A PDF canvas draws glyphs left to right exactly as given, so every line is turned into its visual form here:
1. codes that must read left to right inside Persian (a renovation code «2-14-123-45-0-0», a tracking code with
   hyphens) are wrapped in a left-to-right embedding, because bidi rule W2 otherwise turns digits after Arabic
   letters into Arabic numbers and reverses the groups around each hyphen;
2. arabic-reshaper picks each letter's joined form (initial, medial, final, isolated) in logical order;
3. python-bidi's pure-Python algorithm reorders the line (its Rust `get_display` does not mirror brackets: «(ملت)»
   would print with its brackets facing outwards).
Lines are wrapped in logical order first and then each line is reordered, never the other way around.
"""

from __future__ import annotations

import re
from functools import lru_cache

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

from printing.fonts import register_fonts

LRE = "\u202a"  # left-to-right embedding
PDF = "\u202c"  # pop directional formatting
ZWNJ = "\u200c"
ZWJ = "\u200d"

# Only the lam-alef ligatures: Vazirmatn has their presentation forms; the word ligatures (Allah, ...) it lacks.
_LIGATURES = {
    "support_ligatures": True,
    "ARABIC LIGATURE ALLAH": False,
    "ARABIC LIGATURE LAM WITH ALEF": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE": True,
}
_RESHAPER = ArabicReshaper(configuration=_LIGATURES)

# A code: letters, digits or masking stars joined by hyphens (2-14-123-45-0-0, PK-1001-000123, ۶۱۰۴-۳۳**-۷۷۸۱).
_CODE = re.compile(r"(?<![\w*-])[0-9A-Za-z*\u06f0-\u06f9]+(?:-[0-9A-Za-z*\u06f0-\u06f9]+)+(?![\w*-])")
_INVISIBLE = str.maketrans("", "", ZWNJ + ZWJ + LRE + PDF + "\u200e\u200f")
_SPACE = re.compile(r"\s+")


def ltr(text: str) -> str:
    """Mark a run that must read left to right wherever it is placed (a formula, a Latin address)."""
    return f"{LRE}{text}{PDF}"


def _protect_codes(text: str) -> str:
    return _CODE.sub(lambda m: ltr(m.group(0)), text)


@lru_cache(maxsize=8192)
def visual(text: str, rtl: bool = True) -> str:
    """One line in drawing order: shaped, reordered, brackets mirrored, control characters removed.

    `rtl` is the paragraph direction: True for Persian lines, False for a line that is mostly Latin (a formula).
    """
    if not text:
        return ""
    if text.isascii() and not rtl:
        return text
    shaped = _RESHAPER.reshape(_protect_codes(text))
    ordered = get_display(shaped, base_dir="R" if rtl else "L")
    # The joining is already decided by the chosen forms; the fonts have no glyph for these invisible controls.
    return ordered.translate(_INVISIBLE)


@lru_cache(maxsize=8192)
def text_width(text: str, font: str, size: float) -> float:
    """Width in points of a logical line once shaped (shaping changes glyphs, bidi order does not change width)."""
    register_fonts()
    return stringWidth(visual(text), font, size)


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Split logical text into logical lines no wider than `max_width`; a word wider than a line gets its own line.

    Shaping never joins across a space, so a line's width is the sum of its words' widths and the spaces between.
    Explicit newlines start a new line.
    """
    lines: list[str] = []
    register_fonts()
    space = stringWidth(" ", font, size)
    for paragraph in text.split("\n"):
        words = _SPACE.split(paragraph.strip())
        current: list[str] = []
        used = 0.0
        for word in words:
            w = text_width(word, font, size)
            if current and used + space + w > max_width:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                used = used + space + w if current else w
                current.append(word)
        lines.append(" ".join(current))
    return lines

"""Vazirmatn Regular and Bold (static TTFs, SIL OFL 1.1) registered with ReportLab once per process, with a text layer
that reads as Persian.

A PDF canvas draws the shaped glyphs in visual order (see `printing.rtl`); what a reader such as pdftotext or pypdf
extracts comes from each font's ToUnicode map. ReportLab maps every glyph to the code point it was drawn with, which
for Persian is a presentation form (U+FB50–U+FEFF: «ﭘﺮﺩﺍﺧﺖ») that no search for «پرداخت» finds. Here each
presentation form is mapped back to its standard letter (U+0600 block), and a few *alias* code points in the Private
Use Area stand for a glyph that must read as another text:
- a bracket that bidi mirrored draws the mirrored glyph but reads as the bracket of the logical text, so «(ملت)»
  extracts as «(ملت)», not «)ملت(»;
- the lam-alef ligature reads as «ل», and a zero-width alias drawn just before it (to its left) reads as the alef,
  so a reader that reverses a right-to-left run gets «لا» in order;
- a *tabular* digit draws the digit's glyph centred in a cell as wide as the widest digit of both faces (Vazirmatn's
  Persian digits are proportional), so the digits of amounts in a column line up by place value. PDF text has no
  room before a glyph, so a digit's alias carries its own half of spare room after its glyph *and* the half before
  the next digit's glyph (one alias per digit and following digit; a separator before a digit likewise); set
  right-aligned, the cells line up from the right edge. No gap is left between glyphs, which a reader would take
  for a space inside the number.
Readers that order right-to-left text themselves (poppler, pypdf) then give the logical text with standard letters.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import zlib
from functools import lru_cache
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray, PDFStreamFilterZCompress, PDFTrueTypeFont
from reportlab.pdfbase.ttfonts import TTFont

from civic.resources import resource_path
from printing.subset import SubsetMaker

REGULAR = "Vazirmatn"
BOLD = "Vazirmatn-Bold"
_FILES = {REGULAR: "Vazirmatn-Regular.ttf", BOLD: "Vazirmatn-Bold.ttf"}
_lock = threading.Lock()
_registered = False

ZERO_WIDTH = 0x200C  # the font's empty, zero-width glyph (ZWNJ) that the alef alias draws
# brackets and quotes that bidi mirrors in right-to-left runs → their alias code points
MIRRORS = "()[]{}<>«»‹›"
MIRROR_ALIAS = {ch: 0xE000 + i for i, ch in enumerate(MIRRORS)}
# the alef that follows lam in each lam-alef ligature (plain, madda, hamza above, hamza below) → its alias
ALEFS = "اآأإ"
ALEF_ALIAS = {ch: 0xE100 + i for i, ch in enumerate(ALEFS)}
# tabular figures: (digit or separator, the digit drawn right after it or "") → alias
DIGITS = "۰۱۲۳۴۵۶۷۸۹0123456789"
SEPARATORS = "٬٫,./-:"
_PAIRS = [(d, n) for d in DIGITS for n in ("", *DIGITS)] + [(c, n) for c in SEPARATORS for n in DIGITS]
TABULAR_ALIAS = {pair: 0xE200 + i for i, pair in enumerate(_PAIRS)}
# alias code point → (code point whose glyph it draws, text it stands for)
ALIASES: dict[int, tuple[int, str]] = {
    **{code: (ord(ch), ch) for (ch, _), code in TABULAR_ALIAS.items()},
    **{
        code: (ord(MIRRORS[i ^ 1]), ch)  # each pair in MIRRORS is (open, close): the alias draws the other one
        for i, (ch, code) in enumerate(MIRROR_ALIAS.items())
    },
    **{code: (ZERO_WIDTH, ch) for ch, code in ALEF_ALIAS.items()},
}
_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{4})>")


def _is_presentation_form(ch: str) -> bool:
    return "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufefc"


def tabular_figures(line: str) -> str:
    """A drawn line with its digits (and the separators before digits) as tabular aliases. Set right-aligned, the
    digits' cells line up by place value from the right edge (the leftmost digit of a run has no room before it)."""
    out = []
    for i, ch in enumerate(line):
        following = line[i + 1] if i + 1 < len(line) and line[i + 1] in DIGITS else ""
        code = TABULAR_ALIAS.get((ch, following)) if ch in DIGITS or following else None
        out.append(chr(code) if code is not None else ch)
    return "".join(out)


def reading_text(code: int) -> str:
    """What glyph `code` reads as in the text layer: its standard letter(s), an alias's text, or itself."""
    if code in ALIASES:
        return ALIASES[code][1]
    ch = chr(code)
    if _is_presentation_form(ch):
        letters = unicodedata.normalize("NFKC", ch).strip()
        if len(letters) == 2 and letters[0] == "\u0644" and letters[1] in ALEFS:
            return letters[0]  # a lam-alef ligature: the alef is read from the zero-width alias before it
        return letters or ch
    return ch


@lru_cache(maxsize=4096)  # a font has a few hundred glyphs that documents use; the same for every document
def _reading_hex(code: str) -> str:
    """The ToUnicode target of a glyph drawn as the code point `code` (4 hex digits): UTF-16BE, in hex."""
    return reading_text(int(code, 16)).encode("utf-16-be").hex().upper()


@lru_cache(maxsize=1024)  # glyph widths: a few hundred distinct values per face
def _pdf_number(value: float) -> bytes:
    return fp_str(value).encode("ascii")


def _reading_entry(match: re.Match[str]) -> str:
    return f"<{match[1]}> <{_reading_hex(match[2])}>"


class _QuickFlate(PDFStreamFilterZCompress):
    """Flate at zlib's fastest level, for what is made for one document and compressed once: its page contents and
    its font subsets with their ToUnicode maps. About half the time of ReportLab's default level, for ~1.5 KB more on
    a receipt of ~80 KB (its emblem, kept binary instead of in ASCII85 text, saves ~14 KB; see printing.letterhead)."""

    def encode(self, text: str | bytes) -> bytes:
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, 1)


QUICK_FLATE = _QuickFlate()


class _ReadableTTFont(TTFont):
    """A TrueType font whose ToUnicode maps read as Persian text (see the module's docstring).

    Each document embeds a subset of the glyphs it draws. ReportLab's default reserves codes 32–126 of the first
    subset for ASCII, so that Latin text stays legible in the raw content stream: every document would embed ~95
    Latin glyphs it mostly never draws. Our text is read through the ToUnicode maps, so a subset holds only the
    glyphs drawn, and `printing.subset` builds it from glyph records read once per process.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename, asciiReadable=False)
        # the face's subsetter, which ReportLab calls once per document and face
        self.face.makeSubset = SubsetMaker(self.face).make  # type: ignore[method-assign]

    def addObjects(self, doc: Any) -> None:  # ReportLab's PDFDocument is untyped
        known = len(doc.idToObject)
        super().addObjects(doc)
        # only the objects this font just added (a document registers new objects at the end of its table): the
        # other face's maps are already readable
        for key, obj in list(doc.idToObject.items())[known:]:
            if isinstance(key, str) and key.startswith(("toUnicodeCMap:", "fontFile:")) and obj.filters:
                obj.filters = [QUICK_FLATE]  # what ReportLab sets is its default-level Flate (pageCompression)
            if isinstance(key, str) and key.startswith("toUnicodeCMap:"):
                obj.content = _ENTRY.sub(_reading_entry, obj.content)
            elif isinstance(obj, PDFTrueTypeFont) and isinstance(widths := getattr(obj, "Widths", None), PDFArray):
                # the same numbers, written as the document would write them, from a cache: a subset has a width
                # for each of its up to 256 codes, each formatted anew for every document otherwise
                obj.Widths = PDFArray([_pdf_number(width) for width in widths.sequence])  # type: ignore[attr-defined]


def _add_aliases(font: TTFont, widest: float) -> None:
    face = font.face
    for alias, (source, _) in ALIASES.items():
        if source in face.charToGlyph:
            face.charToGlyph[alias] = face.charToGlyph[source]
            face.charWidths[alias] = face.charWidths.get(source, 0.0)
    width = {ch: face.charWidths.get(ord(ch), 0.0) for ch in DIGITS + SEPARATORS}

    def half_spare(ch: str) -> float:
        return (widest - width[ch]) / 2 if ch in DIGITS else 0.0

    for (ch, following), alias in TABULAR_ALIAS.items():
        face.charWidths[alias] = width[ch] + half_spare(ch) + (half_spare(following) if following else 0.0)


def register_fonts() -> None:
    """Register both faces (idempotent, thread-safe); every builder calls it before drawing."""
    global _registered
    if _registered:
        return
    with _lock:
        if not _registered:
            fonts = [_ReadableTTFont(name, str(resource_path("fonts", file))) for name, file in _FILES.items()]
            # one digit cell for both faces, so a bold total lines up with the regular rows above it
            widest = max(font.face.charWidths.get(ord(ch), 0.0) for font in fonts for ch in DIGITS)
            for font in fonts:
                _add_aliases(font, widest)
                pdfmetrics.registerFont(font)
            _registered = True


def has_glyph(font: str, char: str) -> bool:
    """True when `font` maps `char` to a glyph (tests use it: a missing glyph prints as an empty box)."""
    register_fonts()
    face = pdfmetrics.getFont(font).face  # type: ignore[attr-defined]
    return ord(char) in face.charToGlyph

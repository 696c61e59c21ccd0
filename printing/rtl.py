"""Persian text for a PDF canvas: shaping, bidi ordering and line wrapping.

A PDF canvas draws glyphs left to right exactly as given, so every line is turned into its visual form here:
1. codes that must read left to right inside Persian (a renovation code «2-14-123-45-0-0», a tracking code with
   hyphens) are wrapped in a left-to-right embedding, because bidi rule W2 otherwise turns digits after Arabic
   letters into Arabic numbers and reverses the groups around each hyphen;
2. arabic-reshaper picks each letter's joined form (initial, medial, final, isolated) in logical order;
3. python-bidi's pure-Python algorithm reorders the line (its Rust `get_display` does not mirror brackets: «(ملت)»
   would print with its brackets facing outwards).
Lines are wrapped in logical order first and then each line is reordered, never the other way around.

`visual` gives the glyphs as seen; `drawn` gives the same glyphs as the canvas draws them, where a mirrored bracket and
the alef of a lam-alef ligature are alias code points (`printing.fonts.ALIASES`) so the PDF's text layer reads as the
logical text. The two have the same width.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from unicodedata import bidirectional, mirrored

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import (
    MIRRORED,
    PARAGRAPH_LEVELS,
    explicit_embed_and_overrides,
    get_embedding_levels,
    get_empty_storage,
    reorder_resolved_levels,
    resolve_implicit_levels,
    resolve_neutral_types,
    resolve_weak_types,
)
from reportlab.pdfbase.pdfmetrics import stringWidth

from printing.fonts import ALEF_ALIAS, ALIASES, MIRROR_ALIAS, register_fonts, tabular_figures

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
# A number: digits, «٫» and «٬» (bidi classes EN and AN), and single separators between two digits, which rule W4
# makes digits too: «۱٬۲۵۰٬۰۰۰», «۱۴۰۳/۱۲/۳۰», «۰۹:۱۵». Bidi leaves such a line in its order, in either direction.
_NUMBER = re.compile("(?:[0-9\u06f0-\u06f9\u066b\u066c]|(?<=[0-9\u06f0-\u06f9])[/:.,](?=[0-9\u06f0-\u06f9]))+")
# Numbers with single spaces between them, «۱۴۰۳/۱۲/۳۰ ۰۹:۱۵»: in a right-to-left line each number keeps its order and
# the numbers run right to left (rule N1 resolves a space between numbers to right to left).
_NUMBERS = re.compile(f"{_NUMBER.pattern}(?: {_NUMBER.pattern})+")
_RIGHT_TO_LEFT = frozenset({"AL", "R", "WS", "ON", "CS", "ES", "ET"})  # letters, and neutrals between them


def ltr(text: str) -> str:
    """Mark a run that must read left to right wherever it is placed (a formula, a Latin address)."""
    return f"{LRE}{text}{PDF}"


def _protect_codes(text: str) -> str:
    return _CODE.sub(lambda m: ltr(m.group(0)), text)


# lam-alef ligatures (isolated and final forms) → the alef they end with
_LAM_ALEF = {
    "\ufefb": "\u0627", "\ufefc": "\u0627", "\ufef5": "\u0622", "\ufef6": "\u0622",
    "\ufef7": "\u0623", "\ufef8": "\u0623", "\ufef9": "\u0625", "\ufefa": "\u0625",
}  # fmt: skip
# alias → the glyph seen: a bracket's alias shows the mirrored bracket, an alef's alias nothing (zero width), a
# tabular digit the digit
_AS_SEEN = str.maketrans(
    {chr(alias): ("" if alias in ALEF_ALIAS.values() else chr(source)) for alias, (source, _) in ALIASES.items()}
)


def _reorder(shaped: str, base_dir: str) -> str:
    """python-bidi's pure-Python algorithm (rules up to L2), with each mirrored character given as its alias.

    A right-to-left line of right-to-left letters and neutrals only (no digit, no Latin, no control but ZWNJ) takes
    a short cut: every neutral lies between right-to-left letters or the paragraph's edges, so rules W1–N2 resolve
    every character to level 1 and the line is simply reversed (a ZWNJ stays in, where the algorithm drops it; the
    caller removes it anyway).
    """
    levels: Iterable[tuple[str, int]]
    if base_dir == "R" and all(ch == ZWNJ or bidirectional(ch) in _RIGHT_TO_LEFT for ch in shaped):
        levels = ((ch, 1) for ch in reversed(shaped))
    else:
        storage = get_empty_storage()
        storage["base_level"] = PARAGRAPH_LEVELS[base_dir]
        storage["base_dir"] = base_dir
        get_embedding_levels(shaped, storage, False, False)
        explicit_embed_and_overrides(storage, False)
        resolve_weak_types(storage, False)
        resolve_neutral_types(storage, False)
        resolve_implicit_levels(storage, False)
        reorder_resolved_levels(storage, False)
        levels = ((item["ch"], item["level"]) for item in storage["chars"])
    out = []
    for ch, level in levels:
        if level % 2 and mirrored(ch):  # rule L4: a mirrored glyph in a right-to-left run
            out.append(chr(MIRROR_ALIAS[ch]) if ch in MIRROR_ALIAS else MIRRORED.get(ch, ch))
        elif ch in _LAM_ALEF:  # the alef's alias first: drawn to the left, so it is read after the lam
            out.append(chr(ALEF_ALIAS[_LAM_ALEF[ch]]) + ch)
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=8192)  # the words of labels, names and amounts recur from document to document
def _shaped_word(word: str) -> str:
    return _RESHAPER.reshape(word)


def _shape(text: str) -> str:
    """arabic-reshaper's forms for `text`, word by word: a space never joins, so each word's forms are its own and a
    line's words are shaped once per process. A zero-width joiner is left to the whole line: arabic-reshaper drops it
    from its output, and its lam-alef matching then depends on where in the line the joiner was."""
    if ZWJ in text:
        return _RESHAPER.reshape(text)
    return " ".join([_shaped_word(word) for word in text.split(" ")])


def drawn(text: str, rtl: bool = True, tabular: bool = False) -> str:
    """One line as the canvas draws it: shaped, reordered, control characters removed, mirrored brackets and the
    alef of each lam-alef as alias code points (they draw the same glyphs as `visual` and read as the logical text).

    `rtl` is the paragraph direction: True for Persian lines, False for a line that is mostly Latin (a formula).
    `tabular`: each digit centred in a cell as wide as the widest digit, so right-aligned amounts in a column line
    up by place value.
    """
    return _drawn(text, rtl, tabular)  # one cache key however the caller spells the arguments


@lru_cache(maxsize=8192)
def _drawn(text: str, rtl: bool, tabular: bool) -> str:
    if not text:
        return ""
    if tabular:
        return tabular_figures(_drawn(text, rtl, False))  # measured and drawn lines share the shaping
    if (text.isascii() and not rtl) or _NUMBER.fullmatch(text) or _CODE.fullmatch(text):
        return text  # nothing to shape, and bidi keeps a number's or a code's characters in their order
    if rtl and _NUMBERS.fullmatch(text):
        return " ".join(reversed(text.split(" ")))
    shaped = _shape(_protect_codes(text))
    # The joining is already decided by the chosen forms; the controls and joiners have nothing left to do.
    return _reorder(shaped, "R" if rtl else "L").translate(_INVISIBLE)


def visual(text: str, rtl: bool = True) -> str:
    """One line in drawing order as it is seen: shaped, reordered, brackets mirrored, control characters removed."""
    return _drawn(text, rtl, False).translate(_AS_SEEN)


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

"""The TrueType subset a document embeds for each face, made from glyph records read once per process.

For every document ReportLab embeds, per face, a font program with only the glyphs the document draws (and the parts
of its composite glyphs): new glyf, loca, hmtx and cmap tables beside tables copied whole. Its
`TTFontFace.makeSubset` seeks through the font file and parses each composite glyph's component records twice for
every document. `SubsetMaker` parses each glyph once, the first time a document needs it, keeps the unchanging tables,
and builds the same font program, byte for byte (a test compares the two on many subsets).
"""

from __future__ import annotations

from collections.abc import Sequence
from struct import pack, unpack_from

from reportlab.pdfbase.ttfonts import TTFontFace, TTFontMaker

# composite glyph component flags (the TrueType 'glyf' table)
_ARGS_ARE_WORDS = 0x0001
_HAS_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_HAS_X_AND_Y_SCALE = 0x0040
_HAS_TWO_BY_TWO = 0x0080
_COPIED = ("name", "OS/2", "cvt ", "fpgm", "prep")  # tables a subset copies whole, those the face has
_Glyph = tuple[bytes, tuple[int, ...], tuple[int, ...], int, int]


class SubsetMaker:
    """Makes the subsets of one face. The glyph cache holds at most one entry per glyph of the font."""

    def __init__(self, face: TTFontFace) -> None:
        self._face = face
        self._glyf = bytes(face.get_table("glyf"))
        self._copied = [(tag, face.get_table(tag)) for tag in _COPIED if tag in face.table]
        self._post = b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + b"\x00" * 16
        self._hhea = face.get_table("hhea")
        self._maxp = face.get_table("maxp")
        self._head = face.get_table("head")
        # original glyph index → its record padded to 4 bytes (as the subset's glyf table stores it), where the
        # component indices of a composite sit in it, those indices, its advance width and side bearing
        self._glyphs: dict[int, _Glyph] = {}

    def _glyph(self, index: int) -> _Glyph:
        known = self._glyphs.get(index)
        if known is not None:
            return known
        start, end = self._face.glyphPos[index], self._face.glyphPos[index + 1]
        data = self._glyf[start:end]
        offsets: list[int] = []
        parts: list[int] = []
        if len(data) > 2 and unpack_from(">h", data)[0] < 0:  # a composite: records follow the 10-byte header
            at = 10
            flags = _MORE_COMPONENTS
            while flags & _MORE_COMPONENTS:
                flags, part = unpack_from(">HH", data, at)
                offsets.append(at + 2)
                parts.append(part)
                at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
                if flags & _HAS_SCALE:
                    at += 2
                elif flags & _HAS_X_AND_Y_SCALE:
                    at += 4
                elif flags & _HAS_TWO_BY_TWO:
                    at += 8
        advance, bearing = self._face.hmetrics[index]
        padded = data + b"\0" * (-len(data) % 4)
        glyph = (padded, tuple(offsets), tuple(parts), int(advance), int(bearing))
        self._glyphs[index] = glyph
        return glyph

    def make(self, subset: Sequence[int]) -> bytes:
        """The font program for `subset` (the code points of the subset's 8-bit codes, in code order), exactly as
        ReportLab's `makeSubset` writes it."""
        char_to_glyph = self._face.charToGlyph
        glyph_map = [0]  # new glyph index → original glyph index; 0 is the missing-character glyph
        new_index = {0: 0}  # original → new
        for code in subset:
            original = char_to_glyph.get(code, 0)
            if original not in new_index:
                new_index[original] = len(glyph_map)
                glyph_map.append(original)
        codes = [new_index[char_to_glyph.get(code, 0)] for code in subset]
        glyphs = []
        for original in glyph_map:  # grows while it runs: the parts of composite glyphs, in the order they are found
            glyph = self._glyph(original)
            glyphs.append(glyph)
            for part in glyph[2]:
                if part not in new_index:
                    new_index[part] = len(glyph_map)
                    glyph_map.append(part)
        count = len(glyph_map)

        metrics: list[int] = []
        records: list[bytes] = []
        offsets = [0]
        position = 0
        for data, at, parts, advance, bearing in glyphs:
            metrics += (advance, bearing)
            if parts:
                patched = bytearray(data)
                for offset, part in zip(at, parts, strict=True):
                    patched[offset : offset + 2] = pack(">H", new_index[part])
                data = bytes(patched)
            records.append(data)
            position += len(data)
            offsets.append(position)
        # the trailing glyphs of equal advance keep only their side bearings
        full = len(metrics) - 2
        while full and metrics[full] == metrics[full - 2]:
            full -= 2
        full += 2
        metrics = metrics[:full] + metrics[full + 1 :: 2]
        long_offsets = (position + 1) >> 1 > 0xFFFF

        output = TTFontMaker()
        for tag, table in self._copied:
            output.add(tag, table)
        output.add("post", self._post)
        output.add("hmtx", pack(f">{len(metrics)}H", *metrics))
        output.add("hhea", _with_ushort(self._hhea, 34, full >> 1))
        output.add("maxp", _with_ushort(self._maxp, 4, count))
        cmap = [0, 1, 1, 0, 0, 12, 6, 10 + len(subset) * 2, 0, 0, len(subset), *codes]  # format 6, one table
        output.add("cmap", pack(f">{len(cmap)}H", *cmap))
        output.add("glyf", b"".join(records))
        if long_offsets:
            output.add("loca", pack(f">{len(offsets)}L", *offsets))
        else:
            output.add("loca", pack(f">{len(offsets)}H", *[offset >> 1 for offset in offsets]))
        output.add("head", _with_ushort(self._head, 50, 1 if long_offsets else 0))
        return bytes(output.makeStream())


def _with_ushort(table: bytes, offset: int, value: int) -> bytes:
    return table[:offset] + pack(">H", value) + table[offset + 2 :]

"""What printing keeps between documents, and its short cuts, give exactly what the slow way gives: the font subsets
ReportLab would make, the shaping of a whole line, python-bidi's order, the emblem's own pixels, one encoding of a QR
symbol; and every cache has a bound."""

from __future__ import annotations

import importlib
import io
import pkgutil
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from bidi.algorithm import get_display
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace

import printing
from desktop import doc_samples as samples
from desktop.docs_cli import sample_document
from printing import KINDS, build_pdf, letterhead
from printing.fonts import BOLD, REGULAR, register_fonts
from printing.letterhead import issuer
from printing.qr import QrMatrix, qr_matrix
from printing.rtl import _INVISIBLE, _RESHAPER, _protect_codes, _shape, visual
from printing.subset import SubsetMaker

LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئءآأإؤة"
NEUTRALS = " :،.!؟-/()«»[]{}<>%+*#\"'\u200c\u066a…"
DIGITS = "۰۱۲۳۴۵۶۷۸۹0123456789"
HARAKAT = "\u064b\u064e\u0650\u0651\u0652\u0670\u0640"


def _faces() -> list[TTFontFace]:
    register_fonts()
    return [pdfmetrics.getFont(name).face for name in (REGULAR, BOLD)]  # type: ignore[attr-defined]


def _reportlab_subset(face: TTFontFace, subset: Sequence[int]) -> bytes:
    return TTFontFace.makeSubset(face, list(subset))  # ReportLab's own, past the face's faster one


def _recording(face: TTFontFace, made: list[tuple[TTFontFace, list[int]]]) -> Callable[[Sequence[int]], bytes]:
    faster = face.makeSubset

    def record(subset: Sequence[int]) -> bytes:
        made.append((face, list(subset)))
        return faster(subset)

    return record


def test_every_documents_font_subsets_are_reportlabs_byte_for_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[tuple[TTFontFace, list[int]]] = []
    for face in _faces():
        monkeypatch.setattr(face, "makeSubset", _recording(face, made))
    for kind in KINDS:
        doc, paper = sample_document(kind)
        build_pdf(doc, paper)
    assert len(made) >= 2 * len(KINDS)
    for face, subset in made:
        assert SubsetMaker(face).make(subset) == _reportlab_subset(face, subset)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_subset_of_either_face_is_reportlabs_byte_for_byte(data: st.DataObject) -> None:
    face = data.draw(st.sampled_from(_faces()))
    codes = sorted(face.charToGlyph)  # the font's own characters and the project's aliases (printing.fonts)
    drawn = data.draw(st.lists(st.sampled_from(codes), min_size=1, max_size=222))
    subset = [0, *[32] * data.draw(st.integers(0, 32)), *drawn][:256]  # as a document's state fills its codes
    maker = SubsetMaker(face)
    assert maker.make(subset) == _reportlab_subset(face, subset)
    assert maker.make(subset) == _reportlab_subset(face, subset)  # the second time from the glyph cache


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(LETTERS + NEUTRALS + DIGITS + HARAKAT + "لا لأ\u200d"), max_size=24))
def test_a_line_shaped_word_by_word_has_the_forms_of_the_whole_line(text: str) -> None:
    try:
        whole = _RESHAPER.reshape(text)
    except IndexError:  # arabic-reshaper's own failure on some runs of harakat: not ours to compare
        assume(False)
    assert _shape(text) == whole


def _python_bidi(text: str) -> str:
    """The line as python-bidi's own pure-Python get_display orders and mirrors it, as printing did it before."""
    shaped = _RESHAPER.reshape(_protect_codes(text))
    return str(get_display(shaped, base_dir="R")).translate(_INVISIBLE)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(st.sampled_from(LETTERS + NEUTRALS), min_size=1, max_size=24),  # right to left only: reversed
        st.text(st.sampled_from(DIGITS + "٫٬/:.,"), min_size=1, max_size=14),  # numbers: left in their order
        st.text(st.sampled_from(DIGITS + "/: "), min_size=3, max_size=20),  # numbers between spaces: a date and time
        st.from_regex(r"[0-9A-Z*\u06f0-\u06f9]{1,5}(-[0-9A-Z*\u06f0-\u06f9]{1,5}){1,4}", fullmatch=True),  # codes
        st.text(st.sampled_from(LETTERS + NEUTRALS + DIGITS + "ABCxyz"), min_size=1, max_size=24),  # the rest
    )
)
def test_every_line_is_ordered_as_python_bidi_orders_it(text: str) -> None:
    try:
        expected = _python_bidi(text)
    except IndexError:
        assume(False)
    assert visual(text) == expected


def test_the_emblem_is_read_once_per_process_and_prints_the_pngs_own_pixels(monkeypatch: pytest.MonkeyPatch) -> None:
    reads = []
    reader = letterhead.ImageReader

    def counting(path: str) -> object:
        reads.append(path)
        return reader(path)

    monkeypatch.setattr(letterhead, "ImageReader", counting)
    letterhead._emblem.cache_clear()
    try:
        pdfs = [build_pdf(samples.receipt(serial)) for serial in (1, 2)] + [build_pdf(samples.certificate())]
    finally:
        letterhead._emblem.cache_clear()  # the next document reads it again, with the real reader
    assert len(reads) == 1

    png = Image.open(issuer().emblem).convert("RGBA")
    for pdf in pdfs:
        resources: Any = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]
        (image,) = [obj.get_object() for obj in resources["/XObject"].values()]
        mask = image["/SMask"].get_object()
        for stream, pixels in ((image, png.convert("RGB").tobytes()), (mask, png.getchannel("A").tobytes())):
            assert stream["/Filter"] == ["/FlateDecode"]
            assert (stream["/Width"], stream["/Height"]) == png.size
            assert stream.get_data() == pixels  # the Flate stream holds them, no ASCII85 around it


def test_a_symbol_is_encoded_once_and_its_path_is_its_runs() -> None:
    seal = samples.receipt(5).seal
    assert seal is not None
    matrix = qr_matrix(seal)
    assert qr_matrix(seal) is matrix  # a preview and its print share the encoding
    again = QrMatrix(matrix.size, matrix.runs)
    assert again == matrix and again.path == matrix.path
    assert matrix.path.count(" re") == len(matrix.runs)
    assert matrix.path.startswith(" ".join(str(n) for n in (matrix.runs[0][1], matrix.runs[0][0], matrix.runs[0][2])))


def test_every_cache_in_printing_has_a_bound() -> None:
    caches = {}
    for module in pkgutil.iter_modules(printing.__path__):
        loaded = importlib.import_module(f"printing.{module.name}")
        for name, value in vars(loaded).items():
            if callable(getattr(value, "cache_info", None)):
                caches[f"{module.name}.{name}"] = value.cache_info().maxsize
    assert {"rtl._drawn", "rtl._shaped_word", "rtl.text_width", "qr.qr_matrix", "letterhead._emblem"} <= set(caches)
    assert [name for name, bound in caches.items() if bound is None] == []

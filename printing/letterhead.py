"""The issuing body on paper: its names, address, verification page and emblem (resources/issuer/, see its README).

A municipality replaces resources/issuer/issuer.json and the emblem file with its own; nothing else changes.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.rl_accel import asciiBase85Decode
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfgen.canvas import Canvas

from civic.resources import resource_path


@dataclass(frozen=True)
class Issuer:
    country: str  # «جمهوری اسلامی ایران»
    ministry: str  # «وزارت کشور»
    organisation: str  # the municipality, «شهرداری همدان»
    address: str  # postal address, printed in every page's footer
    verify_url: str  # the web page where anyone checks a document's seal
    phone: str
    emblem: Path


@lru_cache(maxsize=1)
def issuer() -> Issuer:
    """The issuing body of resources/issuer/issuer.json (read once per process)."""
    folder = resource_path("issuer")
    data = json.loads((folder / "issuer.json").read_text(encoding="utf-8"))
    return Issuer(
        country=data["country"],
        ministry=data["ministry"],
        organisation=data["organisation"],
        address=data["address"],
        verify_url=data["verify_url"],
        phone=data.get("phone", ""),
        emblem=folder / data.get("emblem", "emblem.png"),
    )


@dataclass(frozen=True)
class _Emblem:
    """The emblem as PDF image objects, decoded and compressed once per process.

    `canvas.drawImage` would decode the PNG's pixels, hash them and deflate the colour and alpha planes again for every
    document (~25 ms for a 600 px emblem, more than the rest of a receipt). The objects here are templates, never
    registered in a document themselves: each document gets its own shallow copies, which share the compressed bytes.
    """

    name: str  # the image XObject's name in every document
    width: int  # pixels
    height: int
    image: PDFImageXObject
    alpha: PDFImageXObject | None  # the soft mask of a transparent background


@lru_cache(maxsize=1)
def _emblem() -> _Emblem:
    path = issuer().emblem
    name = "emblem-" + hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    # ReportLab's own loader, as drawImage(..., mask="auto") uses it: JPEG, colour-key masks and alpha alike
    image = PDFImageXObject(name, ImageReader(str(path)), mask="auto")
    alpha: PDFImageXObject | None = image.__dict__.pop("_smask", None)  # referred to from each document instead
    for part in (image, alpha):
        filters = getattr(part, "_filters", ())  # the stream's filters as ReportLab's loader chose them
        if part is not None and filters[:1] == ("ASCII85Decode",):
            # ReportLab's default wraps the compressed pixels in ASCII85 text, a quarter larger, which every
            # document would then copy and encode anew: kept as the compressed bytes themselves
            part.streamContent = asciiBase85Decode(part.streamContent)  # type: ignore[assignment]
            part._filters = filters[1:]  # type: ignore[attr-defined]
    return _Emblem(name, image.width, image.height, image, alpha)


def _add_emblem(canvas: Canvas, emblem: _Emblem) -> None:
    """Put the emblem's image objects in the canvas's document once (as drawImage does on its first use)."""
    if canvas.hasForm(emblem.name):
        return
    document = canvas._doc  # type: ignore[attr-defined]  # no public call adds a ready-made image object
    image = copy.copy(emblem.image)
    document.addForm(emblem.name, image)
    if emblem.alpha is not None:
        alpha = copy.copy(emblem.alpha)
        image.smask = document.Reference(alpha, document.getXObjectName(alpha.name))  # type: ignore[attr-defined]


def draw_emblem(canvas: Canvas, x_centre: float, y_top: float, size: float) -> None:
    """The emblem `size` points wide (its height follows its proportions), centred on `x_centre`, top at `y_top`
    (PDF coordinates); a transparent background stays transparent."""
    emblem = _emblem()
    _add_emblem(canvas, emblem)
    drawn_height = size * emblem.height / emblem.width
    canvas.saveState()
    canvas.translate(x_centre - size / 2, y_top - drawn_height)
    canvas.scale(size, drawn_height)
    canvas.doForm(emblem.name)
    canvas.restoreState()

"""The issuing body on paper: its names, address, verification page and emblem (resources/issuer/, see its README).

A municipality replaces resources/issuer/issuer.json and the emblem file with its own; nothing else changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.utils import ImageReader
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


@lru_cache(maxsize=1)
def _emblem_image() -> ImageReader:
    return ImageReader(str(issuer().emblem))


def draw_emblem(canvas: Canvas, x_centre: float, y_top: float, size: float) -> None:
    """The emblem `size` points wide (its height follows its proportions), centred on `x_centre`, top at `y_top`
    (PDF coordinates); a transparent background stays transparent."""
    image = _emblem_image()
    width, height = image.getSize()
    drawn_height = size * height / width
    canvas.drawImage(image, x_centre - size / 2, y_top - drawn_height, size, drawn_height, mask="auto")

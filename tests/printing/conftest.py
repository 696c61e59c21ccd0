"""Shared fixtures of the printing tests: the samples of every kind, the external tools that read PDFs and QR codes
(poppler-utils, zbar-tools), and the real CUPS-PDF print queue that scripts/test.sh sets up.

In CI (env CI set) a missing tool or queue is a failure; on a developer's machine it is a skip with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.docs_cli import sample_document

_CONTROLS = re.compile("[\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        _missing(f"{name} is not installed (Debian package {package}; scripts/setup.sh installs it)")
    return path  # type: ignore[return-value]


def plain(text: str) -> str:
    """Text as extracted from a PDF, comparable with source strings: NFKC maps the shaped presentation forms back
    to letters; bidi controls and joiners go; whitespace is single spaces."""
    text = _CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    return _SPACES.sub(" ", text).strip()


@pytest.fixture(scope="session")
def sample_pdfs() -> dict[str, tuple[object, bytes]]:
    """Every kind's sample document and its PDF, built once."""
    from printing import KINDS, build_pdf

    built = {}
    for kind in KINDS:
        doc, paper = sample_document(kind)
        built[kind] = (doc, build_pdf(doc, paper))  # type: ignore[arg-type]
    return built


@pytest.fixture(scope="session")
def pdf_text(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., str]:
    """pdftotext (poppler puts right-to-left lines back in logical order), then `plain`. `raw=True` keeps the
    content stream's order instead (for text drawn at an angle, which the layout analysis splits)."""
    exe = _tool("pdftotext", "poppler-utils")
    folder = tmp_path_factory.mktemp("pdftext")

    def extract(pdf: bytes, *, raw: bool = False) -> str:
        path = folder / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run([exe, *(["-raw"] if raw else []), str(path), "-"], capture_output=True, check=True)
        return plain(out.stdout.decode("utf-8"))

    return extract


@pytest.fixture(scope="session")
def scan_qr(tmp_path_factory: pytest.TempPathFactory) -> Callable[[bytes], list[str]]:
    """Rasterise the first page (pdftoppm, 150 dpi) and read every QR code on it (zbarimg)."""
    pdftoppm = _tool("pdftoppm", "poppler-utils")
    zbarimg = _tool("zbarimg", "zbar-tools")
    folder = tmp_path_factory.mktemp("qrscan")

    def scan(pdf: bytes) -> list[str]:
        path = folder / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            [pdftoppm, "-png", "-r", "150", "-f", "1", "-l", "1", str(path), str(folder / "page")], check=True
        )
        (png,) = folder.glob("page*.png")
        try:
            out = subprocess.run(
                [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
                capture_output=True,
                check=False,
            )
        finally:
            png.unlink()
        return [line for line in out.stdout.decode("utf-8").splitlines() if line]

    return scan


@pytest.fixture(scope="session")
def pdf_info(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], dict[str, str]]:
    exe = _tool("pdfinfo", "poppler-utils")

    def info(path: Path) -> dict[str, str]:
        out = subprocess.run([exe, str(path)], capture_output=True, check=True, text=True)
        return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.stdout.splitlines())}

    return info


@pytest.fixture(scope="session")
def cups_queue() -> tuple[str, Path]:
    """(printer name, output folder) of the CUPS-PDF queue scripts/test.sh set up."""
    name = os.environ.get("PISHKHAN_TEST_PRINTER")
    out = os.environ.get("PISHKHAN_TEST_PRINTER_OUT")
    if not name or not out:
        _missing("no CUPS-PDF queue: run the tests with scripts/test.sh (it starts cupsd and adds the queue)")
    lpstat = _tool("lpstat", "cups-client")
    running = subprocess.run([lpstat, "-r"], capture_output=True, text=True)
    if "scheduler is running" not in running.stdout:
        _missing("the CUPS scheduler is not running")
    return name, Path(out)  # type: ignore[arg-type]

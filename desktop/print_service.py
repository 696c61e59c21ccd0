"""The print service: a built PDF onto the office's own printer, never silently into a file, and into the archive.

- Each kind of document has its printer (the 80 mm receipt printer, the A4 printer), chosen once and remembered in
  the settings. Nothing is printed to a printer that was not chosen: Qt's own fallback, when a printer is missing,
  is to write a PDF file somewhere, and the operator would believe the paper is coming.
- Before printing, `check` refuses with a typed `PrintError` (its `message()` is the operator's sentence) when no
  printer is chosen or installed, when the chosen one is gone, stopped, or when Qt would print to a file
  (`printerName()` empty or `outputFormat()` not native).
- `print_document` draws each page with QtPdf at the printer's resolution (capped at 600 dpi, in bands of 64 pixel
  rows, so an A4 page never needs more than half a megabyte at a time) through QPainter onto a native QPrinter,
  then asks the queue whether it took the job (CUPS answers per thread; Qt ignores that answer). One document is
  drawn at a time (see BAND_ROWS for why both).
- Every printed PDF is archived as `<data>/printed/<number>.pdf`; a reprint gets `<number>-2.pdf`, `-3`, ... and a
  file is never overwritten. An original is printed once: a second print must be built as a reprint («المثنی»).

Threading: `print_document` blocks for as long as the printer path takes, so the UI calls it through
`desktop.tasks.TaskRunner` (`print_in_background`). That is allowed because everything it touches is created on
the worker thread itself: QPdfDocument, QImage, QPrinter and a QPainter on the printer (Qt supports painting on
QImage and QPrinter outside the GUI thread). It touches no widget and no settings object.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QObject,
    QRect,
    QSize,
    QSizeF,
    QThread,
)
from PySide6.QtGui import QImageWriter, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desktop.paths import app_dirs, private_dir
from desktop.settings import Settings, save_settings
from desktop.tasks import TaskRunner
from printing import A4_PRINTER, RECEIPT_PRINTER, Rendered

log = logging.getLogger(__name__)

ROLES = (RECEIPT_PRINTER, A4_PRINTER)
MAX_DPI = 600
MIN_DPI = 150
# Qt's printing calls keep Python's interpreter lock while they run (QPrinter and QPrinterInfo asking CUPS, QtPdf
# drawing a band, the PDF engine taking it, QPainter.end() writing and submitting the job), so the UI thread waits
# for each of them whole before it can run a slot: bands of 64 rows keep a call at about 5-10 ms at 600 dpi (128
# rows: 10-20 ms; 512 rows held it for up to 100 ms), and one document at a time is drawn, so a batch of prints
# does not hand the lock from one print thread to the next while the UI thread waits.
BAND_ROWS = 64
_ONE_AT_A_TIME = threading.Lock()
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


class PrintError(Exception):
    """Printing was refused or failed; `message()` is the sentence for the operator."""

    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        super().__init__(detail or type(self).__name__)

    def message(self) -> str:
        return QCoreApplication.translate("PrintService", "چاپ انجام نشد.")


class NoPrinterError(PrintError):
    """No printer is installed on this computer at all."""

    def message(self) -> str:
        return QCoreApplication.translate(
            "PrintService", "هیچ چاپگری روی این رایانه نصب نشده است. ابتدا چاپگر را نصب کنید."
        )


class PrinterNotChosenError(PrintError):
    def __init__(self, role: str) -> None:
        self.role = role
        super().__init__(role)

    def message(self) -> str:
        if self.role == RECEIPT_PRINTER:
            return QCoreApplication.translate("PrintService", "چاپگر رسید انتخاب نشده است. یک چاپگر انتخاب کنید.")
        return QCoreApplication.translate("PrintService", "چاپگر A4 انتخاب نشده است. یک چاپگر انتخاب کنید.")


class PrinterMissingError(PrintError):
    """The chosen printer is no longer installed."""

    def message(self) -> str:
        return QCoreApplication.translate(
            "PrintService", "چاپگر «{name}» روی این رایانه پیدا نشد. چاپگر دیگری انتخاب کنید."
        ).format(name=self.detail)


class FileOutputError(PrintError):
    """Qt would write a file instead of printing (no native printer behind the name)."""

    def message(self) -> str:
        return QCoreApplication.translate(
            "PrintService",
            "چاپ به چاپگر ممکن نیست و برنامه به‌جای آن فقط فایل می‌ساخت؛ چاپ متوقف شد. چاپگر را بررسی کنید.",
        )


class PrinterStoppedError(PrintError):
    def message(self) -> str:
        return QCoreApplication.translate(
            "PrintService", "چاپگر «{name}» متوقف است یا خطا دارد. آن را بررسی و دوباره تلاش کنید."
        ).format(name=self.detail)


class QueueError(PrintError):
    """The print queue did not take the job; `detail` is its own words."""

    def message(self) -> str:
        return QCoreApplication.translate("PrintService", "صف چاپ کار را نپذیرفت: {detail}").format(detail=self.detail)


class AlreadyPrintedError(PrintError):
    def message(self) -> str:
        return QCoreApplication.translate(
            "PrintService", "سند {number} پیش‌تر چاپ شده است؛ برای چاپ دوباره، نسخه المثنی چاپ کنید."
        ).format(number=self.detail)


class DocumentError(PrintError):
    def message(self) -> str:
        return QCoreApplication.translate("PrintService", "فایل سند خوانده نشد و چاپ نشد.")


class ArchiveError(PrintError):
    def message(self) -> str:
        return QCoreApplication.translate("PrintService", "سند چاپ شد اما در بایگانی ذخیره نشد: {detail}").format(
            detail=self.detail
        )


@dataclass(frozen=True)
class PrintResult:
    printer: str
    pages: int
    archived: Path
    dpi: int


def available_printers() -> list[str]:
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def archive_folder() -> Path:
    return app_dirs().data / "printed"


_image_writers_loaded = False


def _load_image_writers() -> None:
    """Have Qt load its image-writer plugins now, on the UI thread (where the service is made).

    Qt loads them the first time its PDF engine, which also feeds CUPS, puts an image in a document: on a print
    thread, which keeps the interpreter lock meanwhile. Loading a plugin takes a Qt lock the UI thread may hold while
    it waits for the interpreter (to call an event filter written in Python), and the two threads then wait for each
    other for good. Loaded here, a print never loads one."""
    global _image_writers_loaded
    app = QCoreApplication.instance()
    if not _image_writers_loaded and app is not None and app.thread() == QThread.currentThread():
        QImageWriter.supportedImageFormats()
        _image_writers_loaded = True


class PrintService:
    """Printers per document kind (from the settings), the checks, the print path and the archive."""

    def __init__(self, settings: Settings, config_dir: Path | None = None, archive_dir: Path | None = None) -> None:
        _load_image_writers()
        self._settings = settings
        self._config_dir = config_dir
        self.archive_dir = archive_dir or archive_folder()
        # told of every document printed through `print_in_background`, on the UI thread, before its `on_done` (the
        # session journals it: desktop/journaling.py)
        self.on_printed: Callable[[Rendered, PrintResult], None] | None = None

    # --- printers per kind ----------------------------------------------------------------------------------------

    def printer_for(self, role: str) -> str:
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        name = self._settings.receipt_printer if role == RECEIPT_PRINTER else self._settings.a4_printer
        return name if isinstance(name, str) else ""

    def set_printer(self, role: str, name: str) -> None:
        """Remember `name` for `role` (saved to the settings file when the service has a config folder)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        if role == RECEIPT_PRINTER:
            self._settings.receipt_printer = name
        else:
            self._settings.a4_printer = name
        if self._config_dir is not None:
            save_settings(self._config_dir, self._settings)

    def check(self, role: str) -> str:
        """The printer to use for `role`, or the PrintError saying why printing must not start."""
        name = self.printer_for(role)
        if not name:
            raise PrinterNotChosenError(role) if available_printers() else NoPrinterError()
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            raise PrinterMissingError(name)
        if info.state() == QPrinter.PrinterState.Error:
            raise PrinterStoppedError(name)
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        _require_native(printer, name)
        return name

    # --- archive --------------------------------------------------------------------------------------------------

    def archive_name(self, number: str) -> str:
        safe = _SAFE.sub("_", number).strip("._") or "document"
        return safe

    def already_printed(self, number: str) -> bool:
        return (self.archive_dir / f"{self.archive_name(number)}.pdf").exists()

    def archive(self, doc: Rendered) -> Path:
        """Write the PDF under a name no earlier print has: <number>.pdf, then <number>-2.pdf, ..."""
        private_dir(self.archive_dir)  # 0700: printed documents name citizens
        base = self.archive_name(doc.number)
        copy = 1
        while True:
            path = self.archive_dir / (f"{base}.pdf" if copy == 1 else f"{base}-{copy}.pdf")
            try:
                # exclusive create (never overwrites, even racing another print), 0600
                with open(path, "xb", opener=lambda name, flags: os.open(name, flags, 0o600)) as file:
                    file.write(doc.pdf)
                return path
            except FileExistsError:
                copy += 1

    # --- printing -------------------------------------------------------------------------------------------------

    def print_document(self, doc: Rendered) -> PrintResult:
        """Check, print and archive `doc`. Blocking: call it on a worker thread (`print_in_background`)."""
        if not doc.reprint and self.already_printed(doc.number):
            raise AlreadyPrintedError(doc.number)
        with _ONE_AT_A_TIME:
            name = self.check(doc.printer_role)
            pages, dpi = _print_pdf(doc, name)
        try:
            archived = self.archive(doc)
        except OSError as exc:
            raise ArchiveError(exc.strerror or str(exc)) from exc
        log.info("printed %s (%d pages, %d dpi) on %s; archived at %s", doc.number, pages, dpi, name, archived)
        return PrintResult(name, pages, archived, dpi)

    def print_in_background(
        self,
        tasks: TaskRunner,
        doc: Rendered,
        on_done: Callable[[PrintResult], None],
        on_error: Callable[[BaseException], None],
        *,
        owner: QObject | None = None,
    ) -> None:
        """Print on a worker thread; `on_done`/`on_error` run on the UI thread."""

        def done(result: PrintResult) -> None:
            if self.on_printed is not None:
                self.on_printed(doc, result)
            on_done(result)

        tasks.run(lambda: self.print_document(doc), done, on_error, owner=owner)


def _require_native(printer: QPrinter, name: str) -> None:
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or printer.printerName() != name:
        raise FileOutputError(name)


def _page_size(points: QSizeF) -> QPageSize:
    for standard in (QPageSize.PageSizeId.A4, QPageSize.PageSizeId.A5):
        size = QPageSize(standard).size(QPageSize.Unit.Point)
        if abs(size.width() - points.width()) < 1 and abs(size.height() - points.height()) < 1:
            return QPageSize(standard)
    return QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)


def _load(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise DocumentError(str(document.error()))
    return document, buffer


def _print_pdf(doc: Rendered, name: str) -> tuple[int, int]:
    document, _buffer = _load(doc.pdf)  # the buffer must outlive the document's use of it
    printer = QPrinter(QPrinterInfo.printerInfo(name), QPrinter.PrinterMode.HighResolution)
    _require_native(printer, name)
    dpi = max(MIN_DPI, min(printer.resolution(), MAX_DPI))
    printer.setResolution(dpi)
    printer.setDocName(f"{doc.number} ({doc.kind})")
    printer.setFullPage(True)
    layout = QPageLayout(_page_size(document.pagePointSize(0)), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    if not printer.setPageLayout(layout):
        raise QueueError(f"page size {layout.fullRect(QPageLayout.Unit.Millimeter)} refused")
    painter = QPainter()
    if not painter.begin(printer):
        raise QueueError(QCoreApplication.translate("PrintService", "چاپگر آماده نشد"))
    try:
        for page in range(document.pageCount()):
            if page and not printer.newPage():
                raise QueueError(QCoreApplication.translate("PrintService", "صفحه تازه ساخته نشد"))
            _paint_page(painter, document, page, printer.pageLayout().fullRectPixels(dpi))
    finally:
        ended = painter.end()
    if not ended or printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise QueueError(QCoreApplication.translate("PrintService", "چاپگر کار را به پایان نرساند"))
    queue_error = _cups_error()
    if queue_error:
        raise QueueError(queue_error)
    return document.pageCount(), dpi


def _paint_page(painter: QPainter, document: QPdfDocument, page: int, target: QRect) -> None:
    """One PDF page into `target` (device pixels), rendered in horizontal bands."""
    width, height = target.width(), target.height()
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(QSize(width, height))
    top = 0
    while top < height:
        rows = min(BAND_ROWS, height - top)
        options.setScaledClipRect(QRect(0, top, width, rows))
        band = document.render(page, QSize(width, rows), options)
        if band.isNull():
            raise DocumentError(f"page {page + 1} could not be drawn")
        painter.drawImage(QRect(target.x(), target.y() + top, width, rows), band)
        top += rows


_IPP_ERROR = 0x0400  # IPP status codes from client-error-bad-request up are failures


@functools.cache
def _libcups() -> ctypes.CDLL | None:
    """libcups, found once (finding it runs `ldconfig -p`); None off Linux or where it is missing."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        cups = ctypes.CDLL(ctypes.util.find_library("cups") or "libcups.so.2")
    except OSError:
        return None
    cups.cupsLastError.restype = ctypes.c_int
    cups.cupsLastErrorString.restype = ctypes.c_char_p
    return cups


def _cups_error() -> str | None:
    """What CUPS said to this thread's last request (Qt's submit of the job), if it refused; None elsewhere.

    Qt's CUPS engine calls cupsPrintFile() when the painter ends and ignores its result, so a queue that is not
    accepting jobs would otherwise look like success. libcups keeps the last status per thread.
    """
    cups = _libcups()
    if cups is None:
        return None
    status = cups.cupsLastError()
    if status < _IPP_ERROR:
        return None
    text = cups.cupsLastErrorString() or b""
    return text.decode("utf-8", "replace") or f"IPP status 0x{status:04x}"

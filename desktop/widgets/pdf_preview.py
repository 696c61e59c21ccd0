"""The print preview: the document's pages as they will print (QtPdf), the printer for its kind, and Print.

The printer list comes from the system; the one chosen is remembered per kind (receipt printer, A4 printer) by
the print service. Printing runs on a worker thread through the TaskRunner: the dialog stays responsive, its
buttons are disabled until the outcome arrives, and a refusal or a queue error is shown in the dialog in the
operator's words.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from civic.text import to_persian_digits
from desktop.print_service import PrintError, PrintResult, PrintService, available_printers
from desktop.tasks import TaskRunner
from desktop.theme import set_tone
from desktop.widgets.wheel_guard import wheel_when_focused
from printing import RECEIPT_PRINTER, Rendered

log = logging.getLogger(__name__)


class PdfPreviewDialog(QDialog):
    printed = Signal(object)  # PrintResult, on the UI thread

    def __init__(self, doc: Rendered, service: PrintService, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.service = service
        self.tasks = tasks
        self.setWindowTitle(self.tr("پیش‌نمایش چاپ"))
        self.resize(760, 900)

        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)  # QPdfDocument reads from it for as long as the dialog lives
        self._buffer.setData(QByteArray(doc.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setObjectName("previewView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        role_label = self.tr("چاپگر رسید:") if doc.printer_role == RECEIPT_PRINTER else self.tr("چاپگر A4:")
        self.printer_label = QLabel(role_label, self)
        self.printers = wheel_when_focused(QComboBox(self))
        self.printers.setObjectName("printerChoice")
        self.printers.setMinimumWidth(260)
        self.print_button = QPushButton(self.tr("چاپ"), self)
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        self.close_button = QPushButton(self.tr("بستن"), self)
        self.status = QLabel(self)
        self.status.setObjectName("printStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        bar.addWidget(self.printer_label)
        bar.addWidget(self.printers, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self._fill_printers()
        self.printers.currentIndexChanged.connect(self._printer_chosen)
        self.print_button.clicked.connect(self.start_printing)
        self.close_button.clicked.connect(self.reject)

    def _fill_printers(self) -> None:
        names = available_printers()
        chosen = self.service.printer_for(self.doc.printer_role)
        self.printers.blockSignals(True)
        self.printers.clear()
        self.printers.addItem(self.tr("— انتخاب چاپگر —"), "")
        for name in names:
            self.printers.addItem(name, name)
        index = self.printers.findData(chosen) if chosen else 0
        self.printers.setCurrentIndex(max(index, 0))
        self.printers.blockSignals(False)
        if not names:
            self.show_status(self.tr("هیچ چاپگری روی این رایانه نصب نشده است. ابتدا چاپگر را نصب کنید."), error=True)
        elif chosen and index < 0:
            self.show_status(
                self.tr("چاپگر «{name}» روی این رایانه پیدا نشد. چاپگر دیگری انتخاب کنید.").format(name=chosen),
                error=True,
            )

    def _printer_chosen(self, _index: int) -> None:
        self.service.set_printer(self.doc.printer_role, self.printers.currentData() or "")
        self.show_status("")

    def show_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        set_tone(self.status, "error" if error else "")

    def start_printing(self) -> None:
        """Print on a worker thread; the outcome comes back to `_done` or `_failed` on the UI thread."""
        self.print_button.setEnabled(False)
        self.printers.setEnabled(False)
        self.show_status(self.tr("در حال ارسال به چاپگر…"))
        self.service.print_in_background(self.tasks, self.doc, self._done, self._failed, owner=self)

    def _done(self, result: PrintResult) -> None:
        pages = to_persian_digits(result.pages) if self.isRightToLeft() else str(result.pages)
        self.show_status(
            self.tr("به چاپگر «{printer}» فرستاده شد ({pages} صفحه).").format(printer=result.printer, pages=pages)
        )
        self.print_button.setEnabled(True)
        self.printers.setEnabled(True)
        self.printed.emit(result)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PrintError):
            text = exc.message()
        else:
            log.error("printing failed", exc_info=exc)
            text = self.tr("چاپ با خطای پیش‌بینی‌نشده‌ای متوقف شد. جزئیات در گزارش برنامه ثبت شد.")
        self.show_status(text, error=True)
        self.print_button.setEnabled(True)
        self.printers.setEnabled(True)

"""Printed documents as PDF (ReportLab), built from plain data; and, in `print_service`, the Qt print path.

Builders are Qt-free and import only `civic` among the project's packages. Each takes one dataclass of
`printing.model` and returns PDF bytes, identical for identical input, with the document number in the PDF Subject.
`render` picks the builder and the paper for a document and says which printer (receipt or A4) it belongs on.
"""

from __future__ import annotations

from dataclasses import dataclass

from printing.model import (
    CLEARANCE,
    COMPLETION,
    NO_VIOLATION,
    Certificate,
    DayCloseReport,
    Document,
    FeePreviewSheet,
    InquiryReply,
    PaymentReceipt,
    RequestReceipt,
    ZoningSheet,
)

RECEIPT_PRINTER = "receipt"  # the 80 mm roll printer
A4_PRINTER = "a4"  # the office's sheet printer (A4 and A5 trays)

# every printable kind: the name `pishkhan docs sample KIND` takes → (document class, paper)
KINDS: dict[str, tuple[type[Document], str]] = {
    "receipt-80mm": (PaymentReceipt, "roll-80mm"),
    "receipt-a5": (PaymentReceipt, "a5"),
    "request-receipt": (RequestReceipt, "roll-80mm"),
    CLEARANCE: (Certificate, "a4"),
    COMPLETION: (Certificate, "a4"),
    NO_VIOLATION: (Certificate, "a4"),
    "inquiry-reply": (InquiryReply, "a4"),
    "zoning": (ZoningSheet, "a4"),
    "fee-preview": (FeePreviewSheet, "a4"),
    "day-close": (DayCloseReport, "a4"),
}


@dataclass(frozen=True)
class Rendered:
    """A built document, ready for the print service: its bytes and what the archive and printer need."""

    pdf: bytes
    number: str
    kind: str
    paper: str
    reprint: bool

    @property
    def printer_role(self) -> str:
        return RECEIPT_PRINTER if self.paper == "roll-80mm" else A4_PRINTER


def build_pdf(doc: Document, paper: str | None = None) -> bytes:
    """PDF bytes of any document; `paper` chooses the receipt's roll or A5 (other kinds have one paper)."""
    if isinstance(doc, PaymentReceipt):
        from printing.receipt import ROLL, build_receipt

        return build_receipt(doc, paper or ROLL)
    if isinstance(doc, RequestReceipt):
        from printing.request_receipt import ROLL, build_request_receipt

        return build_request_receipt(doc, paper or ROLL)
    if paper not in (None, "a4"):
        raise ValueError(f"a {doc.kind} is printed on A4 only")
    if isinstance(doc, Certificate):
        from printing.certificate import build_certificate

        return build_certificate(doc)
    if isinstance(doc, InquiryReply):
        from printing.inquiry import build_inquiry_reply

        return build_inquiry_reply(doc)
    if isinstance(doc, ZoningSheet):
        from printing.zoning import build_zoning_sheet

        return build_zoning_sheet(doc)
    if isinstance(doc, FeePreviewSheet):
        from printing.fee_sheet import build_fee_preview

        return build_fee_preview(doc)
    if isinstance(doc, DayCloseReport):
        from printing.day_close import build_day_close

        return build_day_close(doc)
    raise TypeError(f"no builder for {type(doc).__name__}")


def render(doc: Document, paper: str | None = None) -> Rendered:
    """Build `doc` and describe it for printing and archiving."""
    if isinstance(doc, PaymentReceipt | RequestReceipt):
        paper = paper or "roll-80mm"
    else:
        paper = paper or "a4"
    return Rendered(build_pdf(doc, paper), doc.number, doc.seal_kind, paper, doc.reprint)

"""Printing an inquiry's reply and requesting, showing and printing certificates: a mixin of `InquiriesPage`.

- «چاپ پاسخ» (Ctrl+P): the reply's sealed content is read back into `printing.model.InquiryReply` with its seal
  (`printing.content.document_from_content`), rendered on a worker thread (ReportLab), and shown in the print preview
  for the A4 printer; the preview prints through the print service (which journals it). A reply already printed here
  is built as a reprint and prints «المثنی».
- A certificate is requested as one outbox action (`PUT /certificates/{id}` under an id made at confirm). When the
  outbox announces the answer, the issued certificate is shown (number, validity) with «چاپ گواهی»; a refusal shows
  the municipality's reason (the condition that does not hold).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt

from client_api.actions import CERTIFICATE_REQUEST, new_resource_id
from client_api.inquiries import CertificateRecord, IssuedDoc, certificate_request_action
from client_api.outbox import OutboxEntry, State
from desktop import journaling
from desktop.formatting import code, isolate
from desktop.messages import operator_message
from desktop.outbox_messages import outbox_reason
from desktop.ui.inquiry_texts import certificate_name

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.print_service import PrintService
    from desktop.session import Session
    from desktop.ui.inquiry_reply_view import InquiryReplyView
    from desktop.widgets.banner import MessageBanner
    from printing import Rendered

log = logging.getLogger(__name__)


def render_document(service: PrintService, issued: IssuedDoc) -> Rendered:
    """For an op: the sealed document as PDF; a reprint when this computer has printed it before."""
    from printing import render
    from printing.content import document_from_content

    reprint = service.already_printed(issued.number)
    return render(document_from_content(issued.content, seal=issued.seal, reprint=reprint))


@dataclass
class CertificateState:
    id: str
    kind: str
    inquiry_id: str
    renovation_code: str
    record: CertificateRecord | None = None
    refusal: str = ""


class DocumentsMixin:
    if TYPE_CHECKING:  # what the page provides
        session: Session
        banner: MessageBanner
        reply_view: InquiryReplyView

    def _init_documents(self) -> None:
        self.preview: QWidget | None = None
        self._rendering = False
        self.certificates: dict[str, CertificateState] = {}  # by certificate id, requested in this session
        self.reply_view.print_wanted.connect(self.print_document)
        self.reply_view.certificate_wanted.connect(self.request_certificate)
        self.reply_view.certificate_print_wanted.connect(self.print_certificate)

    # -- printing --------------------------------------------------------------------------------------------------

    def print_document(self) -> bool:
        """Ctrl+P: the reply on show, through the preview. False when no reply is on show."""
        listed = self.reply_view.listed
        if listed is None or listed.inquiry is None or listed.inquiry.reply is None:
            return False
        self._print_issued(listed.inquiry.reply)
        return True

    def print_certificate(self) -> None:
        state = self._shown_certificate()
        if state is not None and state.record is not None:
            self._print_issued(state.record.document)

    def _print_issued(self, issued: IssuedDoc) -> None:
        if self._rendering:
            return
        self._rendering = True
        service = self.session.print_service
        self.session.tasks.run(
            lambda: render_document(service, issued), self._rendered, self._render_failed, owner=self.reply_view
        )

    def _rendered(self, doc: Rendered) -> None:
        from desktop.widgets.pdf_preview import PdfPreviewDialog

        self._rendering = False
        dialog = PdfPreviewDialog(doc, self.session.print_service, self.session.tasks, self.reply_view)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.printed.connect(lambda result: self._printed(doc, result))
        dialog.finished.connect(self._preview_closed)
        self.preview = dialog
        dialog.open()

    def _preview_closed(self, _result: int) -> None:
        self.preview = None

    def _render_failed(self, exc: BaseException) -> None:
        self._rendering = False
        self.banner.show_message(
            QCoreApplication.translate("InquiriesPage", "سند برای چاپ آماده نشد: {reason}").format(
                reason=operator_message(exc)
            ),
            "error",
        )

    def _printed(self, doc: Rendered, result: Any) -> None:
        text = (
            QCoreApplication.translate("InquiriesPage", "نسخه المثنی سند {number} به چاپگر «{printer}» فرستاده شد.")
            if doc.reprint
            else QCoreApplication.translate("InquiriesPage", "سند {number} به چاپگر «{printer}» فرستاده شد.")
        )
        self.banner.show_message(text.format(number=code(doc.number), printer=isolate(result.printer)), "success")

    # -- certificates ----------------------------------------------------------------------------------------------

    def request_certificate(self, kind: str) -> None:
        listed, reply = self.reply_view.listed, self.reply_view.reply
        if listed is None or reply is None or not self.session.outbox.active:
            return
        renovation_code = reply.parcel.renovation_code
        state = CertificateState(new_resource_id(), kind, listed.id, renovation_code)
        action = certificate_request_action(state.id, kind, renovation_code)
        self.reply_view.certificate_buttons[kind].setEnabled(False)

        def queued(entry: OutboxEntry) -> None:
            self.certificates[state.id] = state
            journaling.record(self.session, "certificate-request", certificate=state.id, certificate_kind=kind,
                              parcel=renovation_code, key=entry.idempotency_key)  # fmt: skip
            self._show_certificate()

        def failed(exc: BaseException) -> None:
            self.reply_view.certificate_buttons[kind].setEnabled(True)
            self.banner.show_message(operator_message(exc), "error")

        self.session.outbox.confirm(action, queued, failed, owner=self.reply_view)

    def _certificate_settled(self, entry: OutboxEntry) -> None:
        if entry.kind != CERTIFICATE_REQUEST:
            return
        state = next((s for s in self.certificates.values() if entry.path.endswith(s.id)), None)
        if state is None:
            return
        if entry.state is State.DONE:
            try:
                state.record = CertificateRecord.from_json(json.loads(entry.response_body or b"{}"))
            except ValueError as exc:
                log.error("the certificate answer could not be read", exc_info=exc)
                state.refusal = operator_message(exc)
        elif entry.state in (State.REJECTED, State.NOT_SENT):
            state.refusal = outbox_reason(entry)
        self._show_certificate()

    def _shown_certificate(self) -> CertificateState | None:
        listed = self.reply_view.listed
        if listed is None:
            return None
        mine = [s for s in self.certificates.values() if s.inquiry_id == listed.id]
        return mine[-1] if mine else None

    def _show_certificate(self) -> None:
        state = self._shown_certificate()
        if state is None:
            self.reply_view.show_certificate_status("", "", printable=False)
            return
        name = certificate_name(state.kind)
        if state.record is not None:
            doc = state.record.document
            valid = (
                QCoreApplication.translate("InquiriesPage", "بدون تاریخ انقضا")
                if doc.expires is None
                else QCoreApplication.translate("InquiriesPage", "معتبر تا {date}").format(date=_jalali(doc.expires))
            )
            self.reply_view.show_certificate_status(
                QCoreApplication.translate("InquiriesPage", "{name} به شماره {number} صادر شد ({valid}).").format(
                    name=name, number=code(doc.number), valid=valid
                ),
                "success",
                printable=True,
            )
        elif state.refusal:
            self.reply_view.show_certificate_status(
                QCoreApplication.translate("InquiriesPage", "{name} صادر نشد: {reason}").format(
                    name=name, reason=state.refusal
                ),
                "error",
                printable=False,
            )
            self.reply_view.certificate_buttons[state.kind].setEnabled(True)
        else:
            self.reply_view.show_certificate_status(
                QCoreApplication.translate(
                    "InquiriesPage", "درخواست {name} در صف ارسال است؛ پاسخ شهرداری همین‌جا نمایش داده می‌شود."
                ).format(name=name),
                "info",
                printable=False,
            )


def _jalali(day: Any) -> str:
    from civic.jalali import format_jalali_date
    from desktop.formatting import current_language

    return format_jalali_date(day, persian_digits=current_language() == "fa")

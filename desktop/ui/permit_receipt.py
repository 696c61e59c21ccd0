"""The permit wizard's receipt: printed once the server confirms the submit step, and found again after a restart.

A mixin of `PermitWizardPage` (desktop/ui/permit_wizard_page.py), beside `SendingMixin`.

- `submitted(number, issued_at)`: the tracking number is shown, the draft's copies of the files go, and the receipt
  «رسید ثبت درخواست» is built (an op) and printed on the receipt printer through the print service. A failed print
  can be tried again with «چاپ رسید».
- A request sent from here is kept (form `SENT_FORM`: its receipt facts and its draft) until the receipt is printed.
  When the page opens and finds one — the window was closed while the chain was on its way, or before the receipt
  came out — it shows the request read-only and asks the server how it stands: submitted, and the receipt prints;
  not yet, and it waits for the outbox's answer; refused meanwhile, and the draft comes back with the reasons.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from client_api.errors import NotFoundError
from client_api.outbox import OutboxEntry, State
from client_api.permits import PermitRequest
from desktop.formatting import isolate
from desktop.messages import operator_message
from desktop.outbox import REJECTED_TAB
from desktop.print_service import AlreadyPrintedError, PrintResult
from desktop.ui.permit_draft import PermitDraft
from desktop.ui.permit_submission import REVIEW_STEP, SENT_FORM, ReceiptFacts, SentRequest, render_receipt

if TYPE_CHECKING:
    from desktop.session import Session
    from desktop.ui.permit_attachments_step import AttachmentsStep
    from desktop.ui.permit_review_step import ReviewStep
    from printing import Rendered

log = logging.getLogger(__name__)
REJECTED_ROWS = 500  # how far back the refused actions are searched for a request sent before a restart


class ReceiptMixin:
    if TYPE_CHECKING:  # what the page and SendingMixin provide
        session: Session
        sent: SentRequest | None

        @property
        def attachments_step(self) -> AttachmentsStep: ...
        @property
        def review_step(self) -> ReviewStep: ...

        def go_to(self, index: int) -> None: ...
        def _lock(self, locked: bool) -> None: ...
        def _refused(self, entry: OutboxEntry) -> None: ...
        def restore(self, draft: PermitDraft) -> None: ...
        def load_draft(self) -> None: ...
        def show_waiting(self) -> None: ...

    def forget_receipt(self) -> None:
        self.sent_tracking_number: str | None = None
        self._receipt: Rendered | None = None
        self.receipt_printed = False

    # -- answered -------------------------------------------------------------------------------------

    def submitted(self, number: str | None, issued_at: dt.datetime) -> None:
        """The municipality has the request: show its tracking number and print the receipt."""
        sent = self.sent
        self.sent_tracking_number = number
        self.review_step.show_done(
            QCoreApplication.translate("PermitWizardPage", "درخواست به شهرداری رسید و ثبت شد."), number
        )
        self.attachments_step.remove_files(list(self.attachments_step.attachments))
        if number is None or sent is None:
            log.error("the submitted request carries no tracking number")
            return
        operator = self.session.operator
        facts = ReceiptFacts(operator.office.code, operator.office.name, operator.display_name, self.session.training)
        self.review_step.show_print_status(
            QCoreApplication.translate("PermitWizardPage", "در حال چاپ رسید…"), "muted", can_print=False
        )
        self.session.tasks.run(
            lambda: render_receipt(sent, number, issued_at, facts),
            self._receipt_ready,
            self._print_failed,
            owner=self.review_step,
        )

    def _receipt_ready(self, rendered: Rendered) -> None:
        self._receipt = rendered
        self.print_receipt()

    def print_receipt(self) -> None:
        rendered = self._receipt
        if rendered is None:
            return
        self.review_step.show_print_status(
            QCoreApplication.translate("PermitWizardPage", "در حال چاپ رسید…"), "muted", can_print=False
        )
        self.session.print_service.print_in_background(
            self.session.tasks, rendered, self._printed, self._print_failed, owner=self.review_step
        )

    def _printed(self, result: PrintResult) -> None:
        self.receipt_printed = True
        self.session.outbox.save_draft(SENT_FORM, {}, owner=self.review_step)  # done with: an empty record clears it
        self.review_step.show_print_status(
            QCoreApplication.translate("PermitWizardPage", "رسید ثبت درخواست روی چاپگر {printer} چاپ شد.").format(
                printer=isolate(result.printer)
            ),
            "success",
            can_print=False,
        )

    def _print_failed(self, exc: BaseException) -> None:
        if isinstance(exc, AlreadyPrintedError):  # printed before the program ended: nothing left to do
            self.receipt_printed = True
            self.session.outbox.save_draft(SENT_FORM, {}, owner=self.review_step)
            self.review_step.show_print_status(exc.message(), "info", can_print=False)
            return
        self.review_step.show_print_status(
            QCoreApplication.translate("PermitWizardPage", "رسید چاپ نشد: {reason}").format(
                reason=operator_message(exc)
            ),
            "error",
            can_print=self._receipt is not None,
        )

    # -- after a restart ------------------------------------------------------------------------------

    def _sent_loaded(self, content: dict[str, Any] | None) -> None:
        """The page opens: a request sent earlier and not yet receipted is shown again; otherwise, the draft."""
        record = content or {}
        sent = SentRequest.from_json(record.get("sent"))
        draft = PermitDraft.from_json(record.get("draft"))
        if sent is None or draft is None:
            self.load_draft()
            return
        self.restore(draft)
        self.sent = sent
        self._lock(True)
        self.go_to(REVIEW_STEP)
        self.show_waiting()
        client, request_id = self.session.client, sent.request_id
        self.session.tasks.run(
            lambda: client.permit_request(request_id), self._sent_found, self._sent_not_found, owner=self.review_step
        )

    def _sent_found(self, request: PermitRequest) -> None:
        if self.sent is None or self.sent_tracking_number is not None:
            return
        if request.status != "draft" and request.tracking_number:
            self.submitted(request.tracking_number, request.submitted_at or dt.datetime.now(dt.UTC))
        else:
            self._look_for_refusal()

    def _sent_not_found(self, exc: BaseException) -> None:
        if isinstance(exc, NotFoundError):
            self._look_for_refusal()  # never created: refused, or still waiting in the outbox
        else:
            log.info("a sent request could not be looked up: %s", type(exc).__name__)  # the outbox will answer

    def _look_for_refusal(self) -> None:
        """Whether a step of the sent request was refused while the page was closed (then its answer is not
        announced again)."""
        self.session.outbox.fetch_rows(
            REJECTED_TAB,
            0,
            REJECTED_ROWS,
            self._rejected_rows,
            lambda exc: log.warning("%s", exc),
            owner=self.review_step,
        )

    def _rejected_rows(self, rows: tuple[list[OutboxEntry], int]) -> None:
        sent = self.sent
        if sent is None:
            return
        refused = [e for e in rows[0] if e.state is State.REJECTED and sent.addresses(e)]
        if refused:
            self._refused(refused[0])

"""The permit wizard's checks before sending, the chain through the outbox, and a refusal.

A mixin of `PermitWizardPage` (desktop/ui/permit_wizard_page.py), kept apart so each file stays small: it reads
the page's steps and writes the review step. The receipt and the return after a restart: desktop/ui/permit_receipt.py.

- `send` checks every step (the first step with a problem is shown, its field focused and named), reads the
  attached copies in an op (`prepare_chain`), then records the chain with the draft's removal in one transaction
  (`OutboxService.confirm_chain(..., draft_form=...)`). From then on the inputs are locked.
- `action_settled` for a step of that request: the submit step done → `submitted` (tracking number, receipt). A
  refused step: the draft comes back (saved again), the server's field errors are shown on their step. The request
  id is kept when nothing was created; once the create step is done, the server holds a draft request under that
  id with those fields, so the next attempt gets a new id (and the same files).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from client_api.actions import PERMIT_SUBMIT, new_resource_id
from client_api.errors import FieldError
from client_api.outbox import OutboxEntry, State
from desktop.formatting import isolate
from desktop.forms import Problem
from desktop.messages import operator_message
from desktop.outbox_messages import outbox_reason
from desktop.ui.permit_draft import DRAFT_FORM
from desktop.ui.permit_review_step import join_names, summary_texts
from desktop.ui.permit_submission import (
    APPLICANT_STEP,
    ATTACHMENTS_STEP,
    BUILDING_STEP,
    PARCEL_STEP,
    REVIEW_STEP,
    SENT_FORM,
    Application,
    SentRequest,
    prepare_chain,
    step_of_field,
    submitted_at,
    tracking_number,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

    from desktop.session import Session
    from desktop.ui.permit_applicant_step import ApplicantStep
    from desktop.ui.permit_attachments_step import AttachmentsStep
    from desktop.ui.permit_building_step import BuildingStep
    from desktop.ui.permit_draft import PermitDraft
    from desktop.ui.permit_parcel_step import ParcelStep
    from desktop.ui.permit_review_step import ReviewStep
    from desktop.widgets.banner import MessageBanner

log = logging.getLogger(__name__)


class SendingMixin:
    if TYPE_CHECKING:  # what the page provides
        session: Session
        draft: PermitDraft
        banner: MessageBanner
        parcel_step: ParcelStep

        @property
        def applicant_step(self) -> ApplicantStep: ...
        @property
        def building_step(self) -> BuildingStep: ...
        @property
        def attachments_step(self) -> AttachmentsStep: ...
        @property
        def review_step(self) -> ReviewStep: ...

        draft_status: QLabel
        sent_tracking_number: str | None

        def go_to(self, index: int) -> None: ...
        def set_inputs_enabled(self, enabled: bool) -> None: ...
        def save_draft_now(self) -> None: ...
        def collect_draft(self) -> PermitDraft: ...
        def submitted(self, number: str | None, issued_at: dt.datetime) -> None: ...
        def forget_receipt(self) -> None: ...

    def _init_sending(self) -> None:
        self.locked = False  # the chain is recorded: nothing may be edited until it is answered
        self.sent: SentRequest | None = None  # the request sent from here, until it is answered and receipted
        self.forget_receipt()

    # -- checks ---------------------------------------------------------------------------------------

    def step_problems(self, index: int) -> list[Problem]:
        if index == PARCEL_STEP:
            if self.parcel_step.parcel is None:
                return [
                    Problem(
                        "renovation_code",
                        QCoreApplication.translate(
                            "PermitWizardPage", "ملک هنوز پیدا نشده است؛ کد نوسازی را جستجو کنید"
                        ),
                    )
                ]
            return []
        if index == APPLICANT_STEP:
            return self.applicant_step.read()[1]
        if index == BUILDING_STEP:
            return self.building_step.read()[1]
        if index == ATTACHMENTS_STEP:
            if self.attachments_step.busy:
                return [
                    Problem(
                        "attachments", QCoreApplication.translate("PermitWizardPage", "بررسی پرونده هنوز تمام نشده است")
                    )
                ]
            missing = self.attachments_step.missing_kinds()
            if missing:
                names = join_names(self.attachments_step.kind_name(kind) for kind in missing)
                return [
                    Problem(
                        "attachments",
                        QCoreApplication.translate("PermitWizardPage", "هنوز پیوست نشده: {names}").format(names=names),
                    )
                ]
        return []

    def check_step(self, index: int, *, focus: bool) -> bool:
        """Show the step's problems (every field's, as if submitted); False when there is one."""
        problems = self.step_problems(index)
        if not problems:
            return True
        sentence: str | None
        if index == APPLICANT_STEP:
            self.applicant_step.form.attempt_submit()
            sentence = self.applicant_step.present(problems, focus=focus)
        elif index == BUILDING_STEP:
            self.building_step.form.attempt_submit()
            sentence = self.building_step.present(problems, focus=focus)
        else:
            sentence = problems[0].message
        self.banner.show_message(sentence or problems[0].message, "error")
        return False

    # -- the summary ----------------------------------------------------------------------------------

    def refresh_review(self) -> None:
        parcel = self.parcel_step.parcel
        applicant, _ = self.applicant_step.read()
        building, _ = self.building_step.read()
        texts = summary_texts(parcel, applicant, building, self.building_step.fees.total_rials())
        texts["attachments"] = "\n".join(
            f"{self.attachments_step.kind_name(a.kind)}: {isolate(a.filename)}"
            for a in self.attachments_step.attachments
        )
        texts["warnings"] = "\n".join(w.message for w in self.building_step.warnings)
        self.review_step.set_summary(texts)
        first = next((i for i in range(REVIEW_STEP) if self.step_problems(i)), None)
        if first is not None and not self.locked:
            self.review_step.show_problems(
                QCoreApplication.translate(
                    "PermitWizardPage", "پیش از ارسال، مرحله «{step}» را کامل کنید: {problem}"
                ).format(step=self._step_name(first), problem=self._problem_text(first))
            )
        else:
            self.review_step.show_problems(None)

    def _step_name(self, index: int) -> str:
        names = [
            QCoreApplication.translate("PermitWizardPage", "ملک"),
            QCoreApplication.translate("PermitWizardPage", "متقاضی"),
            QCoreApplication.translate("PermitWizardPage", "ساختمان"),
            QCoreApplication.translate("PermitWizardPage", "پیوست‌ها"),
            QCoreApplication.translate("PermitWizardPage", "بررسی و ثبت"),
        ]
        return names[index]

    def _problem_text(self, index: int) -> str:
        problems = self.step_problems(index)
        if not problems:
            return ""
        form = {APPLICANT_STEP: self.applicant_step.form, BUILDING_STEP: self.building_step.form}.get(index)
        return form.sentence(problems[0]) if form is not None else problems[0].message

    # -- sending --------------------------------------------------------------------------------------

    def send(self) -> None:
        """Check every step; then record the chain (create, files, submit) in the outbox."""
        if self.locked or not self.session.outbox.active:
            return
        for index in range(REVIEW_STEP):
            if self.step_problems(index):
                self.go_to(index)
                self.check_step(index, focus=True)
                return
        applicant, _ = self.applicant_step.read()
        building, _ = self.building_step.read()
        parcel = self.parcel_step.parcel
        assert parcel is not None and building is not None
        self.save_draft_now()  # written before the chain, which removes it in the same transaction
        draft = self.collect_draft()
        attachments = tuple(draft.attachments)
        application = Application(draft.request_id, parcel.renovation_code, applicant, building, attachments)
        fees = self.building_step.fees
        self.sent = SentRequest(
            draft.request_id,
            parcel.renovation_code,
            str(applicant["applicant_name"]),
            str(applicant["national_id"]),
            tuple(a.filename for a in attachments),
            fees.total_rials(),
            fees.used_book,
        )
        self._lock(True)
        self.review_step.show_waiting(QCoreApplication.translate("PermitWizardPage", "در حال آماده‌سازی درخواست…"))
        config_dir = self.session.config_dir
        self.session.tasks.run(
            lambda: prepare_chain(config_dir, application),
            self._chain_prepared,
            self._not_queued,
            owner=self.review_step,
        )

    def _chain_prepared(self, actions: list[Any]) -> None:
        self.session.outbox.confirm_chain(
            actions, self._queued, self._not_queued, draft_form=DRAFT_FORM, owner=self.review_step
        )

    def _queued(self, entries: list[OutboxEntry]) -> None:
        sent = self.sent
        if sent is None:
            return
        # kept until the receipt is printed: a window closed meanwhile finds the request again
        record = {"sent": sent.to_json(), "draft": self.draft.to_json()}
        self.session.outbox.save_draft(SENT_FORM, record, owner=self.review_step)
        self.show_waiting()

    def show_waiting(self) -> None:
        self.draft_status.setText(
            QCoreApplication.translate("PermitWizardPage", "پیش‌نویس با ثبت درخواست در صف ارسال بسته شد.")
        )
        self.review_step.show_waiting(
            QCoreApplication.translate(
                "PermitWizardPage",
                "درخواست روی این رایانه ثبت شد و در صف ارسال است؛ هنوز به شهرداری نرسیده است. پس از پاسخ "
                "شهرداری، شماره پیگیری نمایش داده و رسید چاپ می‌شود.",
            ),
            queued=True,
        )

    def _not_queued(self, exc: BaseException) -> None:
        self._lock(False)
        self.sent = None
        self.review_step.show_refused(
            QCoreApplication.translate(
                "PermitWizardPage", "درخواست ثبت نشد: {reason} همه فیلدها سر جای خود است."
            ).format(reason=_reason(exc))
        )

    def _lock(self, locked: bool) -> None:
        self.locked = locked
        self.set_inputs_enabled(not locked)

    @property
    def sent_request_id(self) -> str | None:
        return self.sent.request_id if self.sent is not None else None

    def _action_settled(self, entry: OutboxEntry) -> None:
        """An answer of the outbox: only the steps of the request sent from here matter."""
        sent = self.sent
        if sent is None or not sent.addresses(entry) or self.sent_tracking_number is not None:
            return
        if entry.state is State.DONE and entry.kind == PERMIT_SUBMIT:
            self.submitted(tracking_number(entry), submitted_at(entry))
        elif entry.state is State.REJECTED:
            self._refused(entry)

    def _refused(self, entry: OutboxEntry) -> None:
        """A step was refused: the fields come back as a draft, the server's reasons on their steps."""
        self.sent = None
        self.session.outbox.save_draft(SENT_FORM, {}, owner=self.review_step)  # an empty record clears it
        self._lock(False)
        if entry.chain_step > 0:  # the create step was done: the server holds a request under this id
            self.draft.request_id = new_resource_id()
        self.save_draft_now()
        errors = entry.field_errors
        steps = [step_of_field(error.field, entry.kind) for error in errors] or [REVIEW_STEP]
        step = min(steps)
        self.review_step.show_refused(
            QCoreApplication.translate("PermitWizardPage", "شهرداری درخواست را نپذیرفت: {reason}").format(
                reason=outbox_reason(entry)
            )
        )
        if step != REVIEW_STEP:
            self.go_to(step)
            self._show_server_errors(step, [e for e in errors if step_of_field(e.field, entry.kind) == step])

    def _show_server_errors(self, step: int, errors: list[FieldError]) -> None:
        form = {
            APPLICANT_STEP: self.applicant_step.form,
            BUILDING_STEP: self.building_step.form,
            PARCEL_STEP: self.parcel_step.form,
        }.get(step)
        if form is None:
            self.banner.show_message(
                QCoreApplication.translate("PermitWizardPage", "شهرداری پیوست‌ها را نپذیرفت: {reason}").format(
                    reason="؛ ".join(isolate(e.message) for e in errors)
                ),
                "error",
            )
            return
        form.attempt_submit()
        problems = form.server_problems(errors)
        sentence = form.present(problems, focus=True)
        self.banner.show_message(
            QCoreApplication.translate("PermitWizardPage", "شهرداری نپذیرفت — {sentence}").format(
                sentence=sentence or problems[0].message
            ),
            "error",
        )

    def _reset_sending(self) -> None:
        self._lock(False)
        self.sent = None
        self.forget_receipt()


def _reason(exc: BaseException) -> str:
    """A refused file's own sentence (StoredFileError), or the operator's sentence for any other error."""
    from desktop.ui.permit_draft import StoredFileError

    if isinstance(exc, StoredFileError):
        return QCoreApplication.translate(
            "PermitWizardPage", "نسخه پیوست {name} روی این رایانه نیست یا تغییر کرده است؛ آن را دوباره پیوست کنید."
        ).format(name=isolate(exc.filename))
    return operator_message(exc)

"""Sending a new inquiry: one outbox action, and what a refusal by the server brings back. A mixin of
`InquiryFormPage` (desktop/ui/inquiry_form_page.py), kept apart so each file stays small.

- `send` checks every field (the first in error is focused and named), then records the action with the draft's
  removal in one transaction (`OutboxService.confirm(..., draft_form=...)`), journals it, resets the form for the
  next inquiry, and opens the inquiries page on the new one.
- When the outbox announces that the server refused it, the sent fields come back (unless a new inquiry is already
  being typed) with the server's reasons on their fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from client_api.actions import INQUIRY_SEND
from client_api.inquiries import inquiry_send_action
from client_api.outbox import OutboxEntry, State
from desktop import journaling
from desktop.formatting import code
from desktop.messages import operator_message
from desktop.outbox_messages import outbox_reason
from desktop.ui.inquiry_draft import DRAFT_FORM, InquiryDraft

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel, QPushButton

    from desktop.forms import Form, Problem
    from desktop.session import Session
    from desktop.widgets.banner import MessageBanner


class SendingMixin:
    if TYPE_CHECKING:  # what the page provides
        session: Session
        form: Form
        banner: MessageBanner
        send_button: QPushButton
        draft_status: QLabel
        parcel_info: QLabel
        show_page_requested: SignalInstance
        _loaded: bool

        def read(self) -> tuple[dict[str, Any] | None, list[Problem]]: ...
        def collect_draft(self) -> InquiryDraft: ...
        def save_draft_now(self) -> None: ...
        def _fill(self, draft: InquiryDraft) -> None: ...
        def _show_problems(self, *, focus: bool) -> str | None: ...

    def _init_sending(self) -> None:
        self._sending: InquiryDraft | None = None  # between confirm and the outbox's answer
        self._sent_draft: InquiryDraft | None = None  # the last inquiry sent, until the server answers it
        self.sent_inquiry_id: str | None = None

    def send(self) -> None:
        if self._sending is not None or not self._loaded or not self.session.outbox.active:
            return
        self.form.attempt_submit()
        body, _problems = self.read()
        if body is None:
            self._show_problems(focus=True)
            return
        self.save_draft_now()  # written before the action, which clears it in the same transaction
        draft = self.collect_draft()
        self._sending = draft
        self.send_button.setEnabled(False)
        action = inquiry_send_action(draft.inquiry_id, body)
        self.session.outbox.confirm(
            action,
            lambda entry: self._queued(draft, body, entry),
            self._not_queued,
            draft_form=DRAFT_FORM,
            owner=self.send_button,
        )

    def _queued(self, draft: InquiryDraft, body: dict[str, Any], entry: OutboxEntry) -> None:
        self._sending = None
        self.sent_inquiry_id = draft.inquiry_id
        self._sent_draft = draft
        self.send_button.setEnabled(True)
        journaling.record(
            self.session,
            "inquiry",
            inquiry=draft.inquiry_id,
            type=str(body["type"]),
            parcel=str(body.get("renovation_code") or body.get("plate") or ""),
            parties=len(body["parties"]),
            key=entry.idempotency_key,
        )
        self.form.reset()
        self._fill(InquiryDraft())
        self.parcel_info.clear()
        self.banner.clear()
        self.draft_status.setText(
            QCoreApplication.translate(
                "InquiryFormPage", "استعلام در صف ارسال ثبت شد؛ فرم برای استعلام بعدی آماده است."
            )
        )
        self.show_page_requested.emit("inquiries", {"inquiry_id": draft.inquiry_id})

    def _not_queued(self, exc: BaseException) -> None:
        self._sending = None
        self.send_button.setEnabled(True)
        self.banner.show_message(
            QCoreApplication.translate(
                "InquiryFormPage", "استعلام ثبت نشد: {reason} همه فیلدها سر جای خود است."
            ).format(reason=operator_message(exc)),
            "error",
        )

    def _action_settled(self, entry: OutboxEntry) -> None:
        """The server refused an inquiry sent from here: its fields come back, the reasons on them."""
        sent = self._sent_draft
        if entry.kind != INQUIRY_SEND or sent is None or not entry.path.endswith(sent.inquiry_id):
            return
        if entry.state is not State.REJECTED:
            return
        self._sent_draft = None
        if self.collect_draft().typed():  # a new inquiry is being typed: keep it; the outbox keeps the refusal
            self.banner.show_message(
                QCoreApplication.translate("InquiryFormPage", "شهرداری استعلام ملک {code} را نپذیرفت: {reason}").format(
                    code=code(entry.summary), reason=outbox_reason(entry)
                ),
                "error",
            )
            return
        self._fill(sent)
        self.save_draft_now()
        self.form.attempt_submit()
        problems = self.form.server_problems(entry.field_errors)
        sentence = self.form.present(problems, focus=True) if problems else None
        self.banner.show_message(
            QCoreApplication.translate("InquiryFormPage", "شهرداری استعلام را نپذیرفت — {reason}").format(
                reason=sentence or outbox_reason(entry)
            ),
            "error",
        )

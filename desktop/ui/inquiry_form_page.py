"""A new inquiry (notary): the parcel, the transaction, the parties and a note, sent to the municipality as one outbox
action (`PUT /inquiries/{id}` under an id made once per draft).

- The parcel is typed or scanned: a renovation code or a registration plate, Persian or ASCII digits; Enter (the
  scanner's) looks it up in the background and names its address and owners, so the notary sees it is the right one.
- Every field is checked as it is typed, each error naming its field (desktop/forms.py); nothing typed is rewritten.
- Every field is kept as a draft as it is typed (debounced; flushed at sign-out), so closing the window loses nothing;
  the draft is cleared in the same transaction that queues the inquiry (desktop/ui/inquiry_draft.py).
- «ارسال استعلام» (Ctrl+Enter) checks everything, queues the action, and opens the inquiries page on the new inquiry
  (shown there as waiting to be sent until the server has it). A refusal by the server brings the fields back with
  the server's reasons on them.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from client_api.inquiries import UTILITIES, UTILITY, inquiry_body
from desktop.forms import Form, ParseError, Problem, touch
from desktop.pages import Page
from desktop.session import Session
from desktop.theme import icon, set_tone
from desktop.ui.fee_floors_table import left_to_right
from desktop.ui.inquiry_draft import DEFAULT_ROLES, DRAFT_FORM, InquiryDraft, read_note, read_parcel
from desktop.ui.inquiry_parcel import ParcelLookupMixin
from desktop.ui.inquiry_parties import PartiesEditor
from desktop.ui.inquiry_sending import SendingMixin
from desktop.ui.inquiry_texts import type_name, utility_name
from desktop.widgets.banner import MessageBanner
from desktop.widgets.wheel_guard import wheel_when_focused

log = logging.getLogger(__name__)
AUTOSAVE_MS = 800


class InquiryFormPage(ParcelLookupMixin, SendingMixin, Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.draft = InquiryDraft()
        self._loaded = False
        self._restoring = False
        self._pending_context: dict[str, Any] | None = None
        self._save_failed = False
        self._init_sending()

        title = QLabel(self.tr("استعلام جدید"), objectName="pageTitle")
        self.banner = MessageBanner(self, closable=True)
        # made in place: a styled widget moved to another parent is styled again
        scroll = QScrollArea(self, objectName="inquiryFormScroll")
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget(scroll.viewport())
        self.parcel = left_to_right(QLineEdit(body, objectName="inquiryParcel"))
        self.parcel.setPlaceholderText(self.tr("کد نوسازی یا پلاک ثبتی (تایپ یا اسکن)"))
        self.parcel.setClearButtonEnabled(True)
        self.parcel.returnPressed.connect(self.look_up_parcel)
        self.parcel_info = QLabel(objectName="inquiryParcelInfo")
        self.parcel_info.setWordWrap(True)
        set_tone(self.parcel_info, "muted")
        self.type = wheel_when_focused(QComboBox(body, objectName="inquiryType"))
        for kind in DEFAULT_ROLES:
            self.type.addItem(type_name(kind), kind)
        self.type.currentIndexChanged.connect(self._type_changed)
        self.utility = wheel_when_focused(QComboBox(body, objectName="inquiryUtility"))
        for kind in UTILITIES:
            self.utility.addItem(utility_name(kind), kind)
        self.parties = PartiesEditor(body)
        self.note = QPlainTextEdit(body, objectName="inquiryNote")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.parties.next_in_chain = self.note
        self.labels = {
            "renovation_code": self.tr("ملک (کد نوسازی یا پلاک ثبتی)"),
            "type": self.tr("نوع معامله"),
            "utility": self.tr("نوع انشعاب"),
            "parties": self.tr("طرفین معامله"),
            "note": self.tr("توضیحات"),
        }
        self.form = Form(self, resolver=self._resolve)
        self.form.bind("renovation_code", self.parcel, lambda: self.labels["renovation_code"], read_parcel,
                       required=True)  # fmt: skip
        self.form.bind("type", self.type, lambda: self.labels["type"])
        self.form.bind("utility", self.utility, lambda: self.labels["utility"])

        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, widget in (("renovation_code", self.parcel), ("type", self.type), ("utility", self.utility)):
            label = QLabel(self.labels[key], objectName=f"{widget.objectName()}Label")
            label.setBuddy(widget)
            fields.addRow(label, widget)
            if key == "renovation_code":
                fields.addRow("", self.parcel_info)
        self.utility_label = fields.labelForField(self.utility)
        parties_heading = QLabel(self.labels["parties"])
        parties_heading.setProperty("heading", "section")
        note_label = QLabel(self.labels["note"])
        note_label.setBuddy(self.note)
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(fields)
        body_layout.addWidget(parties_heading)
        body_layout.addWidget(self.parties)
        body_layout.addWidget(note_label)
        body_layout.addWidget(self.note)
        body_layout.addStretch(1)
        scroll.setWidget(body)

        self.draft_status = QLabel(objectName="inquiryDraftStatus")
        self.draft_status.setWordWrap(True)
        set_tone(self.draft_status, "muted")
        self.new_button = QPushButton(icon("remove"), self.tr("فرم تازه"), objectName="inquiryNew")
        self.new_button.clicked.connect(self.ask_new)
        self.new_bar = QFrame(objectName="inquiryNewBar")
        set_tone(self.new_bar, "warning")
        question = QLabel(self.tr("همه فیلدهای این استعلام پاک شود و فرم تازه‌ای آغاز شود؟"))
        question.setWordWrap(True)
        self.new_confirm = QPushButton(self.tr("پاک کن و از نو"), objectName="inquiryNewConfirm")
        self.new_cancel = QPushButton(self.tr("انصراف"), objectName="inquiryNewCancel")
        self.new_confirm.clicked.connect(self.start_new)
        self.new_cancel.clicked.connect(self.cancel)
        bar = QHBoxLayout(self.new_bar)
        bar.addWidget(question, 1)
        bar.addWidget(self.new_confirm)
        bar.addWidget(self.new_cancel)
        self.new_bar.hide()
        self.send_button = QPushButton(icon("send", on_accent=True), self.tr("ارسال استعلام"), objectName="inquirySend")
        self.send_button.setProperty("primary", True)
        self.send_button.setToolTip(self.tr("ارسال استعلام (Ctrl+Enter)"))
        self.send_button.clicked.connect(self.send)
        footer = QHBoxLayout()
        footer.addWidget(self.new_button)
        footer.addWidget(self.draft_status, 1)
        footer.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.new_bar)
        layout.addLayout(footer)
        self.setFocusProxy(self.parcel)

        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft_now)
        self.parcel.textEdited.connect(self._edited)
        self.type.activated.connect(lambda _i: self._edited())
        self.utility.activated.connect(lambda _i: self._edited())
        self.parties.edited.connect(self._edited)
        self.note.textChanged.connect(self._edited)
        self._fill(InquiryDraft())
        self.setEnabled(False)  # until the saved draft is read
        session.outbox.opened.connect(self._outbox_opened)
        session.outbox.action_settled.connect(self._action_settled)
        if session.outbox.active:
            self._outbox_opened()

    # -- the page's hooks ------------------------------------------------------------------------------------------

    def open_with(self, **context: Any) -> None:
        """`parcel` (or `renovation_code`), `type`, `utility`, `parties` ([{role, name, id}]), `note`: fill the form
        with them (a link, the screenshots)."""
        if not any(key in context for key in ("parcel", "renovation_code", "type", "parties", "note")):
            return
        if self._loaded:
            self._apply(context)
        else:
            self._pending_context = context

    def has_unsaved_changes(self) -> bool:
        if self._autosave.isActive():
            self.save_draft_now()
        return self._save_failed

    def session_ending(self) -> None:
        if self._autosave.isActive():
            self.save_draft_now()
        self._autosave.stop()
        self._loaded = False

    def submit(self) -> bool:
        self.send()
        return True

    def cancel(self) -> bool:
        if self.new_bar.isVisible():
            self.new_bar.hide()
            self.new_button.setFocus()
            return True
        if self.banner.isVisible():
            self.banner.clear()
            return True
        return False

    # -- filling and reading ---------------------------------------------------------------------------------------

    def _resolve(self, name: str) -> tuple[QWidget | None, str] | None:
        if name == "plate":
            return self.parcel, self.labels["renovation_code"]
        if name == "note":
            return self.note, self.labels["note"]
        if name == "parties":
            return self.parties.add_button, self.labels["parties"]
        return self.parties.resolve(name)

    def _fill(self, draft: InquiryDraft) -> None:
        self._restoring = True
        try:
            self.draft = draft
            self.parcel.setText(draft.parcel)
            if draft.parcel:
                touch(self.parcel)
            self.type.setCurrentIndex(max(0, self.type.findData(draft.type)))
            self.utility.setCurrentIndex(max(0, self.utility.findData(draft.utility)))
            rows = draft.parties or [{"role": role} for role in DEFAULT_ROLES[draft.type]]
            self.parties.set_rows(rows)
            self.note.setPlainText(draft.note)
            self._show_utility()
        finally:
            self._restoring = False

    def _apply(self, context: dict[str, Any]) -> None:
        draft = self.collect_draft()
        parcel = context.get("parcel") or context.get("renovation_code")
        if isinstance(parcel, str):
            draft.parcel = parcel
        if context.get("type") in DEFAULT_ROLES:
            draft.type = str(context["type"])
            if "parties" not in context and self.parties.untouched():
                draft.parties = []
        if isinstance(context.get("utility"), str):
            draft.utility = str(context["utility"])
        if isinstance(context.get("parties"), list):
            draft.parties = [{k: str(v) for k, v in p.items()} for p in context["parties"] if isinstance(p, dict)]
        if isinstance(context.get("note"), str):
            draft.note = str(context["note"])
        self._fill(draft)
        self._edited()
        if draft.parcel:
            self.look_up_parcel()

    def collect_draft(self) -> InquiryDraft:
        draft = self.draft
        draft.parcel = self.parcel.text()
        draft.type = str(self.type.currentData())
        draft.utility = str(self.utility.currentData()) if draft.type == UTILITY else ""
        draft.parties = self.parties.texts()
        draft.note = self.note.toPlainText()
        return draft

    def read(self) -> tuple[dict[str, Any] | None, list[Problem]]:
        """The body of the inquiry, or the problems found (each naming its field)."""
        problems: list[Problem] = []
        kind = str(self.type.currentData())
        try:
            key, value = read_parcel(self.parcel.text())
        except ParseError as exc:
            problems.append(Problem("renovation_code", exc.message))
            key, value = "renovation_code", ""
        parties, party_problems = self.parties.read()
        problems += party_problems
        try:
            note = read_note(self.note.toPlainText())
        except ParseError as exc:
            problems.append(Problem("note", exc.message))
            note = ""
        if problems:
            return None, problems
        body = inquiry_body(
            kind,
            parties=parties,
            renovation_code=value if key == "renovation_code" else None,
            plate=value if key == "plate" else None,
            utility=str(self.utility.currentData()) if kind == UTILITY else None,
            note=note,
        )
        return body, []

    def _type_changed(self, _index: int) -> None:
        self._show_utility()
        if not self._restoring and self.parties.untouched():
            self.parties.set_rows([{"role": role} for role in DEFAULT_ROLES[str(self.type.currentData())]])

    def _show_utility(self) -> None:
        shown = self.type.currentData() == UTILITY
        self.utility.setVisible(shown)
        if self.utility_label is not None:
            self.utility_label.setVisible(shown)

    # -- drafts ----------------------------------------------------------------------------------------------------

    def _outbox_opened(self) -> None:
        if not self._loaded and self.session.outbox.active:
            self.session.outbox.load_draft(DRAFT_FORM, self._draft_loaded, owner=self)

    def _draft_loaded(self, content: dict[str, Any] | None) -> None:
        draft = InquiryDraft.from_json(content)
        self._loaded = True
        self.setEnabled(True)
        if draft is not None:
            self._fill(draft)
            self.draft_status.setText(self.tr("پیش‌نویس ذخیره‌شده بازیابی شد."))
        if self._pending_context is not None:
            context, self._pending_context = self._pending_context, None
            self._apply(context)

    def _edited(self, *_args: object) -> None:
        if self._restoring or not self._loaded:
            return
        self._show_problems(focus=False)
        self.draft_status.setText(self.tr("در حال نوشتن…"))
        self._autosave.start()

    def _show_problems(self, *, focus: bool) -> str | None:
        _body, problems = self.read()
        sentence = self.form.present(problems, focus=focus)
        if sentence:
            self.banner.show_message(sentence, "error")
        elif self.banner.tone() == "error":
            self.banner.clear()
        return sentence

    def save_draft_now(self) -> None:
        self._autosave.stop()
        if not self._loaded or self._sending is not None:
            return
        draft = self.collect_draft()
        content = draft.to_json() if draft.typed() else {}
        self.session.outbox.save_draft(DRAFT_FORM, content, self._draft_saved, self._draft_not_saved, owner=self)

    def _draft_saved(self) -> None:
        self._save_failed = False
        self.draft_status.setText(self.tr("پیش‌نویس ذخیره شد."))

    def _draft_not_saved(self, _exc: BaseException) -> None:
        self._save_failed = True
        self.draft_status.setText(self.tr("پیش‌نویس ذخیره نشد؛ برنامه را نبندید. جزئیات در گزارش برنامه ثبت شد."))

    def ask_new(self) -> None:
        self.new_bar.show()
        self.new_cancel.setFocus()

    def start_new(self) -> None:
        """An empty form with a new inquiry id; the saved draft is cleared."""
        self.new_bar.hide()
        self.form.reset()
        self.banner.clear()
        self.parcel_info.clear()
        self._fill(InquiryDraft())
        self.session.outbox.save_draft(DRAFT_FORM, {}, owner=self)
        self.draft_status.setText(self.tr("فرم تازه؛ پیش‌نویس قبلی پاک شد."))
        self.parcel.setFocus()

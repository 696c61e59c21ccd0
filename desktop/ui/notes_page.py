"""Hand-over notes: the operator writes a note for the next shift, confirms it, and the outbox sends it.

The draft is autosaved (debounced) in the operator's local database and restored after a crash or a restart.
Confirming is a separate, explicit step; once confirmed, the note is an action in the outbox with its own key, and
the editor is read-only until the outbox has recorded it (so no keystroke can slip into a draft of a sent note).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from civic.jalali import format_jalali_datetime
from civic.text import normalize_text
from client_api import MunicipalClient
from client_api.actions import Note, note_action
from client_api.outbox import OutboxEntry, State
from desktop.messages import current_language, error_message, localized_digits
from desktop.outbox import OutboxSnapshot
from desktop.pages import Page
from desktop.session import Session
from desktop.theme import set_tone

DRAFT_FORM = "note"
AUTOSAVE_MS = 800
NOTE_MAX_CHARS = 2000  # the API's limit (sandbox/schemas.py NOTE_MAX_CHARS)


class NotesPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._tasks = session.tasks
        self._service = service = session.outbox
        self._client: MunicipalClient | None = session.client
        self._restoring = False
        self._done_seen = -1
        self._sent_key: str | None = None  # the last note confirmed here, until the municipality answers it
        service.opened.connect(self._outbox_opened)
        service.snapshot_ready.connect(self._outbox_changed)
        service.action_settled.connect(self._action_settled)

        title = QLabel(self.tr("یادداشت تحویل نوبت"), objectName="pageTitle")
        hint = QLabel(
            self.tr(
                "آنچه همکار نوبت بعد باید بداند بنویسید. متن هنگام نوشتن ذخیره می‌شود و اگر برنامه بسته شود از بین "
                "نمی‌رود. پس از تأیید، یادداشت از راه صف ارسال به سامانه شهرداری فرستاده می‌شود."
            ),
            objectName="notesHint",
        )
        hint.setWordWrap(True)
        # a QTextEdit, not a QPlainTextEdit: only it starts Persian lines on the right (QPlainTextEdit ignores the
        # alignment); it takes plain text only. The controls are made in place, in Tab order: a styled widget moved
        # to another parent is styled again
        self.editor = QTextEdit(self, objectName="noteText")
        self.editor.setAcceptRichText(False)
        self.editor.setTabChangesFocus(True)  # Tab moves on to «ثبت یادداشت…», as everywhere else
        self.editor.setPlaceholderText(self.tr("متن یادداشت…"))
        self.editor.textChanged.connect(self._on_text_changed)
        self.counter = QLabel(objectName="noteCounter")
        self.draft_status = QLabel(objectName="draftStatus")
        set_tone(self.draft_status, "muted")
        self.error_label = QLabel(objectName="noteError")
        self.error_label.setWordWrap(True)
        set_tone(self.error_label, "error")
        self.error_label.hide()
        self.submit_button = QPushButton(self.tr("ثبت یادداشت…"), self, objectName="noteSubmit")
        self.submit_button.clicked.connect(self.ask_to_confirm)

        self.confirm_bar = QFrame(self, objectName="noteConfirmBar")
        set_tone(self.confirm_bar, "info")
        self.confirm_question = QLabel(
            self.tr("این یادداشت ثبت و به سامانه شهرداری فرستاده شود؟ پس از تأیید، دیگر ویرایش نمی‌شود."),
            objectName="noteConfirmQuestion",
        )
        self.confirm_question.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("تأیید و ارسال"), objectName="noteConfirm")
        self.confirm_button.setProperty("primary", True)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = QPushButton(self.tr("انصراف"), objectName="noteCancel")
        self.cancel_button.clicked.connect(self.cancel_confirm)
        bar = QHBoxLayout(self.confirm_bar)
        bar.addWidget(self.confirm_question, 1)
        bar.addWidget(self.confirm_button)
        bar.addWidget(self.cancel_button)
        self.confirm_bar.hide()

        self.result_label = QLabel(objectName="noteResult")
        self.result_label.setWordWrap(True)
        self.result_label.hide()

        recent_title = QLabel(self.tr("یادداشت‌های ثبت‌شده در سامانه"), objectName="recentNotesTitle")
        self.recent = QListWidget(self, objectName="recentNotes")
        self.recent.setProperty("pishkhanData", True)  # the server's copy of the operator's own notes
        self.recent.setTabKeyNavigation(False)

        row = QHBoxLayout()
        row.addWidget(self.counter)
        row.addWidget(self.draft_status, 1)
        row.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.editor, 2)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.confirm_bar)
        layout.addWidget(self.result_label)
        layout.addWidget(recent_title)
        layout.addWidget(self.recent, 1)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft_now)
        self._update_counter()
        self.editor.setReadOnly(True)
        self.submit_button.setEnabled(False)
        self.refresh_recent()
        if service.active:
            self._outbox_opened()

    # -- session --------------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self._client is not None and self._service.active

    def session_ending(self) -> None:
        """The last keystrokes go to this operator's draft before the outbox closes."""
        if self._autosave.isActive():
            self.save_draft_now()
        self._client = None
        self._autosave.stop()

    def submit(self) -> bool:
        """Ctrl+Enter: ask to confirm the note, or confirm it when already asked."""
        if self.confirm_bar.isVisible():
            self.confirm()
        else:
            self.ask_to_confirm()
        return True

    def cancel(self) -> bool:
        if not self.confirm_bar.isVisible():
            return False
        self.cancel_confirm()
        self.editor.setFocus()
        return True

    def _outbox_opened(self) -> None:
        if self._client is None:
            return
        self.editor.setReadOnly(False)
        self.submit_button.setEnabled(True)
        self._service.load_draft(DRAFT_FORM, self._draft_loaded, owner=self)

    def _outbox_changed(self, snapshot: OutboxSnapshot) -> None:
        if snapshot.done_today != self._done_seen:  # a note (or another action) went through: show the server's copy
            self._done_seen = snapshot.done_today
            self.refresh_recent()

    def _draft_loaded(self, content: dict | None) -> None:
        text = str((content or {}).get("text", ""))
        if text and not self.editor.toPlainText():
            self._set_text(text)
            self.draft_status.setText(self.tr("پیش‌نویس ذخیره‌شده بازیابی شد."))

    def _set_text(self, text: str) -> None:
        self._restoring = True  # a text set by the program is not an edit to autosave
        try:
            self.editor.setPlainText(text)
        finally:
            self._restoring = False
        self._update_counter()

    # -- drafts ---------------------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        self._update_counter()
        if self._restoring or not self.ready:
            return
        self.result_label.hide()
        self.error_label.hide()
        self.draft_status.setText(self.tr("در حال نوشتن…"))
        self._autosave.start()  # debounced: saved once typing pauses

    def save_draft_now(self) -> None:
        self._autosave.stop()
        if not self.ready:
            return
        self._service.save_draft(
            DRAFT_FORM, {"text": self.editor.toPlainText()}, self._draft_saved, self._draft_not_saved, owner=self
        )

    def _draft_saved(self) -> None:
        stamp = format_jalali_datetime(dt.datetime.now(dt.UTC), persian_digits=current_language() == "fa")
        self.draft_status.setText(self.tr("پیش‌نویس ذخیره شد ({time}).").format(time=stamp.split()[-1]))

    def _draft_not_saved(self, exc: BaseException) -> None:
        self.draft_status.setText(
            self.tr("پیش‌نویس ذخیره نشد؛ متن را نبندید و دوباره تلاش کنید. جزئیات در گزارش برنامه ثبت شد.")
        )

    def _update_counter(self) -> None:
        count = len(self.editor.toPlainText())
        self.counter.setText(
            self.tr("{count} از {limit} نویسه").format(
                count=localized_digits(str(count)), limit=localized_digits(str(NOTE_MAX_CHARS))
            )
        )

    # -- confirm --------------------------------------------------------------------------------------

    def _validated(self) -> str | None:
        text = normalize_text(self.editor.toPlainText()).strip()
        if not text:
            self.show_error(self.tr("متن یادداشت خالی است؛ چیزی بنویسید."))
            return None
        if len(text) > NOTE_MAX_CHARS:
            self.show_error(
                self.tr("متن یادداشت بلندتر از {limit} نویسه است.").format(limit=localized_digits(str(NOTE_MAX_CHARS)))
            )
            return None
        return text

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message:
            self.editor.setFocus()

    def ask_to_confirm(self) -> None:
        if not self.ready or self._validated() is None:
            return
        self.error_label.hide()
        self.confirm_bar.show()
        self.confirm_button.setEnabled(True)
        self.confirm_button.setFocus()

    def cancel_confirm(self) -> None:
        self.confirm_bar.hide()
        self.editor.setReadOnly(not self.ready)

    def confirm(self) -> None:
        """The operator confirmed: the note becomes one action in the outbox, made now with its own key."""
        service, text = self._service, self._validated()
        if not self.ready or text is None:
            return
        self._autosave.stop()
        self.editor.setReadOnly(True)
        self.confirm_button.setEnabled(False)
        self.submit_button.setEnabled(False)
        service.confirm(note_action(text), self._queued, self._not_queued, draft_form=DRAFT_FORM, owner=self)

    def _queued(self, entry: OutboxEntry) -> None:
        self.confirm_bar.hide()
        self._set_text("")
        self.editor.setReadOnly(not self.ready)
        self.submit_button.setEnabled(self.ready)
        self.draft_status.clear()
        self._sent_key = entry.idempotency_key
        # kept on this computer, not yet at the municipality: said so, until its answer comes
        self._show_result(
            self.tr("یادداشت روی این رایانه نگه داشته شد و در صف ارسال است؛ هنوز به سامانه شهرداری نرسیده است."),
            "info",
        )
        if entry.final:
            self._action_settled(entry)

    def _action_settled(self, entry: OutboxEntry) -> None:
        """The municipality answered one action: if it is the note confirmed here, say what became of it."""
        if entry.idempotency_key != self._sent_key:
            return
        self._sent_key = None
        if entry.state is State.DONE:
            # the server's copy is re-read once, when the outbox's count of done actions moves
            self._show_result(self.tr("یادداشت به سامانه شهرداری رسید و ثبت شد."), "success")
        else:
            self._show_result(
                self.tr("سامانه شهرداری یادداشت را نپذیرفت؛ دلیل آن را در صفحه «صف ارسال» ببینید."), "error"
            )

    def _show_result(self, text: str, tone: str) -> None:
        self.result_label.setText(text)
        set_tone(self.result_label, tone)
        self.result_label.show()

    def _not_queued(self, exc: BaseException) -> None:
        self.confirm_bar.hide()
        self.editor.setReadOnly(not self.ready)
        self.submit_button.setEnabled(self.ready)
        self.show_error(self.tr("یادداشت ثبت نشد: ذخیره در پایگاه داده این رایانه ممکن نشد. متن شما سر جایش است."))

    # -- the server's copy ----------------------------------------------------------------------------

    def refresh_recent(self) -> None:
        client = self._client
        if client is None:
            return
        self._tasks.run(client.list_notes, self._show_recent, self._recent_failed, owner=self)

    def _show_recent(self, notes: list[Note]) -> None:
        self.recent.clear()
        persian = current_language() == "fa"
        for note in notes[:50]:
            stamp = format_jalali_datetime(note.created_at, persian_digits=persian)
            item = QListWidgetItem(f"{stamp} — {' '.join(note.text.split())}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
            self.recent.addItem(item)

    def _recent_failed(self, exc: BaseException) -> None:
        self.recent.clear()
        self.recent.addItem(error_message(exc))

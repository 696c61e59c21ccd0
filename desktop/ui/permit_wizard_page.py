"""The building-permit request wizard (counter): parcel → applicant → building → attachments → review and send.

One step at a time in a stack, under a header of numbered steps the operator may click (or Alt+1…Alt+5); «بعدی»
checks the step and moves on, «قبلی» goes back (Ctrl+PgDown / Ctrl+PgUp too); Ctrl+Enter moves on, and on the last
step sends. Every field is autosaved as a draft (debounced; flushed at sign-out) and every attached file is copied
into the profile when it is added (desktop/ui/permit_draft.py), so closing the window loses nothing and reopening the
page puts it all back.

Sending is one chain through the outbox (create, one action per file, submit: desktop/ui/permit_submission.py),
recorded together with the draft's removal. Once the server confirms the submit step, the receipt «رسید ثبت درخواست»
with the tracking number prints on the receipt printer; a refusal brings the draft back and shows the server's field
errors on their step.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desktop.formatting import digits
from desktop.pages import Page
from desktop.session import Session
from desktop.theme import icon, set_tone
from desktop.ui.permit_applicant_step import ApplicantStep
from desktop.ui.permit_attachments_step import AttachmentsStep
from desktop.ui.permit_building_step import BuildingStep
from desktop.ui.permit_draft import DRAFT_FORM, PermitDraft
from desktop.ui.permit_parcel_step import ParcelStep
from desktop.ui.permit_receipt import ReceiptMixin
from desktop.ui.permit_review_step import ReviewStep
from desktop.ui.permit_sending import SendingMixin
from desktop.ui.permit_submission import (
    APPLICANT_STEP,
    ATTACHMENTS_STEP,
    BUILDING_STEP,
    PARCEL_STEP,
    REVIEW_STEP,
    SENT_FORM,
)
from desktop.widgets.banner import MessageBanner

log = logging.getLogger(__name__)
AUTOSAVE_MS = 800
STEP_COUNT = REVIEW_STEP + 1
MAKE_GAP_MS = 10  # the steps not shown first are made one a turn, this far apart


class PermitWizardPage(SendingMixin, ReceiptMixin, Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.draft = PermitDraft()
        self._loaded = False  # the saved draft was read (or there was none)
        self._restoring = False
        self._typed = False  # something was typed or attached since the draft was made
        self._pending_code: str | None = None  # from open_with, applied once the draft is read
        self._advance_after_lookup = False
        self._save_failed = False
        self._init_sending()

        title = QLabel(self.tr("درخواست پروانه ساختمانی"), objectName="pageTitle")
        self.banner = MessageBanner(closable=True)
        # The first step is made with the page; the others (the building step alone takes 40 ms) one a turn after
        # it, or at once when something asks for one (`_step`), each in the place an empty widget kept for it.
        self.stack = QStackedWidget(self, objectName="permitSteps")
        self.parcel_step = ParcelStep(session, self.stack)
        self.stack.addWidget(self.parcel_step)
        self._made: list[QWidget | None] = [self.parcel_step] + [None] * (STEP_COUNT - 1)
        self._places: dict[int, QWidget] = {}
        for index in range(1, STEP_COUNT):
            self._places[index] = QWidget(self.stack)
            self.stack.addWidget(self._places[index])
        self._inputs_enabled = True
        self._load_when_made = False  # the outbox opened before every step was made
        self._make_rest = QTimer(self, interval=MAKE_GAP_MS)
        self._make_rest.timeout.connect(self._make_next_step)

        names = [self.tr("ملک"), self.tr("متقاضی"), self.tr("ساختمان"), self.tr("پیوست‌ها"), self.tr("بررسی و ثبت")]
        self.step_bar = QTabBar(objectName="permitStepBar")
        self.step_bar.setExpanding(False)
        self.step_bar.setDrawBase(False)
        self.step_bar.setUsesScrollButtons(False)  # five short names: always whole, never behind arrows
        self.step_bar.setElideMode(Qt.TextElideMode.ElideNone)
        for index, name in enumerate(names):
            self.step_bar.addTab(f"{digits(str(index + 1))}. {name}")
            self.step_bar.setTabToolTip(index, self.tr("میان‌بر: Alt+{n}").format(n=index + 1))
            QShortcut(QKeySequence(f"Alt+{index + 1}"), self, lambda index=index: self.go_to(index))
        self.step_bar.currentChanged.connect(self._step_chosen)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(self.step_bar)
        header.addStretch(1)

        self.draft_status = QLabel(objectName="permitDraftStatus")
        self.draft_status.setWordWrap(True)
        set_tone(self.draft_status, "muted")
        self.back_button = QPushButton(self.tr("قبلی"), objectName="permitBack")
        self.next_button = QPushButton(self.tr("بعدی"), objectName="permitNext")
        self.next_button.setProperty("primary", True)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.restart_button = QPushButton(icon("remove"), self.tr("شروع دوباره…"), objectName="permitRestart")
        self.restart_button.clicked.connect(self.ask_restart)
        self.restart_bar = QFrame(objectName="permitRestartBar")
        set_tone(self.restart_bar, "warning")
        question = QLabel(
            self.tr("همه فیلدها و پیوست‌های این درخواست پاک شود و درخواست تازه‌ای آغاز شود؟"),
            objectName="permitRestartQuestion",
        )
        question.setWordWrap(True)
        self.restart_confirm = QPushButton(self.tr("پاک کن و از نو"), objectName="permitRestartConfirm")
        self.restart_cancel = QPushButton(self.tr("انصراف"), objectName="permitRestartCancel")
        self.restart_confirm.clicked.connect(self.start_new)
        self.restart_cancel.clicked.connect(self.cancel)
        bar = QHBoxLayout(self.restart_bar)
        bar.addWidget(question, 1)
        bar.addWidget(self.restart_confirm)
        bar.addWidget(self.restart_cancel)
        self.restart_bar.hide()
        footer = QHBoxLayout()
        footer.addWidget(self.restart_button)
        footer.addWidget(self.draft_status, 1)
        footer.addWidget(self.back_button)
        footer.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.restart_bar)
        layout.addLayout(footer)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, self.next)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, self.back)

        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft_now)
        self.parcel_step.edited.connect(self._edited)
        self.parcel_step.parcel_changed.connect(self._parcel_changed)
        self.parcel_step.code_edit.returnPressed.connect(self._code_entered)
        self.go_to(PARCEL_STEP)
        self.set_inputs_enabled(False)  # until the saved draft is read
        session.outbox.opened.connect(self._outbox_opened)
        session.outbox.action_settled.connect(self._action_settled)
        self._make_rest.start()
        if session.outbox.active:
            self._outbox_opened()

    # -- the page's hooks -------------------------------------------------------------------------------

    def open_with(self, **context: Any) -> None:
        """`renovation_code=...`: the request is for this parcel (from the parcel page)."""
        value = context.get("renovation_code")
        if isinstance(value, str) and value:
            if self._loaded:
                self._apply_code(value)
            else:
                self._pending_code = value

    def has_unsaved_changes(self) -> bool:
        """The draft is the safety: whatever is waiting to be written is written now."""
        if self._autosave.isActive():
            self.save_draft_now()
        return self._save_failed

    def discard_changes(self) -> None:
        """Leaving the page keeps the draft."""

    def session_ending(self) -> None:
        if self._autosave.isActive():
            self.save_draft_now()
        self._autosave.stop()
        self._loaded = False  # nothing more is saved for this session

    def submit(self) -> bool:
        """Ctrl+Enter: the next step, and on the last one, send."""
        if self.stack.currentIndex() == REVIEW_STEP:
            self.send()
        else:
            self.next()
        return True

    def cancel(self) -> bool:
        if self.restart_bar.isVisible():
            self.restart_bar.hide()
            self.restart_button.setFocus()
            return True
        return False

    # -- steps ----------------------------------------------------------------------------------------

    @property
    def applicant_step(self) -> ApplicantStep:
        return cast(ApplicantStep, self._step(APPLICANT_STEP))

    @property
    def building_step(self) -> BuildingStep:
        return cast(BuildingStep, self._step(BUILDING_STEP))

    @property
    def attachments_step(self) -> AttachmentsStep:
        return cast(AttachmentsStep, self._step(ATTACHMENTS_STEP))

    @property
    def review_step(self) -> ReviewStep:
        return cast(ReviewStep, self._step(REVIEW_STEP))

    @property
    def steps_made(self) -> bool:
        return None not in self._made

    def _step(self, index: int) -> QWidget:
        """The step, made now (with those before it) if it is not yet."""
        while (step := self._made[index]) is None:
            self._make_next_step()
        return step

    def _make_next_step(self) -> None:
        """Make the first step not made yet, in its place in the stack and in the Tab order, wired to the page."""
        index = self._made.index(None) if not self.steps_made else None
        if index is None:
            self._make_rest.stop()
            return
        focused = QApplication.focusWidget()  # a step is made hidden, while the operator types in the one shown
        step: QWidget
        if index == APPLICANT_STEP:
            step = applicant = ApplicantStep(self.stack)
            applicant.edited.connect(self._edited)
            applicant.edited.connect(self._attorney_changed)
        elif index == BUILDING_STEP:
            step = building = BuildingStep(self.session, self.stack)
            building.edited.connect(self._edited)
        elif index == ATTACHMENTS_STEP:
            step = attachments = AttachmentsStep(self.session, lambda: self.draft.request_id, self.stack)
            attachments.edited.connect(self._edited)
            attachments.attachment_added.connect(lambda _a: self.save_draft_now())
        else:
            step = review = ReviewStep(self.stack)
            review.submit_button.clicked.connect(self.send)
            review.track_button.clicked.connect(self._track)
            review.new_button.clicked.connect(self.start_new)
            review.reprint_button.clicked.connect(self.print_receipt)
            review.submit_button.setEnabled(self._inputs_enabled and not self.locked)
        if index != REVIEW_STEP:
            step.setEnabled(self._inputs_enabled)
        place = self._places.pop(index)
        self.stack.insertWidget(index, step)
        self.stack.removeWidget(place)
        place.deleteLater()
        self._made[index] = step
        self._take_tab_place(step, after=self._made[index - 1])
        if focused is not None and QApplication.focusWidget() is not focused:
            focused.setFocus()
        if self.steps_made:
            self._make_rest.stop()
            if self._load_when_made:
                self._load_when_made = False
                self._outbox_opened()

    def _take_tab_place(self, step: QWidget, after: QWidget | None) -> None:
        """Tab runs through the steps in order, then the bar of steps: a step made later joins the window's Tab
        order at its end, so its controls are put back after those of the step before it."""
        before = _tab_stops(after)[-1:] if after is not None else []
        for first, second in itertools.pairwise([*before, *_tab_stops(step), self.step_bar]):
            QWidget.setTabOrder(first, second)

    @property
    def current_step(self) -> int:
        return self.stack.currentIndex()

    def go_to(self, index: int) -> None:
        index = max(0, min(index, STEP_COUNT - 1))
        self._step(index)
        if index != self.stack.currentIndex():
            self.banner.clear()  # a message belongs to the step it was shown on
        self.stack.setCurrentIndex(index)
        self.step_bar.blockSignals(True)
        self.step_bar.setCurrentIndex(index)
        self.step_bar.blockSignals(False)
        # the chosen step's name is bold (the theme), so the bar's width changes with the choice; unless its layout is
        # told, the bar keeps its old width and the last step's edge is cut off
        self.step_bar.updateGeometry()
        self.back_button.setEnabled(index > 0)
        last = index == REVIEW_STEP
        self.next_button.setVisible(not last)
        if last:
            self.refresh_review()
        if index == 2:
            self.building_step.recompute()
        if self._loaded and not self._restoring and self.draft.step != index:
            self.draft.step = index
            self._schedule_save()
        self._focus_step(index)

    def _step_chosen(self, index: int) -> None:
        if index >= 0 and index != self.stack.currentIndex():
            self.go_to(index)
            self.step_bar.setFocus()  # the operator is choosing with the arrows: stay on the bar

    def _focus_step(self, index: int) -> None:
        first: QWidget
        if index == PARCEL_STEP:
            first = self.parcel_step.code_edit
        elif index == APPLICANT_STEP:
            first = self.applicant_step.owner if self.applicant_step.parcel else self.applicant_step.name
        elif index == BUILDING_STEP:
            first = self.building_step.add_floor_button
        elif index == ATTACHMENTS_STEP:
            first = self.attachments_step.add_buttons["deed"]
        else:
            first = self.review_step.submit_button
        if first.isEnabled():
            first.setFocus()

    def next(self) -> None:
        index = self.current_step
        if index == 0 and self.parcel_step.parcel is None:
            self._advance_after_lookup = True
            self.parcel_step.look_up()
            return
        if not self.check_step(index, focus=True):
            return
        self.banner.clear()
        self.go_to(index + 1)

    def back(self) -> None:
        if self.current_step > 0:
            self.go_to(self.current_step - 1)

    def _code_entered(self) -> None:
        self._advance_after_lookup = False  # Enter looks up; the operator reads the parcel, then moves on

    def _parcel_changed(self, parcel: object) -> None:
        self.applicant_step.set_parcel(self.parcel_step.parcel)
        self.building_step.set_parcel(self.parcel_step.parcel, self.parcel_step.code_text())
        self._attorney_changed()
        if parcel is not None:
            self.banner.clear()
            if self._advance_after_lookup and self.current_step == 0:
                self.go_to(1)
            elif self.current_step == 0:
                self.next_button.setFocus()  # Enter again moves on
        self._advance_after_lookup = False

    def _attorney_changed(self) -> None:
        self.attachments_step.set_attorney_needed(self.applicant_step.needs_attorney())

    def _apply_code(self, value: str) -> None:
        self.parcel_step.set_code(value)
        self._edited()
        self.go_to(0)

    # -- drafts ---------------------------------------------------------------------------------------

    def _outbox_opened(self) -> None:
        if self._loaded or not self.session.outbox.active:
            return
        if not self.steps_made:  # the draft fills every step: read it once they are all made
            self._load_when_made = True
            return
        self.session.outbox.load_draft(SENT_FORM, self._sent_loaded, owner=self)  # then the draft, if none

    def load_draft(self) -> None:
        self.session.outbox.load_draft(DRAFT_FORM, self._draft_loaded, owner=self)

    def _draft_loaded(self, content: dict | None) -> None:
        draft = PermitDraft.from_json(content)
        if draft is not None:
            self.restore(draft)
        else:
            self._loaded = True
            self.set_inputs_enabled(True)
        if self._pending_code is not None:
            code_value, self._pending_code = self._pending_code, None
            self._apply_code(code_value)

    def restore(self, draft: PermitDraft) -> None:
        """Put a saved draft back into every step, as it was typed."""
        self._loaded = True
        self.set_inputs_enabled(True)
        self._restoring = True
        try:
            self.draft = draft
            self._typed = True
            self.parcel_step.set_code(draft.renovation_code)
            self.applicant_step.fill(draft.applicant)
            self.building_step.fill(draft.building)
            self.attachments_step.set_attachments(draft.attachments)
            self._attorney_changed()
            self.go_to(draft.step)
        finally:
            self._restoring = False
        self.draft_status.setText(self.tr("پیش‌نویس ذخیره‌شده بازیابی شد."))
        self.attachments_step.drop_missing_copies()

    def _edited(self) -> None:
        if self._restoring or not self._loaded:
            return
        self._typed = True
        self.draft_status.setText(self.tr("در حال نوشتن…"))
        self._schedule_save()

    def _schedule_save(self) -> None:
        if self._loaded and not self.locked:
            self._autosave.start()

    def collect_draft(self) -> PermitDraft:
        draft = self.draft
        draft.renovation_code = self.parcel_step.code_text()
        draft.applicant = self.applicant_step.texts()
        draft.building = self.building_step.texts()
        draft.attachments = list(self.attachments_step.attachments)
        draft.step = self.current_step
        return draft

    def save_draft_now(self) -> None:
        self._autosave.stop()
        if not self._loaded or self.locked or not self._typed:
            return
        self.session.outbox.save_draft(
            DRAFT_FORM, self.collect_draft().to_json(), self._draft_saved, self._draft_not_saved, owner=self
        )

    def _draft_saved(self) -> None:
        self._save_failed = False
        self.draft_status.setText(self.tr("پیش‌نویس ذخیره شد."))

    def _draft_not_saved(self, exc: BaseException) -> None:
        self._save_failed = True
        self.draft_status.setText(
            self.tr("پیش‌نویس ذخیره نشد؛ برنامه را نبندید و دوباره تلاش کنید. جزئیات در گزارش برنامه ثبت شد.")
        )

    def set_inputs_enabled(self, enabled: bool) -> None:
        """The steps' inputs and the send button (a step made later takes the same)."""
        self._inputs_enabled = enabled
        for step in self._made[:REVIEW_STEP]:
            if step is not None:
                step.setEnabled(enabled)
        self.restart_button.setEnabled(enabled)
        if self._made[REVIEW_STEP] is not None:
            self.review_step.submit_button.setEnabled(enabled and not self.locked)

    # -- starting over --------------------------------------------------------------------------------

    def ask_restart(self) -> None:
        self.restart_bar.show()
        self.restart_cancel.setFocus()

    def start_new(self) -> None:
        """A new request: every field empty, a new request id; the old draft's copies of files are deleted."""
        old = list(self.attachments_step.attachments)
        self.restart_bar.hide()
        self._reset_sending()
        self._restoring = True
        try:
            self.draft = PermitDraft()
            self._typed = False
            self.parcel_step.clear()
            self.applicant_step.fill({})
            self.applicant_step.form.reset()
            self.building_step.floors.clear_floors()
            self.building_step.fill({"floors": [{"level": "0", "use": "residential"}]})
            self.building_step.form.reset()
            self.attachments_step.set_attachments([])
            self.review_step.reset()
            self.banner.clear()
            self.go_to(0)
        finally:
            self._restoring = False
        self.set_inputs_enabled(self._loaded)
        for form in (DRAFT_FORM, SENT_FORM):  # an empty draft clears the saved one
            self.session.outbox.save_draft(form, {}, owner=self)
        self.attachments_step.remove_files(old)
        self.draft_status.setText(self.tr("درخواست تازه؛ پیش‌نویس قبلی پاک شد."))

    def _track(self) -> None:
        if self.sent_request_id:
            self.show_page_requested.emit("requests", {"request_id": self.sent_request_id})


def _tab_stops(widget: QWidget) -> list[QWidget]:
    """The controls inside `widget` that Tab stops at, in the window's Tab order."""
    stops: list[QWidget] = []
    current = widget.nextInFocusChain()
    while current is not None and current is not widget:
        if widget.isAncestorOf(current) and current.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
            stops.append(current)
        current = current.nextInFocusChain()
    return stops

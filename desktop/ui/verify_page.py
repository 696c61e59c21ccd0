"""Checking a municipal document: the operator scans its QR code (or pastes its text) and reads a verdict.

A keyboard-wedge scanner types the seal text into the field and presses Enter; the text is cleaned of what a
scanner's keyboard layout or Caps Lock did to it (civic.seal_scan) and checked against the trust list and the
revocation list kept on this machine (civic.verification, civic.trust_cache), with no network. The verdict comes
first (genuine; genuine but not known to stand; revoked with its date and reason; expired with its date; forged or
altered; unknown issuer; not a document of this system), then the signed fields to compare with the paper
(desktop/ui/verify_result.py). A check takes well under a millisecond, so it runs on the UI thread.

Online, the page refreshes the kept lists in the background when it opens and fetches the municipality's record of
each checked document by its number to compare it with the seal (desktop/ui/verify_lists.py); the UI thread never
waits for either. The note under the result says how old the kept lists are.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from civic.keys import TrustListError
from civic.trust_cache import CachedLists, TrustCache
from civic.verification import EMPTY, DocumentCheck, check_document, with_record_revocation
from desktop import theme
from desktop.formatting import digits, ltr
from desktop.messages import operator_message
from desktop.pages import Page
from desktop.session import Session
from desktop.ui.verify_lists import (
    RecordComparison,
    Refreshed,
    fetch_record,
    lists_note,
    refresh_lists,
    refresh_problem,
)
from desktop.ui.verify_result import RECORD_PENDING, RECORD_UNAVAILABLE, VerifyResult, kind_name, named
from desktop.widgets.banner import MessageBanner

log = logging.getLogger(__name__)

HISTORY_SIZE = 6  # the last checks on this page, in memory only
RECORD_REUSE_S = 60.0  # a record fetched this recently answers a second scan of the same seal
REFRESH_AFTER = dt.timedelta(hours=1)  # a scan with an older (or no) revocation list fetches a fresh one
REFRESH_AT_MOST_EVERY_S = 60.0  # however often the operator scans

__all__ = ["HISTORY_SIZE", "VerifyPage", "demo_seal_text", "kind_name"]


def demo_seal_text() -> str:
    """The seal of the sample payment receipt (training key, no expiry): what the screenshots verify."""
    from desktop import doc_samples as samples

    seal = samples.receipt().seal
    assert seal is not None
    return seal


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class _Checked:
    at: dt.datetime
    raw: str
    check: DocumentCheck


class VerifyPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._history: list[_Checked] = []
        self.last_check: DocumentCheck | None = None
        self._raw = ""  # the text of the check shown, checked again when fresher lists arrive
        # the municipality's record of each seal checked lately, by seal (number and content hash): a second scan of
        # the same paper does not ask again for a minute; None while it is being fetched
        self._records: dict[tuple[str, bytes], tuple[float, RecordComparison] | None] = {}
        self.refreshing = False
        self.refresh_error: str | None = None
        self._refreshed_at: float | None = None  # time.monotonic() of the last refresh started

        # the page scrolls when the window is short, so the result's rows keep their height instead of overlapping;
        # its controls are made in place: a styled widget moved to another parent is styled again
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop of its own; it follows the focused control
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(scroll.viewport())

        title = named(QLabel(self.tr("بررسی اصالت سند")), "pageTitle")
        hint = QLabel(
            self.tr(
                "کد کیوآر سند را با اسکنر بخوانید، یا متن آن را اینجا بچسبانید و کلید ورود را بزنید. بررسی روی همین "
                "رایانه و با فهرست کلیدهای معتبر همراه برنامه و آخرین فهرست اسناد باطل‌شده انجام می‌شود."
            )
        )
        hint.setObjectName("verifyHint")
        hint.setWordWrap(True)
        self.banner = MessageBanner(content)

        self.field = named(QLineEdit(content), "sealText")
        self.field.setPlaceholderText(self.tr("متن کد کیوآر سند"))
        self.field.setAccessibleName(self.tr("متن کد کیوآر سند"))
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.check)
        self.field.textEdited.connect(self._edited)
        self.field_error = named(QLabel(), "sealTextError")
        self.field_error.setWordWrap(True)
        theme.set_tone(self.field_error, "error")
        self.field_error.hide()
        self.check_button = named(
            QPushButton(theme.icon("verify", on_accent=True), self.tr("بررسی"), content), "verifyButton"
        )
        self.check_button.setProperty("primary", True)
        self.check_button.clicked.connect(self.check)
        self.clear_button = named(QPushButton(theme.icon("close"), self.tr("پاک کردن"), content), "clearButton")
        self.clear_button.clicked.connect(self.clear)
        field_row = QHBoxLayout()
        field_row.addWidget(self.field, 1)
        field_row.addWidget(self.check_button)
        field_row.addWidget(self.clear_button)

        self.result = VerifyResult()
        self.headline, self.detail = self.result.headline, self.result.detail
        self.training, self.claim = self.result.training, self.result.claim
        self.fields, self.field_box = self.result.fields, self.result.field_box
        self.result.hide()

        self.offline_note = named(QLabel(), "offlineNote")
        self.offline_note.setWordWrap(True)
        theme.set_tone(self.offline_note, "muted")
        self.refresh_button = named(
            QPushButton(theme.icon("refresh"), self.tr("به‌روزرسانی فهرست‌ها"), content), "refreshLists"
        )
        self.refresh_button.clicked.connect(self.refresh_lists)
        note_row = QHBoxLayout()
        note_row.addWidget(self.offline_note, 1)
        note_row.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        history_title = named(QLabel(self.tr("بررسی‌های اخیر در این صفحه")), "historyTitle")
        history_title.setProperty("heading", "section")
        self.history = named(QListWidget(content), "verifyHistory")
        self.history.setTabKeyNavigation(False)
        self.history.setAccessibleName(self.tr("بررسی‌های اخیر در این صفحه"))
        self.history.setMaximumHeight(140)
        self.history.itemActivated.connect(self._history_activated)

        layout = QVBoxLayout(content)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.banner)
        layout.addLayout(field_row)
        layout.addWidget(self.field_error)
        layout.addWidget(self.result)
        layout.addLayout(note_row)
        layout.addWidget(history_title)
        layout.addWidget(self.history)
        layout.addStretch(1)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setFocusProxy(self.field)

        self._cache: TrustCache | None = None
        self.lists: CachedLists | None = None
        try:
            self._cache = TrustCache(session.config_dir)  # the bundled trust list: one small file
            self.lists = self._cache.load()  # and the two small files kept in the config folder
        except TrustListError as exc:
            self.banner.show_message(operator_message(exc), "error")
            for widget in (self.field, self.check_button, self.refresh_button):
                widget.setEnabled(False)
        else:
            self._show_note()
            self.refresh_lists()

    # --- the page's keys and links -------------------------------------------------------------------------------

    def open_with(self, **context: Any) -> None:
        text = context.get("text")
        if isinstance(text, str):
            self.field.setText(text)
            self.check()

    def submit(self) -> bool:
        self.check()
        return True

    def cancel(self) -> bool:
        if not self.field.text() and self.result.isHidden() and self.field_error.isHidden():
            return False
        self.clear()
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._focus_field)  # dropped if the page is gone by then

    def _focus_field(self) -> None:
        if self.isVisible() and self.field.isEnabled():
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the kept lists, refreshed in the background -------------------------------------------------------------

    def refresh_lists(self) -> None:
        """Fetch the trust list and the revocation list from the municipality, on a worker thread."""
        if self._cache is None or self.refreshing:
            return
        self.refreshing = True
        self._refreshed_at = time.monotonic()
        self.refresh_button.setEnabled(False)
        client, cache, now = self.session.client, self._cache, _now()
        self.session.tasks.run(
            lambda: refresh_lists(client, cache, now), self._refreshed, self._refresh_failed, owner=self
        )
        self._show_note()

    def _refreshed(self, result: Refreshed) -> None:
        self.refreshing = False
        self.refresh_button.setEnabled(True)
        self.lists = result.lists
        failure = result.revocations_error or result.trust_error
        self.refresh_error = refresh_problem(failure) if failure is not None else None
        self._show_note()
        if self.last_check is not None and self._raw:
            self._run_check(self._raw, remember=False)  # the verdict with the fresher lists

    def _refresh_failed(self, exc: BaseException) -> None:
        self.refreshing = False
        self.refresh_button.setEnabled(True)
        self.refresh_error = operator_message(exc)
        self._show_note()

    def _show_note(self) -> None:
        if self.lists is None:
            return
        text = lists_note(self.lists, _now())
        if self.refreshing:
            text += " " + self.tr("در حال به‌روزرسانی فهرست‌ها از شهرداری…")
        elif self.refresh_error:
            text += " " + self.tr("به‌روزرسانی فهرست‌ها از شهرداری نشد: {reason}").format(reason=self.refresh_error)
        self.offline_note.setText(text)

    # --- checking ------------------------------------------------------------------------------------------------

    def check(self) -> DocumentCheck | None:
        """Check the field's text and show the verdict; None when there was nothing to check."""
        if self.lists is None:
            return None
        result = self._run_check(self.field.text(), remember=True)
        if result is None:
            self._field_message(self.tr("متنی برای بررسی نیست. کد کیوآر سند را اسکن کنید یا متن آن را بچسبانید."))
            self.result.hide()
            return None
        self.field.selectAll()  # the next scan types over this one
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._lists_want_refresh():
            self.refresh_lists()  # in the background; the verdict is shown again when it lands
        return result

    def _lists_want_refresh(self) -> bool:
        listed = self.lists.revocations if self.lists is not None else None
        if listed is not None and listed.age(_now()) < REFRESH_AFTER:
            return False
        return self._refreshed_at is None or time.monotonic() - self._refreshed_at >= REFRESH_AT_MOST_EVERY_S

    def _run_check(self, raw: str, *, remember: bool) -> DocumentCheck | None:
        assert self.lists is not None
        now = _now()
        result = check_document(raw, self.lists.trust, self.lists.revocations, now=now)
        if result.verdict == EMPTY:
            self.last_check, self._raw = None, ""
            return None
        self._field_message("")
        self.last_check, self._raw = result, raw
        self._show(result, now)
        if remember:
            self._remember(raw, result)
        self._fetch_record(result)
        return result

    def _show(self, result: DocumentCheck, now: dt.datetime) -> None:
        payload = result.seal.payload or result.seal.claimed
        key = self.lists.trust.get(payload.key_id) if payload is not None and self.lists is not None else None
        self.result.show_check(result, key, now)

    @staticmethod
    def _record_key(result: DocumentCheck | None) -> tuple[str, bytes] | None:
        payload = (result.seal.payload or result.seal.claimed) if result is not None else None
        return (payload.number, payload.content_sha256) if payload is not None else None

    def _fetch_record(self, result: DocumentCheck) -> None:
        """Compare the seal with the municipality's record of its number, on a worker thread."""
        payload = result.seal.payload or result.seal.claimed
        key = self._record_key(result)
        if payload is None or key is None:
            return
        if key in self._records:
            known = self._records[key]
            if known is None:  # still on its way
                self.result.show_record(RECORD_PENDING)
                return
            if time.monotonic() - known[0] < RECORD_REUSE_S:
                self._apply_record(known[1])
                return
        self._records[key] = None
        self.result.show_record(RECORD_PENDING)
        client = self.session.client
        self.session.tasks.run(
            lambda: fetch_record(client, payload),
            lambda found: self._record_fetched(key, found),
            lambda exc: self._record_failed(key, exc),
            owner=self,
        )

    def _record_fetched(self, key: tuple[str, bytes], found: RecordComparison) -> None:
        self._records[key] = (time.monotonic(), found)
        if key == self._record_key(self.last_check):  # else another check is shown by now
            self._apply_record(found)

    def _apply_record(self, found: RecordComparison) -> None:
        assert self.last_check is not None
        if found.revocation is not None and self.last_check.payload is not None:
            self.last_check = with_record_revocation(self.last_check, found.revocation)
            self._show(self.last_check, _now())
            self._relabel_history()
        self.result.show_record(found.state)

    def _record_failed(self, key: tuple[str, bytes], exc: BaseException) -> None:
        del self._records[key]  # asked again at the next scan
        if key == self._record_key(self.last_check):
            self.result.show_record(RECORD_UNAVAILABLE, operator_message(exc))

    @property
    def record_state(self) -> str | None:
        return self.result.record_state

    def clear(self) -> None:
        self.field.clear()
        self._field_message("")
        self.result.hide()
        self.last_check, self._raw = None, ""
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edited(self, _text: str) -> None:
        if not self.field_error.isHidden():
            self._field_message("")

    def _field_message(self, text: str) -> None:
        self.field_error.setText(text)
        self.field_error.setVisible(bool(text))
        theme.set_invalid(self.field, bool(text))

    def headline_text(self, result: DocumentCheck) -> str:
        return self.result.headline_text(result)

    # --- the history of this page --------------------------------------------------------------------------------

    def _remember(self, raw: str, result: DocumentCheck) -> None:
        self._history.insert(0, _Checked(dt.datetime.now(), raw, result))
        del self._history[HISTORY_SIZE:]
        self._relabel_history()

    def _relabel_history(self) -> None:
        if self._history and self.last_check is not None and self._history[0].raw == self._raw:
            top = self._history[0]
            self._history[0] = _Checked(top.at, top.raw, self.last_check)
        self.history.clear()
        for entry in self._history:
            payload = entry.check.seal.payload or entry.check.seal.claimed
            text = f"{digits(entry.at.strftime('%H:%M'))} — {self.headline_text(entry.check)}"
            if payload is not None:
                text += f" — {ltr(payload.number)}"
            self.history.addItem(QListWidgetItem(text))

    def _history_activated(self, item: QListWidgetItem) -> None:
        """Check an earlier text again, with the lists as they are now, without listing it twice."""
        entry = self._history[self.history.row(item)]
        self.field.setText(entry.raw)
        self._run_check(entry.raw, remember=False)

    @property
    def history_size(self) -> int:
        return len(self._history)

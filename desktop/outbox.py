"""The operator's outbox inside the application: local database, sender thread, and what the pages read.

Threading (in addition to desktop/tasks.py):
- The local database is touched only by ops on the service's own one-thread runner, so writes happen in the order
  the operator made them: an autosaved draft queued before a confirm is written before it, and the confirm clears
  the draft in the same transaction as it records the action.
- The sender runs on its own thread with its own HTTP session (client_api/sender.py). Its events reach the UI thread
  through a queued signal and are batched: at most one re-read of the outbox per `BATCH_MS`, whose result
  (`OutboxSnapshot`) every page and the status bar share.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from civic.jalali import TEHRAN
from client_api import MunicipalClient
from client_api.actions import PreparedAction
from client_api.drafts import Drafts
from client_api.local_db import LocalDatabase, profile_db_path
from client_api.outbox import Outbox, OutboxCounts, OutboxEntry, State
from client_api.sender import Connection, OutboxSender, SenderEvent
from desktop.tasks import TaskRunner

log = logging.getLogger(__name__)

BATCH_MS = 250
ROWS_PER_TAB = 300
STOP_WAIT_S = 20.0

QUEUED_TAB, IN_DOUBT_TAB, REJECTED_TAB, DONE_TODAY_TAB = "queued", "in_doubt", "rejected", "done_today"
TABS = (QUEUED_TAB, IN_DOUBT_TAB, REJECTED_TAB, DONE_TODAY_TAB)


@dataclass(frozen=True)
class OutboxSnapshot:
    counts: OutboxCounts
    done_today: int
    defects: int
    entries: dict[str, list[OutboxEntry]] = field(default_factory=dict)


def open_profile_database(data_dir: Path, office_code: str, username: str) -> LocalDatabase:
    """For an op (disk work): the operator's local database, created or brought up to date."""
    return LocalDatabase(profile_db_path(data_dir, office_code, username)).open()


def start_of_today() -> float:
    """The Unix time at which today began on Tehran's wall clock ("done today")."""
    now = dt.datetime.now(TEHRAN)
    return now.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def read_snapshot(outbox: Outbox) -> OutboxSnapshot:
    since = start_of_today()
    counts = outbox.counts(finished_since=since)
    entries = {
        QUEUED_TAB: outbox.entries((State.QUEUED, State.SENDING), limit=ROWS_PER_TAB),
        IN_DOUBT_TAB: outbox.entries((State.IN_DOUBT,), limit=ROWS_PER_TAB),
        REJECTED_TAB: outbox.entries((State.REJECTED,), limit=ROWS_PER_TAB),
        DONE_TODAY_TAB: outbox.entries((State.DONE,), finished_since=since, limit=ROWS_PER_TAB),
    }
    defects = sum(entry.defect for entry in entries[REJECTED_TAB])
    return OutboxSnapshot(counts, counts.done, defects, entries)


@dataclass
class _Session:
    """One signed-in operator's outbox: made and started by an op, used by the service on the UI thread."""

    generation: int
    outbox: Outbox
    drafts: Drafts
    sender: OutboxSender


class OutboxService(QObject):
    """The outbox of whoever is signed in. One per window, for the window's life; `open` on sign-in and `close` on
    sign-out bind it to an operator's database and start or stop the sender."""

    snapshot_ready = Signal(object)  # OutboxSnapshot, batched
    connection_changed = Signal(str)  # a client_api.sender.Connection value
    opened = Signal()
    _sender_event = Signal(int, object)  # emitted on the sender's thread; Qt queues it to this object's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._local = TaskRunner(self, max_threads=1)
        self._session: _Session | None = None
        self._generation = 0
        self._sender_event.connect(self._on_sender_event)
        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.setInterval(BATCH_MS)
        self._batch.timeout.connect(self._read)
        self._reading = False
        self._again = False
        self.last: OutboxSnapshot | None = None

    # -- life -----------------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self._session is not None

    @property
    def connection(self) -> Connection | None:
        return self._session.sender.connection if self._session is not None else None

    @property
    def busy(self) -> bool:
        return self._local.busy

    def open(
        self,
        data_dir: Path,
        client: MunicipalClient,
        office_code: str,
        username: str,
        on_failed: Callable[[BaseException], None],
    ) -> None:
        """Open the operator's local database, recover what a crash left in flight and start sending (disk work:
        an op). `opened` is emitted once it is ready."""
        self._generation += 1
        generation = self._generation

        def listener(event: SenderEvent) -> None:  # on the sender's thread
            self._sender_event.emit(generation, event)

        def op() -> _Session:
            db = open_profile_database(data_dir, office_code, username)
            outbox = Outbox(db, client.root)
            sender = OutboxSender(outbox, client, listener=listener)
            sender.start()
            return _Session(generation, outbox, Drafts(db), sender)

        self._local.run(op, self._opened, on_failed, owner=self)

    def _opened(self, session: _Session) -> None:
        if session.generation != self._generation:  # signed out (or in again) meanwhile
            session.sender.request_stop()
            return
        self._session = session
        self.opened.emit()
        self.connection_changed.emit(session.sender.connection.value)
        self.refresh()

    def close(self, then: Callable[[], None] | None = None) -> None:
        """Stop sending after the attempt in flight; `then` runs on the UI thread once the sender has stopped."""
        self._generation += 1
        session, self._session = self._session, None
        self._batch.stop()
        self.last = None
        if session is None:
            if then is not None:
                then()
            return
        session.sender.request_stop()

        def finished(_: object = None) -> None:
            if then is not None:
                then()

        self._local.run(lambda: session.sender.stop(STOP_WAIT_S), finished, lambda _: finished(), owner=self)

    # -- what pages ask -------------------------------------------------------------------------------

    def confirm(
        self,
        action: PreparedAction,
        on_queued: Callable[[OutboxEntry], None],
        on_failed: Callable[[BaseException], None],
        *,
        draft_form: str | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Record a confirmed action (its key is made now, once) and clear its form's draft; then send it."""
        session = self._session
        if session is None:
            on_failed(RuntimeError("no operator is signed in"))
            return

        def queued(entry: OutboxEntry) -> None:
            session.sender.wake()
            self.refresh()
            on_queued(entry)

        self._local.run(lambda: session.outbox.enqueue(action, draft_form=draft_form), queued, on_failed, owner=owner)

    def save_draft(
        self,
        form: str,
        content: dict[str, Any],
        on_saved: Callable[[], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Write the draft off the UI thread; `on_saved` / `on_failed` say how it went, on the UI thread."""
        session = self._session
        if session is None:
            return

        def failed(exc: BaseException) -> None:
            self._log_failure(exc)
            if on_failed is not None:
                on_failed(exc)

        self._local.run(
            lambda: session.drafts.save(form, content),
            lambda _: on_saved() if on_saved is not None else None,
            failed,
            owner=owner or self,
        )

    def load_draft(self, form: str, on_loaded: Callable[[dict[str, Any] | None], None], owner: QObject) -> None:
        session = self._session
        if session is not None:
            self._local.run(lambda: session.drafts.load(form), on_loaded, self._log_failure, owner=owner)

    def retry_now(self) -> None:
        """The operator asks: leave any pause and try the waiting actions now (same keys, nothing new)."""
        if self._session is not None:
            self._session.sender.resume()

    def resume_if_offline(self) -> None:
        """The server answered a health check: no need to wait for the sender's own next probe."""
        if self._session is not None and self._session.sender.connection is Connection.OFFLINE:
            self._session.sender.resume()

    def refresh(self) -> None:
        """Re-read the outbox soon (batched)."""
        if self._session is not None and not self._batch.isActive():
            self._batch.start()

    # -- internals ------------------------------------------------------------------------------------

    def _on_sender_event(self, generation: int, event: SenderEvent) -> None:
        if self._session is None or generation != self._session.generation:
            return
        if event.entry_id is None:
            self.connection_changed.emit(event.connection.value)
        self.refresh()

    def _read(self) -> None:
        session = self._session
        if session is None:
            return
        if self._reading:  # one read at a time; changes meanwhile get one more read after it
            self._again = True
            return
        self._reading = True
        generation = session.generation

        def read() -> tuple[int, OutboxSnapshot]:
            return generation, read_snapshot(session.outbox)

        self._local.run(read, self._snapshot_read, self._read_failed, owner=self)

    def _snapshot_read(self, result: tuple[int, OutboxSnapshot]) -> None:
        self._reading = False
        generation, snapshot = result
        if self._session is not None and generation == self._session.generation:
            self.last = snapshot
            self.snapshot_ready.emit(snapshot)
        if self._again:
            self._again = False
            self.refresh()

    def _read_failed(self, exc: BaseException) -> None:
        self._reading = False
        self._log_failure(exc)

    @staticmethod
    def _log_failure(exc: BaseException) -> None:
        log.error("outbox: local database work failed", exc_info=exc)

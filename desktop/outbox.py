"""The operator's outbox inside the application: local database, sender thread, and what the pages read.

Threading (in addition to desktop/tasks.py):
- The local database is touched only by ops on the service's own one-thread runner, so writes happen in the order
  the operator made them: an autosaved draft queued before a confirm is written before it, and the confirm clears
  the draft in the same transaction as it records the action.
- The sender runs on its own thread with its own HTTP session (client_api/sender.py). Its events reach the UI thread
  through a queued signal and are batched: at most one re-read of the outbox per `BATCH_MS`, whose result
  (`OutboxSnapshot`: counts only, never rows) every page and the status bar share. A list reads the rows of the one
  tab it shows, a page at a time, with `fetch_rows`.

Local data that cannot vanish (client_api/profile.py, client_api/salvage.py): `open` locks the operator's profile
(a second copy of the application for the same operator is refused: `ProfileInUseError`), and a damaged or missing
database is set aside and what can be read is recovered; `damage_found` then carries the operator's sentence
(desktop/local_data.py), and `backup_offer` the time of a sound backup the operator may restore (`restore_backup`).
`close` keeps a backup of the sound database and releases the profile.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from civic.jalali import TEHRAN
from client_api.actions import PreparedAction
from client_api.drafts import Drafts
from client_api.journal import Journal, JournalIdentity
from client_api.local_db import LocalDatabase, LocalDatabaseError, profile_db_path
from client_api.outbox import FINAL_STATES, Outbox, OutboxCounts, OutboxEntry, State
from client_api.profile import Profile, ProfileInUseError, open_profile
from client_api.salvage import Salvage, restore_backup
from client_api.sender import Connection, OutboxSender, SenderEvent
from desktop import local_data
from desktop.tasks import TaskRunner

if TYPE_CHECKING:
    from client_api import MunicipalClient

log = logging.getLogger(__name__)

BATCH_MS = 250
STOP_WAIT_S = 20.0

QUEUED_TAB, IN_DOUBT_TAB, REJECTED_TAB, DONE_TODAY_TAB = "queued", "in_doubt", "rejected", "done_today"
TABS = (QUEUED_TAB, IN_DOUBT_TAB, REJECTED_TAB, DONE_TODAY_TAB)
# the rows each tab lists (of every API address); "done today" keeps only rows finished since the day began
TAB_STATES: dict[str, tuple[State, ...]] = {
    QUEUED_TAB: (State.QUEUED, State.SENDING),
    IN_DOUBT_TAB: (State.IN_DOUBT,),
    REJECTED_TAB: (State.REJECTED, State.NOT_SENT),
    DONE_TODAY_TAB: (State.DONE,),
}


@dataclass(frozen=True)
class OutboxSnapshot:
    """What the status bar and the pages share: counts only (a list fetches its own rows)."""

    counts: OutboxCounts
    done_today: int
    defects: int
    tabs: dict[str, int] = field(default_factory=dict)  # tab → how many rows it lists


def open_profile_database(data_dir: Path, office_code: str, username: str) -> LocalDatabase:
    """For an op (disk work): the operator's local database, created or brought up to date (no lock, no salvage:
    tools; the application opens it with `client_api.profile.open_profile`)."""
    return LocalDatabase(profile_db_path(data_dir, office_code, username)).open()


def _end(session: _Session) -> None:
    """For an op: stop the sender (after the attempt in flight), keep a backup of the sound database and release
    the profile; a sender that will not stop keeps the profile locked (its thread still uses it)."""
    stopped = session.sender.stop(STOP_WAIT_S)
    if session.profile is not None and stopped:
        session.profile.close()


def start_of_today() -> float:
    """The Unix time at which today began on Tehran's wall clock ("done today")."""
    now = dt.datetime.now(TEHRAN)
    return now.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def _tab_since(tab: str) -> float | None:
    return start_of_today() if tab == DONE_TODAY_TAB else None


def read_snapshot(outbox: Outbox) -> OutboxSnapshot:
    """For an op: the counts of the outbox (no rows)."""
    counts = outbox.counts(finished_since=start_of_today())
    tabs = {tab: outbox.count_entries(TAB_STATES[tab], finished_since=_tab_since(tab)) for tab in TABS}
    defects = outbox.count_entries((State.REJECTED,), defect=True)
    return OutboxSnapshot(counts, counts.done, defects, tabs)


def read_tab(outbox: Outbox, tab: str, offset: int, limit: int) -> tuple[list[OutboxEntry], int]:
    """For an op: one page of a tab's rows, newest first, and how many rows the tab lists in all."""
    since = _tab_since(tab)
    rows = outbox.entries(TAB_STATES[tab], finished_since=since, limit=limit, offset=offset)
    return rows, outbox.count_entries(TAB_STATES[tab], finished_since=since)


@dataclass
class _Session:
    """One signed-in operator's outbox: made and started by an op, used by the service on the UI thread."""

    generation: int
    outbox: Outbox
    drafts: Drafts
    sender: OutboxSender
    profile: Profile | None = None  # the lock held and what was found at open (None: opened without one)


class _SenderRelay(QObject):
    """Carries the sender thread's events to the service, on the UI thread. A relay has no parent and `_relays` keeps
    every one made for the life of the process (one a window): a sender thread that outlives its window, even one
    inside `emit` (which lets go of the interpreter) while the window is deleted, never sends on a deleted object nor
    lets go of one last. The service's end cuts the connection."""

    arrived = Signal(int, object)


_relays: list[_SenderRelay] = []


class OutboxService(QObject):
    """The outbox of whoever is signed in. One per window, for the window's life; `open` on sign-in and `close` on
    sign-out bind it to an operator's database and start or stop the sender."""

    snapshot_ready = Signal(object)  # OutboxSnapshot, batched
    connection_changed = Signal(str)  # a client_api.sender.Connection value
    opened = Signal()
    # per action, for a page that waits for one answer (compare the id with the entry `confirm` gave it):
    action_changed = Signal(int, str)  # outbox id, its new State value: after every attempt, before any re-read
    action_settled = Signal(object)  # OutboxEntry, read once it is final (done, rejected, or not_sent: its chain
    #                                  stopped at an earlier step, which is announced first)
    damage_found = Signal(str)  # the operator's sentence: the local database was damaged, missing, or unusable

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._local = TaskRunner(self, max_threads=1)
        self._session: _Session | None = None
        self._generation = 0
        self._relay = _SenderRelay()
        _relays.append(self._relay)
        self._relay.arrived.connect(self._on_sender_event)
        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.setInterval(BATCH_MS)
        self._batch.timeout.connect(self._read)
        self._reading = False
        self._again = False
        self.last: OutboxSnapshot | None = None
        self.damage_text: str | None = None  # the last `damage_found` sentence of this sign-in
        self.backup_offer: float | None = None  # when the backup the operator may restore was written
        self._journal_slot: list[Journal] = []  # the signed-in operator's journal, once its database is open

    def _listener(self, generation: int) -> Callable[[SenderEvent], None]:
        """The sender's listener, called on the sender's thread. It holds the relay, never the service: a sender
        that outlives the service (its stop timed out) must not be the last to let go of it, or the service, its
        timer and its runner would be freed on the sender's thread (Qt objects belong to the thread that made
        them). The relay lives as long as the process (`_relays`): letting go of it frees nothing."""
        relay = self._relay

        def listener(event: SenderEvent) -> None:
            # Qt queues it to the UI thread; once the service is gone, nobody listens
            relay.arrived.emit(generation, event)

        return listener

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
        journal_identity: JournalIdentity | None = None,
    ) -> None:
        """Open the operator's local database, recover what a crash left in flight and start sending (disk work:
        an op). `opened` is emitted once it is ready. `journal_identity`: the operator's journal is written with it
        (every confirmed action gets its entry; `record_journal`)."""
        self._generation += 1
        generation = self._generation
        journal_slot: list[Journal] = []
        self._journal_slot = journal_slot

        listener = self._listener(generation)
        self.damage_text = None
        self.backup_offer = None

        def op() -> _Session:
            profile = open_profile(data_dir, office_code, username)
            db = profile.db
            journal = Journal(db, journal_identity) if journal_identity is not None else None
            journal_slot.extend([journal] if journal is not None else [])
            outbox = Outbox(db, client.root, journal=journal)
            sender = OutboxSender(outbox, client, listener=listener)
            try:
                sender.start(confirm_keys=profile.salvage.recovered.sent_keys if profile.salvage else ())
            except BaseException:
                profile.close(backup=False)
                raise
            return _Session(generation, outbox, Drafts(db), sender, profile)

        def failed(exc: BaseException) -> None:
            if generation == self._generation and isinstance(exc, LocalDatabaseError):
                if not isinstance(exc, ProfileInUseError):
                    self._announce_damage(local_data.problem_sentence(exc), None)
            on_failed(exc)

        self._local.run(op, self._opened, failed, owner=self)

    def _opened(self, session: _Session) -> None:
        if session.generation != self._generation:  # signed out (or in again) meanwhile
            session.sender.request_stop()
            self._local.run(lambda: _end(session), lambda _: None, self._log_failure, owner=self)
            return
        self._session = session
        salvaged = session.profile.salvage if session.profile is not None else None
        if salvaged is not None:
            self._announce_damage(local_data.damage_sentence(salvaged), salvaged)
        self.opened.emit()
        self.connection_changed.emit(session.sender.connection.value)
        self.refresh()

    def close(self, then: Callable[[], None] | None = None) -> None:
        """Stop sending after the attempt in flight; `then` runs on the UI thread once the sender has stopped."""
        self._generation += 1
        self._journal_slot = []
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

        self._local.run(lambda: _end(session), finished, lambda _: finished(), owner=self)

    # -- a damaged database ----------------------------------------------------------------------------

    def _announce_damage(self, text: str, salvaged: Salvage | None) -> None:
        self.damage_text = text
        self.backup_offer = salvaged.backup_at if salvaged is not None and salvaged.backup is not None else None
        self.damage_found.emit(text)

    def keep_recovered(self) -> None:
        """The operator keeps working with what was recovered: the backup is no longer offered."""
        self.backup_offer = None
        self.damage_text = None

    def restore_backup(self, on_failed: Callable[[BaseException], None]) -> None:
        """The operator chose the backup: stop sending, put the backup in place of the current file (set aside; its
        actions the backup lacks are merged in), then send again. `damage_found` says how it went."""
        session = self._session
        if session is None or session.profile is None or self.backup_offer is None:
            on_failed(RuntimeError("no backup is offered"))
            return
        profile = session.profile
        self._generation += 1
        generation = self._generation
        self._session = None
        self._batch.stop()
        session.sender.request_stop()
        transport = session.sender.transport
        journal = session.outbox.journal

        listener = self._listener(generation)

        def op() -> tuple[_Session, float | BaseException]:
            if not session.sender.stop(STOP_WAIT_S):
                raise RuntimeError("the sender did not stop")
            outcome: float | BaseException
            try:
                db, restored = restore_backup(profile.db.path)
                outcome, keys = restored.backup_at, restored.waiting_keys
            except Exception as exc:  # the backup was not put in place: go on with the file as it is
                log.error("the backup could not be restored", exc_info=exc)
                db, outcome, keys = LocalDatabase(profile.db.path).open(), exc, ()
            if journal is not None:
                journal.db = db
            profile.db, profile.salvage = db, None
            outbox = Outbox(db, session.outbox.api_root, journal=journal)
            sender = OutboxSender(outbox, transport, listener=listener)
            sender.start(confirm_keys=keys)
            return _Session(generation, outbox, Drafts(db), sender, profile), outcome

        def restored(result: tuple[_Session, float | BaseException]) -> None:
            new, outcome = result
            self._opened(new)
            if isinstance(outcome, BaseException):
                on_failed(outcome)
            elif new.generation == self._generation:
                self._announce_damage(local_data.restored_sentence(outcome), None)

        self._local.run(op, restored, on_failed, owner=self)

    # -- what pages ask -------------------------------------------------------------------------------

    def record_journal(
        self, kind: str, details: Mapping[str, str | int], on_failed: Callable[[BaseException], None]
    ) -> None:
        """Append an entry to the operator's journal (desktop/journaling.py calls it), on the thread of every other
        local database op, after those queued before it: an entry recorded right after `open`, or right before
        `close`, is written while the database is open."""
        slot = self._journal_slot

        def op() -> None:
            if not slot:
                raise RuntimeError("the operator's journal is not open")
            slot[0].append(kind, details)

        self._local.run(op, lambda _: None, on_failed, owner=self)

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

    def confirm_chain(
        self,
        actions: Sequence[PreparedAction],
        on_queued: Callable[[list[OutboxEntry]], None],
        on_failed: Callable[[BaseException], None],
        *,
        draft_form: str | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Record confirmed actions as one chain, sent in this order (a step only once the one before is done; a
        refused step leaves the rest `not_sent`), all with the form's draft cleared in one transaction."""
        session = self._session
        if session is None:
            on_failed(RuntimeError("no operator is signed in"))
            return
        chain = list(actions)

        def queued(entries: list[OutboxEntry]) -> None:
            session.sender.wake()
            self.refresh()
            on_queued(entries)

        self._local.run(
            lambda: session.outbox.enqueue_chain(chain, draft_form=draft_form), queued, on_failed, owner=owner
        )

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

    def fetch_rows(
        self,
        tab: str,
        offset: int,
        limit: int,
        on_rows: Callable[[tuple[list[OutboxEntry], int]], None],
        on_failed: Callable[[BaseException], None],
        owner: QObject | None = None,
    ) -> None:
        """Read one page of a tab's rows off the UI thread (on the same thread as every other local database op);
        `on_rows((rows, total))` gets them on the UI thread."""
        if tab not in TAB_STATES:
            raise ValueError(f"unknown outbox tab {tab!r}")
        session = self._session
        if session is None:
            on_failed(RuntimeError("no operator is signed in"))
            return
        self._local.run(lambda: read_tab(session.outbox, tab, offset, limit), on_rows, on_failed, owner=owner)

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

    @Slot(int, object)
    def _on_sender_event(self, generation: int, event: SenderEvent) -> None:
        if self._session is None or generation != self._session.generation:
            return
        if event.entry_id is None:
            self.connection_changed.emit(event.connection.value)
        elif event.state is not None:
            self.action_changed.emit(event.entry_id, event.state.value)
            if event.state in FINAL_STATES:
                self._announce_settled(event.entry_id)
        self.refresh()

    def _announce_settled(self, entry_id: int) -> None:
        """Read the finished action, and the steps its refusal stopped, then emit `action_settled` for each."""
        session = self._session
        if session is None:
            return
        generation = session.generation

        def read() -> list[OutboxEntry]:
            chain = session.outbox.chain_of(entry_id)
            settled = [entry for entry in chain if entry.id == entry_id]
            if settled and settled[0].state is State.REJECTED:
                step = settled[0].chain_step
                settled += [e for e in chain if e.state is State.NOT_SENT and e.blocked_by_step == step]
            return settled

        def announce(entries: list[OutboxEntry]) -> None:
            if self._session is None or self._session.generation != generation:
                return
            for entry in entries:
                if entry.id != entry_id:
                    self.action_changed.emit(entry.id, entry.state.value)
                self.action_settled.emit(entry)

        self._local.run(read, announce, self._log_failure, owner=self)

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

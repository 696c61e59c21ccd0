"""What the inquiries list shows: the office's inquiries as the server pages them, and before them the inquiries
confirmed on this computer that the server does not have yet (still in the outbox: «در صف ارسال»).

The loader reads the outbox's waiting rows on the outbox's own database thread, then the server's page on a worker
thread (never the UI thread), and joins them: waiting rows first on the first page, unless the server already lists
the same id (an action in doubt that was in fact applied).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from civic.jalali import format_jalali_datetime
from client_api import inquiries as api
from client_api.actions import INQUIRY_SEND
from client_api.inquiries import Inquiry, Party
from client_api.outbox import OutboxEntry
from desktop.formatting import current_language, ltr
from desktop.outbox import IN_DOUBT_TAB, QUEUED_TAB
from desktop.ui.inquiry_texts import WAITING, status_name, type_name, utility_name
from desktop.widgets.lists import Column, PageQuery, PageResult

if TYPE_CHECKING:
    from desktop.session import Session

WAITING_ROWS = 200  # how many waiting actions are read from each outbox tab
ALL, PENDING, ANSWERED = "", "pending", "answered"


@dataclass(frozen=True)
class ListedInquiry:
    id: str
    number: str  # "" while waiting in the outbox
    type: str
    utility: str | None
    parcel: str  # renovation code or plate
    parties: tuple[Party, ...]
    status: str  # waiting, pending or answered
    created_at: dt.datetime
    inquiry: Inquiry | None = None  # as the server has it
    entry: OutboxEntry | None = None  # the outbox action, while waiting

    @property
    def type_text(self) -> str:
        if self.utility:
            return f"{type_name(self.type)} ({utility_name(self.utility)})"
        return type_name(self.type)

    @classmethod
    def from_inquiry(cls, item: Inquiry) -> ListedInquiry:
        parcel = item.renovation_code or item.plate or ""
        return cls(item.id, item.number, item.type, item.utility, parcel, item.parties, item.status,
                   item.created_at, inquiry=item)  # fmt: skip

    @classmethod
    def from_entry(cls, entry: OutboxEntry) -> ListedInquiry | None:
        """An inquiry waiting in the outbox, read from the exact body it will send."""
        try:
            body = json.loads(entry.body)
            inquiry_id = str(uuid.UUID(entry.path.rstrip("/").rsplit("/", 1)[-1]))
            parties = tuple(Party.from_json(p) for p in body.get("parties") or [])
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        parcel = str(body.get("renovation_code") or body.get("plate") or "")
        created = dt.datetime.fromtimestamp(entry.created_at, dt.UTC)
        utility = body.get("utility")
        return cls(inquiry_id, "", str(body.get("type", "")), utility if isinstance(utility, str) else None, parcel,
                   parties, WAITING, created, entry=entry)  # fmt: skip


def _when(stamp: dt.datetime) -> str:
    return format_jalali_datetime(stamp, persian_digits=current_language() == "fa")


def party_names(parties: tuple[Party, ...]) -> str:
    separator = "، " if current_language() == "fa" else ", "
    return separator.join(p.name for p in parties)


def inquiry_columns() -> tuple[Column[ListedInquiry], ...]:
    return (
        Column(
            "number",
            lambda: QCoreApplication.translate("InquiriesPage", "شماره استعلام"),
            lambda r: r.number,
            text=lambda r: ltr(r.number) if r.number else "—",
        ),
        Column("type", lambda: QCoreApplication.translate("InquiriesPage", "نوع"), lambda r: r.type_text),
        Column(
            "parcel",
            lambda: QCoreApplication.translate("InquiriesPage", "ملک"),
            lambda r: r.parcel,
            text=lambda r: ltr(r.parcel),
        ),
        Column(
            "parties",
            lambda: QCoreApplication.translate("InquiriesPage", "طرفین"),
            lambda r: party_names(r.parties),
            stretch=True,
        ),
        Column("status", lambda: QCoreApplication.translate("InquiriesPage", "وضعیت"), lambda r: status_name(r.status)),
        Column(
            "created",
            lambda: QCoreApplication.translate("InquiriesPage", "زمان ثبت"),
            lambda r: r.created_at.timestamp(),
            text=lambda r: _when(r.created_at),
        ),
    )


def fetch_server_page(client: Any, status: str, page: int, page_size: int) -> tuple[list[ListedInquiry], int]:
    """For an op: one page of the office's inquiries (page from 0)."""
    answer = api.inquiries(client, status=status or None, page=page + 1, page_size=page_size)
    return [ListedInquiry.from_inquiry(item) for item in answer.items], answer.total


def inquiry_loader(session: Session, server_failed: Callable[[BaseException], None]) -> Callable[..., None]:
    """The list's loader: waiting outbox rows (outbox thread), then the server's page (a worker thread). When the
    server cannot be read but inquiries wait in the outbox, those are listed and `server_failed` is told why."""

    def load(
        query: PageQuery,
        on_page: Callable[[PageResult], None],
        on_failed: Callable[[BaseException], None],
        owner: QObject,
    ) -> None:
        status = str(query.filters.get("status") or "")
        waiting: list[ListedInquiry] = []

        def server() -> None:
            client = session.client
            session.tasks.run(
                lambda: fetch_server_page(client, status, query.page, query.page_size),
                joined,
                unreachable,
                owner=owner,
            )

        def unreachable(exc: BaseException) -> None:
            if not waiting or query.page != 0:
                on_failed(exc)
                return
            server_failed(exc)
            on_page(PageResult(list(waiting), len(waiting)))

        def joined(answer: tuple[list[ListedInquiry], int]) -> None:
            rows, total = answer
            known = {row.id for row in rows}
            extra = [row for row in waiting if row.id not in known] if query.page == 0 else []
            on_page(PageResult(extra + rows, total + len(extra)))

        def collect(tabs: list[str]) -> Callable[[tuple[list[OutboxEntry], int]], None]:
            def got(answer: tuple[list[OutboxEntry], int]) -> None:
                for entry in answer[0]:
                    if entry.kind == INQUIRY_SEND:
                        row = ListedInquiry.from_entry(entry)
                        if row is not None:
                            waiting.append(row)
                if tabs:
                    session.outbox.fetch_rows(tabs[0], 0, WAITING_ROWS, collect(tabs[1:]), on_failed, owner)
                else:
                    server()

            return got

        if status == ANSWERED or not session.outbox.active:
            server()
        else:
            session.outbox.fetch_rows(QUEUED_TAB, 0, WAITING_ROWS, collect([IN_DOUBT_TAB]), on_failed, owner)

    return load

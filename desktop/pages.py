"""Pages of the workspace: what each declares, the base class, and the catalogue the main window reads.

A page declares an id, its title (Persian source, English through Qt's translation), a navigation group, an icon,
the roles that may see it and a keyboard shortcut. The window builds the navigation from `PAGES`, filtered by the
signed-in operator's roles, and makes a page only when it is first shown: the module of a page is imported then,
not at start-up.

A page is made for one `Session` and thrown away with it. It may override:
- `open_with(**context)`: `MainWindow.show_page(id, **context)` passes what a link, a test or the screenshots want
  shown (a renovation code, a tab, a case);
- `has_unsaved_changes()` and `discard_changes()`: the window asks before leaving a page with unsaved work;
- `session_ending()`: called before sign-out or closing, while the outbox is still open, to flush drafts;
- `submit()`, `cancel()`, `print_document()`: what Ctrl+Enter, Esc and Ctrl+P do on this page.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from desktop.session import CASHIER, COUNTER, NOTARY, Session


class Page(QWidget):
    """The base of every workspace page."""

    # a link to another page: (page id, context for its `open_with`); the window shows it
    show_page_requested = Signal(str, dict)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def hasHeightForWidth(self) -> bool:
        """No: the pages share one stack (the workspace's), and a stack whose pages have a height for their width
        asks every page for it, shown or not, whenever a label of the shown page changes its text and the window
        lays itself out again: each word-wrapped label of every page opened that day shaped its text again, on
        every key typed into the fee page. A page is as tall as the stack makes it; inside, its own layout still
        gives each wrapped label the height its width needs."""
        return False

    def open_with(self, **context: Any) -> None:
        """Show what `context` names; a page that takes no context ignores it."""

    def has_unsaved_changes(self) -> bool:
        return False

    def discard_changes(self) -> None:
        """The operator chose to leave without keeping the unsaved work."""

    def session_ending(self) -> None:
        """Flush what must outlive the session (drafts); the outbox is still open."""

    def submit(self) -> bool:
        """Ctrl+Enter: the page's main action. False when the page has none."""
        return False

    def cancel(self) -> bool:
        """Esc: step back from a confirmation or clear a search. False when there is nothing to cancel."""
        return False

    def print_document(self) -> bool:
        """Ctrl+P: print what the page shows. False when the page prints nothing."""
        return False


# navigation groups, in order
DESK, COUNTER_WORK, CASHIER_WORK, NOTARY_WORK, OFFICE = "desk", "counter", "cashier", "notary", "office"
GROUPS = (DESK, COUNTER_WORK, CASHIER_WORK, NOTARY_WORK, OFFICE)


def group_title(group: str) -> str:
    titles = {
        DESK: QCoreApplication.translate("Pages", "میز کار"),
        COUNTER_WORK: QCoreApplication.translate("Pages", "پیشخوان"),
        CASHIER_WORK: QCoreApplication.translate("Pages", "صندوق"),
        NOTARY_WORK: QCoreApplication.translate("Pages", "دفترخانه"),
        OFFICE: QCoreApplication.translate("Pages", "دفتر"),
    }
    return titles.get(group, group)


@dataclass(frozen=True)
class PageSpec:
    id: str
    title: Callable[[], str]  # translated when called, so the language in force is used
    group: str
    icon: str  # a file name under resources/icons/, without ".svg"
    roles: frozenset[str] | None  # None: every signed-in operator
    target: str  # "module:Class", imported on first show
    shortcut: str = ""

    @property
    def module(self) -> str:
        return self.target.split(":")[0]

    def page_class(self) -> type[Page]:
        module_name, class_name = self.target.split(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        if not (isinstance(cls, type) and issubclass(cls, Page)):
            raise TypeError(f"{self.target} is not a Page")
        return cls

    def create(self, session: Session, parent: QWidget | None = None) -> Page:
        page = self.page_class()(session, parent)
        page.setObjectName(f"page-{self.id}")
        return page


EVERYONE = None
PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "home",
        lambda: QCoreApplication.translate("Pages", "میز امروز"),
        DESK,
        "home",
        EVERYONE,
        "desktop.ui.home_page:HomePage",
        "Ctrl+1",
    ),
    PageSpec(
        "fees",
        lambda: QCoreApplication.translate("Pages", "پیش‌نمایش عوارض"),
        COUNTER_WORK,
        "calculator",
        frozenset({COUNTER, CASHIER}),
        "desktop.ui.fee_preview_page:FeePreviewPage",
        "Ctrl+2",
    ),
    PageSpec(
        "parcel",
        lambda: QCoreApplication.translate("Pages", "ضوابط ملک"),
        COUNTER_WORK,
        "parcel",
        frozenset({COUNTER}),
        "desktop.ui.parcel_page:ParcelPage",
        "Ctrl+3",
    ),
    PageSpec(
        "permit",
        lambda: QCoreApplication.translate("Pages", "درخواست پروانه ساختمانی"),
        COUNTER_WORK,
        "permit",
        frozenset({COUNTER}),
        "desktop.ui.permit_wizard_page:PermitWizardPage",
        "Ctrl+4",
    ),
    PageSpec(
        "requests",
        lambda: QCoreApplication.translate("Pages", "پیگیری درخواست‌ها"),
        COUNTER_WORK,
        "requests",
        frozenset({COUNTER}),
        "desktop.ui.permit_requests_page:PermitRequestsPage",
        "Ctrl+5",
    ),
    PageSpec(
        "cashier",
        lambda: QCoreApplication.translate("Pages", "صندوق"),
        CASHIER_WORK,
        "cashier",
        frozenset({CASHIER}),
        "desktop.ui.cashier_page:CashierPage",
        "F2",
    ),
    PageSpec(
        "day-close",
        lambda: QCoreApplication.translate("Pages", "بستن صندوق"),
        CASHIER_WORK,
        "day-close",
        frozenset({CASHIER}),
        "desktop.ui.day_close_page:DayClosePage",
        "F3",
    ),
    PageSpec(
        "inquiry",
        lambda: QCoreApplication.translate("Pages", "استعلام جدید"),
        NOTARY_WORK,
        "inquiry",
        frozenset({NOTARY}),
        "desktop.ui.inquiry_form_page:InquiryFormPage",
        "Ctrl+2",
    ),
    PageSpec(
        "inquiries",
        lambda: QCoreApplication.translate("Pages", "استعلام‌ها"),
        NOTARY_WORK,
        "inquiries",
        frozenset({NOTARY}),
        "desktop.ui.inquiries_page:InquiriesPage",
        "Ctrl+3",
    ),
    PageSpec(
        "verify",
        lambda: QCoreApplication.translate("Pages", "بررسی اصالت سند"),
        OFFICE,
        "verify",
        EVERYONE,
        "desktop.ui.verify_page:VerifyPage",
        "Ctrl+6",
    ),
    PageSpec(
        "notes",
        lambda: QCoreApplication.translate("Pages", "یادداشت تحویل نوبت"),
        OFFICE,
        "notes",
        EVERYONE,
        "desktop.ui.notes_page:NotesPage",
        "Ctrl+7",
    ),
    PageSpec(
        "outbox",
        lambda: QCoreApplication.translate("Pages", "صف ارسال"),
        OFFICE,
        "outbox",
        EVERYONE,
        "desktop.ui.outbox_page:OutboxPage",
        "Ctrl+8",
    ),
    PageSpec(
        "settings",
        lambda: QCoreApplication.translate("Pages", "تنظیمات"),
        OFFICE,
        "settings",
        EVERYONE,
        "desktop.ui.settings_page:SettingsPage",
        "Ctrl+9",
    ),
)


def page_spec(page_id: str) -> PageSpec:
    for spec in PAGES:
        if spec.id == page_id:
            return spec
    raise KeyError(page_id)


def pages_for(session: Session) -> list[PageSpec]:
    """The pages this operator may see, in navigation order (group, then declaration)."""
    visible = [spec for spec in PAGES if session.has_any_role(spec.roles)]
    return sorted(visible, key=lambda spec: GROUPS.index(spec.group))

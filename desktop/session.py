"""The signed-in session: everything a page needs, handed to it when it is made. No page reaches for globals.

A `Session` lives from a successful sign-in to sign-out (or the session ending on the server). Pages are made
for one session and are thrown away with it: the next operator gets fresh pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.idle_lock import PasswordVerifier
from desktop.settings import Settings, save_settings
from desktop.tasks import TaskRunner

if TYPE_CHECKING:
    from client_api import Health, MunicipalClient, Operator
    from desktop.outbox import OutboxService
    from desktop.print_service import PrintResult, PrintService
    from printing import Rendered

# the roles the server grants (GET /me); every page declares which of them may see it
COUNTER, CASHIER, NOTARY = "counter", "cashier", "notary"
ROLES = (COUNTER, CASHIER, NOTARY)


@dataclass
class Session:
    operator: Operator
    client: MunicipalClient
    health: Health
    tasks: TaskRunner
    outbox: OutboxService
    settings: Settings
    config_dir: Path
    language: str
    signed_in_at: dt.datetime
    keyring_warning: str | None = None
    training: bool = False
    # the offline unlock check, made at sign-in from the password typed; in memory only (desktop/idle_lock.py)
    password_verifier: PasswordVerifier | None = field(default=None, repr=False, compare=False)
    _print_service: PrintService | None = field(default=None, repr=False)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(self.operator.roles)

    def has_any_role(self, roles: frozenset[str] | None) -> bool:
        """`roles` None: a page for everyone."""
        return roles is None or bool(self.roles & roles)

    @property
    def print_service(self) -> PrintService:
        """Made on first use: it loads the printing modules, which the sign-in page never needs."""
        if self._print_service is None:
            from desktop.print_service import PrintService

            self._print_service = PrintService(self.settings, self.config_dir)
            self._print_service.on_printed = self._journal_print
        return self._print_service

    def _journal_print(self, doc: Rendered, result: PrintResult) -> None:
        from desktop import journaling

        journaling.record(
            self,
            journaling.REPRINT if doc.reprint else journaling.PRINT,
            number=doc.number,
            document=doc.kind,
            printer=result.printer,
            pages=result.pages,
            archived=result.archived.name,
        )

    def save_settings(self) -> None:
        """Write the settings file (a few hundred bytes: fast enough for the UI thread)."""
        save_settings(self.config_dir, self.settings)

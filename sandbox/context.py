"""What every request handler reaches through `request.app.state`: settings, database, idempotency store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from sandbox.db import Database
from sandbox.settings import SandboxSettings

if TYPE_CHECKING:
    from sandbox.faults import FaultInjector
    from sandbox.idempotency import IdempotencyStore


@dataclass(frozen=True)
class SandboxContext:
    settings: SandboxSettings
    db: Database
    idempotency: IdempotencyStore
    faults: FaultInjector | None = None

    def now(self) -> float:
        return self.settings.clock()


def get_context(request: Request) -> SandboxContext:
    context = request.app.state.sandbox
    assert isinstance(context, SandboxContext)
    return context


Context = Annotated[SandboxContext, Depends(get_context)]

"""The FastAPI application of the sandbox."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from sandbox.context import SandboxContext
from sandbox.db import Database
from sandbox.idempotency import IdempotencyStore, mark_key_required
from sandbox.problems import install_problem_handlers
from sandbox.routes import API_PREFIX, router
from sandbox.seed import seed_demo_data
from sandbox.settings import SandboxSettings

__all__ = ["SandboxSettings", "create_app"]


def create_app(settings: SandboxSettings) -> FastAPI:
    """A ready application: the data folder and database exist, and the demo data is seeded."""
    db = Database(settings.db_path)
    db.initialise()
    with db.connect() as conn:
        seed_demo_data(conn)
    app = FastAPI(
        title="Pishkhan sandbox municipal API",
        description="Reference municipal API for demo, operator training and tests. Everything here is training data.",
        version="1",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.sandbox = SandboxContext(
        settings=settings,
        db=db,
        idempotency=IdempotencyStore(db, settings.idempotency_ttl_s, settings.clock),
    )
    install_problem_handlers(app)
    app.include_router(router)
    generate_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        return mark_key_required(generate_openapi())

    app.openapi = openapi  # type: ignore[method-assign]
    return app

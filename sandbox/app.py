"""The FastAPI application of the sandbox."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from sandbox.actions import router as actions_router
from sandbox.cashier_routes import router as cashier_router
from sandbox.certificate_routes import router as certificate_router
from sandbox.context import SandboxContext
from sandbox.day_routes import router as day_router
from sandbox.db import Database
from sandbox.document_routes import router as document_router
from sandbox.faults import FaultInjector, FaultMiddleware
from sandbox.idempotency import IdempotencyStore, mark_key_required
from sandbox.inquiry_routes import router as inquiry_router
from sandbox.limits import BodyLimitMiddleware
from sandbox.openapi_doc import document_answers
from sandbox.parcel_routes import router as parcel_router
from sandbox.payment_routes import router as payment_router
from sandbox.permit_routes import router as permit_router
from sandbox.problems import install_problem_handlers
from sandbox.reauth_routes import router as reauth_router
from sandbox.review_routes import router as review_router
from sandbox.routes import API_PREFIX, router
from sandbox.seed import seed_demo_data
from sandbox.settings import SandboxSettings
from sandbox.tariff_routes import install_tariff_routes

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
    faults = FaultInjector(settings.faults, db) if settings.faults is not None else None
    app.state.sandbox = SandboxContext(
        settings=settings,
        db=db,
        idempotency=IdempotencyStore(db, settings.idempotency_ttl_s, settings.clock),
        faults=faults,
    )
    install_problem_handlers(app)
    app.include_router(router)
    app.include_router(actions_router, prefix=API_PREFIX)
    app.include_router(permit_router, prefix=API_PREFIX)
    app.include_router(parcel_router, prefix=API_PREFIX)
    app.include_router(review_router, prefix=API_PREFIX)
    app.include_router(reauth_router, prefix=API_PREFIX)
    app.include_router(cashier_router, prefix=API_PREFIX)
    app.include_router(payment_router, prefix=API_PREFIX)
    app.include_router(day_router, prefix=API_PREFIX)
    app.include_router(inquiry_router, prefix=API_PREFIX)
    app.include_router(certificate_router, prefix=API_PREFIX)
    app.include_router(document_router, prefix=API_PREFIX)
    install_tariff_routes(app, settings)
    if faults is not None:
        app.add_middleware(FaultMiddleware, injector=faults)
    app.add_middleware(BodyLimitMiddleware)  # added last, so outermost: sizes are checked before anything else
    generate_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        return document_answers(mark_key_required(generate_openapi()))

    app.openapi = openapi  # type: ignore[method-assign]
    return app

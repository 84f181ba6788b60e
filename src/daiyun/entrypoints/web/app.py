"""The web app: pages and the API on one FastAPI application."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import text

from daiyun.bootstrap import Daiyun
from daiyun.entrypoints.api import brand_data as brand_data_api
from daiyun.entrypoints.api import brands, orders, users
from daiyun.entrypoints.api import catalog as catalog_api
from daiyun.entrypoints.api import fulfilment as fulfilment_api
from daiyun.entrypoints.api import listings as listing_api
from daiyun.entrypoints.api import oversight as oversight_api
from daiyun.entrypoints.api import promotions as promotion_api
from daiyun.entrypoints.api import reports as report_api
from daiyun.entrypoints.api import statements as statement_api
from daiyun.entrypoints.api.docs import add_api_docs
from daiyun.entrypoints.api.errors import register_error_handlers
from daiyun.entrypoints.api.input_guard import RefuseNulCharacters
from daiyun.entrypoints.import_jobs import ImportJobs
from daiyun.entrypoints.web import (
    brand_data_pages,
    calendar_pages,
    contract_pages,
    credential_pages,
    desk_pages,
    fee_bill_action_pages,
    fee_bill_pages,
    guide_price_pages,
    import_pages,
    login,
    notification_pages,
    operations_pages,
    order_pages,
    pages,
    price_pages,
    promotion_pages,
    reconciliation_pages,
    report_pages,
    statement_action_pages,
    statement_pages,
    user_pages,
)
from daiyun.entrypoints.web.formatting import register_filters
from daiyun.entrypoints.web.navigation import brand_navigation
from daiyun.entrypoints.web.page_errors import register_page_errors
from daiyun.entrypoints.web.rendering import error_page

__all__ = ["create_app"]

_HERE = Path(__file__).resolve().parent


def _utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(daiyun: Daiyun, clock: Callable[[], datetime] = _utc_now) -> FastAPI:
    """The application for one assembled daiyun; `clock` is the time requests happen at."""
    # The API's description is added by api/docs.py: behind the login, its assets local.
    app = FastAPI(title="daiyun 代运", docs_url=None, redoc_url=None, openapi_url=None)
    add_api_docs(app)
    templates = Jinja2Templates(directory=_HERE / "templates")
    register_filters(templates.env)
    # The links of base.html, by role; a brand's by the services it bought (R-C3).
    templates.env.globals["navigation"] = brand_navigation(daiyun, clock)
    app.state.daiyun = daiyun
    app.state.clock = clock
    app.state.templates = templates
    app.state.import_jobs = ImportJobs(daiyun, clock)
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    register_error_handlers(app, error_page)
    register_page_errors(app)  # a page's unknown address or bad form: a page, not JSON
    app.add_middleware(RefuseNulCharacters)
    for router in (login.router, pages.router, order_pages.router, user_pages.router):
        app.include_router(router)
    for router in (brands.router, orders.router, users.router, import_pages.router):
        app.include_router(router)
    # Issue 5: statements, payments, obligations, ledger, imports by upload, audit log.
    for router in (
        statement_pages.router,
        statement_action_pages.router,
        desk_pages.router,
        calendar_pages.router,
        statement_api.router,
        oversight_api.router,
    ):
        app.include_router(router)
    # Issue 6: listings, promotions, price violations, repricing tasks, ad spend.
    for router in (
        price_pages.router,
        promotion_pages.router,
        listing_api.router,
        promotion_api.router,
        guide_price_pages.router,
        catalog_api.router,
    ):
        app.include_router(router)
    app.include_router(reconciliation_pages.router)  # issue 17: money in (R-X1)
    app.include_router(fulfilment_api.router)  # issue 19: returns and exchanges (R-F5)
    app.include_router(brand_data_api.router)  # issue 20 point 4: the brand's data (R-R3)
    app.include_router(operations_pages.router)  # issue 19: the operations desk
    app.include_router(report_api.router)  # issue 20: the reports (R-R1)
    app.include_router(report_pages.router)  # issue 20: the reports' pages and charts
    app.include_router(brand_data_pages.router)  # issue 20 point 4: the export page (R-R3)
    for router in (fee_bill_pages.router, fee_bill_action_pages.router):  # issue 18: model B
        app.include_router(router)
    app.include_router(notification_pages.router)  # issue 21: notifications, R-O1's calendar

    app.include_router(contract_pages.router)  # issue 21: the contract's life (R-C5, R-C6, R-C8)

    @app.get("/api/health")
    def health() -> JSONResponse:
        return JSONResponse(_health(daiyun))

    app.include_router(credential_pages.router)  # issue 21: credentials, outages (R-B7, R-B8)

    return app


def _health(daiyun: Daiyun) -> dict[str, Any]:
    try:
        with daiyun.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # the point of a health check is to report, not raise
        return {"status": "degraded", "database": f"unreachable: {type(error).__name__}"}
    return {"status": "ok", "database": daiyun.engine.dialect.name}

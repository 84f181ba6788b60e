"""The web app: pages and the API on one FastAPI application."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import text

from daiyun.bootstrap import Daiyun
from daiyun.entrypoints.web.formatting import register_filters
from daiyun.services.overview import agency_overview

__all__ = ["create_app"]

_HERE = Path(__file__).resolve().parent


def create_app(daiyun: Daiyun) -> FastAPI:
    """The application for one assembled daiyun."""
    app = FastAPI(title="daiyun 代运", docs_url="/api/docs", openapi_url="/api/openapi.json")
    templates = Jinja2Templates(directory=_HERE / "templates")
    register_filters(templates.env)
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        overview = agency_overview(daiyun.unit_of_work())
        return templates.TemplateResponse(request, "home.html", {"overview": overview})

    @app.get("/api/health")
    def health() -> JSONResponse:
        return JSONResponse(_health(daiyun))

    return app


def _health(daiyun: Daiyun) -> dict[str, Any]:
    try:
        with daiyun.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # the point of a health check is to report, not raise
        return {"status": "degraded", "database": f"unreachable: {type(error).__name__}"}
    return {"status": "ok", "database": daiyun.engine.dialect.name}

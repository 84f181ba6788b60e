"""The API's description: the OpenAPI JSON and Swagger UI, behind the login, with no CDN.

Like every `/api/…` route but `/api/health`, they answer only a logged-in user (a session or
an API token), of any role: the description holds no data, but it is a map of every route
that nobody outside the agency and its brands needs. Swagger UI's script, styles and icon are
the files the `fastapi-offline` package ships, served by daiyun itself: the page works
offline and loads nothing from another host. ReDoc is not served (one reader is enough).

Plain Starlette routes, as FastAPI adds its own docs routes: not API operations of the schema.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response

from daiyun.entrypoints.api.auth import NotAuthenticated, current_principal

__all__ = ["ASSETS_URL", "DOCS_URL", "OPENAPI_URL", "add_api_docs"]

DOCS_URL = "/api/docs"
OPENAPI_URL = "/api/openapi.json"
ASSETS_URL = "/api/docs/assets"

# Swagger UI's dist files as fastapi-offline ships them; only these names are served.
_ASSETS = Path(str(files("fastapi_offline").joinpath("static")))
_MEDIA_TYPES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon.png": "image/png",
}


def add_api_docs(app: FastAPI) -> None:
    """Add the description's routes to an app made with docs_url=openapi_url=None."""

    async def openapi_json(request: Request) -> Response:
        await current_principal(request)
        return JSONResponse(app.openapi())

    async def swagger_ui(request: Request) -> Response:
        try:
            await current_principal(request)
        except NotAuthenticated:
            # A page, read in a browser: the way to the login form, as every page does.
            return RedirectResponse(f"/login?next={quote(DOCS_URL, safe='')}", status_code=303)
        return get_swagger_ui_html(
            openapi_url=OPENAPI_URL,
            title=f"{app.title} — API",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
            # No badge asking swagger.io to validate the description: nothing leaves daiyun.
            swagger_ui_parameters={"validatorUrl": None},
        )

    async def asset(request: Request) -> Response:
        await current_principal(request)
        name = request.path_params["name"]
        if name not in _MEDIA_TYPES:
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        return FileResponse(
            _ASSETS / name,
            media_type=_MEDIA_TYPES[name],
            headers={"Cache-Control": "private, max-age=86400"},
        )

    app.add_route(OPENAPI_URL, openapi_json, methods=["GET"], include_in_schema=False)
    app.add_route(DOCS_URL, swagger_ui, methods=["GET"], include_in_schema=False)
    app.add_route(f"{ASSETS_URL}/{{name}}", asset, methods=["GET"], include_in_schema=False)

"""The API's description is behind the login and loads nothing from a CDN (issue 16, point 7).

`/api/docs` (Swagger UI) and `/api/openapi.json` answer any logged-in user, by session or API
token, and nobody else, like every `/api/…` route but `/api/health`; Swagger UI's script,
styles and icon come from daiyun itself, byte for byte the files fastapi-offline ships.
"""

from __future__ import annotations

import re
from importlib.resources import files

from fastapi.testclient import TestClient

from daiyun.domain.agency import Role, User
from daiyun.services.accounts.logins import create_token
from tests.integration.web_world import START, World, log_in

ASSETS = {
    "/api/docs/assets/swagger-ui-bundle.js": "text/javascript",
    "/api/docs/assets/swagger-ui.css": "text/css",
    "/api/docs/assets/favicon.png": "image/png",
}
_REFERENCE = re.compile(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""")


def _shipped(url: str) -> bytes:
    name = url.rsplit("/", 1)[1]
    return files("fastapi_offline").joinpath("static", name).read_bytes()


def test_without_a_login_the_description_and_its_assets_are_refused(world: World) -> None:
    client = world.client()
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 401
    assert schema.json() == {"detail": "log in first"}
    assert schema.headers["www-authenticate"] == "Bearer"
    page = client.get("/api/docs")
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fapi%2Fdocs"
    for url in ASSETS:
        assert client.get(url).status_code == 401, url
    # ReDoc and FastAPI's default places are not served at all.
    for url in ("/redoc", "/docs", "/openapi.json", "/docs/oauth2-redirect"):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/health").status_code == 200


def test_an_unknown_or_revoked_token_gets_no_description(world: World) -> None:
    client = world.client()
    answer = client.get("/api/openapi.json", headers={"Authorization": "Bearer dyt_nope"})
    assert answer.status_code == 401


def test_swagger_ui_loads_only_daiyuns_own_assets_which_answer_200(world: World) -> None:
    # The least role there is: the description is a map of routes, not anybody's data.
    client = world.client()
    log_in(client, "a-viewer")
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.text
    for host in ("cdn.", "jsdelivr", "unpkg", "http://", "https://", "//fonts."):
        assert host not in html, host
    assert sorted(_REFERENCE.findall(html)) == sorted(["/api/openapi.json", *ASSETS])
    for url, media_type in ASSETS.items():
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert asset.headers["content-type"].startswith(media_type), url
        assert asset.content == _shipped(url), url
    assert b"SwaggerUIBundle" in client.get("/api/docs/assets/swagger-ui-bundle.js").content


def test_the_description_is_read_with_a_session_or_an_api_token(world: World) -> None:
    browser = world.client()
    log_in(browser, "b-finance")
    by_session = browser.get("/api/openapi.json")
    assert by_session.status_code == 200
    token, _ = create_token(
        world.daiyun.unit_of_work(),
        User("a-finance", "a-finance", Role.BRAND_FINANCE, "chando"),
        login="a-finance",
        name="client generator",
        now=START,
    )
    script = world.client()
    by_token = script.get("/api/openapi.json", headers={"Authorization": f"Bearer {token}"})
    assert by_token.status_code == 200
    assert by_token.json() == by_session.json()
    paths = by_token.json()["paths"]
    assert "/api/me" in paths and "/api/health" in paths
    # The description describes the API only: not itself, nor the pages.
    assert not {"/api/docs", "/api/openapi.json", "/login"} & set(paths)


def test_only_the_three_shipped_files_are_served(world: World) -> None:
    client: TestClient = world.client()
    log_in(client, "admin")
    for name in ("redoc.standalone.js", "core.py", "..%2Fcore.py", "swagger-ui.js"):
        assert client.get(f"/api/docs/assets/{name}").status_code == 404, name

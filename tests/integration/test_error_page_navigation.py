"""An address no route has is still a page of the site (issue 15, point 7): a reader signed in
finds their navigation on its error page, read from the session cookie though no route asked who
they are; a reader logged out is offered the login page, sees no navigation, and is given no
session."""

from __future__ import annotations

import re

from tests.integration.web_world import SESSION, World, log_in

_NAV_LINKS = re.compile(r'<ul class="nav-links">(.*?)</ul>', re.S)


def _nav(page: str) -> list[str]:
    """The addresses of the navigation's links, none when the page has no navigation."""
    found = _NAV_LINKS.search(page)
    return [] if found is None else re.findall(r'<a href="([^"]+)"', found.group(1))


def test_a_signed_in_reader_keeps_the_navigation_on_an_unknown_address(world: World) -> None:
    client = world.client()
    log_in(client, "admin")
    missing = client.get("/nope")
    assert missing.status_code == 404 and "页面不存在" in missing.text
    assert {"/", "/orders", "/statements", "/audit"} <= set(_nav(missing.text))
    assert "/logout" in missing.text and 'href="/login"' not in missing.text
    assert "返回工作台" in missing.text


def test_a_brand_reader_keeps_the_brands_own_navigation_on_an_unknown_address(
    world: World,
) -> None:
    client = world.client()
    log_in(client, "a-finance")
    links = _nav(client.get("/orders/nope/nope/nope").text)
    assert links[0] == "/" and "/statements" in links
    assert "/imports" not in links and "/audit" not in links  # never the agency's pages (R-D2)


def test_a_reader_logged_out_is_offered_the_login_page_and_given_no_session(
    world: World,
) -> None:
    client = world.client()
    missing = client.get("/nope")
    assert missing.status_code == 404 and "页面不存在" in missing.text
    assert _nav(missing.text) == [] and 'class="nav-links"' not in missing.text
    assert 'href="/login"' in missing.text and "/logout" not in missing.text
    assert SESSION not in missing.cookies and SESSION not in client.cookies


def test_a_session_logged_out_of_no_longer_shows_the_navigation(world: World) -> None:
    client = world.client()
    csrf = log_in(client, "admin")
    kept = client.cookies[SESSION]
    assert client.post("/logout", data={"csrf_token": csrf}).status_code == 303
    client.cookies.set(SESSION, kept)  # the old cookie, sent again
    missing = client.get("/nope")
    assert missing.status_code == 404 and _nav(missing.text) == []
    assert 'href="/login"' in missing.text

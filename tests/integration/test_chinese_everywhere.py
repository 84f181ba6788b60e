"""Every page and every form error in the Chinese locale (issue 15, point 3 and "Done when"):
no command-line flag (`--reason`), no `daiyun <command>` to run, no code or message the pages'
catalogue lacks, and no JSON outside /api/ (point 7).

The walk is generic, so that a page added later is walked too: the app's GET page routes are
read from the app itself, and each is opened by following the links of the pages before it,
as a reader would, starting at the dashboard, as each of PEOPLE, and the pages a form leads
to; a route none of them opened is opened by each person with its path parameters filled from
the addresses walked or FALLBACK below (a page a role may not see: its 403), and one that
neither fills fails the test by name. On each page every
form is sent wrong — empty, with "!?" in each field, and overlong — to provoke its form errors
and the services' refusals; and every address that only takes a form's POST is opened with GET
(a reload after a refused form), which must lead to a page, not "Method Not Allowed".

The world: chando's October statement imported, drafted, issued and confirmed (statement_world),
so that a statement has a version, lines and obligations; a promotion drafted and submitted.
A text the catalogue lacks is what i18n records (logger daiyun.web.i18n, "no Chinese text
for …"): a code label() shows as it is, or a message say() leaves in English.
"""

from __future__ import annotations

import html
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx2 as httpx  # what the TestClient answers with
import pytest
from fastapi.testclient import TestClient

from daiyun.entrypoints.cli.main import app as cli_app
from daiyun.entrypoints.web.i18n import MISSING_LOG
from tests.integration.cli_runner import run_daiyun
from tests.integration.statement_world import (
    OCTOBER_FILE,
    confirmed_then_21_november,
    october_file,
)
from tests.integration.web_world import SESSION, World, log_in, login_form_token

# Who walks: the agency's admin, finance and a store operator; chando's admin and finance, and
# pechoin's finance, whose statement waits for its answer.
PEOPLE = ("admin", "finance", "ops", "a-admin", "a-finance", "b-finance")
# A path parameter no link on the walked pages filled: its value, by the route's first segment
# and the parameter's name (`*` for any route).
FALLBACK = {
    ("*", "store"): "chando-tmall",
    ("*", "contract"): "CHANDO-2026",
    ("*", "month"): "2026-10",
    ("*", "version"): "1",
    ("*", "brand"): "chando",
    ("brands", "code"): "chando",
    ("promotions", "code"): "DOUBLE11",
    ("*", "order_no"): "2001",
    ("*", "login"): "a-viewer",
    ("admin", "action"): "disable",
    ("statements", "action"): "pay",
    ("fee-bills", "action"): "pay",  # issue 18: a fee bill's and a service fee's forms
    ("service-fees", "action"): "pay",
    ("fee-bills", "kind"): "pdf",  # a fee bill's download
    ("brands", "credential_id"): "1",  # issue 21: a credential's reveal form (R-B7)
    ("promotions", "action"): "approve",
    ("contracts", "code"): "CHANDO-2026",  # issue 21: the contract page and its forms
    ("contracts", "form"): "end",
    ("contracts", "notice"): "1",
    ("operations", "misshipment_id"): "1",  # issue 19: a mis-shipment seen by the brand
    ("notifications", "notification_id"): "1",  # issue 21: a notification's mark-read form
    ("reports", "kind"): "monthly",  # issue 20: a report's page and its PDF
    ("reports", "period"): "2026-10",
    ("data-export", "code"): "chando",  # issue 20 point 4: the brand's data download (R-R3)
    ("data-export", "dataset"): "lines",
    ("data-export", "file_format"): "csv",
}
# Addresses a walk does not open: another language (the walk stays Chinese), leaving the
# session, and the API (its JSON and its documentation keep their English, interfaces.md).
NOT_WALKED = ("/lang/", "/logout", "/api/", "/static/")
# Addresses walked per route and person that a page answers (a list's pages and filters repeat
# it), and tried at most (a link to a month without its statement, say, answers 404).
AT_MOST, TRIED_AT_MOST = 2, 4
# A form is sent wrong in these three ways; a field of a form with nothing to fill but its
# CSRF token cannot be wrong (a button: disable a user, log out), so such a form is not sent.
OVERLONG = "9" * 5001
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
COMMAND = re.compile(
    r"\bdaiyun\s+("
    + "|".join(
        [group.name for group in cli_app.registered_groups if group.name]
        + [command.name for command in cli_app.registered_commands if command.name]
    )
    + r")\b"
)
_TEXT_ATTRIBUTES = {"data-confirm", "placeholder", "title", "aria-label", "alt"}


@dataclass
class Form:
    """A form of a page: where it goes, how, and its fields (name → type, value)."""

    action: str
    method: str
    multipart: bool
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)


class _Page(HTMLParser):
    """What a reader sees of a page (its text and the texts of a few attributes), its links
    and its forms."""

    def __init__(self, address: str) -> None:
        super().__init__(convert_charrefs=True)
        self.address = address
        self.texts: list[str] = []
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._hidden = 0
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        self.texts += [value for name, value in found.items() if name in _TEXT_ATTRIBUTES]
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        elif tag == "a" and "href" in found:
            self.links.append(found["href"])
        elif tag == "form":
            self.forms.append(
                Form(
                    action=found.get("action") or self.address,
                    method=found.get("method", "get").lower(),
                    multipart="multipart" in found.get("enctype", ""),
                )
            )
        elif tag in {"input", "select", "textarea", "button"} and self.forms:
            name = found.get("name")
            kind = found.get("type", "text" if tag == "input" else tag).lower()
            if kind in {"submit", "button", "reset", "image"} and tag in {"input", "button"}:
                self.texts.append(found.get("value", "") if tag == "input" else "")
                if not name:
                    return
            if name:
                self.forms[-1].fields.setdefault(name, (kind, found.get("value", "")))
            self._select = name if tag == "select" else None
        elif tag == "option" and self._select and self.forms:
            self.forms[-1].options.setdefault(self._select, []).append(found.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "template"} and self._hidden:
            self._hidden -= 1
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.texts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(html.unescape(t).split()) for t in self.texts if t.strip())


@dataclass(frozen=True)
class PageRoute:
    """A GET route of the pages, or an address that only takes a form's POST."""

    path: str
    regex: re.Pattern[str]
    params: tuple[str, ...]


def _routes(app: Any) -> Iterator[Any]:
    """Every route of the app, those of included routers too."""
    for route in app.routes:
        if hasattr(route, "effective_route_contexts"):
            yield from route.effective_route_contexts()
        else:
            yield route


def _page_routes(app: Any) -> tuple[list[PageRoute], list[PageRoute], list[PageRoute]]:
    """The GET page routes, the paths that take only POST, and every page route (outside
    /api/ and /static/)."""
    methods: dict[str, set[str]] = {}
    regex: dict[str, re.Pattern[str]] = {}
    for route in _routes(app):
        path = getattr(route, "path", "")
        if not path or path.startswith(NOT_WALKED) or not getattr(route, "methods", None):
            continue
        methods.setdefault(path, set()).update(route.methods)
        regex[path] = route.path_regex

    def route_of(path: str) -> PageRoute:
        names = tuple(name.split(":")[0] for name in re.findall(r"\{([^}]+)\}", path))
        return PageRoute(path, regex[path], names)

    gets = [route_of(p) for p, m in methods.items() if "GET" in m]
    posts_only = [route_of(p) for p, m in methods.items() if "GET" not in m]
    return gets, posts_only, [route_of(p) for p in methods]


@dataclass
class Walk:
    """What the walk found wrong, and what it saw."""

    problems: dict[str, str] = field(default_factory=dict)  # problem → where first seen
    visited: dict[str, set[str]] = field(default_factory=dict)  # route → addresses (200)
    tried: dict[str, set[str]] = field(default_factory=dict)  # route → addresses
    values: dict[tuple[str, str], str] = field(default_factory=dict)  # (segment, name) → value
    forms: dict[tuple[str, str, str, tuple[str, ...]], tuple[str, Form]] = field(
        default_factory=dict
    )
    posted: int = 0
    routes: list[PageRoute] = field(default_factory=list)  # the GET page routes
    statuses: Counter[int] = field(default_factory=Counter)  # how the pages answered

    def note(self, problem: str, where: str) -> None:
        self.problems.setdefault(problem, where)

    def report(self) -> str:
        return "\n".join(["", *(f"{p}  [first: {w}]" for p, w in sorted(self.problems.items()))])


def _segment(path: str) -> str:
    return path.strip("/").split("/")[0]


def _route_of(routes: list[PageRoute], address: str) -> PageRoute | None:
    path = urlsplit(address).path
    for route in routes:
        found = route.regex.match(path)
        if found is not None:
            return route
    return None


def _check(
    walk: Walk, who: str, what: str, answer: httpx.Response, caplog: pytest.LogCaptureFixture
) -> _Page | None:
    """The answer's visible text without a flag, a command or a missing text; its page."""
    missing = sorted({r.getMessage() for r in caplog.records if r.name == MISSING_LOG})
    caplog.clear()
    for message in missing:
        walk.note(message, f"{who} {what}")
    kind = answer.headers.get("content-type", "")
    if "json" in kind:
        walk.note(f"answered JSON {answer.text[:120]!r}", f"{who} {what}")
    if "text/html" not in kind:
        return None
    if answer.status_code >= 400 and "<nav" not in answer.text:
        walk.note(f"a {answer.status_code} page without the navigation", f"{who} {what}")
    page = _Page(what)
    page.feed(answer.text)
    text = page.text()
    for pattern in (FLAG, COMMAND):
        for found in pattern.finditer(text):
            around = text[max(0, found.start() - 60) : found.end() + 40]
            walk.note(f"{found.group(0)!r} in “…{around}…”", f"{who} {what}")
    return page


def _request(
    walk: Walk, who: str, client: TestClient, method: str, address: str, **sent: Any
) -> httpx.Response | None:
    """The answer, or None with the server's exception noted (a 500 is a problem too)."""
    try:
        answer = client.request(method, address, **sent)
    except Exception as error:  # the server raised: note it and walk on
        walk.note(f"the server raised {error!r}", f"{who} {method} {address}")
        return None
    walk.statuses[answer.status_code] += 1
    if answer.status_code >= 500:
        walk.note(f"answered {answer.status_code}", f"{who} {method} {address}")
    return answer


def _follow(
    walk: Walk,
    who: str,
    client: TestClient,
    answer: httpx.Response,
    caplog: pytest.LogCaptureFixture,
) -> tuple[str, httpx.Response] | None:
    """After a redirect within the site, the page it leads to (a done notice, the login)."""
    location = answer.headers.get("location", "")
    if answer.status_code not in {301, 302, 303, 307} or not location.startswith("/"):
        return None
    landed = _request(walk, who, client, "GET", location)
    if landed is None:
        return None
    _check(walk, who, f"GET {location} (after a redirect)", landed, caplog)
    route = _route_of(walk.routes, location)
    if route is not None and landed.status_code == 200:  # a page a form led to: an import's
        walk.visited.setdefault(f"{who} {route.path}", set()).add(location)
        _note_values(walk, route, location)
    return location, landed


def _note_values(walk: Walk, route: PageRoute, address: str) -> None:
    """The values of the route's path parameters in an address that answered a page."""
    found = route.regex.match(urlsplit(address).path)
    assert found is not None
    for name, value in found.groupdict().items():
        walk.values.setdefault((_segment(route.path), name), value)


def _crawl(
    walk: Walk,
    who: str,
    client: TestClient,
    routes: list[PageRoute],
    every: list[PageRoute],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Open the pages as `who` from the dashboard, link by link (and redirect)."""
    queue, seen = ["/"], set()
    while queue:
        address = queue.pop(0)
        route = _route_of(routes, address)
        if address in seen or route is None:
            continue
        seen.add(address)
        done = walk.visited.setdefault(f"{who} {route.path}", set())
        tried = walk.tried.setdefault(f"{who} {route.path}", set())
        if len(done) >= AT_MOST or len(tried) >= TRIED_AT_MOST:
            continue
        tried.add(address)
        answer = _request(walk, who, client, "GET", address)
        if answer is None:
            continue
        if answer.status_code == 200:
            done.add(address)
            _note_values(walk, route, address)
        page = _check(walk, who, address, answer, caplog)
        location = answer.headers.get("location", "")
        if answer.is_redirect and location.startswith("/"):
            queue.append(location)
        if page is None:
            continue
        for form in page.forms:
            names = tuple(sorted(form.fields))
            target = _route_of(every, form.action)
            key = (who, form.method, (target.path if target else form.action), names)
            walk.forms.setdefault(key, (address, form))
        for link in page.links:
            parts = urlsplit(html.unescape(link))
            if parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(NOT_WALKED):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))


def _fill(route: PageRoute, walk: Walk) -> str | None:
    """The route's path with each parameter filled from the walk or FALLBACK; None if one
    cannot be."""
    path = route.path
    for raw in re.findall(r"\{([^}]+)\}", route.path):
        name = raw.split(":")[0]
        value = (
            walk.values.get((_segment(route.path), name))
            or FALLBACK.get((_segment(route.path), name))
            or FALLBACK.get(("*", name))
        )
        if value is None:
            return None
        path = path.replace("{" + raw + "}", value)
    return path


def _wrong(form: Form, way: str, csrf: str) -> tuple[dict[str, str], dict[str, Any]]:
    """The form's fields filled wrong in `way`, and any file: the CSRF token kept as given."""
    data: dict[str, str] = {}
    files: dict[str, Any] = {}
    for name, (kind, value) in form.fields.items():
        if name == "csrf_token":
            data[name] = value or csrf
        elif kind == "file":
            if way == "bad":
                files[name] = ("wrong.txt", b"!?\n", "text/plain")
        else:
            data[name] = {"empty": "", "bad": "!?", "overlong": OVERLONG}[way]
    return data, files


def _send_forms(
    walk: Walk, who: str, client: TestClient, csrf: str, caplog: pytest.LogCaptureFixture
) -> None:
    for (person, method, _, names), (page, form) in list(walk.forms.items()):
        if person != who or set(names) <= {"csrf_token"}:
            continue
        for way in ("empty", "bad", "overlong"):
            data, files = _wrong(form, way, csrf)
            what = f"{method.upper()} {form.action} from {page}, {way}"
            if method == "get":
                query = urlencode({k: v for k, v in data.items() if k != "csrf_token"})
                answer = _request(walk, who, client, "GET", f"{form.action}?{query}")
            elif files or form.multipart:
                answer = _request(
                    walk, who, client, "POST", form.action, data=data, files=files or None
                )
            else:
                answer = _request(walk, who, client, "POST", form.action, data=data)
            walk.posted += 1
            if answer is None:
                continue
            _check(walk, who, what, answer, caplog)
            _follow(walk, who, client, answer, caplog)


def _world(world: World) -> None:
    """chando's October statement confirmed (statement_world), pechoin's issued and waiting
    for its answer, and a promotion of chando's submitted."""
    confirmed_then_21_november(world)
    url = world.database_url
    for step, at in (
        ("draft", "2026-11-02T09:00:00+08:00"),
        ("issue", "2026-11-02T10:00:00+08:00"),
    ):
        done = run_daiyun(
            url, "statement", step, "--contract", "PECHOIN-2026", "--month", "2026-10", "--at", at
        )
        assert done.exit_code == 0, done.stderr
    drafted = run_daiyun(
        url, "promotion", "draft", "--brand", "chando", "--code", "DOUBLE11",
        "--name", "双11 面霜直降", "--store", "chando-tmall", "--price", "CD-CREAM-50=99.00",
        "--start", "2026-11-22T00:00:00", "--end", "2026-11-23T00:00:00",
        "--budget", "20000.00", "--funded-by", "brand", "--by", "ops",
        "--at", "2026-11-21T09:00:00", "--json",
    )  # fmt: skip
    assert drafted.exit_code == 0, drafted.stderr
    submitted = run_daiyun(
        url, "promotion", "submit", "--brand", "chando", "--code", "DOUBLE11",
        "--by", "ops", "--at", "2026-11-21T09:10:00", "--json",
    )  # fmt: skip
    assert submitted.exit_code == 0, submitted.stderr


# On SQLite only: the words a page shows do not depend on the database, and the walk takes some
# 25 s on SQLite and as long again on PostgreSQL; the pages' data on both is tested elsewhere.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_every_page_and_form_error_in_chinese_has_no_flag_no_command_and_no_missing_text(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    _world(world)
    caplog.set_level(logging.WARNING, logger=MISSING_LOG)
    walk = Walk()
    clients: dict[str, tuple[TestClient, str]] = {}
    gets, posts_only, every = _page_routes(world.client().app)
    walk.routes = gets
    assert len(gets) > 20 and posts_only  # the walk reads the app, not a list of its own
    for who in PEOPLE:
        client = world.client()
        assert client.cookies.get("daiyun_lang") is None  # Chinese: nobody chose a language
        clients[who] = client, log_in(client, who)
        caplog.clear()
        _crawl(walk, who, client, gets, every, caplog)

    # An import by the page, as a clerk uploads one: its page is walked too.
    admin, admin_csrf = clients["admin"]
    upload = next(
        form
        for (who, method, _, _), (_, form) in walk.forms.items()
        if who == "admin" and method == "post" and form.action == "/imports"
    )
    file_field = next(name for name, (kind, _) in upload.fields.items() if kind == "file")
    uploaded = _request(
        walk, "admin", admin, "POST", "/imports",
        data={"csrf_token": admin_csrf, "store": "chando-tmall"},
        files={file_field: (OCTOBER_FILE, october_file(), "text/csv")},
    )  # fmt: skip
    assert uploaded is not None and uploaded.status_code == 303, uploaded
    _follow(walk, "admin", admin, uploaded, caplog)

    # Every form of every page, sent wrong (a page it leads to is walked too).
    for who in PEOPLE:
        client, csrf = clients[who]
        _send_forms(walk, who, client, csrf, caplog)
    assert walk.posted > 50

    # Every GET page as each person, by a link or, failing one, filled from the walk or
    # FALLBACK (a page a role may not see: its 403); one that neither fills is named.
    unfilled = set()
    for who in PEOPLE:
        client, _ = clients[who]
        for route in gets:
            if walk.visited.get(f"{who} {route.path}"):
                continue
            address = _fill(route, walk)
            if address is None:
                unfilled.add(route.path)
                continue
            answer = _request(walk, who, client, "GET", address)
            if answer is not None:
                _check(walk, who, f"GET {address} (no link led there)", answer, caplog)
    for path in sorted(unfilled):
        walk.note(
            f"page route {path}: no link on the walked pages leads there and FALLBACK fills"
            " not its path parameters; link it from a page, or add a value to FALLBACK",
            "the routes",
        )

    # A reload of a form's address: a page, never "Method Not Allowed" (point 7).
    for route in posts_only:
        address = _fill(route, walk)
        if address is None:
            walk.note(f"POST-only {route.path}: no value for its parameters", "the routes")
            continue
        answer = _request(walk, "admin", admin, "GET", address)
        if answer is None:
            continue
        if answer.status_code != 303:
            walk.note(f"GET {address}: {answer.status_code}, not a redirect", "admin")
        _check(walk, "admin", f"GET {address}", answer, caplog)
        landed = _follow(walk, "admin", admin, answer, caplog)
        if landed is not None and landed[1].status_code == 405:
            walk.note(f"GET {address} led to {landed[0]}: 405", "admin")

    # An address nobody has: the error page, in Chinese, with the navigation.
    missing = _request(walk, "admin", admin, "GET", "/nope")
    assert missing is not None and missing.status_code == 404
    assert "text/html" in missing.headers["content-type"] and "<nav" in missing.text
    _check(walk, "admin", "GET /nope", missing, caplog)

    # The walk met what it is for: refusals (409), form errors (422), pages a role may not see
    # (403), addresses without a page (404), redirects after a POST or a reload (303).
    assert {303, 403, 404, 409, 422} <= set(walk.statuses), walk.statuses

    assert walk.problems == {}, walk.report()


def test_the_walk_notes_a_flag_a_command_json_and_a_missing_text(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The checks of the walk can fail: each problem a page could have is noted, once.
    walk = Walk()
    caplog.set_level(logging.WARNING, logger=MISSING_LOG)
    shown = (
        '<p>提出异议须写明理由：give --reason</p><form data-confirm="请运行 daiyun calendar add">'
        "<script>let a = b--c; // --not-shown</script>2026-11-18..2026-11-20 — 2026-11</form>"
    )
    page = httpx.Response(200, html=shown)
    logging.getLogger(MISSING_LOG).warning("no Chinese text for the code role_%s", "nobody")
    seen = _check(walk, "admin", "GET /x", page, caplog)
    assert seen is not None and "2026-11-18..2026-11-20 — 2026-11" in seen.text()
    _check(walk, "admin", "GET /y", httpx.Response(404, json={"detail": "Not Found"}), caplog)
    assert [problem.split(" in “")[0] for problem in sorted(walk.problems)] == [
        "'--reason'",
        "'daiyun calendar'",
        'answered JSON \'{"detail":"Not Found"}\'',
        "no Chinese text for the code role_nobody",
    ]
    assert walk.problems["no Chinese text for the code role_nobody"] == "admin GET /x"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_login_form_sent_without_its_password_comes_back_saying_so(world: World) -> None:
    client = world.client()
    data = {"login": "admin", "password": "", "csrf_token": login_form_token(client)}
    answer = client.post("/login", data=data)
    assert answer.status_code == 422 and "请填写用户名和密码" in answer.text
    assert 'value="admin"' in answer.text  # what was typed stays
    assert SESSION not in client.cookies
    assert log_in(client, "admin")  # and the form it gave works

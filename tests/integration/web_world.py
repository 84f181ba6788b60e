"""Two brands with a store, SKUs, an order and an import each, their people, and a web client.

Brand A is chando (自然堂), brand B is pechoin (百雀羚): the isolation tests let A's people
ask for B's things. Every password is PASSWORD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from fastapi.testclient import TestClient

from daiyun.adapters.passwords import hash_password
from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Role, User
from daiyun.entrypoints.api.auth import SESSION_COOKIE as SESSION
from daiyun.entrypoints.web.app import create_app
from daiyun.services.accounts.logins import create_token
from daiyun.services.accounts.users import add_user
from tests.builders import (
    beijing,
    contract_toml,
    daiyun_order_row,
    write_catalog_csv,
    write_daiyun_orders,
)
from tests.integration.cli_runner import run_daiyun

PASSWORD = "correct horse battery"
__all__ = [
    "SESSION",
    "World",
    "api_client",
    "csrf_of",
    "log_in",
    "login_form_token",
    "make_world",
]
A_ORDER, B_ORDER = "1001", "880088"
START = beijing("2026-11-02 09:00")
PEOPLE = (
    ("admin", Role.ADMIN, None),
    ("ops", Role.STORE_OPERATIONS, None),
    ("a-admin", Role.BRAND_ADMIN, "chando"),
    ("a-finance", Role.BRAND_FINANCE, "chando"),
    ("a-viewer", Role.BRAND_VIEWER, "chando"),
    ("b-admin", Role.BRAND_ADMIN, "pechoin"),
    ("b-finance", Role.BRAND_FINANCE, "pechoin"),
)
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Clock:
    """The time the app's requests happen at; tests move it forward."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@dataclass
class World:
    """The assembled daiyun, its web app's clock, and a way to open clients."""

    daiyun: Daiyun
    clock: Clock
    database_url: str

    def client(self) -> TestClient:
        """A fresh browser (own cookie jar), over HTTPS as a deployed daiyun is."""
        return TestClient(
            create_app(self.daiyun, self.clock),
            base_url="https://testserver",
            follow_redirects=False,
        )


def _load_brand(
    database_url: str, folder: Path, code: str, name: str, sku: str, order_no: str
) -> None:
    contract = folder / f"{code}.toml"
    contract.write_text(
        contract_toml(
            brand_code=code,
            brand_name=name,
            contract_code=f"{code.upper()}-2026",
            store_code=f"{code}-tmall",
        ),
        encoding="utf-8",
    )
    assert run_daiyun(database_url, "contract", "load", str(contract)).exit_code == 0
    catalog = write_catalog_csv(
        folder / f"{code}.csv", [(sku, f"{name}面霜", "面霜", "139.00", "2026-01-01")]
    )
    assert (
        run_daiyun(database_url, "catalog", "import", "--brand", code, str(catalog)).exit_code == 0
    )
    orders = write_daiyun_orders(
        folder / f"{code}-orders.csv", [daiyun_order_row(order_no, sku=sku)]
    )
    result = run_daiyun(
        database_url, "orders", "import", "--store", f"{code}-tmall", "--as-of",
        "2026-10-06T10:00:00+08:00", str(orders),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr


@cache
def _password_hash() -> str:
    """PASSWORD's argon2 hash, made once: a hash costs 0.15 s and every world has 7 people
    (logging in still verifies against it with argon2, as in use)."""
    return hash_password(PASSWORD)


def hash_of_password(password: str) -> str:
    """The hasher the worlds give add_user: the one hash of PASSWORD."""
    assert password == PASSWORD
    return _password_hash()


def make_world(daiyun_app: Daiyun, database_url: str, tmp_path: Path) -> World:
    """Brands chando (A) and pechoin (B), each with a store, a SKU, an order; PEOPLE."""
    _load_brand(database_url, tmp_path, "chando", "自然堂", "CD-CREAM-50", A_ORDER)
    _load_brand(database_url, tmp_path, "pechoin", "百雀羚", "PC-CREAM-50", B_ORDER)
    for login, role, brand in PEOPLE:
        add_user(
            daiyun_app.unit_of_work(),
            login=login,
            role=role,
            brand_code=brand,
            display_name=None,
            password=PASSWORD,
            hash_password=hash_of_password,
            at=START - timedelta(days=1),
            actor="test",
        )
    return World(daiyun_app, Clock(START), database_url)


def login_form_token(client: TestClient) -> str:
    """Open the login form; the token its post must carry."""
    token = _CSRF.search(client.get("/login").text)
    assert token is not None
    return token.group(1)


def log_in(client: TestClient, login: str, password: str = PASSWORD) -> str:
    """Log in through the login form; the session's CSRF token, read from the first page."""
    data = {"login": login, "password": password, "csrf_token": login_form_token(client)}
    answer = client.post("/login", data=data)
    assert answer.status_code == 303, answer.text
    return csrf_of(client)


def api_client(world: World, login: str) -> TestClient:
    """A client of the API carrying a token of one of the world's PEOPLE."""
    _, role, brand = next(person for person in PEOPLE if person[0] == login)
    token, _ = create_token(
        world.daiyun.unit_of_work(), User(login, login, role, brand), login=login, name="t",
        now=START,
    )  # fmt: skip
    client = world.client()
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def csrf_of(client: TestClient) -> str:
    """The CSRF token the pages give this client's session."""
    page = client.get("/brands")
    assert page.status_code == 200, page.status_code
    token = _CSRF.search(page.text)
    assert token is not None
    return token.group(1)

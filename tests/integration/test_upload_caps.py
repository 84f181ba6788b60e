"""Price and catalogue uploads past the cap are refused with 413 and change nothing.

The cap (entrypoints/api/uploads.py, 20 MB) is lowered to 64 bytes here, so that a file of a
few rows is "too large" without sending megabytes; a file at the cap is still read.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from daiyun.adapters.db.account_tables import api_token, login_attempt, web_session
from daiyun.entrypoints.api import uploads
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World, log_in

AUTH_TABLES = {api_token.name, web_session.name, login_attempt.name}
CAP = 64
CATALOG = "商家编码,商品名称,类目,零售指导价\n" + "CD-CREAM-50,自然堂面霜,面霜,150.00\n" * 3
PRICES = "store,sku,price\n" + "chando-tmall,CD-CREAM-50,145.00\n" * 3


@pytest.fixture(autouse=True)
def small_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "SMALL_UPLOAD_LIMIT", CAP)


def business_rows(world: World) -> dict[str, Any]:
    snapshot = database_snapshot(world.daiyun)
    return {name: rows for name, rows in snapshot.items() if name not in AUTH_TABLES}


def signed_in(world: World, login: str) -> tuple[TestClient, str]:
    client = world.client()
    csrf = log_in(client, login)
    client.headers["X-CSRF-Token"] = csrf
    return client, csrf


def _file(name: str, text: str) -> dict[str, tuple[str, bytes, str]]:
    return {"file": (name, text.encode(), "text/csv")}


@pytest.mark.parametrize(
    ("login", "url", "name", "text", "what"),
    [
        ("a-admin", "/api/brands/chando/catalog", "catalog.csv", CATALOG, "catalogue"),
        ("a-admin", "/brands/chando/guide-prices", "catalog.csv", CATALOG, "guide price"),
        ("ops", "/listings/chando-tmall/upload", "prices.csv", PRICES, "price"),
    ],
)
def test_a_file_past_the_cap_is_refused_and_changes_nothing(
    world: World, login: str, url: str, name: str, text: str, what: str
) -> None:
    assert len(text.encode()) > CAP
    client, csrf = signed_in(world, login)
    before = business_rows(world)
    answer = client.post(url, data={"csrf_token": csrf}, files=_file(name, text))
    assert answer.status_code == 413, answer.text[:300]
    assert f"{name} is larger than 64 bytes, the most a {what} file may be" in answer.text
    assert "nothing was changed" in answer.text
    assert business_rows(world) == before


def test_a_file_at_the_cap_is_read(world: World) -> None:
    text = "store,sku,price\nchando-tmall,CD-CREAM-50,145.00\n"
    text += " " * (CAP - len(text.encode()) - 1) + "\n"  # trailing blank line: exactly CAP bytes
    assert len(text.encode()) == CAP
    client, csrf = signed_in(world, "ops")
    answer = client.post(
        "/listings/chando-tmall/upload", data={"csrf_token": csrf}, files=_file("p.csv", text)
    )
    assert answer.status_code == 303, answer.text[:300]  # the one price was set

"""R-C3: features follow the services a contract bought (docs/services.md), on SQLite and
PostgreSQL. pechoin's contract is loaded again buying store operation only: its stock
(warehousing & logistics), promotions and ad spend (marketing) are refused on the command line
(exit 1, the service named), the API (403) and the pages (403), nothing changed; chando, whose
contract buys whole outsourcing (整包), works; pechoin's people do not see the promotions link."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.builders import contract_toml
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World, api_client, log_in


@pytest.fixture
def only_store_operation(world: World, tmp_path: Path) -> World:
    """pechoin's contract buys store operation only (R-C3); chando's everything."""
    contract = tmp_path / "pechoin-only.toml"
    contract.write_text(
        contract_toml(
            brand_code="pechoin", brand_name="百雀羚", contract_code="PECHOIN-2026",
            store_code="pechoin-tmall", services='["store_operation"]',
        ),
        encoding="utf-8",
    )  # fmt: skip
    loaded = run_daiyun(world.database_url, "contract", "load", str(contract))
    assert loaded.exit_code == 0, loaded.stderr
    return world


def _without_token_use(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot less the tokens' rows, whose last use each request records."""
    return {table: rows for table, rows in snapshot.items() if table != "api_token"}


def _page(world: World, login: str) -> TestClient:
    client = world.client()
    log_in(client, login)
    return client


def _nav(page: str) -> str:
    """The page's navigation (base.html's <nav id="site-nav">)."""
    start = page.index('<nav id="site-nav"')
    return page[start : page.index("</nav>", start)]


def _receive(world: World, brand: str, sku: str) -> CliResult:
    return run_daiyun(
        world.database_url, "stock", "receive", "--brand", brand, "--sku", sku, "--quantity",
        "30", "--warehouse", "杭州仓", "--on", "2026-10-03",
    )  # fmt: skip


def _draft(world: World, brand: str, sku: str) -> CliResult:
    return run_daiyun(
        world.database_url, "promotion", "draft", "--brand", brand, "--code", "DOUBLE11",
        "--name", "双11 面霜直降", "--store", f"{brand}-tmall", "--price", f"{sku}=99.00",
        "--start", "2026-11-11T00:00:00", "--end", "2026-11-12T00:00:00", "--budget",
        "20000.00", "--funded-by", "brand", "--by", "ops", "--at", "2026-11-01T10:00:00",
    )  # fmt: skip


def test_the_command_line_refuses_stock_and_promotions_not_bought_r_c3(
    only_store_operation: World,
) -> None:
    world = only_store_operation
    before = database_snapshot(world.daiyun)
    received = _receive(world, "pechoin", "PC-CREAM-50")
    assert received.exit_code == 1, received.stderr
    assert "did not buy the service warehousing_logistics" in received.stderr
    drafted = _draft(world, "pechoin", "PC-CREAM-50")
    assert drafted.exit_code == 1, drafted.stderr
    assert "did not buy the service marketing" in drafted.stderr
    assert database_snapshot(world.daiyun) == before
    # chando bought whole outsourcing (整包): the same commands work.
    assert _receive(world, "chando", "CD-CREAM-50").exit_code == 0


def test_the_api_answers_403_for_a_service_not_bought_and_changes_nothing_r_c3(
    only_store_operation: World,
) -> None:
    world = only_store_operation
    ops, pechoin = api_client(world, "ops"), api_client(world, "b-admin")
    before = _without_token_use(database_snapshot(world.daiyun))
    stock = ops.get("/api/stock/pechoin", params={"at": "2026-10-20T00:00:00+08:00"})
    assert stock.status_code == 403, stock.text
    assert "warehousing_logistics" in stock.json()["detail"]
    body = {"store": "pechoin-tmall", "month": "2026-10", "channel": "直通车", "amount": "30.00"}
    spent = ops.post("/api/ad-spend", json=body)
    assert spent.status_code == 403, spent.text
    assert "did not buy the service marketing" in spent.json()["detail"]
    listed = pechoin.get("/api/promotions")
    assert listed.status_code == 403, listed.text
    assert _without_token_use(database_snapshot(world.daiyun)) == before
    # Bought (chando, 整包): the same calls work.
    # chando has no stock list yet: 409 from the stock itself, past the services' gate.
    assert ops.get("/api/stock/chando").status_code == 409
    chando_spend = {**body, "store": "chando-tmall"}
    assert ops.post("/api/ad-spend", json=chando_spend).status_code == 200
    assert api_client(world, "a-admin").get("/api/promotions").status_code == 200


def test_the_pages_refuse_with_403_and_the_brand_does_not_see_the_link_r_c3(
    only_store_operation: World,
) -> None:
    world = only_store_operation
    pechoin, ops = _page(world, "b-admin"), _page(world, "ops")
    before = database_snapshot(world.daiyun)
    refused = pechoin.get("/promotions")
    assert refused.status_code == 403
    assert "营销推广" in refused.text  # the service not bought, named in Chinese
    home = pechoin.get("/")
    assert home.status_code == 200
    assert 'href="/promotions"' not in _nav(home.text)
    shown = ops.get("/ad-spend", params={"store": "pechoin-tmall", "month": "2026-10"})
    assert shown.status_code == 403
    assert 'href="/promotions"' in _nav(ops.get("/").text)  # the agency sees every link
    assert database_snapshot(world.daiyun) == before
    chando = _page(world, "a-admin")
    assert chando.get("/promotions").status_code == 200
    assert 'href="/promotions"' in _nav(chando.get("/").text)


def test_listing_prices_need_store_operation_r_c3(world: World, tmp_path: Path) -> None:
    contract = tmp_path / "pechoin-marketing.toml"
    contract.write_text(
        contract_toml(
            brand_code="pechoin", brand_name="百雀羚", contract_code="PECHOIN-2026",
            store_code="pechoin-tmall", services='["marketing"]',
        ),
        encoding="utf-8",
    )  # fmt: skip
    assert run_daiyun(world.database_url, "contract", "load", str(contract)).exit_code == 0
    before = database_snapshot(world.daiyun)
    refused = run_daiyun(
        world.database_url, "listing", "set-price", "--store", "pechoin-tmall", "--sku",
        "PC-CREAM-50", "--price", "139.00", "--at", "2026-10-20T10:00:00",
    )  # fmt: skip
    assert refused.exit_code == 1, refused.stderr
    assert "did not buy the service store_operation" in refused.stderr
    assert database_snapshot(world.daiyun) == before
    # chando bought 整包: the guide price ¥139.00 is within floor and cap.
    done = run_daiyun(
        world.database_url, "listing", "set-price", "--store", "chando-tmall", "--sku",
        "CD-CREAM-50", "--price", "139.00", "--at", "2026-10-20T10:00:00",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr

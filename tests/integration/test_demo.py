"""`daiyun demo load`: the demo agency from the real 2016 Tmall listings, idempotent."""

from __future__ import annotations

from pathlib import Path

from daiyun.bootstrap import Daiyun
from daiyun.domain.contracts import ContractModel
from daiyun.domain.money import Money
from tests.builders import beijing
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot


def test_the_demo_is_22_brands_with_contracts_stores_and_skus_and_loads_once(
    daiyun_app: Daiyun, database_url: str, shared_real_data: Path
) -> None:
    listings = str(shared_real_data / "tmall_cosmetics_listings_2016.csv")
    first = run_daiyun(
        database_url,
        "demo",
        "load",
        "--listings",
        listings,
        "--at",
        "2026-01-05T09:00:00+08:00",
        "--json",
    )
    assert first.exit_code == 0, first.stderr
    assert first.json()["brands"] == 22
    assert first.json()["skus_added"] == 3497  # one SKU per distinct item id in the file

    with daiyun_app.unit_of_work() as uow:
        contracts = uow.contracts.list_all()
        stores = uow.stores.list_all()
        cream = uow.catalog.get("chando", "A18164178225")
    assert len(contracts) == 22 and len(stores) == 22
    models = {contract.model for contract in contracts}
    assert models == {ContractModel.A, ContractModel.B}
    assert all(store.platform == "tmall" for store in stores)
    # 雪域精粹纯粹滋润霜50g was listed at 139 yuan: its guide price, a 面霜.
    assert cream is not None and cream.category == "面霜"
    assert cream.guide_price_at(beijing("2026-03-01 00:00")) == Money(13900)

    before = database_snapshot(daiyun_app)
    second = run_daiyun(database_url, "demo", "load", "--listings", listings, "--json")
    assert second.exit_code == 0
    assert second.json()["skus_added"] == 0 and second.json()["users_added"] == []
    assert database_snapshot(daiyun_app) == before


def test_a_missing_listings_file_is_bad_input(database_url: str, tmp_path: Path) -> None:
    result = run_daiyun(database_url, "demo", "load", "--listings", str(tmp_path / "none.csv"))
    assert result.exit_code == 2
    assert "listings file was not found" in result.stderr

"""`daiyun catalog import`: SKUs and guide-price history (R-P1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from daiyun.bootstrap import Daiyun
from daiyun.domain.money import Money
from tests.builders import beijing, contract_toml, write_catalog_csv
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot


@pytest.fixture
def chando(database_url: str, tmp_path: Path) -> str:
    """A database with the brand chando loaded from its contract file."""
    path = tmp_path / "chando.toml"
    path.write_text(contract_toml(), encoding="utf-8")
    assert run_daiyun(database_url, "contract", "load", str(path)).exit_code == 0
    return database_url


def test_importing_a_catalogue_adds_skus_with_their_guide_prices(
    daiyun_app: Daiyun, chando: str, tmp_path: Path
) -> None:
    csv = write_catalog_csv(
        tmp_path / "catalog.csv",
        [
            ("CD-CREAM-50", "雪域精粹纯粹滋润霜50g", "面霜", "139.00", "2026-02-01 00:00:00"),
            ("CD-MASK-5", "活泉保湿面膜5片", "面膜", "￥59.9", "2026-02-01"),
        ],
        encoding="gbk",
    )
    result = run_daiyun(chando, "catalog", "import", "--brand", "chando", str(csv), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["skus"] == {"new": 2, "updated": 0, "unchanged": 0}
    with daiyun_app.unit_of_work() as uow:
        mask = uow.catalog.get("chando", "CD-MASK-5")
    assert mask is not None and mask.category == "面膜"
    # R-P1: "￥59.9" is 5,990 fen from 2026-02-01 00:00 Beijing time, nothing before it.
    assert mask.guide_price_at(beijing("2026-02-01 00:00:00")) == Money(5990)
    assert mask.guide_price_at(beijing("2026-01-31 23:59:59")) is None


def test_a_later_guide_price_adds_to_the_history_and_the_same_file_again_changes_nothing(
    daiyun_app: Daiyun, chando: str, tmp_path: Path
) -> None:
    first = write_catalog_csv(
        tmp_path / "v1.csv",
        [
            ("CD-CREAM-50", "滋润霜50g", "面霜", "139.00", "2026-02-01"),
        ],
    )
    second = write_catalog_csv(
        tmp_path / "v2.csv",
        [
            ("CD-CREAM-50", "滋润霜50g", "面霜", "149.00", "2026-10-15 00:00:00"),
        ],
    )
    run_daiyun(chando, "catalog", "import", "--brand", "chando", str(first))
    result = run_daiyun(chando, "catalog", "import", "--brand", "chando", str(second), "--json")
    assert result.json()["guide_prices_added"] == 1
    before = database_snapshot(daiyun_app)
    again = run_daiyun(chando, "catalog", "import", "--brand", "chando", str(second), "--json")
    assert again.json()["skus"] == {"new": 0, "updated": 0, "unchanged": 1}
    assert database_snapshot(daiyun_app) == before
    with daiyun_app.unit_of_work() as uow:
        cream = uow.catalog.get("chando", "CD-CREAM-50")
        change = next(e for e in uow.audit.list_recent() if e.action == "guide_price.add")
    assert cream is not None
    assert cream.guide_price_at(beijing("2026-10-14 23:59:59")) == Money(13900)
    assert cream.guide_price_at(beijing("2026-10-15 00:00:00")) == Money(14900)
    # R-D3: the price change is recorded with before and after.
    assert change.before == '{"guide_price": "139.00"}'
    assert '"guide_price": "149.00"' in (change.after or "")


def test_a_different_price_for_the_same_moment_is_refused_and_nothing_changes(
    daiyun_app: Daiyun, chando: str, tmp_path: Path
) -> None:
    first = write_catalog_csv(
        tmp_path / "v1.csv",
        [
            ("CD-CREAM-50", "滋润霜50g", "面霜", "139.00", "2026-02-01"),
        ],
    )
    rewrite = write_catalog_csv(
        tmp_path / "v2.csv",
        [
            ("CD-NEW-1", "新品", "精华", "99.00", "2026-02-01"),
            ("CD-CREAM-50", "滋润霜50g", "面霜", "129.00", "2026-02-01"),
        ],
    )
    run_daiyun(chando, "catalog", "import", "--brand", "chando", str(first))
    before = database_snapshot(daiyun_app)
    result = run_daiyun(chando, "catalog", "import", "--brand", "chando", str(rewrite))
    assert result.exit_code == 1
    assert "SKU CD-CREAM-50 already has guide price ¥139.00" in result.stderr
    assert database_snapshot(daiyun_app) == before


def test_a_bad_catalogue_row_names_file_row_and_column_and_nothing_is_stored(
    daiyun_app: Daiyun, chando: str, tmp_path: Path
) -> None:
    before = database_snapshot(daiyun_app)
    csv = write_catalog_csv(
        tmp_path / "bad.csv",
        [
            ("CD-CREAM-50", "滋润霜50g", "面霜", "139.00", "2026-02-01"),
            ("CD-MASK-5", "面膜", "面膜", "12.345", "2026-02-01"),
        ],
    )
    result = run_daiyun(chando, "catalog", "import", "--brand", "chando", str(csv))
    assert result.exit_code == 2
    assert "bad.csv row 3" in result.stderr and "零售指导价" in result.stderr
    assert database_snapshot(daiyun_app) == before


def test_an_unknown_brand_is_bad_input(daiyun_app: Daiyun, chando: str, tmp_path: Path) -> None:
    before = database_snapshot(daiyun_app)
    csv = write_catalog_csv(tmp_path / "c.csv", [("X1", "x", "面霜", "10", "2026-02-01")])
    result = run_daiyun(chando, "catalog", "import", "--brand", "nobody", str(csv))
    assert result.exit_code == 2
    assert "no brand with code 'nobody'" in result.stderr
    assert database_snapshot(daiyun_app) == before

"""`daiyun orders import`: exactly once, forward only, all or nothing (R-S1, R-P1–P3, R-D1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from daiyun.adapters.db.tables import order_line, refund, sales_order
from daiyun.bootstrap import Daiyun
from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot


@pytest.fixture
def store(chando_store: str) -> str:
    """chando's Tmall store with two SKUs (see conftest)."""
    return chando_store


def _import(database_url: str, *files: Path, extra: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return run_daiyun(
        database_url,
        "orders",
        "import",
        "--store",
        "chando-tmall",
        "--json",
        *extra,
        *(str(f) for f in files),
    )


def test_the_real_tmall_order_report_is_stored_once_to_the_fen(
    daiyun_app: Daiyun, store: str, shared_real_data: Path
) -> None:
    report = shared_real_data / "tmall_order_report.csv"
    result = _import(store, report, extra=("--as-of", "2020-03-01T00:00:00+08:00"))
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert summary["orders"] == {"new": 28010, "updated": 0, "unchanged": 0}
    assert summary["files"][0]["format"] == "tmall-order-report"
    assert summary["files"][0]["repeated"] is False
    with daiyun_app.engine.connect() as connection:
        count, paid, refunded = connection.execute(
            select(
                func.count(), func.sum(sales_order.c.paid_fen), func.sum(sales_order.c.refund_fen)
            )
        ).one()
        without_lines = connection.execute(
            select(func.count()).where(sales_order.c.has_sku_lines.is_(False))
        ).scalar_one()
    # The file's own sums: 1,902,487.15 yuan paid, 572,335.92 yuan refunded.
    assert (count, paid, refunded) == (28010, 190_248_715, 57_233_592)
    assert without_lines == 28010  # R-S1: no SKU lines, so never settleable

    before = database_snapshot(daiyun_app)
    again = _import(store, report, extra=("--as-of", "2020-03-01T00:00:00+08:00"))
    assert again.exit_code == 0
    assert again.json()["orders"] == {"new": 0, "updated": 0, "unchanged": 28010}
    assert again.json()["files"][0]["repeated"] is True
    assert database_snapshot(daiyun_app) == before


def test_an_order_file_imports_once_and_a_newer_snapshot_moves_it_forward(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    paid = write_daiyun_orders(
        tmp_path / "d1.csv",
        [
            daiyun_order_row("1001"),
            daiyun_order_row(
                "1001", 2, sku="CD-MASK-5", units="1", unit_price="59.00", line_amount="59.00"
            ),
            daiyun_order_row("1002", buyer_key="tb_buyer_2"),
        ],
    )
    first = _import(store, paid, extra=("--as-of", "2026-10-05T10:00:00+08:00"))
    assert first.exit_code == 0, first.stderr
    assert first.json()["orders"] == {"new": 2, "updated": 0, "unchanged": 0}
    assert first.json()["lines"] == {"new": 3, "updated": 0, "unchanged": 0}

    completed = write_daiyun_orders(
        tmp_path / "d2.csv",
        [
            daiyun_order_row("1001", status="completed", completed_at="2026-10-12 08:00:00"),
            daiyun_order_row(
                "1001",
                2,
                sku="CD-MASK-5",
                units="1",
                unit_price="59.00",
                line_amount="59.00",
                status="completed",
                completed_at="2026-10-12 08:00:00",
            ),
            daiyun_order_row("1002", buyer_key="tb_buyer_2"),
        ],
    )
    second = _import(store, completed, extra=("--as-of", "2026-10-12T10:00:00+08:00"))
    assert second.json()["orders"] == {"new": 0, "updated": 1, "unchanged": 1}
    assert second.json()["lines"] == {"new": 0, "updated": 2, "unchanged": 1}

    before = database_snapshot(daiyun_app)
    # The older snapshot arrives late: it never moves an order back.
    late = _import(store, paid, extra=("--as-of", "2026-10-05T10:00:00+08:00"))
    assert late.json()["orders"]["updated"] == 0 and late.json()["files"][0]["repeated"] is True
    assert database_snapshot(daiyun_app) == before
    with daiyun_app.engine.connect() as connection:
        status = connection.execute(
            select(sales_order.c.status).where(sales_order.c.order_no == "1001")
        ).scalar_one()
    assert status == "completed"


def test_a_file_with_a_bad_row_writes_nothing_and_names_file_row_and_column(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    before = database_snapshot(daiyun_app)
    bad = write_daiyun_orders(
        tmp_path / "bad.csv",
        [
            daiyun_order_row("1001"),
            daiyun_order_row("1002", line_amount="38七.00"),
            daiyun_order_row("1003", sku="NO-SUCH-SKU"),
        ],
    )
    result = _import(store, bad, extra=("--as-of", "2026-10-05T10:00:00+08:00"))
    assert result.exit_code == 2
    errors = result.json()["errors"]
    assert {
        "file": "bad.csv",
        "row": 3,
        "column": "line_amount",
        "value": "38七.00",
    }.items() <= errors[0].items()
    assert any(e["column"] == "商家编码" and e["value"] == "NO-SUCH-SKU" for e in errors)
    assert database_snapshot(daiyun_app) == before


def test_skip_invalid_stores_the_valid_rows_and_writes_the_rejects(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    bad = write_daiyun_orders(
        tmp_path / "mixed.csv",
        [
            daiyun_order_row("1001"),
            daiyun_order_row("1002", line_amount="38七.00"),
        ],
    )
    result = _import(store, bad, extra=("--as-of", "2026-10-05T10:00:00+08:00", "--skip-invalid"))
    assert result.exit_code == 0, result.stderr
    assert result.json()["orders"]["new"] == 1
    rejects = Path(result.json()["rejects_file"])
    assert rejects.name == "mixed.rejects.csv"
    assert "38七.00" in rejects.read_text(encoding="utf-8-sig")


def test_price_violations_are_stored_and_counted_not_refused(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    # R-P2: 2 × guide ¥139.00 = ¥278.00; ¥250.00 paid is below the floor.
    # R-P3: cap 10%: ¥305.80 at most; ¥320.00 is above it.
    sales = write_daiyun_orders(
        tmp_path / "prices.csv",
        [
            daiyun_order_row("1001", line_amount="250.00"),
            daiyun_order_row("1002", line_amount="320.00"),
            daiyun_order_row("1003", line_amount="305.80"),
        ],
    )
    result = _import(store, sales, extra=("--as-of", "2026-10-05T10:00:00+08:00"))
    assert result.json()["price_violations"] == 2
    with daiyun_app.engine.connect() as connection:
        checks = dict(
            connection.execute(
                select(sales_order.c.order_no, order_line.c.price_check).join(
                    order_line, order_line.c.order_id == sales_order.c.id
                )
            ).all()
        )
    assert checks == {"1001": "below_guide", "1002": "above_cap", "1003": "within"}


def test_buyer_identity_is_stored_only_as_a_keyed_hash(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    # R-D1: nothing of the buyer's own identity is stored in plain text.
    sales = write_daiyun_orders(tmp_path / "d.csv", [daiyun_order_row("1001")])
    _import(store, sales, extra=("--as-of", "2026-10-05T10:00:00+08:00"))
    everything = repr(database_snapshot(daiyun_app))
    assert "tb_buyer_1" not in everything
    with daiyun_app.engine.connect() as connection:
        key = connection.execute(select(sales_order.c.buyer_key)).scalar_one()
    assert key is not None and len(key) == 32


def test_a_money_only_refund_is_recorded_once_as_a_refund_event(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    rows = [
        daiyun_order_row(
            "1001",
            status="completed",
            completed_at="2026-10-12 08:00:00",
            refund_amount="20.00",
            refund_reason="quality",
            refunded_at="2026-10-15 12:00:00",
        )
    ]
    sales = write_daiyun_orders(tmp_path / "r.csv", rows)
    _import(store, sales, extra=("--as-of", "2026-10-16T10:00:00+08:00"))
    _import(
        store,
        write_daiyun_orders(tmp_path / "r2.csv", rows),
        extra=("--as-of", "2026-10-17T10:00:00+08:00"),
    )
    with daiyun_app.engine.connect() as connection:
        refunds = connection.execute(select(refund.c.amount_fen, refund.c.reason)).all()
    assert [tuple(r) for r in refunds] == [(2000, "quality")]


def test_another_platforms_export_is_refused_for_the_store(
    daiyun_app: Daiyun, store: str, shared_real_data: Path, tmp_path: Path
) -> None:
    # chando-tmall is a Tmall store: a JD export cannot be its orders.
    jd = tmp_path / "jd.csv"
    jd.write_text(
        "订单号,商品ID,商品名称,订购数量,京东价,应付金额,运费金额,订单状态,下单时间\n",
        encoding="utf-8",
    )
    before = database_snapshot(daiyun_app)
    result = _import(store, jd, extra=("--as-of", "2026-10-05T10:00:00+08:00"))
    assert result.exit_code == 2
    assert "a jd-orders file cannot belong to store chando-tmall, which is on tmall" in (
        " ".join(result.stderr.split())
    )
    assert database_snapshot(daiyun_app) == before

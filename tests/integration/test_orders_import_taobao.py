"""A Taobao/Tmall seller-centre export pair through `daiyun orders import`, traps included."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from daiyun.adapters.db.tables import order_line, sales_order
from daiyun.bootstrap import Daiyun
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.unit.platforms.files import (
    BUYER_ALIPAY,
    BUYER_NAME,
    BUYER_PHONE,
    BUYER_STREET,
    ORDER_HEADER_2016,
    ORDER_NO,
    item_row,
    order_row,
    write_export,
    write_file,
)

# One order of one 滋润霜 at its guide price ¥139.00, as the seller centre writes it (GBK,
# `="…"` order numbers, trailing-space headers, a phone with a leading ').
ORDER = {
    "买家应付货款": "139.00",
    "总金额": "139.00",
    "买家实际支付金额": "139.00",
    "宝贝种类": "1",
    "宝贝总数量": "1",
}
ITEM = {"价格": "139.00", "商家编码": "CD-CREAM-50"}


def _import(database_url: str, *files: Path) -> CliResult:
    return run_daiyun(database_url, "orders", "import", "--store", "chando-tmall", "--json",
                      *map(str, files))  # fmt: skip


def test_an_export_pair_is_read_as_one_export_and_keeps_no_personal_data(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    files = write_export(tmp_path, [order_row(**ORDER)], [item_row(**ITEM)])
    result = _import(chando_store, *files)
    assert result.exit_code == 0, result.stderr
    assert [f["format"] for f in result.json()["files"]] == ["taobao-orders", "taobao-items"]
    assert result.json()["orders"]["new"] == 1 and result.json()["lines"]["new"] == 1
    with daiyun_app.engine.connect() as connection:
        order_source = connection.execute(
            select(sales_order.c.source_file, sales_order.c.source_row)
        ).one()
        line_source = connection.execute(
            select(order_line.c.source_file, order_line.c.source_row)
        ).one()
    # Provenance: the order's row in the order file, the line's row in the item file.
    assert tuple(order_source) == (files[0].name, 2)
    assert tuple(line_source) == (files[1].name, 2)
    stored = repr(database_snapshot(daiyun_app))
    assert ORDER_NO in stored and "浙江省" in stored and "杭州市" in stored
    # R-D1: no name, phone, street, Alipay account or member name is stored.
    for personal in (BUYER_NAME, BUYER_PHONE, BUYER_STREET, BUYER_ALIPAY, "tb_xiaoping"):
        assert personal not in stored


def test_exports_move_an_order_forward_in_any_import_order(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    shipped = write_export(
        tmp_path / "first",
        [order_row(**ORDER, 订单状态="卖家已发货，等待买家确认")],
        [item_row(**ITEM, 订单状态="卖家已发货，等待买家确认")],
        stamp="202611031000",
    )
    completed = write_export(
        tmp_path / "second",
        [order_row(**ORDER)],
        [item_row(**ITEM)],
        stamp="202611081000",
    )
    # The newer export first, the older one late: the order stays completed.
    assert _import(chando_store, *completed).exit_code == 0
    late = _import(chando_store, *shipped)
    assert late.exit_code == 0 and late.json()["orders"]["unchanged"] == 1
    with daiyun_app.engine.connect() as connection:
        status = connection.execute(select(sales_order.c.status)).scalar_one()
    assert status == "completed"


BAD_EXPORTS = {
    "an amount that is not one": (
        {"orders": [order_row(**{**ORDER, "买家应付货款": "13九.00"})],
         "items": [item_row(**ITEM)]},
        "买家应付货款 '13九.00'",
    ),
    "a header-only item file": ({"orders": [order_row(**ORDER)], "items": []}, "no item lines"),
    "an item whose order is missing": (
        {"orders": [order_row(**ORDER)],
         "items": [item_row(**ITEM), item_row(**ITEM, 订单编号='="1930679858170648"')]},
        "1930679858170648",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_EXPORTS)
def test_a_bad_export_writes_nothing_and_says_where(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path, case: str
) -> None:
    rows, expected = BAD_EXPORTS[case]
    files = write_export(tmp_path, rows["orders"], rows["items"])
    before = database_snapshot(daiyun_app)
    result = _import(chando_store, *files)
    assert result.exit_code == 2
    assert expected in " ".join(result.stderr.split()), result.stderr
    assert database_snapshot(daiyun_app) == before


def test_an_order_file_without_its_item_file_is_refused(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    alone = write_file(tmp_path / "ExportOrderList202611051000.csv", ORDER_HEADER_2016,
                       [order_row(**ORDER)])  # fmt: skip
    before = database_snapshot(daiyun_app)
    result = _import(chando_store, alone)
    assert result.exit_code == 2
    assert "ExportOrderDetailList" in result.stderr
    assert database_snapshot(daiyun_app) == before

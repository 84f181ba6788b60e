"""The columnar import of a Taobao export pair stores exactly what the order-by-order one does.

Each case imports the same files both ways into two fresh databases of the same kind, and
requires every row of sales_order, order_line and refund (ids aside, parents by natural key)
and the whole summary to be equal (issue 3; R-S1, R-S4, R-S9, R-P1–P3, R-D1 on both paths),
and the sales rollups the reports read (issue 20) equal both ways and to those worked out again
from the lines.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from bench.lib.taobao_export import BRAND_CODE, STORE_CODE, ExportSpec
from bench.lib.taobao_export import write_export as write_bench_export
from sqlalchemy import func, select, text

from daiyun.adapters.db.repositories.new_orders import NewOrderWriter
from daiyun.adapters.db.repositories.sales_rollups import roll_up_everything
from daiyun.adapters.db.rollup_tables import ROLLUPS
from daiyun.adapters.db.tables import store
from daiyun.adapters.platforms import OrderReading, read_order_files, taobao_columns
from daiyun.bootstrap import Daiyun, bootstrap
from daiyun.config import load_settings
from daiyun.domain.orders.columns import OrderColumns
from daiyun.services.orders import importing as orders_import
from daiyun.services.orders.importing import ImportSummary, import_orders
from tests.builders import contract_toml, write_catalog_csv
from tests.integration.cli_runner import run_daiyun
from tests.integration.conftest import postgres_clone
from tests.unit.platforms.files import (
    ITEM_HEADER_SUB_ORDER,
    ORDER_HEADER_LATER,
    item_row,
    order_row,
    write_export,
)

SECRET = b"differential-test-key"
AT = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


class OrderByOrder:
    """A reading that offers no columns: the import takes the order-by-order path."""

    def __init__(self, reading: OrderReading) -> None:
        self._reading = reading

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reading, name)

    def column_batches(self, batch_orders: int) -> None:
        return None


class Watched:
    """A reading whose column batches are counted, and whether they were read to the end."""

    def __init__(self, reading: OrderReading) -> None:
        self._reading = reading
        self.batches = 0
        self.read_to_the_end = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reading, name)

    def column_batches(self, batch_orders: int) -> Iterator[OrderColumns] | None:
        batches = self._reading.column_batches(batch_orders)
        return None if batches is None else self._watch(batches)

    def _watch(self, batches: Iterator[OrderColumns]) -> Iterator[OrderColumns]:
        for batch in batches:
            self.batches += 1
            yield batch
        self.read_to_the_end = True


@pytest.fixture
def twin_url(database_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second fresh, migrated database of the same kind as `database_url`."""
    if database_url.startswith("sqlite"):
        path = tmp_path / "twin.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    with postgres_clone(request.getfixturevalue("postgres_template")) as url:
        yield url


def _load(url: str, contract: Path, catalog: Path, brand: str) -> None:
    assert run_daiyun(url, "contract", "load", str(contract)).exit_code == 0
    result = run_daiyun(url, "catalog", "import", "--brand", brand, str(catalog))
    assert result.exit_code == 0, result.stderr


def _chando(url: str, folder: Path) -> None:
    """chando's contract (10% cap) and two SKUs; the cream's guide price rises on 11-01 10:00."""
    contract = folder / "chando.toml"
    contract.write_text(contract_toml(), encoding="utf-8")
    catalog = write_catalog_csv(
        folder / "catalog.csv",
        [
            ("CD-CREAM-50", "雪域精粹纯粹滋润霜50g", "面霜", "139.00", "2026-01-01"),
            ("CD-CREAM-50", "雪域精粹纯粹滋润霜50g", "面霜", "149.00", "2026-11-01 10:00"),
            ("CD-MASK-5", "活泉保湿面膜5片", "面膜", "59.00", "2026-01-01"),
        ],
    )
    _load(url, contract, catalog, "chando")


def _import(app: Daiyun, files: list[Path], source_of: Any, store: str) -> ImportSummary:
    source = source_of(read_order_files(files, as_of=None))
    summary = import_orders(
        app.unit_of_work(), store_code=store, source=source, skip_invalid=False,
        buyer_secret=SECRET, at=AT, actor="test",
    )  # fmt: skip
    return summary


_ROWS = {
    "sales_order": "SELECT o.* FROM sales_order o ORDER BY o.order_no",
    "order_line": "SELECT o.order_no, l.* FROM order_line l "
    "JOIN sales_order o ON o.id = l.order_id ORDER BY o.order_no, l.line_no",
    "refund": "SELECT o.order_no, r.* FROM refund r JOIN sales_order o ON o.id = r.order_id "
    "ORDER BY o.order_no, r.refund_key",
}


def _stored(app: Daiyun) -> dict[str, list[dict[str, Any]]]:
    """Every row of the order tables, without surrogate ids (parents are named by order_no)."""
    stored = {}
    with app.engine.connect() as connection:
        for table, query in _ROWS.items():
            rows = connection.execute(text(query)).mappings().all()
            stored[table] = [
                {name: value for name, value in row.items() if name != "id" and name != "order_id"}
                for row in rows
            ]
    return stored


def _rollups(connection: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every sales rollup (issue 20) summed by key, stores by code: rows of one key from two
    imports count as one row."""
    summed = {}
    for table in ROLLUPS:
        keys = [c for c in table.c if c.name != "store_id" and c.type.python_type is not int]
        keys += [table.c[name] for name in ("paid_hour", "unit_price_fen") if name in table.c]
        sums = [c for c in table.c if c.name != "store_id" and c not in keys]
        query = (
            select(store.c.code, *keys, *(func.sum(c) for c in sums))
            .join(store, store.c.id == table.c.store_id)
            .group_by(store.c.code, *keys)
        )
        summed[table.name] = sorted((tuple(row) for row in connection.execute(query)), key=repr)
    return summed


def _rollups_of(app: Daiyun) -> tuple[dict[str, Any], dict[str, Any]]:
    """The rollups as the imports kept them, and as worked out again from the stored lines
    (undone afterwards)."""
    with app.engine.connect() as connection:
        try:
            kept = _rollups(connection)
            roll_up_everything(connection)
            regrouped = _rollups(connection)
        finally:
            connection.rollback()
    return kept, regrouped


class Twins:
    """The same import both ways: columns into `columns`, order by order into `reference`."""

    def __init__(self, columns_url: str, reference_url: str) -> None:
        self.columns = bootstrap(load_settings(database_url=columns_url, environment="test"))
        self.reference = bootstrap(load_settings(database_url=reference_url, environment="test"))

    def close(self) -> None:
        self.columns.close()
        self.reference.close()

    def import_both(self, files: list[Path], store: str) -> tuple[ImportSummary, Watched]:
        """Import both ways; the summaries must be equal. Returns the columnar one's reading."""
        watched: list[Watched] = []

        def watch(reading: OrderReading) -> Watched:
            watched.append(Watched(reading))
            return watched[-1]

        columnar = _import(self.columns, files, watch, store)
        reference = _import(self.reference, files, OrderByOrder, store)
        assert columnar.as_document() == reference.as_document()
        return columnar, watched[0]

    def assert_same_rows(self) -> None:
        columns, reference = _stored(self.columns), _stored(self.reference)
        for table in _ROWS:
            assert columns[table] == reference[table], table
        # Issue 20: the sales rollups the columns' batches added up are those the order-by-
        # order import worked out from the lines, and those worked out again from the lines.
        kept, regrouped = _rollups_of(self.columns)
        reference_kept, _ = _rollups_of(self.reference)
        for table in ROLLUPS:
            assert kept[table.name] == regrouped[table.name], table.name
            assert kept[table.name] == reference_kept[table.name], table.name


@pytest.fixture
def twins(database_url: str, twin_url: str) -> Iterator[Twins]:
    pair = Twins(database_url, twin_url)
    try:
        yield pair
    finally:
        pair.close()


@pytest.mark.parametrize(("seed", "batch_orders"), [(1, 20_000), (2, 37), (3, 500)])
def test_generated_exports_are_stored_alike_both_ways(
    twins: Twins, tmp_path: Path, seed: int, batch_orders: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small batches and blocks: orders cut between batches and pyarrow blocks alike.
    monkeypatch.setattr(orders_import, "COLUMN_BATCH_ORDERS", batch_orders)
    monkeypatch.setattr(taobao_columns, "BLOCK_BYTES", 1 << 14)
    export = write_bench_export(ExportSpec(lines=1_500, seed=seed), tmp_path)
    for url in (twins.columns.settings.database_url, twins.reference.settings.database_url):
        _load(url, export.contract_file, export.catalog_file, BRAND_CODE)
    summary, watched = twins.import_both([export.order_file, export.item_file], STORE_CODE)
    assert summary.stored and summary.lines.new == 1_500
    assert watched.read_to_the_end and watched.batches >= (2 if batch_orders < 1_000 else 1)
    twins.assert_same_rows()
    # A second import of the same files changes nothing, both ways (exactly once).
    again, watched = twins.import_both([export.order_file, export.item_file], STORE_CODE)
    assert again.orders.new == 0 and again.orders.unchanged == summary.orders.new
    assert watched.read_to_the_end  # every order stored and unchanged, found by columns
    twins.assert_same_rows()
    # A later export moves a third of the orders forward (paid → shipped → completed).
    later = _moved_forward(export.order_file, export.item_file, tmp_path / "later")
    moved, watched = twins.import_both(later, STORE_CODE)
    assert moved.orders.updated > 0 and moved.orders.unchanged > 0 and moved.orders.new == 0
    assert watched.read_to_the_end
    twins.assert_same_rows()


_FORWARD = {
    "买家已付款，等待卖家发货": "卖家已发货，等待买家确认",
    "卖家已发货，等待买家确认": "交易成功",
}


def _moved_forward(order_file: Path, item_file: Path, folder: Path) -> list[Path]:
    """The export pair a day later: every third order (by number) one status further."""
    folder.mkdir()
    moved = []
    for path in (order_file, item_file):
        rows = path.read_bytes().decode("gb18030").split("\n")
        for k, row in enumerate(rows):
            number = row.split(",", 1)[0].strip('="')
            if number.isdigit() and int(number) % 3 == 0:
                before = next((b for b in _FORWARD if f",{b}" in row), None)
                rows[k] = (
                    row if before is None else row.replace(f",{before}", f",{_FORWARD[before]}")
                )
        later = folder / path.name.replace("202611011000", "202611021000")
        assert later.name != path.name
        later.write_bytes("\n".join(rows).encode("gb18030"))
        moved.append(later)
    return moved


def _chando_twins(twins: Twins, folder: Path) -> None:
    for name, app in (("columns", twins.columns), ("reference", twins.reference)):
        (folder / name).mkdir()
        _chando(app.settings.database_url, folder / name)


ORDER_NO = 1930679858170640


def _order(k: int, **cells: str) -> dict[str, str]:
    return order_row(订单编号=f'="{ORDER_NO + k}"', **cells)


def _item(k: int, **cells: str) -> dict[str, str]:
    return item_row(**{"订单编号": f'="{ORDER_NO + k}"', "商家编码": "CD-CREAM-50", **cells})


def test_hand_made_traps_are_stored_alike_both_ways(twins: Twins, tmp_path: Path) -> None:
    _chando_twins(twins, tmp_path)
    orders = [
        # R-S4: 100.00 over weights 1:1:1, ties to the earlier line (33.34, 33.33, 33.33).
        _order(1, 买家应付货款="100.00", 总金额="100.00", 买家实际支付金额="100.00"),
        # All-zero weights (free gifts): split equally, 0.01 to the first.
        _order(2, 买家应付货款="0.01", 总金额="0.01", 买家实际支付金额="0.01"),
        # Paid before and after the cream's guide price rose (R-P1); Excel's time forms.
        _order(3, 订单付款时间="2026/11/1 9:59", 订单创建时间="2026-11-01T09:00:00+08:00"),
        _order(4, 订单付款时间="2026-11-01 10:00:00", 买家应付货款="149.00"),
        # Unpaid, then closed after payment (R-S9: refund of all units before completion).
        _order(5, 订单状态="等待买家付款", 订单付款时间=""),
        _order(6, 订单状态="交易关闭", 收货地址="\u3000浙江省 杭州市 西湖区 文三路"),
        # Odd spaces: full-width space inside, tabs, a housing estate for a city, no address.
        _order(7, 收货地址="广东省\u3000深圳市 南山区", 买家会员名="  tb_两个空格 "),
        _order(8, 收货地址="北京\t朝阳区 某某小区", 买家会员名=""),
        _order(
            9, 收货地址="", 订单状态="WAIT_SELLER_SEND_GOODS", 订单创建时间=" 2026-11-01 08:00:00 "
        ),
    ]
    items = [
        _item(1, 价格="10.00"), _item(1, 价格="10.00"), _item(1, 价格="10.00"),
        _item(2, 价格="0.00", 商家编码="CD-MASK-5"), _item(2, 价格="0.00"),
        _item(3, 价格="139.00"), _item(4, 价格="149.00"),
        _item(5, 订单状态=""), _item(6, 订单状态="交易关闭", 购买数量="2"),
        _item(7, 订单状态="交易成功"), _item(7, 订单状态="交易关闭", 商家编码="CD-MASK-5"),
        _item(8, 价格="199.00元"), _item(9, 价格="￥139", 订单状态="TRADE_FINISHED"),
    ]  # fmt: skip
    files = list(write_export(tmp_path, orders, items))
    summary, watched = twins.import_both(files, "chando-tmall")
    assert summary.stored and summary.orders.new == 9 and watched.read_to_the_end
    twins.assert_same_rows()


def test_an_export_with_stored_orders_moves_them_forward_alike(
    twins: Twins, tmp_path: Path
) -> None:
    _chando_twins(twins, tmp_path)
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    first = write_export(
        tmp_path / "first",
        [_order(1, 订单状态="买家已付款，等待卖家发货")],
        [_item(1, 订单状态="买家已付款，等待卖家发货")],
        stamp="202611031000",
    )
    twins.import_both(list(first), "chando-tmall")
    second = write_export(
        tmp_path / "second",
        [_order(2), _order(1, 订单状态="交易关闭"), _order(3, 订单状态="交易成功")],
        [_item(2), _item(1, 订单状态="交易关闭"), _item(3)],
        stamp="202611051000",
    )
    summary, watched = twins.import_both(list(second), "chando-tmall")
    assert (summary.orders.new, summary.orders.updated) == (2, 1)
    assert watched.read_to_the_end
    twins.assert_same_rows()


PAID, SHIPPED, DONE = "买家已付款，等待卖家发货", "卖家已发货，等待买家确认", "交易成功"


def _snapshot(folder: Path, stamp: str, orders: list[Any], items: list[Any]) -> list[Path]:
    folder.mkdir()
    return list(write_export(folder, orders, items, stamp=stamp))


def test_later_older_and_repeated_snapshots_move_stored_orders_alike(
    twins: Twins, tmp_path: Path
) -> None:
    """R-S1, decide(): each way a stored order can move, one order each, found by columns as
    order by order; an older snapshot and a repeated one change nothing."""
    _chando_twins(twins, tmp_path)
    no_pay = {"订单状态": "等待买家付款", "订单付款时间": ""}
    first = _snapshot(tmp_path / "first", "202611031000", [
        _order(1, 订单状态=PAID), _order(2, 订单状态=PAID), _order(3, **no_pay),
        _order(4, 订单状态=PAID), _order(5, 订单状态=PAID), _order(6, 订单状态=PAID, 收货地址=""),
        _order(7, 订单状态=PAID, 买家会员名=""), _order(8, 订单状态=SHIPPED),
        _order(9, 订单状态=PAID), _order(10, 订单状态=PAID), _order(11),
    ], [
        _item(1, 订单状态=PAID), _item(2, 订单状态=PAID), _item(2, 订单状态=PAID),
        _item(3, 订单状态=""), _item(4, 订单状态=PAID), _item(5, 订单状态=PAID),
        _item(6, 订单状态=PAID), _item(7, 订单状态=PAID), _item(8, 订单状态=SHIPPED),
        _item(9, 订单状态=PAID), _item(10, 订单状态=PAID), _item(11),
    ])  # fmt: skip
    summary, _ = twins.import_both(first, "chando-tmall")
    assert summary.orders.new == 11
    later = _snapshot(tmp_path / "later", "202611051000", [
        _order(1, 订单状态=SHIPPED),  # the order's status alone moves (its line says paid)
        _order(2, 订单状态=PAID),  # its second line's status alone moves
        _order(3, 订单状态=PAID),  # paid now: a payment time, and its line priced (R-P1)
        _order(4, 订单状态=PAID, 买家应付邮费="10.00", 总金额="408.00", 买家实际支付金额="408.00"),
        _order(5, 订单状态=PAID),  # a second line
        _order(6, 订单状态=PAID),  # an address where there was none
        _order(7, 订单状态=PAID),  # a buyer where there was none
        _order(8),  # completed (R-S1: as of this snapshot)
        _order(9, 订单状态=PAID),  # a line closed after payment (R-S9: its units refunded)
        _order(10, 订单状态=PAID), _order(11),  # as they were
        _order(12),  # new
    ], [
        _item(1, 订单状态=PAID), _item(2, 订单状态=PAID), _item(2, 订单状态=SHIPPED),
        _item(3, 订单状态=""), _item(4, 订单状态=PAID), _item(5, 订单状态=PAID),
        _item(5, 订单状态=PAID, 商家编码="CD-MASK-5"), _item(6, 订单状态=PAID),
        _item(7, 订单状态=PAID), _item(8), _item(9, 订单状态="交易关闭"),
        _item(10, 订单状态=PAID), _item(11), _item(12),
    ])  # fmt: skip
    moved, watched = twins.import_both(later, "chando-tmall")
    assert (moved.orders.new, moved.orders.updated, moved.orders.unchanged) == (1, 9, 2)
    assert watched.read_to_the_end
    twins.assert_same_rows()
    # A snapshot of 11-04, older than 11-05, would move every order: it moves only order 10,
    # which no snapshot since 11-03 moved (completed now); order 13 is new.
    older = _snapshot(tmp_path / "older", "202611041000",
        [_order(k) for k in range(1, 14)], [_item(k) for k in range(1, 14)])  # fmt: skip
    stale, _ = twins.import_both(older, "chando-tmall")
    assert (stale.orders.new, stale.orders.updated, stale.orders.unchanged) == (1, 1, 11)
    twins.assert_same_rows()
    again, _ = twins.import_both(later, "chando-tmall")
    assert (again.orders.new, again.orders.updated, again.orders.unchanged) == (0, 0, 12)
    assert again.lines.unchanged == 14
    twins.assert_same_rows()


def test_batches_of_new_orders_go_in_bulk_beside_batches_with_stored_ones(
    twins: Twins, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch per order: in a store that has orders, each batch is checked before it is made
    ready (on PostgreSQL over the writer's second connection, which is closed after): the new
    orders 2 and 3 go in bulk, the stored order 1 order by order, and the rows are the same."""
    _chando_twins(twins, tmp_path)
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    paid = "买家已付款，等待卖家发货"
    first = write_export(
        tmp_path / "first", [_order(1, 订单状态=paid)], [_item(1, 订单状态=paid)],
        stamp="202611031000",
    )  # fmt: skip
    twins.import_both(list(first), "chando-tmall")
    monkeypatch.setattr(orders_import, "COLUMN_BATCH_ORDERS", 1)
    monkeypatch.setattr(taobao_columns, "BLOCK_BYTES", 64)  # a row or none per block
    written: list[bool] = []
    original = NewOrderWriter.write

    def write(self: NewOrderWriter, ready: Any) -> bool:
        written.append(original(self, ready))
        return written[-1]

    monkeypatch.setattr(NewOrderWriter, "write", write)
    second = write_export(
        tmp_path / "second",
        [_order(2), _order(1, 订单状态="交易成功"), _order(3)],
        [_item(2), _item(1, 订单状态="交易成功"), _item(3)],
        stamp="202611051000",
    )
    summary, watched = twins.import_both(list(second), "chando-tmall")
    assert (summary.orders.new, summary.orders.updated) == (2, 1)
    assert watched.batches == 3 and watched.read_to_the_end
    # PostgreSQL finds order 1 stored before making its batch ready (no write is tried);
    # SQLite when writing it (the write writes nothing and says so).
    assert written in ([True, True], [True, False, True])
    twins.assert_same_rows()
    assert twins.columns.engine.pool.checkedout() == 0  # the second connection is closed


@pytest.mark.parametrize(
    "case",
    ["unknown SKU", "bad amount", "order twice", "lines without order", "later layout", "utf-8"],
)
def test_exports_outside_the_pattern_are_imported_alike(
    twins: Twins, tmp_path: Path, case: str
) -> None:
    _chando_twins(twins, tmp_path)
    orders = [_order(1), _order(2)]
    items = [_item(1), _item(2)]
    options: dict[str, Any] = {}
    if case == "unknown SKU":
        items[1] = _item(2, 商家编码="NOT-IN-CATALOGUE")
    elif case == "bad amount":
        orders[1] = _order(2, 总金额="12,3.4")
    elif case == "order twice":
        orders.append(_order(1, 订单状态="交易关闭"))
        items.append(_item(1))
    elif case == "lines without order":
        items.append(_item(3))
    elif case == "later layout":
        options = {"order_header": ORDER_HEADER_LATER, "item_header": ITEM_HEADER_SUB_ORDER}
        items = [{**item, "子订单编号": f"{k}"} for k, item in enumerate(items, 1)]
    elif case == "utf-8":
        options = {"encoding": "utf-8"}
    files = list(write_export(tmp_path, orders, items, **options))
    summary, watched = twins.import_both(files, "chando-tmall")
    assert watched.read_to_the_end is (case == "utf-8")
    twins.assert_same_rows()
    if case in ("unknown SKU", "bad amount", "lines without order"):
        assert not summary.stored and _stored(twins.columns)["sales_order"] == []


@pytest.mark.parametrize("checked", ["here", "beside"])
def test_bytes_that_are_not_text_far_into_a_file_are_refused_alike(
    twins: Twins, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked: str
) -> None:
    """A byte that is no GBK far into the order file (past the 64 KiB its encoding is told
    from), in a column the import does not keep (买家留言): the columnar reading finds it —
    decoding block by block here, or by a process beside it for a large file (TextCheck) — and
    leaves the file to the order-by-order reading, which names the row; nothing is stored."""
    if checked == "beside":
        monkeypatch.setattr(taobao_columns, "CHECK_BESIDE_BYTES", 0)
    _chando_twins(twins, tmp_path)
    count = 400  # about 120 KiB of order rows
    orders = [_order(k) for k in range(1, count + 1)]
    orders[-1] = _order(count, 买家留言="MARKNOTTEXT")
    items = [_item(k) for k in range(1, count + 1)]
    order_file, item_file = write_export(tmp_path, orders, items)
    content = order_file.read_bytes()
    assert content.index(b"MARKNOTTEXT") > 64 * 1024
    order_file.write_bytes(content.replace(b"MARKNOTTEXT", b"\xff\xfe\xfd"))

    summary, watched = twins.import_both([order_file, item_file], "chando-tmall")

    assert not watched.read_to_the_end
    assert not summary.stored
    assert [problem.message for problem in summary.problems] == [
        "is not text in GBK from this line on; save the file as CSV UTF-8"
    ]
    assert summary.problems[0].row == count + 1
    assert _stored(twins.columns)["sales_order"] == []
    twins.assert_same_rows()

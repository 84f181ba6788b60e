"""Property (issue 19, R-F1, R-F7): on hand = list + receipts − sold + returned − lost, whatever
sequence of imports and re-imports of overlapping order exports came in, and whatever goods were
lost or damaged in the operator's custody.

Each example is a fresh brand with a list of 50 creams and 20 masks as of 10-01 00:00. Orders
are paid from two days before the list to eight days after it, and go paid → shipped →
completed, or paid → closed before shipping (a refund: the goods never left). Four exports,
a day apart from 10-11, each hold some of the orders at the stage each has reached by then; an
order in several exports is in them at later stages in later ones. A random sequence of those
exports is imported, older after newer and the same again included. The store keeps each order
as its newest imported snapshot shows it (an older one changes nothing), so the expected sales
are the lines of the orders in any imported export, at the stage of the newest such export:
paid after the list, not closed. Receipts are dated from the list's own day (not counted: in
the list) to 20 days after; a return of a shipped line, when drawn, comes back on 10-25.
Custody losses (R-F7) happen from a day before the list (not counted: the list is after them)
to a day after the moment asked about (not counted yet), each in a warehouse of its own or in
the unnamed one.

Run on SQLite with a bounded number of examples (each loads a contract and imports files
through the command line); on PostgreSQL the same counting is proven by
test_fulfilment_stock.py's re-import test.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import (
    beijing,
    contract_toml,
    daiyun_order_row,
    write_catalog_csv,
    write_daiyun_orders,
)
from tests.integration.cli_runner import run_daiyun

LIST = beijing("2026-10-01 00:00")
EXPORTS = [LIST + timedelta(days=10 + k) for k in range(4)]
AT = "2026-10-31T00:00:00"
PRICES = {"CREAM": 13900, "MASK": 5900}
LISTED = {"CREAM": 50, "MASK": 20}
_examples = itertools.count(1)


@dataclass(frozen=True)
class Order:
    no: str
    lines: tuple[tuple[str, int], ...]  # (SKU, units), line numbers from 1
    paid_hours: int  # after the list's moment (≤ 0: in the list already)
    stages: tuple[str, ...]  # ("paid", "shipped", "completed") or ("paid", "closed")
    exports: frozenset[int]

    def stage_in(self, export: int) -> str:
        return self.stages[min(export - min(self.exports), len(self.stages) - 1)]


@st.composite
def orders(draw: st.DrawFn) -> list[Order]:
    made = []
    for n in range(draw(st.integers(1, 5))):
        lines = draw(
            st.lists(st.tuples(st.sampled_from(sorted(PRICES)), st.integers(1, 3)), min_size=1,
                     max_size=2)
        )  # fmt: skip
        closes = draw(st.booleans())
        made.append(
            Order(
                no=f"9{n}",
                lines=tuple(lines),
                paid_hours=draw(st.integers(-48, 200)),
                stages=("paid", "closed") if closes else ("paid", "shipped", "completed"),
                exports=frozenset(draw(st.sets(st.integers(0, 3), min_size=1))),
            )
        )
    return made


def _rows(order: Order, export: int) -> list[dict[str, str]]:
    stage = order.stage_in(export)
    paid = LIST + timedelta(hours=order.paid_hours)
    at = {  # 2026-10-01 10:00 style, Beijing time
        name: (paid + timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M:%S")
        for name, hours in (("paid", 0), ("shipped", 1), ("completed", 2), ("closed", 1))
    }
    rows = []
    for number, (sku, units) in enumerate(order.lines, start=1):
        amount = PRICES[sku] * units
        row = daiyun_order_row(
            order.no, number, sku=sku, units=str(units), unit_price=f"{PRICES[sku] // 100}.00",
            line_amount=f"{amount // 100}.00", status=stage, created_at=at["paid"],
            paid_at=at["paid"],
        )  # fmt: skip
        if stage in ("shipped", "completed"):
            row["shipped_at"] = at["shipped"]
        if stage == "completed":
            row["completed_at"] = at["completed"]
        if stage == "closed":
            row.update(
                refund_units=str(units), refund_amount=f"{amount // 100}.00",
                refund_reason="拍错了", refunded_at=at["closed"],
            )  # fmt: skip
        rows.append(row)
    return rows


def _load_brand(url: str, folder: Path, n: int) -> tuple[str, str]:
    brand, store = f"p{n}", f"p{n}-tmall"
    contract = folder / f"p{n}.toml"
    contract.write_text(
        contract_toml(brand_code=brand, brand_name=f"品牌{n}", contract_code=f"P{n}-2026",
                      store_code=store),
        encoding="utf-8",
    )  # fmt: skip
    assert run_daiyun(url, "contract", "load", str(contract)).exit_code == 0
    catalog = write_catalog_csv(
        folder / f"p{n}-catalog.csv",
        [(sku, sku, "面霜", f"{fen // 100}.00", "2026-01-01") for sku, fen in PRICES.items()],
    )
    assert run_daiyun(url, "catalog", "import", "--brand", brand, str(catalog)).exit_code == 0
    listed = folder / f"p{n}-stock.csv"
    listed.write_text(
        "sku,quantity\n" + "".join(f"{sku},{units}\n" for sku, units in LISTED.items()),
        encoding="utf-8",
    )
    result = run_daiyun(
        url, "stock", "import", "--brand", brand, "--at", LIST.isoformat(), str(listed)
    )
    assert result.exit_code == 0, result.stderr
    return brand, store


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    made=orders(),
    imports=st.lists(st.integers(0, 3), min_size=1, max_size=6),
    receipts=st.lists(st.tuples(st.sampled_from(sorted(PRICES)), st.integers(1, 40),
                                st.integers(0, 20)), max_size=3),
    return_one=st.booleans(),
    losses=st.lists(st.tuples(st.sampled_from(sorted(PRICES)), st.integers(1, 5),
                              st.integers(-24, 744), st.sampled_from(["", "杭州仓"])),
                    max_size=3),
)  # fmt: skip
def test_on_hand_is_list_plus_receipts_minus_sold_plus_returned_minus_lost(
    database_url: str,
    tmp_path: Path,
    made: list[Order],
    imports: list[int],
    receipts: list[tuple[str, int, int]],
    return_one: bool,
    losses: list[tuple[str, int, int, str]],
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the property runs on SQLite; PostgreSQL's counting: test_fulfilment_stock")
    n = next(_examples)
    folder = tmp_path / f"example-{n}"
    folder.mkdir()
    brand, store = _load_brand(database_url, folder, n)
    for position, export in enumerate(imports):
        rows = [row for order in made if export in order.exports for row in _rows(order, export)]
        if not rows:
            continue
        path = write_daiyun_orders(folder / f"export-{export}-{position}.csv", rows)
        result = run_daiyun(
            database_url, "orders", "import", "--store", store, "--as-of",
            EXPORTS[export].isoformat(), str(path),
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
    for sku, units, day in receipts:
        on = (LIST + timedelta(days=day)).date().isoformat()
        result = run_daiyun(
            database_url, "stock", "receive", "--brand", brand, "--sku", sku, "--quantity",
            str(units), "--on", on, "--reference", f"{sku}-{units}-{day}",
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr

    # What the store holds: each order as the newest imported export that has it shows it.
    imported = set(imports)
    stored = {
        order.no: (order, order.stage_in(max(order.exports & imported)))
        for order in made
        if order.exports & imported
    }
    sold = dict.fromkeys(PRICES, 0)
    for order, stage in stored.values():
        if order.paid_hours > 0 and stage != "closed":
            for sku, units in order.lines:
                sold[sku] += units
    returned = dict.fromkeys(PRICES, 0)
    shipped = [o for o, stage in stored.values() if stage in ("shipped", "completed")]
    if return_one and shipped:
        order = shipped[0]
        received = (LIST + timedelta(hours=order.paid_hours + 24)).date().isoformat()
        asked = run_daiyun(
            database_url, "return", "request", "--store", store, "--order", order.no,
            "--line", "1", "--kind", "return", "--reason", "quality", "--received-on",
            received, "--requested-on", received,
        )  # fmt: skip
        assert asked.exit_code == 0, asked.stderr
        back = run_daiyun(
            database_url, "return", "receive", "--store", store, "--order", order.no,
            "--line", "1", "--on", "2026-10-25",
        )  # fmt: skip
        assert back.exit_code == 0, back.stderr
        sku, units = order.lines[0]
        returned[sku] += units
    # R-F7: each loss at its own moment (a minute apart: two draws are never the same loss);
    # counted when after the list's moment and not after --at.
    lost = dict.fromkeys(PRICES, 0)
    for minute, (sku, units, hours, warehouse) in enumerate(losses):
        moment = LIST + timedelta(hours=hours, minutes=minute)
        result = run_daiyun(
            database_url, "stock", "loss", "record", "--brand", brand, "--sku", sku,
            "--quantity", str(units), "--kind", "damaged", "--at", moment.isoformat(),
            "--what", "运输破损", "--warehouse", warehouse,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        if LIST < moment <= beijing("2026-10-31 00:00"):
            lost[sku] += units
    counted = dict.fromkeys(PRICES, 0)
    for sku, units, day in receipts:
        if day > 0:  # a receipt on the list's own day is in the list
            counted[sku] += units

    shown = run_daiyun(database_url, "stock", "show", "--brand", brand, "--at", AT, "--json")
    assert shown.exit_code == 0, shown.stderr
    positions = {each["sku"]: each for each in shown.json()["skus"]}
    for sku in PRICES:
        expected = LISTED[sku] + counted[sku] - sold[sku] + returned[sku] - lost[sku]
        position = positions[sku]
        assert (position["sold"], position["received"], position["returned"]) == (
            sold[sku], counted[sku], returned[sku],
        ), (made, imports)  # fmt: skip
        assert position["lost"] == lost[sku], losses
        assert position["on_hand"] == expected

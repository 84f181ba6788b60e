"""Killing `daiyun orders import` at any moment and running it again loses and doubles nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from daiyun.adapters.db.tables import import_file, order_line, sales_order
from daiyun.bootstrap import Daiyun
from tests.builders import daiyun_order_row, write_daiyun_orders

ORDERS = 6000  # two lines each: large enough that an import takes a moment to kill


def _daiyun(database_url: str, *args: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DAIYUN_DATABASE_URL=database_url)
    return subprocess.Popen(
        [sys.executable, "-m", "daiyun", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _counts(app: Daiyun) -> tuple[int, int, int, int]:
    with app.engine.connect() as connection:
        orders = connection.execute(select(func.count()).select_from(sales_order)).scalar_one()
        lines = connection.execute(select(func.count()).select_from(order_line)).scalar_one()
        amount = connection.execute(select(func.sum(order_line.c.line_amount_fen))).scalar()
        files = connection.execute(select(func.count()).select_from(import_file)).scalar_one()
    return orders, lines, int(amount or 0), files


@pytest.mark.parametrize("kill_after", [0.05, 0.4, 0.9, 1.6, 2.5])
def test_an_import_killed_at_any_moment_and_run_again_stores_every_line_once(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path, kill_after: float
) -> None:
    database_url = chando_store
    rows = []
    for number in range(ORDERS):
        order_no = str(3_000_000_000_000_000 + number)
        rows.append(daiyun_order_row(order_no))
        rows.append(
            daiyun_order_row(
                order_no, 2, sku="CD-MASK-5", units="1", unit_price="59.00", line_amount="59.00"
            )
        )
    orders_file = write_daiyun_orders(tmp_path / "orders.csv", rows)
    command = (
        "orders",
        "import",
        "--store",
        "chando-tmall",
        "--as-of",
        "2026-10-05T10:00:00+08:00",
        str(orders_file),
    )

    victim = _daiyun(database_url, *command)
    time.sleep(kill_after)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=60)
    orders, lines, _, files = _counts(daiyun_app)
    # Killed mid-way: nothing half-written — all of it, or nothing.
    assert (orders, lines, files) in {(0, 0, 0), (ORDERS, 2 * ORDERS, 1)}

    rerun = _daiyun(database_url, *command)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr.decode()
    # 6,000 orders × (¥278.00 + ¥59.00) = 6,000 × 33,700 fen = 202,200,000 fen.
    assert _counts(daiyun_app) == (ORDERS, 2 * ORDERS, 202_200_000, 1)


def test_two_imports_of_the_same_file_at_once_store_every_line_once(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    database_url = chando_store
    rows = [daiyun_order_row(str(3_000_000_000_000_000 + n)) for n in range(2000)]
    orders_file = write_daiyun_orders(tmp_path / "orders.csv", rows)
    command = (
        "orders",
        "import",
        "--store",
        "chando-tmall",
        "--as-of",
        "2026-10-05T10:00:00+08:00",
        str(orders_file),
    )
    first, second = _daiyun(database_url, *command), _daiyun(database_url, *command)
    for process in (first, second):
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr.decode()
    # 2,000 orders of 2 × ¥139.00 = 2,000 × 27,800 fen = 55,600,000 fen, stored once.
    assert _counts(daiyun_app) == (2000, 2000, 55_600_000, 1)

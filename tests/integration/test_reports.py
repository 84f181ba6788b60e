"""The reports a contract owes (issue 20, R-R1, R-R2) through the command line, on SQLite and
PostgreSQL: a week and a month worked by hand, due days and on_time on the due day and the day
after, made once, run-due exactly once, bad periods, the XLSX and the obligations.

chando's contract CHANDO-2026 (effective 2026-01-05; weekly_report_days 1, monthly 3) and its
store chando-tmall sell the cream CD-CREAM-50 (¥139.00, 面霜) and the mask CD-MASK-5 (¥59.00,
面膜). The orders (Beijing time):

| order | paid | buyer | lines | became |
| --- | --- | --- | --- | --- |
| 0900 | 09-28 10:00 | A | 1 cream 139.00 | closed, refunded 139.00 on 10-08 (质量问题) |
| 1000 | 10-01 00:30 (09-30 16:30 UTC) | D | 1 mask 59.00 | paid |
| 1001 | 10-05 09:01 | A | 2 cream 278.00 + 1 mask 59.00, shipping 10.00 | shipped 10-06 |
| 1002 | 10-06 07:30 (10-05 23:30 UTC) | B | 1 cream 139.00 | closed, refunded 139.00 on 10-07 |
| 1003 | 10-11 23:59:59 | C | 3 mask 177.00 | paid; refunded 59.00 on 11-02 |
| 1004 | 10-12 00:00:00 | A | 1 cream 139.00 | paid |
| 1005 | — (unpaid) | E | 1 cream 139.00 | unpaid |
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from daiyun.bootstrap import Daiyun, bootstrap
from daiyun.config import load_settings
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.jobs import JobState
from daiyun.entrypoints.jobs.runtime import JobRuntime
from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.snapshots import database_snapshot

STORE, CONTRACT = "chando-tmall", "CHANDO-2026"
CREAM, MASK = "CD-CREAM-50", "CD-MASK-5"


def _row(order: str, line: int, sku: str, units: int, **values: str) -> dict[str, str]:
    price = {CREAM: 13900, MASK: 5900}[sku]
    row = daiyun_order_row(
        order, line, sku=sku, units=str(units), unit_price=f"{price // 100}.00",
        line_amount=f"{price * units // 100}.00",
    )  # fmt: skip
    row.update(values)
    row["created_at"] = values.get("created_at") or row["paid_at"] or "2026-10-10 10:00:00"
    return row


ROWS = [
    _row("0900", 1, CREAM, 1, paid_at="2026-09-28 10:00:00", status="closed", refund_units="1",
         refund_amount="139.00", refund_reason="质量问题", refunded_at="2026-10-08 12:00:00"),
    _row("1000", 1, MASK, 1, paid_at="2026-10-01 00:30:00", buyer_key="tb_buyer_d",
         province="上海市", city="上海市"),
    _row("1001", 1, CREAM, 2, paid_at="2026-10-05 09:01:00", shipping="10.00", status="shipped",
         shipped_at="2026-10-06 09:00:00"),
    _row("1001", 2, MASK, 1, paid_at="2026-10-05 09:01:00", status="shipped",
         shipped_at="2026-10-06 09:00:00"),
    _row("1002", 1, CREAM, 1, paid_at="2026-10-06 07:30:00", buyer_key="tb_buyer_b",
         status="closed", refund_units="1", refund_amount="139.00", refund_reason="不想要了",
         refunded_at="2026-10-07 10:00:00"),
    _row("1003", 1, MASK, 3, paid_at="2026-10-11 23:59:59", buyer_key="tb_buyer_c",
         province="江苏省", city="南京市", refund_units="1", refund_amount="59.00",
         refund_reason="不想要了", refunded_at="2026-11-02 10:00:00"),
    _row("1004", 1, CREAM, 1, paid_at="2026-10-12 00:00:00"),
    _row("1005", 1, CREAM, 1, paid_at="", status="unpaid", buyer_key="tb_buyer_e",
         created_at="2026-10-07 10:00:00"),
]  # fmt: skip


@pytest.fixture
def sold(chando_store: str, tmp_path: Path) -> str:
    """The orders above (one export as of 2026-11-05), a stock list as of 10-01 00:00, and a
    return of 1001's mask asked on 10-09 (received 10-08: within 7 days, accepted)."""
    url = chando_store
    path = write_daiyun_orders(tmp_path / "orders.csv", ROWS)
    imported = run_daiyun(
        url, "orders", "import", "--store", STORE, "--as-of", "2026-11-05T10:00:00+08:00", str(path)
    )
    assert imported.exit_code == 0, imported.stderr + imported.stdout
    stock = tmp_path / "stock.csv"
    stock.write_text(
        f"商家编码,数量,仓库\n{CREAM},100,杭州仓\n{MASK},50,杭州仓\n", encoding="utf-8"
    )
    listed = run_daiyun(
        url, "stock", "import", "--brand", "chando", "--at", "2026-10-01T00:00:00+08:00", str(stock)
    )
    assert listed.exit_code == 0, listed.stderr
    asked = run_daiyun(
        url, "return", "request", "--store", STORE, "--order", "1001", "--line", "2",
        "--kind", "return", "--reason", "不喜欢", "--received-on", "2026-10-08",
        "--requested-on", "2026-10-09", "--json",
    )  # fmt: skip
    assert asked.exit_code == 0, asked.stderr
    return url


def _make(url: str, kind: str, period: str, at: str, *more: str) -> CliResult:
    return run_daiyun(
        url, "report", "make", "--contract", CONTRACT, "--kind", kind, "--period", period,
        "--at", at, "--json", *more,
    )  # fmt: skip


def test_a_week_worked_by_hand(sold: str, tmp_path: Path) -> None:
    """R-R1, R-R2: week 2026-W41 is Monday 10-05 to Sunday 10-11, Beijing time."""
    made = _make(
        sold, "weekly", "2026-W41", "2026-10-12T09:00:00", "--xlsx", str(tmp_path / "w.xlsx")
    )
    assert made.exit_code == 0, made.stderr
    report = made.json()
    # interfaces.md's keys first, in its order.
    assert list(report)[:12] == [
        "contract", "kind", "period", "start", "end", "due", "made_at", "on_time", "sales",
        "refunds", "customers", "top_skus",
    ]  # fmt: skip
    assert (report["start"], report["end"], report["due"]) == (
        "2026-10-05",
        "2026-10-11",
        "2026-10-12",
    )
    # Paid in the week, whatever became of them: 1001, 1002 (closed and refunded later), 1003
    # (paid at 23:59:59 on Sunday). Not 1000 (10-01), 1004 (Monday 00:00:00 is the next week),
    # 1005 (never paid). Units 2 + 1 + 1 + 3 = 7; amounts 278.00 + 59.00 + 139.00 + 177.00 =
    # 653.00 — 1001's shipping 10.00 excluded.
    assert report["sales"] == {"orders": 3, "units": 7, "amount": "653.00"}
    # Refunds completed in the week: 1002's 139.00 (10-07) and 0900's 139.00 (10-08), though
    # 0900 was paid the week before = 2, 278.00. 1003's (11-02) is not in it.
    assert (report["refunds"]["count"], report["refunds"]["amount"]) == (2, "278.00")
    assert report["refunds"]["by_reason"] == [
        {"reason": "不想要了", "count": 1, "amount": "139.00"},
        {"reason": "质量问题", "count": 1, "amount": "139.00"},
    ]
    # Buyers A (1001), B (1002), C (1003) = 3; A paid 0900 on 09-28, before the week: repeat 1,
    # new 2; repeat rate 1/3 = 0.3333.
    customers = report["customers"]
    assert (customers["buyers"], customers["new"], customers["repeat"]) == (3, 2, 1)
    assert customers["repeat_rate"] == "0.3333"
    # By SKU: cream 2 + 1 = 3 units, 278.00 + 139.00 = 417.00; mask 1 + 3 = 4, 59.00 + 177.00 =
    # 236.00 — together 7 units and 653.00.
    assert report["top_skus"] == [
        {"sku": CREAM, "units": 3, "amount": "417.00", "orders": 2},
        {"sku": MASK, "units": 4, "amount": "236.00", "orders": 2},
    ]
    by = report["sales_by"]
    assert [(row["key"], row["amount"]) for row in by["category"]] == [
        ("面膜", "236.00"), ("面霜", "417.00"),
    ]  # fmt: skip
    # Beijing days and hours: 1002 paid 10-06 07:30 Beijing, which is 10-05 23:30 UTC.
    assert [(row["key"], row["orders"], row["amount"]) for row in by["day"]] == [
        ("2026-10-05", 1, "337.00"), ("2026-10-06", 1, "139.00"), ("2026-10-11", 1, "177.00"),
    ]  # fmt: skip
    assert [(row["key"], row["orders"]) for row in by["hour"]] == [("07", 1), ("09", 1), ("23", 1)]
    assert [(row["key"], row["amount"]) for row in by["province"]] == [
        ("江苏省", "177.00"), ("浙江省", "476.00"),
    ]  # fmt: skip
    assert [(row["key"], row["units"]) for row in by["store"]] == [(STORE, 7)]
    # The week before (W40: 09-28 to 10-04): 0900 (139.00) and 1000 (59.00).
    analysis = report["analysis"]
    assert analysis["previous_period"] == "2026-W40"
    assert analysis["previous"] == {"orders": 2, "units": 2, "amount": "198.00"}
    # (653.00 − 198.00) / 198.00 = 2.29797… → 2.2980
    assert analysis["change_from_previous"] == "2.2980"
    assert analysis["year_before_period"] == "2025-W41"
    assert analysis["year_before"] == {"orders": 0, "units": 0, "amount": "0.00"}
    assert analysis["change_from_year_before"] is None
    # The cream sold 1 in W40 and 3 now: not falling; the mask 1 then, 4 now: neither.
    assert analysis["falling_skus"] == []
    bands = {row["band"]: (row["lines"], row["units"]) for row in analysis["price_bands"]}
    assert bands["50-100"] == (2, 4) and bands["100-200"] == (2, 3) and bands["<50"] == (0, 0)
    # Sold at the guide price: no markup.
    assert analysis["markup"]["markup"] == "0.00" and analysis["markup"]["guide_amount"] == "653.00"
    # Returns: 1001's mask, asked 10-09; the mask sold on 2 lines in the week: 1 / 2 = 0.5000.
    returns = report["returns"]
    assert [
        (row["sku"], row["returns"], row["exchanges"], row["lines_sold"], row["rate"])
        for row in returns["by_sku"]
    ] == [(CREAM, 0, 0, 2, "0.0000"), (MASK, 1, 0, 2, "0.5000")]
    assert returns["by_reason"] == [{"reason": "不喜欢", "returns": 1, "exchanges": 0}]
    # Inventory at the week's end (10-12 00:00) from the list of 10-01 00:00, as the stock area
    # counts it (R-F1: sold in (list, moment]): the cream 100 − 2 (1001) − 1 (1004, paid at that
    # very moment) = 97 — 1002, closed before it shipped, never left; the mask 50 − 1 (1000) −
    # 1 (1001) − 3 (1003) = 45. Days of cover at the last 30 days' pace: 97 × 30 // 3 = 970,
    # 45 × 30 // 5 = 270.
    inventory = report["inventory"]
    assert inventory["available"] is True
    assert [(r["sku"], r["on_hand"], r["days_of_cover"]) for r in inventory["rows"]] == [
        (CREAM, 97, 970), (MASK, 45, 270),
    ]  # fmt: skip
    assert report["browsing"]["available"] is False
    assert "暂无浏览数据" in report["browsing"]["note_zh"]
    assert "not available" in report["browsing"]["note_en"]
    # The XLSX holds the same figures, one sheet per section, Chinese and English headers.
    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "w.xlsx", read_only=True)
    assert "按商家编码销售 Sales by sku" in workbook.sheetnames
    rows = list(workbook["按商家编码销售 Sales by sku"].values)
    assert rows[0] == ("商家编码 SKU", "订单数 Orders", "件数 Units", "金额（元） Amount (CNY)")
    assert [(sku, units, float(amount)) for sku, _, units, amount in rows[1:]] == [
        (CREAM, 3, 417.0), (MASK, 4, 236.0),
    ]  # fmt: skip


def test_a_month_worked_by_hand(sold: str) -> None:
    """R-R1, R-R2: October 2026 in Beijing time, due 10-31 + 3 = 11-03."""
    made = _make(sold, "monthly", "2026-10", "2026-11-03T20:00:00")
    assert made.exit_code == 0, made.stderr
    report = made.json()
    assert (report["start"], report["end"], report["due"]) == (
        "2026-10-01",
        "2026-10-31",
        "2026-11-03",
    )
    assert report["on_time"] is True
    # Paid in October: 1000 (10-01 00:30 Beijing, though 09-30 in UTC), 1001, 1002, 1003, 1004
    # = 5 orders; units 1 + 3 + 1 + 3 + 1 = 9; 59.00 + 337.00 + 139.00 + 177.00 + 139.00 =
    # 851.00 (shipping excluded). 0900 (09-28) and 1005 (unpaid) are not.
    assert report["sales"] == {"orders": 5, "units": 9, "amount": "851.00"}
    # Refunds completed in October: 1002's and 0900's = 278.00; 1003's came on 11-02.
    assert (report["refunds"]["count"], report["refunds"]["amount"]) == (2, "278.00")
    # Buyers D, A, B, C = 4 (A's two orders count once); A had 0900 in September: 1 repeat.
    customers = report["customers"]
    assert (customers["buyers"], customers["new"], customers["repeat"]) == (4, 3, 1)
    # RFM at 11-01 00:00 (the 30 days' cutoff 10-02 00:00): A has 3 orders, the last within
    # 30 days: champions; B (10-06) and C (10-11) one each within 30 days: new; D's one order
    # (10-01 00:30) is 31 days back: promising. Amounts up to then: A 139 + 337 + 139 = 615.00;
    # B and C 139 + 177 = 316.00; D 59.00.
    assert customers["segments"] == [
        {"segment": "champions", "buyers": 1, "orders": 3, "amount": "615.00"},
        {"segment": "new", "buyers": 2, "orders": 2, "amount": "316.00"},
        {"segment": "promising", "buyers": 1, "orders": 1, "amount": "59.00"},
    ]
    assert customers["province_buyers"] == [
        {"province": "上海市", "buyers": 1}, {"province": "江苏省", "buyers": 1},
        {"province": "浙江省", "buyers": 2},
    ]  # fmt: skip
    # September (the month before): 0900 only.
    assert report["analysis"]["previous"] == {"orders": 1, "units": 1, "amount": "139.00"}
    assert sum(int(row["units"]) for row in report["sales_by"]["sku"]) == 9


@pytest.mark.parametrize(
    ("kind", "period", "at", "on_time"),
    [
        ("weekly", "2026-W41", "2026-10-12T23:59:59", True),  # the due day, its last second
        ("weekly", "2026-W41", "2026-10-13T00:00:00", False),  # the day after
        ("monthly", "2026-10", "2026-11-03T23:59:00", True),
        ("monthly", "2026-10", "2026-11-04T00:00:00", False),
        ("yearly", "2025", "2026-01-10T12:00:00", True),  # the 10th of the next month
        ("yearly", "2025", "2026-01-11T08:00:00", False),
    ],
)
def test_on_time_on_the_due_day_and_late_the_day_after(
    chando_store: str, kind: str, period: str, at: str, on_time: bool
) -> None:
    made = _make(chando_store, kind, period, at)
    assert made.exit_code == 0, made.stderr
    assert made.json()["on_time"] is on_time


def test_made_once_the_first_making_kept(sold: str) -> None:
    """R-R1: made again, the record is the first one; said so."""
    first = _make(sold, "weekly", "2026-W41", "2026-10-13T09:00:00")
    again = _make(sold, "weekly", "2026-W41", "2026-10-12T09:00:00")
    assert (first.exit_code, again.exit_code) == (0, 0)
    assert first.json()["made_before"] is False and again.json()["made_before"] is True
    assert again.json()["made_at"] == first.json()["made_at"]
    assert again.json()["on_time"] is False  # the first making's, a day late
    assert again.json()["content_hash"] == first.json()["content_hash"]
    human = run_daiyun(sold, "report", "make", "--contract", CONTRACT, "--kind", "weekly",
                       "--period", "2026-W41")  # fmt: skip
    assert human.exit_code == 0 and "made before" in human.stderr
    listed = run_daiyun(sold, "report", "list", "--contract", CONTRACT, "--json").json()
    assert [(r["kind"], r["period"], r["on_time"]) for r in listed["reports"]] == [
        ("weekly", "2026-W41", False)
    ]


@pytest.mark.parametrize(
    ("kind", "period"),
    [("weekly", "2026-10"), ("weekly", "2026-W54"), ("weekly", "2026-W00"),
     ("monthly", "2026-13"), ("monthly", "2026-W41"), ("yearly", "26"), ("daily", "2026")],
)  # fmt: skip
def test_a_bad_period_is_refused_with_exit_2_and_nothing_changes(
    chando_store: str, kind: str, period: str
) -> None:
    app = bootstrap(load_settings(database_url=chando_store, environment="test"))
    try:
        before = database_snapshot(app)
        made = _make(chando_store, kind, period, "2027-03-01T00:00:00")
        assert made.exit_code == 2, made.stdout
        assert period in made.stderr or kind in made.stderr
        assert database_snapshot(app) == before
    finally:
        app.close()


def test_a_period_not_over_is_refused_with_exit_1(chando_store: str) -> None:
    made = _make(chando_store, "monthly", "2026-10", "2026-10-31T23:00:00")
    assert made.exit_code == 1
    assert "its report can be made from 2026-11-01" in made.stderr


def test_run_due_makes_every_report_due_exactly_once(chando_store: str) -> None:
    """R-R1: by 2026-02-02 09:00 the weeks W02 (01-05 to 01-11) … W05 (01-26 to 02-01) and
    January have ended: 4 weekly and 1 monthly report. The week W01 (12-29 to 01-04) has no day
    of the contract (effective 01-05)."""
    url = chando_store
    first = run_daiyun(url, "report", "run-due", "--at", "2026-02-02T09:00:00", "--json")
    assert first.exit_code == 0, first.stderr
    made = [(r["kind"], r["period"], r["on_time"]) for r in first.json()["made"]]
    assert made == [
        ("weekly", "2026-W02", False), ("weekly", "2026-W03", False),
        ("weekly", "2026-W04", False), ("weekly", "2026-W05", True),
        ("monthly", "2026-01", True),
    ]  # fmt: skip
    again = run_daiyun(url, "report", "run-due", "--at", "2026-02-02T10:00:00", "--json").json()
    assert (again["made_count"], again["already_made"]) == (0, 5)
    listed = run_daiyun(url, "report", "list", "--contract", CONTRACT, "--json").json()
    assert len(listed["reports"]) == 5
    # The obligations (R-O1): W05 due 02-02 met; W02 due 01-12 missed (made late).
    duties = run_daiyun(url, "obligations", "list", "--as-of", "2026-02-02", "--json").json()
    reports = {
        each["subject"]: (each["due_on"], each["status"])
        for each in duties["obligations"]
        if each["kind"] == "make_report"
    }
    assert reports["weekly report CHANDO-2026 2026-W05"] == ("2026-02-02", "met")
    assert reports["weekly report CHANDO-2026 2026-W02"] == ("2026-01-12", "missed")
    assert reports["monthly report CHANDO-2026 2026-01"] == ("2026-02-03", "met")
    # The week in progress (W06) is open; February's month too.
    assert reports["weekly report CHANDO-2026 2026-W06"] == ("2026-02-09", "open")


def test_no_stock_list_says_no_stock_data(chando_store: str) -> None:
    report = _make(chando_store, "monthly", "2026-10", "2026-11-02T10:00:00").json()
    assert report["inventory"]["available"] is False
    assert report["inventory"]["note"] == "no stock data"
    assert report["inventory"]["rows"] == []


def test_the_hourly_scheduled_duties_make_the_reports_due_once(
    chando_store: str, daiyun_app: Daiyun
) -> None:
    """R-R1: the scheduler's hourly duties run run-due first: at 2026-02-02 10:05 the 5 reports
    of test_run_due…; the next slot (11:00) makes none."""
    moments = iter(
        datetime(2026, 2, 2, hour, minute, tzinfo=SHANGHAI) for hour, minute in ((10, 5), (11, 0))
    )
    now = [next(moments)]
    runtime = JobRuntime(daiyun_app, lambda: now[0])
    try:
        first = runtime.tick()
        assert first is not None
        shown = _wait(runtime, first.id)
        now[0] = next(moments)
        second = runtime.tick()
        assert second is not None
        again = _wait(runtime, second.id)
    finally:
        runtime.close()
    assert shown.state is JobState.DONE, shown.error
    assert (shown.result["reports"]["made_count"], shown.result["reports"]["already_made"]) == (
        5,
        0,
    )
    assert (again.result["reports"]["made_count"], again.result["reports"]["already_made"]) == (
        0,
        5,
    )


def _wait(runtime: JobRuntime, job_id: str) -> Any:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        shown = runtime.show(job_id)
        if shown.state not in (JobState.QUEUED, JobState.RUNNING):
            return shown
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in 120 s")

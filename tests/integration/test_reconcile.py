"""`daiyun reconcile`: October 2026 of chando's Tmall store worked by hand, one difference of
each cause, the neighbouring months' lines no difference of October's (R-X1, R-S5); the month
is tests/integration/reconcile_world.py's."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Role, User
from daiyun.domain.calendar import Month
from daiyun.services.errors import NotFound
from daiyun.services.reconciliation.reconcile import reconcile_store_month
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.conftest import register_seed, seeded
from tests.integration.reconcile_world import STORE, UNKNOWN, C, D, E, F, load_october


def _add_month(url: str, folder: Path) -> None:
    """chando's store with the orders of reconcile_world.py and October's and November's
    statements."""
    load_october(url, folder)


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED_MONTH = register_seed(__name__, "month", _add_month, extends="chando_store")


@pytest.fixture
def month(chando_store: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """chando's store with the orders of reconcile_world.py and October's and November's
    statements."""
    if not seeded(request, _SEED_MONTH):
        _add_month(chando_store, tmp_path)
    return chando_store


def _reconcile(url: str, month: str, *extra: str) -> CliResult:
    return run_daiyun(url, "reconcile", "--store", STORE, "--month", month, *extra)


def test_october_worked_by_hand_has_one_difference_of_each_cause(month: str) -> None:
    result = _reconcile(month, "2026-10", "--json")
    assert result.exit_code == 0, result.stderr
    document = result.json()
    assert document["store"] == STORE
    assert document["month"] == "2026-10"
    # A, B, C, D, E, F, G completed in October; H in September, J in November.
    assert document["orders_completed"] == 7
    # C, D, E and F each have a difference; A, B and G match.
    assert document["matched"] == 3
    # 139.00 + 128.00 + 139.00 + 258.00 + 59.00 + 139.00 + 118.00 = 980.00
    assert document["expected_income"] == "980.00"
    # A 139 + B 128 + C 0 + D 257 + E 59 + F 139 + G 118 + the unknown order's 88 = 928.00
    # (H's 139.00 and I's 59.00 arrived in October but are September's and November's).
    assert document["alipay_income"] == "928.00"
    # 6.95 + 5.90 + 6.95 + 12.90 + 2.95 + 6.95 + 5.90 = 48.50
    assert document["expected_fees"] == "48.50"
    # A 6.95 + B 5.90 (charged 11-02) + D 12.90 + E 3.54 + F 6.95 + G 5.90 + unknown 4.40
    # = 46.54 (C has none; H's 6.95 is September's; the 淘宝客 1.77 is not the fee).
    assert document["alipay_fees"] == "46.54"
    # F 15.00 + G 59.00 recorded; G's 59.00 paid out.
    assert (document["expected_refunds"], document["alipay_refunds"]) == ("74.00", "59.00")
    # 淘宝客 1.77 + 虚假发货赔付红包 30.00; the 500.00 withdrawal is no charge.
    assert document["other_charges"] == "31.77"
    assert document["counts"] == {
        "missing_receipt": 1,
        "missing_order": 1,
        "amount_differs": 1,
        "fee_differs": 1,
        "refund_unmatched": 1,
    }
    shown = [
        (d["cause"], d["order_no"], d["expected"], d["actual"], d["difference"])
        for d in document["differences"]
    ]
    assert shown == [
        ("missing_receipt", C, "139.00", "0.00", "-139.00"),
        ("missing_order", UNKNOWN, "0.00", "88.00", "88.00"),
        ("amount_differs", D, "258.00", "257.00", "-1.00"),
        ("fee_differs", E, "2.95", "3.54", "0.59"),
        ("refund_unmatched", F, "15.00", "0.00", "-15.00"),
    ]
    entries = {d["cause"]: d["entries"] for d in document["differences"]}
    assert entries["missing_order"] == ["2026101800001", "2026101800002"]
    assert entries["fee_differs"] == ["2026101500002"]


def test_the_neighbouring_months_take_their_own_lines_and_have_no_difference(
    month: str,
) -> None:
    september = _reconcile(month, "2026-09", "--json")
    assert september.exit_code == 0, september.stderr
    # H completed 09-30 23:50; its 139.00 and 6.95 came on 10-01, in October's statement.
    assert september.json()["orders_completed"] == 1
    assert september.json()["matched"] == 1
    assert (september.json()["alipay_income"], september.json()["alipay_fees"]) == (
        "139.00",
        "6.95",
    )
    assert september.json()["differences"] == []
    november = _reconcile(month, "2026-11", "--json")
    assert november.exit_code == 0, november.stderr
    # J completed 11-01 00:10 as daiyun has it, its 59.00 came on 10-31 23:59:50 and its
    # fee 2.95 on 11-01; B's fee on 11-02 is October's, not November's.
    assert november.json()["orders_completed"] == 1
    assert november.json()["matched"] == 1
    assert (november.json()["alipay_income"], november.json()["alipay_fees"]) == (
        "59.00",
        "2.95",
    )
    assert november.json()["differences"] == []


_DOCUMENTED_KEYS = {
    "store", "month", "orders_completed", "matched", "expected_income", "alipay_income",
    "expected_fees", "alipay_fees", "counts", "differences",
}  # fmt: skip


def test_the_json_has_every_key_interfaces_md_documents(month: str) -> None:
    document = _reconcile(month, "2026-10", "--json").json()
    assert set(document) >= _DOCUMENTED_KEYS
    assert list(document)[: len(_DOCUMENTED_KEYS)] == [
        "store", "month", "orders_completed", "matched", "expected_income", "alipay_income",
        "expected_fees", "alipay_fees", "counts", "differences",
    ]  # fmt: skip
    assert list(document["counts"]) == [
        "missing_receipt", "missing_order", "amount_differs", "fee_differs", "refund_unmatched",
    ]  # fmt: skip
    for difference in document["differences"]:
        assert {"cause", "order_no", "expected", "actual", "difference"} <= set(difference)
        assert all(isinstance(difference[key], str) for key in ("expected", "actual"))


def test_the_differences_read_back_from_the_xlsx(month: str, tmp_path: Path) -> None:
    path = tmp_path / "differences.xlsx"
    result = _reconcile(month, "2026-10", "--xlsx", str(path))
    assert result.exit_code == 0, result.stderr
    workbook = load_workbook(path)
    sheet = workbook["对账差异 Differences"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == (
        "原因 Cause",
        "原因代码 Cause code",
        "订单号 Order no.",
        "应得（元） Expected (yuan)",
        "实际（元） Actual (yuan)",
        "差额（元） Difference (yuan)",
    )
    # Amounts are numbers, read back as openpyxl reads any number cell.
    assert [row[1:6] for row in rows[1:]] == [
        ("missing_receipt", C, 139, 0, -139),
        ("missing_order", UNKNOWN, 0, 88, 88),
        ("amount_differs", D, 258, 257, -1),
        ("fee_differs", E, 2.95, 3.54, 0.59),
        ("refund_unmatched", F, 15, 0, -15),
    ]
    assert rows[1][0] == "缺少到账 Missing receipt"
    assert sheet.cell(row=5, column=5).number_format == "#,##0.00"
    assert isinstance(sheet.cell(row=3, column=3).value, str)  # the order number stays text
    summary = dict(workbook["汇总 Summary"].iter_rows(values_only=True))
    assert summary["完成订单数 Orders completed"] == 7
    assert summary["已匹配 Matched"] == 3
    # The human summary went to stderr, in both languages.
    assert "已匹配 3" in result.stderr
    assert "Missing receipt / 缺少到账" in result.stderr


def test_bad_input_exits_2(month: str) -> None:
    unknown = run_daiyun(month, "reconcile", "--store", "nobody", "--month", "2026-10")
    assert unknown.exit_code == 2
    assert "no store with code 'nobody'" in unknown.stderr
    for bad in ("2026-13", "202610", "October"):
        result = _reconcile(month, bad)
        assert result.exit_code == 2, bad
        assert "--month" in result.stderr


def test_a_brand_user_reconciles_only_their_brands_stores(month: str, daiyun_app: Daiyun) -> None:
    own = User("chando-finance", "自然堂财务", Role.BRAND_FINANCE, "chando")
    found = reconcile_store_month(
        daiyun_app.alipay_unit_of_work(), acting=own, store_code=STORE, month=Month(2026, 10)
    )
    assert found.result.orders_completed == 7
    # R-D2: to another brand's people the store does not exist, in the very words an unknown
    # code gets.
    other = User("pechoin-finance", "百雀羚财务", Role.BRAND_FINANCE, "pechoin")
    with pytest.raises(NotFound) as refused:
        reconcile_store_month(
            daiyun_app.alipay_unit_of_work(), acting=other, store_code=STORE,
            month=Month(2026, 10),
        )  # fmt: skip
    with pytest.raises(NotFound) as unknown:
        reconcile_store_month(
            daiyun_app.alipay_unit_of_work(), acting=other, store_code="nobody-store",
            month=Month(2026, 10),
        )  # fmt: skip
    assert str(refused.value) == str(unknown.value).replace("nobody-store", STORE)

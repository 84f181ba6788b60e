"""`daiyun reconcile`: October 2026 of chando's Tmall store worked by hand, one difference of
each cause, the neighbouring months' lines no difference of October's (R-X1, R-S5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Role, User
from daiyun.domain.calendar import Month
from daiyun.services.errors import NotFound
from daiyun.services.reconciliation.reconcile import reconcile_store_month
from tests.alipay_files import StatementRow, write_statement_csv, write_statement_zip
from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import CliResult, run_daiyun

STORE = "chando-tmall"
# Orders of chando's Tmall store; both SKUs' categories (面霜, 面膜) take the default rate 5%.
A, B, C, D, E, F, G = (f"40120000000000{n:02d}" for n in range(1, 8))
H, J = "4012000000000008", "4012000000000009"  # September's and November's
UNKNOWN = "4012000000000099"  # an order daiyun never imported


def _order(order_no: str, completed_at: str, **values: str) -> dict[str, str]:
    row = daiyun_order_row(
        order_no,
        status="completed",
        created_at="2026-09-01 09:00:00",
        paid_at="2026-09-01 09:01:00",
        shipped_at="2026-09-02 10:00:00",
        completed_at=completed_at,
    )
    row.update(values)
    return row


CREAM = {"sku": "CD-CREAM-50", "units": "1", "unit_price": "139.00", "line_amount": "139.00"}
TWO_MASKS = {"sku": "CD-MASK-5", "units": "2", "unit_price": "59.00", "line_amount": "118.00"}
MASK = {"sku": "CD-MASK-5", "units": "1", "unit_price": "59.00", "line_amount": "59.00"}
TWO_CREAMS = {"sku": "CD-CREAM-50", "units": "2", "unit_price": "139.00", "line_amount": "278.00"}

ORDERS = [
    # A: 139.00, fee 139.00 × 5% = 6.95; both in Alipay: matched.
    _order(A, "2026-10-05 12:00:00", **CREAM),
    # B: 118.00 + shipping 10.00 = 128.00 received on 10-31; its fee 118.00 × 5% = 5.90
    # is charged on 11-02, in November's statement: still B's, matched.
    _order(B, "2026-10-31 20:00:00", shipping="10.00", **TWO_MASKS),
    # C: 139.00 expected, nothing arrived: missing_receipt.
    _order(C, "2026-10-12 08:00:00", **CREAM),
    # D: 278.00 less a 20.00 refund before completion = 258.00 expected, fee
    # (278.00 − 20.00) × 5% = 12.90; 257.00 arrived: amount_differs, −1.00.
    _order(
        D,
        "2026-10-10 08:00:00",
        refund_amount="20.00",
        refunded_at="2026-10-08 09:00:00",
        **TWO_CREAMS,
    ),
    # E: 59.00, fee 59.00 × 5% = 2.95; 3.54 charged: fee_differs, +0.59.
    _order(E, "2026-10-15 08:00:00", **MASK),
    # F: 139.00, fee 6.95, both arrived; a 15.00 refund after completion (10-20) that Alipay
    # never paid out: refund_unmatched, −15.00.
    _order(
        F,
        "2026-10-06 08:00:00",
        refund_amount="15.00",
        refunded_at="2026-10-20 10:00:00",
        **CREAM,
    ),
    # G: 118.00, fee 5.90; one mask (59.00) returned on 10-22 and paid out that day: matched.
    _order(
        G,
        "2026-10-03 08:00:00",
        refund_units="1",
        refund_amount="59.00",
        refunded_at="2026-10-22 10:00:00",
        **TWO_MASKS,
    ),
    # H: September's (completed 09-30 23:50); its money and fee came on 10-01.
    _order(H, "2026-09-30 23:50:00", **CREAM),
    # J: November's (completed 11-01 00:10 as daiyun has it); its money came on 10-31 23:59:50.
    _order(J, "2026-11-01 00:10:00", **MASK),
]


def _income(no: str, order_no: str, at: str, amount: str) -> StatementRow:
    return StatementRow(
        no, occurred_at=at, income=f"+{amount}", merchant_order_no=f"T200P{order_no}"
    )


def _fee(
    no: str, order_no: str, at: str, amount: str, words: str = "天猫佣金{{{}}}"
) -> StatementRow:
    return StatementRow(
        no, occurred_at=at, expense=f"-{amount}", business_type="收费",
        remark=words.format(order_no),
    )  # fmt: skip


OCTOBER_LINES = [
    _income("2026100100001", H, "2026-10-01 00:00:30", "139.00"),
    _fee("2026100100002", H, "2026-10-01 00:00:31", "6.95"),
    _income("2026100300001", G, "2026-10-03 08:00:10", "118.00"),
    _fee("2026100300002", G, "2026-10-03 08:00:11", "5.90"),
    _income("2026100500001", A, "2026-10-05 12:00:05", "139.00"),
    _fee("2026100500002", A, "2026-10-05 12:00:06", "6.95"),
    _income("2026100600001", F, "2026-10-06 08:00:05", "139.00"),
    _fee("2026100600002", F, "2026-10-06 08:00:06", "6.95"),
    _income("2026101000001", D, "2026-10-10 08:00:05", "257.00"),
    _fee("2026101000002", D, "2026-10-10 08:00:06", "12.90"),
    _income("2026101500001", E, "2026-10-15 08:00:05", "59.00"),
    _fee("2026101500002", E, "2026-10-15 08:00:06", "3.54"),
    # Not the technical service fee: an other charge, not compared.
    _fee("2026101500003", E, "2026-10-15 08:00:07", "1.77", "淘宝客佣金代扣款[{}]"),
    _income("2026101800001", UNKNOWN, "2026-10-18 10:00:00", "88.00"),
    _fee("2026101800002", UNKNOWN, "2026-10-18 10:00:01", "4.40"),
    StatementRow(
        "2026102200001",
        occurred_at="2026-10-22 10:00:05",
        expense="-59.00",
        business_type="交易退款",
        merchant_order_no=f"T200P{G}",
    ),
    StatementRow(
        "2026102500001",
        occurred_at="2026-10-25 10:00:00",
        expense="-30.00",
        business_type="转账",
        remark="虚假发货赔付红包",
    ),
    StatementRow(
        "2026102800001",
        occurred_at="2026-10-28 10:00:00",
        expense="-500.00",
        business_type="提现",
        remark="提现",
    ),
    _income("2026103100001", B, "2026-10-31 20:00:10", "128.00"),
    _income("2026103100002", J, "2026-10-31 23:59:50", "59.00"),
]
NOVEMBER_LINES = [
    _fee("2026110100001", J, "2026-11-01 00:10:05", "2.95"),
    _fee("2026110200001", B, "2026-11-02 03:00:00", "5.90"),
]


@pytest.fixture
def month(chando_store: str, tmp_path: Path) -> str:
    """chando's store with the orders above and October's and November's statements."""
    url = chando_store
    orders = write_daiyun_orders(tmp_path / "orders.csv", ORDERS)
    result = run_daiyun(
        url, "orders", "import", "--store", STORE, "--as-of", "2026-11-05T09:00:00+08:00",
        str(orders),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    october = write_statement_zip(tmp_path / "202610.zip", OCTOBER_LINES)
    november = write_statement_csv(tmp_path / "202611.csv", NOVEMBER_LINES)
    result = run_daiyun(url, "alipay", "import", "--store", STORE, str(october), str(november))
    assert result.exit_code == 0, result.stderr
    return url


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

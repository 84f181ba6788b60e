"""What an Alipay statement line's 备注 says: the fee or charge and the order it names (R-S5)."""

from __future__ import annotations

import pytest

from daiyun.domain.reconciliation import Charge, ChargeKind, charge_of, order_of_merchant_no

ORDER = "4012345678901234"


@pytest.mark.parametrize(
    ("remark", "charge"),
    [
        # The forms formats.md names, each with its own brackets.
        (f"天猫佣金{{{ORDER}}}", Charge(ChargeKind.TMALL_COMMISSION, ORDER)),
        (f"天猫佣金（类目：美容护肤）{{{ORDER}}}扣款", Charge(ChargeKind.TMALL_COMMISSION, ORDER)),
        (f"天猫佣金｛{ORDER}｝", Charge(ChargeKind.TMALL_COMMISSION, ORDER)),
        (f"基础软件服务费({ORDER})", Charge(ChargeKind.SOFTWARE_SERVICE_FEE, ORDER)),
        (f"基础软件服务费（{ORDER}）", Charge(ChargeKind.SOFTWARE_SERVICE_FEE, ORDER)),
        (f"淘宝客佣金代扣款[{ORDER}]", Charge(ChargeKind.TAOBAOKE_COMMISSION, ORDER)),
        (f"淘宝客佣金代扣款【{ORDER}】", Charge(ChargeKind.TAOBAOKE_COMMISSION, ORDER)),
        (f"代扣返点积分{ORDER}", Charge(ChargeKind.POINTS_REBATE, ORDER)),
        (f"代扣返点积分：{ORDER}", Charge(ChargeKind.POINTS_REBATE, ORDER)),
        # 花呗 and 积分 charges, with and without an order number.
        (f"花呗交易服务费[{ORDER}]", Charge(ChargeKind.HUABEI_FEE, ORDER)),
        (f"代扣花呗分期手续费{{{ORDER}}}", Charge(ChargeKind.HUABEI_FEE, ORDER)),
        ("花呗分期服务费", Charge(ChargeKind.HUABEI_FEE, None)),
        (f"代扣交易退回积分 {ORDER}", Charge(ChargeKind.POINTS, ORDER)),
        ("积分代扣", Charge(ChargeKind.POINTS, None)),
        # Charges naming no order.
        ("卖家延迟发货赔付红包", Charge(ChargeKind.LATE_SHIPMENT_COMPENSATION, None)),
        ("虚假发货赔付红包", Charge(ChargeKind.FALSE_SHIPMENT_COMPENSATION, None)),
        ("淘宝缺货赔付红包", Charge(ChargeKind.STOCKOUT_COMPENSATION, None)),
        ("公益宝贝捐赠", Charge(ChargeKind.CHARITY_DONATION, None)),
        # Trailing TABs and spaces are the file's, not the words'.
        (f"天猫佣金{{{ORDER}}}\t", Charge(ChargeKind.TMALL_COMMISSION, ORDER)),
    ],
)
def test_each_fee_form_gives_its_kind_and_order(remark: str, charge: Charge) -> None:
    assert charge_of(remark) == charge


@pytest.mark.parametrize("remark", ["", "交易付款", "提现", "余额宝转入", "订单号 12"])
def test_a_line_that_is_no_fee_is_no_charge(remark: str) -> None:
    assert charge_of(remark) is None


def test_the_rebate_of_points_is_not_taken_for_another_points_charge() -> None:
    # 代扣返点积分 holds 积分: it is the rebate, checked before the 积分 charges.
    found = charge_of(f"代扣返点积分{ORDER}")
    assert found is not None and found.kind is ChargeKind.POINTS_REBATE


def test_a_run_of_digits_too_long_for_an_order_number_is_none() -> None:
    assert charge_of("天猫佣金{" + "1" * 40 + "}") == Charge(ChargeKind.TMALL_COMMISSION, None)


@pytest.mark.parametrize(
    ("merchant_order_no", "order_no"),
    [
        (f"T200P{ORDER}", ORDER),
        (f" T200P{ORDER}\t", ORDER),
        (ORDER, None),  # no T200P: not a Tmall trade's
        ("T200Pabc", None),
        ("", None),
    ],
)
def test_a_tmall_trade_is_t200p_and_its_order_number(
    merchant_order_no: str, order_no: str | None
) -> None:
    assert order_of_merchant_no(merchant_order_no) == order_no

"""R-F2, R-F6: a store's month of paid orders judged against the SLA — the edges by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

from daiyun.domain.calendar import Month
from daiyun.domain.fulfilment import PaidOrder, judge_month
from daiyun.domain.orders import OrderStatus
from tests.builders import beijing

OCTOBER = Month(2026, 10)
AT = beijing("2026-11-10 12:00")  # every October order is past its 72 hours


def _order(
    no: str,
    paid: str,
    shipped: datetime | None = None,
    *,
    status: OrderStatus | None = None,
    digital: bool = False,
) -> PaidOrder:
    chosen = status or (OrderStatus.SHIPPED if shipped is not None else OrderStatus.PAID)
    return PaidOrder(no, beijing(paid), shipped, chosen, digital)


def _judge(*orders: PaidOrder, at: datetime = AT) -> dict[str, tuple[int, bool]]:
    month = judge_month("chando-tmall", OCTOBER, orders, sla_hours=72, as_of=at)
    return {late.order_no: (late.hours_late, late.shipped_at is None) for late in month.breaches}


def test_shipped_exactly_72_hours_after_payment_is_on_time() -> None:
    # Paid 10-05 09:00, ship by 10-08 09:00; shipped at 09:00:00 sharp.
    assert _judge(_order("1", "2026-10-05 09:00", beijing("2026-10-08 09:00"))) == {}


def test_one_second_past_72_hours_is_one_hour_late() -> None:
    # 10-08 09:00:01 is 1 s after ship-by: a part hour counts as a whole one.
    shipped = beijing("2026-10-08 09:00") + timedelta(seconds=1)
    assert _judge(_order("1", "2026-10-05 09:00", shipped)) == {"1": (1, False)}


def test_an_unshipped_order_is_measured_to_the_moment_asked_and_open() -> None:
    # Paid 10-05 09:00, ship by 10-08 09:00; at 10-08 11:30 unshipped: 2.5 h → 3 hours, open.
    at = beijing("2026-10-08 11:30")
    assert _judge(_order("1", "2026-10-05 09:00"), at=at) == {"1": (3, True)}
    # At ship-by itself it is not late yet.
    assert _judge(_order("1", "2026-10-05 09:00"), at=beijing("2026-10-08 09:00")) == {}


def test_a_shipment_after_the_moment_asked_is_not_known_yet() -> None:
    # Shipped 10-09 09:00 (24 h late); asked at 10-08 21:00, it was still unshipped: 12 h, open.
    order = _order("1", "2026-10-05 09:00", beijing("2026-10-09 09:00"))
    assert _judge(order, at=beijing("2026-10-08 21:00")) == {"1": (12, True)}
    assert _judge(order) == {"1": (24, False)}


def test_digital_goods_are_never_late() -> None:
    # R-F6: never shipped, a month later still: no breach; counted as digital.
    order = _order("1", "2026-10-05 09:00", digital=True)
    month = judge_month("chando-tmall", OCTOBER, [order], sla_hours=72, as_of=AT)
    assert month.breaches == () and month.digital == 1 and month.judged == 0


def test_orders_paid_at_the_months_edges_fall_in_the_right_month_by_beijing_time() -> None:
    orders = [
        _order("sept-last", "2026-09-30 23:59:59"),  # September's (15:59:59 UTC)
        _order("oct-first", "2026-10-01 00:00:00"),  # October's (09-30 16:00 UTC)
        _order("oct-last", "2026-10-31 23:59:59"),  # October's
        _order("nov-first", "2026-11-01 00:00:00"),  # November's
    ]
    assert set(_judge(*orders)) == {"oct-first", "oct-last"}
    september = judge_month("s", Month(2026, 9), orders, sla_hours=72, as_of=AT)
    assert [late.order_no for late in september.breaches] == ["sept-last"]


def test_the_on_time_rate_counts_only_orders_judged() -> None:
    at = beijing("2026-10-20 12:00")
    orders = [
        _order("on-time", "2026-10-01 10:00", beijing("2026-10-02 10:00")),
        _order("on-time-2", "2026-10-01 10:00", beijing("2026-10-04 10:00")),  # exactly 72 h
        _order("late", "2026-10-01 10:00", beijing("2026-10-04 10:00:01")),
        _order("open", "2026-10-10 10:00"),  # unshipped 10 days: late
        _order("pending", "2026-10-19 10:00"),  # unshipped 26 h: within its hours
        _order("card", "2026-10-02 10:00", digital=True),
        _order("cancelled", "2026-10-03 10:00", status=OrderStatus.CLOSED),  # refunded unshipped
        _order("no-time", "2026-10-03 10:00", status=OrderStatus.COMPLETED),  # shipped, no time
        _order("later", "2026-10-21 10:00"),  # paid after the moment asked: not yet an order
    ]
    month = judge_month("chando-tmall", OCTOBER, orders, sla_hours=72, as_of=at)
    assert (month.orders, month.digital, month.pending, month.unknown) == (8, 1, 1, 2)
    assert (month.on_time, month.late, month.judged) == (2, 2, 4)
    assert str(month.on_time_rate) == "0.5000"  # 2 on time of 4 judged
    assert [late.order_no for late in month.breaches] == ["late", "open"]  # by payment time


def test_nothing_judged_has_no_rate() -> None:
    month = judge_month("s", OCTOBER, [], sla_hours=72, as_of=AT)
    assert month.on_time_rate is None


def test_the_contracts_own_hours_set_ship_by() -> None:
    # A contract of 48 hours: shipped at 60 h is 12 hours late.
    order = _order("1", "2026-10-05 09:00", beijing("2026-10-07 21:00"))
    month = judge_month("s", OCTOBER, [order], sla_hours=48, as_of=AT)
    assert [(late.ship_by, late.hours_late) for late in month.breaches] == [
        (beijing("2026-10-07 09:00"), 12)
    ]

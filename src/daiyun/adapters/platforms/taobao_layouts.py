"""The columns of a Taobao/Tmall seller-centre export that daiyun reads, in each layout.

The order file's 2016 layout and the later ones (which add 发货时间, 确认收货时间, 退款金额 among
others); the item file's 2016 layout and its per-sub-order layout (子订单编号, 主订单编号,
商品标题, 商品价格, 买家实付金额, 退款状态, 退款金额). Columns are found by name, never by place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import NamedTuple

from daiyun.adapters.platforms.cell_bounds import kept_text, moment_reader
from daiyun.adapters.platforms.cells import (
    CellProblem,
    Columns,
    Field,
    RowReader,
    amount,
    amount_or_zero,
    clean_cell,
    order_number,
    text_or_none,
    units,
)
from daiyun.domain.money import Money
from daiyun.domain.orders.bounds import LONGEST_SKU_CODE, LONGEST_TITLE
from daiyun.domain.orders.records import OrderStatus

__all__ = [
    "REFUND_DONE",
    "STATUS_OF_WORD",
    "ItemFields",
    "ItemRow",
    "OrderFields",
    "OrderRow",
    "row_reader",
]

# 订单状态 as the seller centre writes it, and the open-platform API codes (formats.md).
STATUS_OF_WORD: Mapping[str, OrderStatus] = MappingProxyType(
    {
        "等待买家付款": OrderStatus.UNPAID,
        "WAIT_BUYER_PAY": OrderStatus.UNPAID,
        "买家已付款，等待卖家发货": OrderStatus.PAID,
        "买家已付款,等待卖家发货": OrderStatus.PAID,
        "WAIT_SELLER_SEND_GOODS": OrderStatus.PAID,
        "卖家已发货，等待买家确认": OrderStatus.SHIPPED,
        "卖家已发货,等待买家确认": OrderStatus.SHIPPED,
        "WAIT_BUYER_CONFIRM_GOODS": OrderStatus.SHIPPED,
        "TRADE_BUYER_SIGNED": OrderStatus.SHIPPED,
        "交易成功": OrderStatus.COMPLETED,
        "TRADE_FINISHED": OrderStatus.COMPLETED,
        "交易关闭": OrderStatus.CLOSED,
        "TRADE_CLOSED": OrderStatus.CLOSED,
        "TRADE_CLOSED_BY_TAOBAO": OrderStatus.CLOSED,
    }
)
REFUND_DONE = frozenset({"", "退款成功", "SUCCESS"})
# Texts kept: within their columns' lengths, without control characters (bounds.py).
_title = kept_text(LONGEST_TITLE)
_sku_code = kept_text(LONGEST_SKU_CODE)
_UNKNOWN_STATUS = "not an order status Taobao writes (such as 交易成功 or TRADE_FINISHED)"


def _status(text: str) -> OrderStatus:
    status = STATUS_OF_WORD.get(text) or STATUS_OF_WORD.get(clean_cell(text))
    if status is None:
        raise CellProblem(_UNKNOWN_STATUS)
    return status


def _status_or_none(text: str) -> OrderStatus | None:
    return _status(text) if text.strip() else None


class OrderRow(NamedTuple):
    """An order row, read."""

    row: int
    order_no: str
    status: OrderStatus
    created_at: datetime | None
    paid_at: datetime | None
    shipped_at: datetime | None
    completed_at: datetime | None
    total: Money
    paid: Money
    goods_amount: Money
    shipping: Money
    refund: Money | None  # None: the layout has no 退款金额
    buyer_id: str | None
    address: str | None


class ItemRow(NamedTuple):
    """An item row, read."""

    row: int
    sub_order: str | None
    title: str | None
    sku_code: str | None
    unit_price: Money
    units: int
    line_amount: Money | None  # None: the layout has no 买家实付金额
    status: OrderStatus | None
    refund_state: str | None
    refund_amount: Money


def row_reader(names: Sequence[str], layout: object, width: int) -> RowReader:
    """A reader of these values (all but the first, `row`), each from the layout's like field."""
    return RowReader([getattr(layout, name) for name in names[1:]], width)


@dataclass(frozen=True, slots=True)
class OrderFields:
    """The order file's columns read; later layouts add 发货时间, 确认收货时间 and 退款金额."""

    order_no: Field[str]
    status: Field[OrderStatus]
    created_at: Field[datetime | None]
    paid_at: Field[datetime | None]
    shipped_at: Field[datetime | None]
    completed_at: Field[datetime | None]
    total: Field[Money]
    paid: Field[Money]
    goods_amount: Field[Money]
    shipping: Field[Money]
    refund: Field[Money | None]
    buyer_id: Field[str | None]
    address: Field[str | None]

    @classmethod
    def of(cls, columns: Columns, as_of: datetime) -> OrderFields:
        """The fields of this header in an export as of `as_of` (which bounds its times)."""
        moment = moment_reader(as_of)
        return cls(
            order_no=columns.field("订单编号", order_number, ""),
            status=columns.field("订单状态", _status, OrderStatus.UNPAID),
            created_at=columns.field("订单创建时间", moment, None),
            paid_at=columns.field("订单付款时间", moment, None),
            shipped_at=columns.field("发货时间", moment, None),
            completed_at=columns.field("确认收货时间", moment, None),
            total=columns.field("总金额", amount, Money(0)),
            paid=columns.field("买家实际支付金额", amount, Money(0)),
            goods_amount=columns.field("买家应付货款", amount, Money(0)),
            shipping=columns.field("买家应付邮费", amount, Money(0)),
            refund=columns.field("退款金额", amount_or_zero, None),
            buyer_id=columns.field("买家会员名", text_or_none, None),
            address=columns.field("收货地址", _kept_as_is, None),
        )


@dataclass(frozen=True, slots=True)
class ItemFields:
    """The item file's columns read, in the 2016 layout or the per-sub-order one."""

    order_no: str  # the column: 主订单编号 where the layout has it, else 订单编号
    sub_order: Field[str | None]
    title: Field[str | None]
    sku_code: Field[str | None]
    unit_price: Field[Money]
    units: Field[int]
    line_amount: Field[Money | None]
    status: Field[OrderStatus | None]
    refund_state: Field[str | None]
    refund_amount: Field[Money]
    has_sub_orders: bool  # lines are numbered in the order of 子订单编号

    @classmethod
    def of(cls, columns: Columns) -> ItemFields:
        """The fields of this header; 子订单编号 and 买家实付金额 only in the later layout."""
        return cls(
            order_no=columns.first("主订单编号", "订单编号"),
            sub_order=columns.field("子订单编号", order_number, None),
            title=columns.field(columns.first("商品标题", "标题"), _title, None),
            sku_code=columns.field("商家编码", _sku_code, None),
            unit_price=columns.field(columns.first("商品价格", "价格"), amount, Money(0)),
            units=columns.field("购买数量", units, 0),
            line_amount=columns.field("买家实付金额", amount, None),
            status=columns.field("订单状态", _status_or_none, None),
            refund_state=columns.field("退款状态", text_or_none, None),
            refund_amount=columns.field("退款金额", amount_or_zero, Money(0)),
            has_sub_orders="子订单编号" in columns.at,
        )


def _kept_as_is(text: str) -> str | None:
    return text.strip() or None

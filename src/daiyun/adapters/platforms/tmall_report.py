"""Read the Tmall order report (formats.md): orders without SKU lines, for reports only (R-S1).

订单编号, 总金额, 买家实际支付金额, 收货地址 (a province), 订单创建时间, 订单付款时间, 退款金额. The
report has no status column; it is read from the money (where formats.md is silent):
- unpaid when 订单付款时间 is empty;
- closed when paid but refunded in full: 买家实际支付金额 is 0 (it is net of refunds) and
  退款金额 equals 总金额;
- paid otherwise (the report does not say whether the goods were shipped or received).
Such orders have no lines, so a settlement lists them as unsettleable rather than guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from daiyun.adapters.platforms.cell_bounds import moment_reader
from daiyun.adapters.platforms.cells import (
    Columns,
    RowReader,
    amount,
    amount_or_zero,
    order_number,
    province_and_city,
)
from daiyun.adapters.platforms.problems import ProblemLog
from daiyun.adapters.text_files import UnreadableFile, numbered_rows
from daiyun.domain.money import Money
from daiyun.domain.orders.records import OrderRecord, OrderStatus, SourceRow

__all__ = ["read_tmall_report"]

_PAID_WITHOUT_TIME = "a payment without a payment time (订单付款时间 is empty)"


def _reader(columns: Columns, as_of: datetime) -> RowReader:
    """order_no, total, paid, address, created_at, paid_at, refund: in this order; times from
    2000 to a year past the report's as-of time."""
    moment = moment_reader(as_of)
    return RowReader(
        [
            columns.field("订单编号", order_number, ""),
            columns.field("总金额", amount, Money(0)),
            columns.field("买家实际支付金额", amount, Money(0)),
            columns.field("收货地址", str.strip, ""),
            columns.field("订单创建时间", moment, None),
            columns.field("订单付款时间", moment, None),
            columns.field("退款金额", amount_or_zero, Money(0)),
        ],
        columns.width,
    )


def read_tmall_report(
    path: Path, encoding: str, as_of: datetime, problems: ProblemLog
) -> Iterator[OrderRecord]:
    """The report's orders, each without lines; a row with any problem is noted, not given."""
    rows = numbered_rows(path, encoding, skip_blank=True)
    try:
        header = next(rows, None)
        if header is None:
            return
        columns = Columns(header[1])
        reader = _reader(columns, as_of)
        for number, cells in rows:
            record = _record(path.name, number, cells, reader, as_of, problems)
            if record is not None:
                yield record
    except UnreadableFile as unreadable:
        problems.add(path.name, unreadable.row, "", "", str(unreadable))


def _record(
    file: str,
    number: int,
    cells: list[str],
    reader: RowReader,
    as_of: datetime,
    problems: ProblemLog,
) -> OrderRecord | None:
    values = reader.values(number, cells)
    if values is None:
        problems.add_failures(file, number, reader.failures(cells))
        return None
    _, order_no, total, paid, address, created_at, paid_at, refund = values
    if paid_at is None and not paid.is_zero:
        paid_column = reader.fields[2]
        value = cells[paid_column.at].strip()
        problems.add(file, number, paid_column.column, value, _PAID_WITHOUT_TIME)
        return None
    return OrderRecord(
        order_no=order_no,
        status=_status(paid_at, total, paid, refund),
        as_of=as_of,
        created_at=created_at,
        paid_at=paid_at,
        shipped_at=None,
        completed_at=None,
        total=total,
        paid=paid,
        goods_amount=None,
        shipping=Money(0),
        refund=refund,
        buyer_id=None,
        province=province_and_city(address)[0],
        city=None,
        lines=(),
        source=SourceRow(file, number),
    )


def _status(paid_at: datetime | None, total: Money, paid: Money, refund: Money) -> OrderStatus:
    """Where the order stands, as far as the report's money tells."""
    if paid_at is None:
        return OrderStatus.UNPAID
    if paid.is_zero and refund == total:
        return OrderStatus.CLOSED
    return OrderStatus.PAID

"""Read a Taobao/Tmall seller-centre export: its order file and item file together (formats.md).

The order file (ExportOrderList…, 2016 and later layouts) gives each order's status, times and
amounts; the item file (ExportOrderDetailList…, the 2016 layout or the per-sub-order layout)
gives its lines. Both are streamed side by side (grouping.py), so a million item lines take
little memory when, as in real exports, both list orders in the same order.

Where formats.md is silent:
- A line is refunded before completion (all its units back) when its status is 交易关闭 and
  the order was paid (订单付款时间 is set); a refund on any other line is money only (R-S9).
- A line's refund amount is its 退款金额 when the item layout has one and its 退款状态 is
  empty or 退款成功 (a refund still being negotiated, or closed, has moved no money); else 0.
- The order's refund is the order file's 退款金额 where that layout has it, else the sum of
  its lines' refunds.
- Unknown 订单状态 words are problems, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from pathlib import Path

from daiyun.adapters.platforms.cells import (
    CellProblem,
    Columns,
    clean_cell,
    order_number,
    province_and_city,
)
from daiyun.adapters.platforms.grouping import (
    Pairing,
    Row,
    orders_of_rows,
    pair_by_order_no,
    scattered_orders,
)
from daiyun.adapters.platforms.problems import ProblemLog
from daiyun.adapters.platforms.taobao_layouts import (
    REFUND_DONE,
    ItemFields,
    ItemRow,
    OrderFields,
    OrderRow,
    row_reader,
)
from daiyun.adapters.text_files import UnreadableFile, numbered_rows
from daiyun.domain.money import Money
from daiyun.domain.orders.records import OrderLineRecord, OrderRecord, OrderStatus, SourceRow
from daiyun.domain.orders.shown import shown_names, shown_text

__all__ = ["TaobaoExport", "read_taobao_export"]

_NO_MONEY = Money(0)


@dataclass(frozen=True, slots=True)
class TaobaoExport:
    """The two files of one export, the encodings their text is in, and the export's time."""

    orders: Path
    orders_encoding: str
    items: Path
    items_encoding: str
    as_of: datetime


def read_taobao_export(export: TaobaoExport, problems: ProblemLog) -> Iterator[OrderRecord]:
    """The export's orders with their lines; an order with any problem is noted, not given."""
    try:
        yield from _ExportReading(export, problems).records()
    except _Unreadable as unreadable:
        problems.add(unreadable.file, unreadable.row, "", "", str(unreadable))


class _Unreadable(Exception):
    """One of the two files cannot be read on; which one, and from which row."""

    def __init__(self, file: str, cause: UnreadableFile) -> None:
        super().__init__(str(cause))
        self.file, self.row = file, cause.row


@dataclass(frozen=True, slots=True)
class _BrokenOrder:
    """An order row with a problem: its lines are still read, to report theirs."""

    row: int


class _ExportReading:
    """One pass over an export's two files, side by side."""

    def __init__(self, export: TaobaoExport, problems: ProblemLog) -> None:
        self.export = export
        self.problems = problems
        self.orders_file = export.orders.name
        self.items_file = export.items.name
        self.order_columns = Columns([])
        self.item_columns = Columns([])
        self.item_fields = ItemFields.of(self.item_columns)
        self.item_reader = row_reader(ItemRow._fields, self.item_fields, 0)

    def records(self) -> Iterator[OrderRecord]:
        """Each order of the export that has no problem, with its lines."""
        unmatched: list[Pairing[OrderRow | _BrokenOrder, list[Row]]] = []
        for pairing in pair_by_order_no(self._orders(), self._item_groups()):
            if pairing.order is None or pairing.lines is None:
                unmatched.append(pairing)
                continue
            record = self._record(pairing.order_no, pairing.order, pairing.lines)
            if record is not None:
                yield record
        self._report_unmatched(unmatched)

    def _rows(self, path: Path, encoding: str) -> Iterator[Row]:
        try:
            yield from numbered_rows(path, encoding, skip_blank=True)
        except UnreadableFile as cause:
            raise _Unreadable(path.name, cause) from None

    def _orders(self) -> Iterator[tuple[str, OrderRow | _BrokenOrder]]:
        """Each order row, read; a row whose order number cannot be read is left out."""
        rows = self._rows(self.export.orders, self.export.orders_encoding)
        header = next(rows, None)
        if header is None:
            return
        self.order_columns = Columns(header[1])
        fields = OrderFields.of(self.order_columns, self.export.as_of)
        reader = row_reader(OrderRow._fields, fields, self.order_columns.width)
        for number, cells in rows:
            values = reader.values(number, cells)
            if values is not None:
                order = OrderRow._make(values)
                yield order.order_no, order
                continue
            self.problems.add_failures(self.orders_file, number, reader.failures(cells))
            if fields.order_no.at >= len(cells):
                continue  # a row too short to hold its order number: its problem is logged
            try:
                yield order_number(cells[fields.order_no.at]), _BrokenOrder(number)
            except CellProblem:
                continue

    def _item_groups(self) -> Iterator[tuple[str, list[Row]]]:
        """Each order's item rows together, whatever order the file has them in."""
        path, encoding = self.export.items, self.export.items_encoding
        rows = self._rows(path, encoding)
        header = next(rows, None)
        if header is None:
            return
        self.item_columns = Columns(header[1])
        self.item_fields = ItemFields.of(self.item_columns)
        self.item_reader = row_reader(ItemRow._fields, self.item_fields, self.item_columns.width)
        order_no_at = self.item_columns.at[self.item_fields.order_no]
        scan = self._rows(path, encoding)
        next(scan, None)
        scattered = scattered_orders(scan, order_no_at, path.stat().st_size)
        for order_no, group in orders_of_rows(rows, order_no_at, scattered):
            if self._is_order_number(order_no, group):
                yield order_no, group

    def _is_order_number(self, order_no: str, group: list[Row]) -> bool:
        """True when the group's order number is one; else each of its rows is a problem."""
        try:
            order_number(order_no)
        except CellProblem as problem:
            column = self.item_fields.order_no
            at = self.item_columns.at[column]
            for number, cells in group:
                cell = cells[at].strip() if at < len(cells) else ""
                self.problems.add(self.items_file, number, column, cell, str(problem))
            return False
        return True

    def _record(
        self, order_no: str, order: OrderRow | _BrokenOrder, rows: list[Row]
    ) -> OrderRecord | None:
        items = self._items(order_no, rows)
        if items is None or isinstance(order, _BrokenOrder):
            return None
        file = self.items_file
        lines = tuple([_line(order, item, line_no, file) for line_no, item in enumerate(items, 1)])
        refund = order.refund
        if refund is None:
            refund = Money(sum([line.refund_amount.fen for line in lines]))
        province, city = province_and_city(order.address or "")
        return OrderRecord(
            order_no=order_no,
            status=order.status,
            as_of=self.export.as_of,
            created_at=order.created_at,
            paid_at=order.paid_at,
            shipped_at=order.shipped_at,
            completed_at=order.completed_at,
            total=order.total,
            paid=order.paid,
            goods_amount=order.goods_amount,
            shipping=order.shipping,
            refund=refund,
            buyer_id=order.buyer_id,
            province=province,
            city=city,
            lines=lines,
            source=SourceRow(self.orders_file, order.row),
        )

    def _items(self, order_no: str, rows: list[Row]) -> list[ItemRow] | None:
        """The order's items, in line order; None when any of them has a problem."""
        fields, reader = self.item_fields, self.item_reader
        before = self.problems.count
        items: list[ItemRow] = []
        for number, cells in rows:
            values = reader.values(number, cells)
            if values is None:
                self.problems.add_failures(self.items_file, number, reader.failures(cells))
            else:
                items.append(ItemRow._make(values))
        if fields.has_sub_orders:
            items.sort(key=lambda item: int(item.sub_order or "0"))
            self._report_repeated_sub_orders(items, fields.sub_order.column)
        for item in items:
            if item.sku_code is None:
                title = shown_text(item.title or "")
                message = f"empty: order {order_no}'s item {title} has no SKU code"
                self.problems.add(self.items_file, item.row, fields.sku_code.column, "", message)
        return items if self.problems.count == before else None

    def _report_repeated_sub_orders(self, items: list[ItemRow], column: str) -> None:
        for earlier, later in pairwise(items):
            if later.sub_order is not None and later.sub_order == earlier.sub_order:
                message = f"the same sub-order as row {earlier.row}; each line is listed once"
                self.problems.add(self.items_file, later.row, column, later.sub_order, message)

    def _report_unmatched(
        self, unmatched: list[Pairing[OrderRow | _BrokenOrder, list[Row]]]
    ) -> None:
        """Orders without lines (or listed twice), and lines whose order is not in the file."""
        lonely = [
            (pairing.order_no, pairing.order) for pairing in unmatched if pairing.order is not None
        ]
        rows_of = self._order_rows({order_no for order_no, _ in lonely}) if lonely else {}
        for order_no, order in lonely:
            others = [str(row) for row in rows_of.get(order_no, []) if row != order.row]
            message = (
                f"order {order_no} is also on row {shown_names(others)}; an export lists it once"
                if others
                else f"order {order_no} has no item lines in {self.items_file}"
            )
            self.problems.add(self.orders_file, order.row, "订单编号", order_no, message)
        column = self.item_fields.order_no
        for pairing in unmatched:
            if pairing.lines is not None:
                message = f"order {pairing.order_no} is not in the order file {self.orders_file}"
                row = pairing.lines[0][0]
                self.problems.add(self.items_file, row, column, pairing.order_no, message)

    def _order_rows(self, order_nos: set[str]) -> dict[str, list[int]]:
        """The rows of the order file where each of these orders is (read again: a rare case)."""
        rows = self._rows(self.export.orders, self.export.orders_encoding)
        next(rows, None)
        at = self.order_columns.at["订单编号"]
        found: dict[str, list[int]] = {}
        for number, cells in rows:
            order_no = clean_cell(cells[at]) if at < len(cells) else ""
            if order_no in order_nos:
                found.setdefault(order_no, []).append(number)
        return found


def _line(order: OrderRow, item: ItemRow, line_no: int, file: str) -> OrderLineRecord:
    """A line as the settlement takes it: status falling back to the order's, refunds (R-S9)."""
    status = item.status or order.status
    refunded_before_completion = status is OrderStatus.CLOSED and order.paid_at is not None
    refund_done = (item.refund_state or "") in REFUND_DONE
    return OrderLineRecord(
        line_no=line_no,
        sku_code=item.sku_code,
        title=item.title,
        units=item.units,
        unit_price=item.unit_price,
        line_amount=item.line_amount,
        status=status,
        refund_units=item.units if refunded_before_completion else 0,
        refund_amount=item.refund_amount if refund_done else _NO_MONEY,
        source=SourceRow(file, item.row),
    )

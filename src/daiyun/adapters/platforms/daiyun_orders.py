"""Read the daiyun order file (interfaces.md): one row per order line, for any other platform.

Rows are put together into orders by order_no; an order's rows need not be next to each other
(grouping.py keeps memory small when they are). How the columns make an order, where
interfaces.md leaves it open:
- created_at, paid_at, shipped_at, completed_at, buyer_key, province and city belong to the
  order: a row may leave them empty, but two rows of an order must not disagree.
- `status` is each line's; the order is closed when every line is, else it stands where its
  furthest line stands (unpaid < paid < shipped < completed), closed lines aside.
- goods_amount = the sum of line_amount; shipping = line 1's (non-zero on another line is a
  problem); total = goods_amount + shipping; refund = the sum of refund_amount; paid = total −
  refund when the order was paid (a paid_at, or a status past unpaid), else 0.
- A time without an offset is Beijing time; buyer_key is the buyer's identity, hashed on import.
- province, when given, is one of the PRC's 34, written short or in full (浙江 or 浙江省:
  domain/orders/provinces.py), and stored as written; any other text is refused, such as
  Shift-JIS read as GBK (煷峕徣).
- order_no is any printable id that fits the column (own-site shops write SO-20261001-0001);
  every cell is bounded (domain/orders/bounds.py): times from 2000 to a year past the as-of
  time, amounts, units, line numbers, and the length of each text kept, without control
  characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from daiyun.adapters.platforms.cell_bounds import kept_text, moment_reader
from daiyun.adapters.platforms.cells import (
    CellProblem,
    Columns,
    RowReader,
    amount,
    amount_or_zero,
    clean_cell,
    count_or_zero,
    order_id,
    text_or_none,
    units,
    whole_number,
)
from daiyun.adapters.platforms.grouping import Row, orders_of_rows, scattered_orders
from daiyun.adapters.platforms.problems import ProblemLog
from daiyun.adapters.text_files import UnreadableFile, numbered_rows
from daiyun.domain.money import Money
from daiyun.domain.orders.bounds import (
    LARGEST_AMOUNT,
    LONGEST_PLACE,
    LONGEST_REFUND_REASON,
    LONGEST_SKU_CODE,
    MOST_LINES,
)
from daiyun.domain.orders.provinces import province_named
from daiyun.domain.orders.records import OrderLineRecord, OrderRecord, OrderStatus, SourceRow

__all__ = ["read_daiyun_orders"]

_PROGRESS = (OrderStatus.UNPAID, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.COMPLETED)
# The order's own cells, which every row may carry.
_ORDER_CELLS = (
    "created_at",
    "paid_at",
    "shipped_at",
    "completed_at",
    "buyer_key",
    "province",
    "city",
)
# Times, read as of the file's as-of time (_row_reader).
_MOMENTS = ("refunded_at", "created_at", "paid_at", "shipped_at", "completed_at")
_TOO_MANY_LINES = f"more than {MOST_LINES}; an order has at most {MOST_LINES} lines"
_ORDER_TOO_LARGE = (
    f"the order's line amounts and shipping add up to more than {LARGEST_AMOUNT.yuan_text()}"
)
# Texts kept: within their columns' lengths, without control characters (bounds.py).
_sku_code = kept_text(LONGEST_SKU_CODE)
_place = kept_text(LONGEST_PLACE)
_NOT_A_PROVINCE = (
    "not a province of the PRC: write one of the 34 as 浙江省 or 浙江, 内蒙古自治区 or 内蒙古, "
    "香港特别行政区 or 香港 (a file in another encoding than UTF-8 or GBK reads as such text)"
)
_reason_text = kept_text(LONGEST_REFUND_REASON)


def _province(text: str) -> str | None:
    """The province as written, when it is one of the PRC's (issue 16, point 11); empty is none."""
    province = _place(text)
    if province is not None and province_named(province) is None:
        raise CellProblem(_NOT_A_PROVINCE)
    return province


def _status(text: str) -> OrderStatus:
    try:
        return OrderStatus(clean_cell(text).lower())
    except ValueError:
        message = "not a status: write unpaid, paid, shipped, completed or closed"
        raise CellProblem(message) from None


def _line_no(text: str) -> int:
    number = clean_cell(text)
    if number.isdigit() and number.isascii():
        line_no = whole_number(number, MOST_LINES, _TOO_MANY_LINES)
        if line_no >= 1:
            return line_no
    raise CellProblem("not a line number: 1 for the first line of an order, 2, 3 … after it")


def _sku(text: str) -> str:
    sku = _sku_code(text)
    if sku is None:
        raise CellProblem("empty; every line needs its SKU (the brand's code)")
    return sku


def _reason(text: str) -> str | None:
    reason = _reason_text(text)
    return "quality" if reason is not None and reason.lower() == "quality" else reason


class _Row(NamedTuple):
    """A row, read: each value under its column's name."""

    row: int
    order_no: str
    line_no: int
    sku: str
    units: int
    unit_price: Money
    line_amount: Money
    shipping: Money
    status: OrderStatus
    refund_units: int
    refund_amount: Money
    refund_reason: str | None
    refunded_at: datetime | None
    created_at: datetime | None
    paid_at: datetime | None
    shipped_at: datetime | None
    completed_at: datetime | None
    buyer_key: str | None
    province: str | None
    city: str | None


# How each column is read, and what a column the file lacks gives; the first seven are the
# layout's own (detect.py): a file without them is not a daiyun order file. The times
# (_MOMENTS) are read as of the file's as-of time, by _row_reader.
_READERS: dict[str, tuple[Callable[[str], Any], object]] = {
    "order_no": (order_id, ""),
    "line_no": (_line_no, 0),
    "sku": (_sku, ""),
    "units": (units, 0),
    "unit_price": (amount, Money(0)),
    "line_amount": (amount, Money(0)),
    "status": (_status, OrderStatus.UNPAID),
    "shipping": (amount_or_zero, Money(0)),
    "refund_units": (count_or_zero, 0),
    "refund_amount": (amount_or_zero, Money(0)),
    "refund_reason": (_reason, None),
    "buyer_key": (text_or_none, None),
    "province": (_province, None),
    "city": (_place, None),
}


def _row_reader(columns: Columns, as_of: datetime) -> RowReader:
    """The reader of each row; times from 2000 to a year past the file's as-of time."""
    moment = moment_reader(as_of)
    readers = {**_READERS, **{name: (moment, None) for name in _MOMENTS}}
    fields = [columns.field(name, *readers[name]) for name in _Row._fields[1:]]
    return RowReader(fields, columns.width)


def read_daiyun_orders(
    path: Path, encoding: str, as_of: datetime, problems: ProblemLog
) -> Iterator[OrderRecord]:
    """The file's orders with their lines; an order with any problem is noted, not given."""
    try:
        yield from _FileReading(path, encoding, as_of, problems).records()
    except UnreadableFile as unreadable:
        problems.add(path.name, unreadable.row, "", "", str(unreadable))


class _FileReading:
    """One pass over a daiyun order file."""

    def __init__(self, path: Path, encoding: str, as_of: datetime, problems: ProblemLog) -> None:
        self.path, self.encoding, self.as_of, self.problems = path, encoding, as_of, problems
        self.file = path.name

    def records(self) -> Iterator[OrderRecord]:
        """Each order without a problem, its lines in line_no order."""
        rows = numbered_rows(self.path, self.encoding, skip_blank=True)
        header = next(rows, None)
        if header is None:
            return
        columns = Columns(header[1])
        reader = _row_reader(columns, self.as_of)
        order_no_at = columns.at["order_no"]
        scan = numbered_rows(self.path, self.encoding, skip_blank=True)
        next(scan, None)
        scattered = scattered_orders(scan, order_no_at, self.path.stat().st_size)
        for _, group in orders_of_rows(rows, order_no_at, scattered):
            record = self._order(group, reader)
            if record is not None:
                yield record

    def _order(self, group: list[Row], reader: RowReader) -> OrderRecord | None:
        """The order of these rows; None when any of them has a problem."""
        lines: list[_Row] = []
        for number, cells in group:
            values = reader.values(number, cells)
            if values is None:
                self.problems.add_failures(self.file, number, reader.failures(cells))
            else:
                lines.append(_Row._make(values))
        if len(lines) < len(group):
            return None
        before = self.problems.count
        lines.sort(key=lambda line: line.line_no)
        self._check_lines(lines)
        order_cells = self._order_cells(lines)
        if self.problems.count != before:
            return None
        return _record(lines, order_cells, self.as_of, SourceRow(self.file, group[0][0]))

    def _check_lines(self, lines: Sequence[_Row]) -> None:
        """Line numbers once each, shipping on line 1 only, refunds within the line, the
        order's total within bounds."""
        first_row_of: dict[int, int] = {}
        for line in lines:
            first = first_row_of.setdefault(line.line_no, line.row)
            if first != line.row:
                message = f"also on row {first}; an order has each line once"
                self._add(line.row, "line_no", str(line.line_no), message)
            if line.line_no != 1 and not line.shipping.is_zero:
                message = "shipping goes on line 1 only"
                self._add(line.row, "shipping", line.shipping.yuan_text(), message)
            if line.refund_units > line.units:
                message = f"more than the line's {line.units} units"
                self._add(line.row, "refund_units", str(line.refund_units), message)
            if line.refund_amount > line.line_amount:
                message = f"more than the line's amount {line.line_amount.yuan_text()}"
                self._add(line.row, "refund_amount", line.refund_amount.yuan_text(), message)
        total = Money.total(line.line_amount + line.shipping for line in lines)
        if total > LARGEST_AMOUNT:
            self._add(lines[0].row, "line_amount", total.yuan_text(), _ORDER_TOO_LARGE)

    def _order_cells(self, lines: Sequence[_Row]) -> dict[str, object]:
        """The order's own cells, from whichever rows give them; rows that disagree are problems."""
        found: dict[str, object] = {}
        found_on: dict[str, int] = {}
        for line in lines:
            for name in _ORDER_CELLS:
                value = getattr(line, name)
                if value is None:
                    continue
                if name not in found:
                    found[name], found_on[name] = value, line.row
                elif found[name] != value:
                    message = f"differs from row {found_on[name]}; an order has one {name}"
                    self._add(line.row, name, str(value), message)
        return found

    def _add(self, row: int, column: str, value: str, message: str) -> None:
        self.problems.add(self.file, row, column, value, message)


def _record(
    lines: Sequence[_Row], order_cells: dict[str, Any], as_of: datetime, source: SourceRow
) -> OrderRecord:
    """The order as the settlement takes it (the reading in the module's docstring)."""
    records = tuple(_line_record(line, source.file) for line in lines)
    status = _order_status([line.status for line in lines])
    goods = Money.total(line.line_amount for line in lines)
    shipping = next((line.shipping for line in lines if line.line_no == 1), Money(0))
    refund = Money.total(line.refund_amount for line in lines)
    total = goods + shipping
    paid_at: datetime | None = order_cells.get("paid_at")
    was_paid = paid_at is not None or status in _PROGRESS[1:]
    return OrderRecord(
        order_no=lines[0].order_no,
        status=status,
        as_of=as_of,
        created_at=order_cells.get("created_at"),
        paid_at=paid_at,
        shipped_at=order_cells.get("shipped_at"),
        completed_at=order_cells.get("completed_at"),
        total=total,
        paid=total - refund if was_paid else Money(0),
        goods_amount=goods,
        shipping=shipping,
        refund=refund,
        buyer_id=order_cells.get("buyer_key"),
        province=order_cells.get("province"),
        city=order_cells.get("city"),
        lines=records,
        source=source,
    )


def _line_record(line: _Row, file: str) -> OrderLineRecord:
    return OrderLineRecord(
        line_no=line.line_no,
        sku_code=line.sku,
        title=None,
        units=line.units,
        unit_price=line.unit_price,
        line_amount=line.line_amount,
        status=line.status,
        refund_units=line.refund_units,
        refund_amount=line.refund_amount,
        refund_reason=line.refund_reason,
        refunded_at=line.refunded_at,
        source=SourceRow(file, line.row),
    )


def _order_status(statuses: Sequence[OrderStatus]) -> OrderStatus:
    """Closed when every line is; else the furthest of the open lines."""
    open_lines = [status for status in statuses if status is not OrderStatus.CLOSED]
    if not open_lines:
        return OrderStatus.CLOSED
    return max(open_lines, key=_PROGRESS.index)

"""Read a Taobao/Tmall export pair column by column (pyarrow), for imports of many lines.

Only the commonest shape is taken: both files in their 2016 layout, every order once in the
order file and its lines together in the item file, both in the same sequence, no cell with a
problem. Anything else raises OutsidePattern, at once or mid-way, and the export is read by
the row-by-row reader (taobao.py), which reports every problem as it always has.

Exact by construction: a cell is read by the same function as taobao_layouts gives the
row-by-row reader, once per distinct cell text. Order numbers and times, nearly all distinct,
are read vectorised under a strict pattern; a time outside it goes to the reference function.
The CSV structure is parsed on the raw bytes: no GBK/GB18030 or UTF-8 byte of a multi-byte
character is ever `,` `"` CR LF or an ASCII space, so only the needed cells are ever decoded;
the whole of both files is still checked to be text in their encoding, as the reference would.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from daiyun.adapters.platforms.cell_columns import (
    ascii_or_none,
    fen_of,
    moments_of,
    per_distinct,
    places_of,
    statuses_of,
    units_of,
)
from daiyun.adapters.platforms.cells import Columns
from daiyun.adapters.platforms.taobao import TaobaoExport
from daiyun.adapters.platforms.taobao_layouts import ItemFields, OrderFields
from daiyun.adapters.text_files import TextCheck, UnreadableFile
from daiyun.domain.orders.columns import (
    Ints,
    OrderColumns,
    OutsidePattern,
)

__all__ = ["OutsidePattern", "read_export_columns"]

BLOCK_BYTES = 1 << 22
# A file larger than this has its text checked by a process beside the import (TextCheck)
# instead of decoded here block by block.
CHECK_BESIDE_BYTES = 1 << 24
# Columns of the later layouts: their presence sends the export to the row-by-row reader.
_LATER_ORDER = frozenset({"发货时间", "确认收货时间", "退款金额", "主订单编号"})
_LATER_ITEM = frozenset({"子订单编号", "主订单编号", "商品标题", "商品价格", "买家实付金额",
                         "退款状态", "退款金额"})  # fmt: skip
_ORDER_COLUMNS = ("订单编号", "订单状态", "订单创建时间", "订单付款时间", "总金额",
                  "买家实际支付金额", "买家应付货款", "买家应付邮费", "买家会员名",
                  "收货地址")  # fmt: skip
_ITEM_COLUMNS = ("订单编号", "标题", "价格", "购买数量", "订单状态", "商家编码")
_ENCODINGS = {"gb18030": "gb18030", "utf-8": "utf-8", "utf-8-sig": "utf-8"}
# Order numbers as the seller centre writes them, without leading zero: 1 to 19 digits fit
# an unsigned 64-bit integer, which keeps the check that each order comes once small.
_ORDER_NUMBER = r'^(?:="(?P<a>[1-9][0-9]{0,18})"|(?P<b>[1-9][0-9]{0,18}))$'


def read_export_columns(export: TaobaoExport, batch_orders: int) -> Iterator[OrderColumns]:
    """The export's orders in batches of about `batch_orders`, cut between orders.

    Raises OutsidePattern, possibly after some batches, when the export leaves the pattern.
    """
    orders = _Half(export.orders, export.orders_encoding, _ORDER_COLUMNS, _LATER_ORDER)
    try:
        items = _Half(export.items, export.items_encoding, _ITEM_COLUMNS, _LATER_ITEM)
    except BaseException:
        orders.close()
        raise
    try:
        yield from _read_export_columns(export, batch_orders, orders, items)
    finally:
        orders.close()
        items.close()


def _read_export_columns(
    export: TaobaoExport, batch_orders: int, orders: _Half, items: _Half
) -> Iterator[OrderColumns]:
    order_fields = OrderFields.of(orders.columns, export.as_of)
    item_fields = ItemFields.of(items.columns)
    seen = np.zeros(0, np.uint64)
    for order_table, item_table, first_order_row, first_item_row in _aligned(
        orders, items, batch_orders
    ):
        numbers = _order_numbers(order_table["订单编号"])
        as_integers = np.asarray(pc.cast(numbers, pa.uint64()))
        seen = _with_new_orders(seen, as_integers)
        line_order = _line_order(numbers, _order_numbers(item_table["订单编号"]))
        yield _batch(
            export, order_table, item_table, order_fields, item_fields,
            numbers.to_pylist(), line_order, first_order_row, first_item_row,
        )  # fmt: skip
    orders.finish()
    items.finish()


def _with_new_orders(seen: npt.NDArray[np.uint64], numbers: npt.NDArray[np.uint64]) -> Any:
    """The sorted order numbers seen so far with these; none of them may be there already."""
    numbers = np.sort(numbers)
    at = np.searchsorted(seen, numbers)
    known = seen[np.minimum(at, len(seen) - 1)] == numbers if len(seen) else np.zeros(0, bool)
    if (numbers[1:] == numbers[:-1]).any() or known.any():
        raise OutsidePattern("an order is listed twice")
    return np.insert(seen, at, numbers)


class _Half:
    """One file of the pair: its header checked, its needed columns read block by block.

    The blocks are read here, not by pyarrow's own reader, which reads far ahead of its
    batches in a thread of its own: memory stays one block per file whatever the file's size.
    """

    def __init__(
        self, path: Path, encoding: str, needed: tuple[str, ...], later: frozenset[str]
    ) -> None:
        if encoding not in _ENCODINGS:
            raise OutsidePattern(f"{path.name}: text in {encoding}")
        self.path, self.encoding = path, _ENCODINGS[encoding]
        self.columns = Columns(_header(path, encoding))
        names = self.columns.at
        if later & names.keys() or any(name not in names for name in needed):
            raise OutsidePattern(f"{path.name}: not the 2016 layout")
        self.needed = needed
        self._file = path.open("rb")
        self._file.readline()  # the header, read above
        self._check: TextCheck | None = None
        if path.stat().st_size > CHECK_BESIDE_BYTES:
            try:
                self._check = TextCheck(path, self.encoding)
            except OSError:
                self._check = None  # decoded here, block by block
        self._decoder = codecs.getincrementaldecoder(encoding)()
        self._carried = b""  # the start of a line whose end is in the next block
        self._options = (
            pacsv.ReadOptions(
                column_names=[f"c{i}" for i in range(self.columns.width)], use_threads=False
            ),
            pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            pacsv.ConvertOptions(
                column_types={f"c{names[name]}": pa.binary() for name in needed},
                include_columns=[f"c{names[name]}" for name in needed],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    def next_table(self) -> pa.Table | None:
        """The rows of the next block, its columns named as the header names them; None at the end.

        A block ends at a line end; a quoted cell across it leaves the pattern (pyarrow finds
        its row ragged). Every byte read is checked to be text in the file's encoding.
        """
        block = b""
        while not block:
            data = b"" if self._file.closed else self._file.read(BLOCK_BYTES)
            if self._check is None:
                try:
                    self._decoder.decode(data, final=not data)  # (again at the end: no-op)
                except UnicodeDecodeError:
                    raise OutsidePattern(f"{self.path.name}: bytes that are not text") from None
            if not data:
                block, self._carried = self._carried, b""
                if not block:
                    self._file.close()
                    return None
                break
            data = self._carried + data
            cut = data.rfind(b"\n") + 1
            block, self._carried = data[:cut], data[cut:]
        try:
            table = pacsv.read_csv(pa.py_buffer(block), *self._options)
        except pa.ArrowInvalid as error:  # ragged rows, unterminated quotes
            raise OutsidePattern(f"{self.path.name}: {error}") from None
        return table.rename_columns(list(self.needed))

    def finish(self) -> None:
        """Check the rest of the file was read, and that every byte of it is text."""
        if self.next_table() is not None:
            raise OutsidePattern(f"{self.path.name}: rows left over")
        if self._check is not None:
            try:
                bad_line = self._check.bad_line()
            except UnreadableFile as unreadable:
                raise OutsidePattern(str(unreadable)) from None
            if bad_line is not None:
                raise OutsidePattern(f"{self.path.name}: bytes that are not text") from None

    def close(self) -> None:
        """Stop reading: the file closed and its check ended."""
        self._file.close()
        if self._check is not None:
            self._check.stop()


def _header(path: Path, encoding: str) -> list[str]:
    with path.open("rb") as file:
        first = file.readline()
    if b'"' in first:
        raise OutsidePattern(f"{path.name}: a quoted header")
    try:
        text = first.decode(encoding).rstrip("\r\n")
    except UnicodeDecodeError:
        raise OutsidePattern(f"{path.name}: header not text") from None
    if not text.strip(" ,"):
        raise OutsidePattern(f"{path.name}: no header on the first line")
    return text.split(",")


def _aligned(
    orders: _Half, items: _Half, batch_orders: int
) -> Iterator[tuple[pa.Table, pa.Table, int, int]]:
    """Order rows and the item rows of the same orders, with the row number of each first row.

    The item rows are cut where the run of the batch's last order ends; that the runs are the
    batch's orders, in sequence, is checked by the caller.
    """
    pending: pa.Table | None = None
    order_row, item_row = 2, 2
    while True:
        tables = []
        count = 0
        while count < batch_orders and (table := orders.next_table()) is not None:
            tables.append(table)
            count += table.num_rows
        if not tables:
            break
        order_table = pa.concat_tables(tables).combine_chunks()
        pending, item_table = _items_of(items, pending, order_table.num_rows)
        yield order_table, item_table, order_row, item_row
        order_row += order_table.num_rows
        item_row += item_table.num_rows
    if order_row == 2 or (pending is not None and pending.num_rows):
        raise OutsidePattern("no orders, or lines without their order")


def _items_of(
    items: _Half, pending: pa.Table | None, wanted: int
) -> tuple[pa.Table | None, pa.Table]:
    """(the rows left for later, the rows of the next `wanted` runs of order numbers)."""
    while True:
        if pending is not None and pending.num_rows:
            starts = _run_starts(pending["订单编号"])
            if len(starts) > wanted:
                cut = int(starts[wanted])
                return pending.slice(cut), pending.slice(0, cut).combine_chunks()
        table = items.next_table()
        if table is None:
            if pending is None:
                raise OutsidePattern("orders without lines")
            return None, pending.combine_chunks()
        pending = table if pending is None else pa.concat_tables([pending, table])


def _run_starts(cells: pa.ChunkedArray) -> Ints:
    """Where each run of equal cells starts (its first row's index)."""
    values = cells.combine_chunks()
    if len(values) == 0:
        return np.zeros(0, np.int64)
    changes = pc.not_equal(values.slice(1), values.slice(0, len(values) - 1))
    starts: Ints = np.r_[0, np.flatnonzero(np.asarray(changes)) + 1].astype(np.int64)
    return starts


def _order_numbers(cells: pa.ChunkedArray) -> pa.Array:
    """The order numbers of `="…"` or bare digit cells; any other cell leaves the pattern."""
    text = ascii_or_none(cells.combine_chunks())
    parts = pc.extract_regex(text, _ORDER_NUMBER)
    if parts.null_count:
        raise OutsidePattern("an order number outside the pattern")
    first, second = parts.field("a"), parts.field("b")
    numbers: pa.Array = pc.if_else(pc.equal(first, ""), second, first)
    return numbers


def _line_order(numbers: pa.Array, line_numbers: pa.Array) -> Ints:
    """Each line's order index; the lines' runs must be the orders, in the same sequence."""
    starts = _run_starts(pa.chunked_array([line_numbers]))
    runs = line_numbers.take(pa.array(starts)) if len(starts) else line_numbers
    if len(runs) != len(numbers) or not pc.all(pc.equal(runs, numbers)).as_py():
        raise OutsidePattern("the item file lists other orders, or in another sequence")
    return np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(line_numbers)]))


def _batch(
    export: TaobaoExport,
    order_table: pa.Table,
    item_table: pa.Table,
    fields: OrderFields,
    item_fields: ItemFields,
    order_no: list[str],
    line_order: Ints,
    first_order_row: int,
    first_item_row: int,
) -> OrderColumns:
    orders_encoding = _ENCODINGS[export.orders_encoding]
    items_encoding = _ENCODINGS[export.items_encoding]

    def each(table: pa.Table, name: str, read: Callable[[str], Any], encoding: str) -> list[Any]:
        return per_distinct(table[name], read, encoding)

    province, city = places_of(order_table["收货地址"], fields.address.read, orders_encoding)
    return OrderColumns(
        order_file=export.orders.name,
        item_file=export.items.name,
        as_of=export.as_of,
        order_no=order_no,
        order_row=np.arange(order_table.num_rows, dtype=np.int64) + first_order_row,
        status=statuses_of(order_table["订单状态"], fields.status.read, orders_encoding),
        created_at=moments_of(
            order_table["订单创建时间"], fields.created_at.read, orders_encoding, export.as_of
        ),
        paid_at=moments_of(
            order_table["订单付款时间"], fields.paid_at.read, orders_encoding, export.as_of
        ),
        total=fen_of(order_table["总金额"], fields.total.read, orders_encoding),
        paid=fen_of(order_table["买家实际支付金额"], fields.paid.read, orders_encoding),
        goods_amount=fen_of(order_table["买家应付货款"], fields.goods_amount.read, orders_encoding),
        shipping=fen_of(order_table["买家应付邮费"], fields.shipping.read, orders_encoding),
        buyer_id=each(order_table, "买家会员名", fields.buyer_id.read, orders_encoding),
        province=province,
        city=city,
        line_order=line_order.astype(np.int64),
        line_row=np.arange(item_table.num_rows, dtype=np.int64) + first_item_row,
        sku_code=_with_sku_codes(
            each(item_table, "商家编码", item_fields.sku_code.read, items_encoding)
        ),
        title=each(item_table, "标题", item_fields.title.read, items_encoding),
        unit_price=fen_of(item_table["价格"], item_fields.unit_price.read, items_encoding),
        units=units_of(item_table["购买数量"], item_fields.units.read, items_encoding),
        line_status=statuses_of(item_table["订单状态"], item_fields.status.read, items_encoding),
    )


def _with_sku_codes(codes: list[Any]) -> list[Any]:
    if any(code is None for code in codes):  # the reader reports a line without SKU code
        raise OutsidePattern("a line without SKU code")
    return codes

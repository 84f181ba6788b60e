"""Read JD's seller-centre order export (京东商家后台 订单导出): docs/formats/jd.md."""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from daiyun.adapters.platforms.cell_bounds import moment_bound, text_check
from daiyun.adapters.platforms.cells import AMOUNT_TOO_LARGE, CellProblem, units
from daiyun.adapters.text_files import UnreadableFile, csv_encoding, header_names, numbered_rows
from daiyun.adapters.workbooks import first_sheet_rows
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import InvalidAmount, Money, allocate
from daiyun.domain.orders.bounds import LARGEST_AMOUNT, LONGEST_SKU_CODE, LONGEST_TITLE
from daiyun.domain.orders.records import (
    ImportProblem,
    OrderLineRecord,
    OrderRecord,
    OrderStatus,
    SourceRow,
)
from daiyun.domain.orders.shown import shown_text

__all__ = ["JD_REQUIRED_COLUMNS", "JdOrderReading", "read_jd_orders"]

# The columns every layout found so far has, and all this reader needs (docs/formats/jd.md).
JD_REQUIRED_COLUMNS: frozenset[str] = frozenset(
    {"订单号", "商品ID", "订购数量", "京东价", "应付金额", "运费金额", "订单状态", "下单时间"}
)
# 订单状态 words, after an optional (删除) or (锁定) prefix; API equivalents in docs/formats/jd.md.
_STATUS_WORDS: Mapping[str, OrderStatus] = {
    word: status
    for status, words in (
        (OrderStatus.UNPAID, "等待付款 未付款 等待付款确认"),
        (OrderStatus.PAID, "新订单 等待出库 等待发货 等待发码 暂停 锁定 已锁定"),
        (OrderStatus.SHIPPED, "发往配送中心 配送中心已收货 等待确认收货 收款确认(服务完成)"),
        (OrderStatus.COMPLETED, "完成 已完成"),
        (OrderStatus.CLOSED, "已取消 取消"),
    )
    for word in words.split()
}
_PAST_PAYMENT = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.COMPLETED)
_DELETED, _LOCKED = "(删除)", "(锁定)"
_ORDER_NUMBER = re.compile(r"\d{6,20}", re.ASCII)
_EXCEL_NUMBER = re.compile(r"\d+(?:\.\d+)?[eE][+]?\d+", re.ASCII)
_UNITS = re.compile(r"\d+(?:\.0+)?", re.ASCII)
_TIME = re.compile(
    r"(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})[ T]"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?",
    re.ASCII,
)
_PROVINCES = (  # noqa: SIM905 (a list literal would take 34 lines)
    "北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 "
    "福建省 江西省 山东省 河南省 湖北省 湖南省 广东省 海南省 四川省 贵州省 云南省 陕西省 "
    "甘肃省 青海省 台湾省 内蒙古自治区 广西壮族自治区 西藏自治区 宁夏回族自治区 "
    "新疆维吾尔自治区 香港特别行政区 澳门特别行政区"
).split()
_SUFFIX = r"(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)"
_PROVINCE_OF_SHORT = {re.sub(_SUFFIX + "$", "", name): name for name in _PROVINCES}
_PLACE = re.compile(rf"(?P<short>{'|'.join(_PROVINCE_OF_SHORT)}){_SUFFIX}?(?P<rest>.*)")
_CITY = re.compile(r".{1,12}?(?:自治州|地区|盟|市)")
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_ZIP_START, _OLD_EXCEL_START = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
# Orders whose rows are still being gathered; an order's rows further apart than this are refused.
_PENDING_LIMIT = 10_000

_NOT_AMOUNT = "not an amount"
_NOT_TIME = "not a time"
_EXCEL_ORDER_NO = "an order number Excel has rounded; export the file again and import it unsaved"
_NOT_ORDER_NO = "not a JD order number (digits only)"
_BELOW_SHIPPING = "less than the shipping (运费金额)"

_Value = TypeVar("_Value")
# Texts kept: within their columns' lengths, without control characters (bounds.py).
_checked_sku_code = text_check(LONGEST_SKU_CODE)
_checked_title = text_check(LONGEST_TITLE)


class _BadCell(Exception):
    """A cell's value cannot be taken; the message says why, for a clerk."""


@dataclass(frozen=True, slots=True)
class _Head:
    """The order-level cells, which JD repeats on each of an order's rows."""

    status: OrderStatus  # as the word says, before a (删除) prefix
    deleted: bool
    created_at: datetime | None
    paid_at: datetime | None
    ended_at: datetime | None
    payable: Money  # 应付金额 + 余额支付: the buyer's whole payment, shipping included
    shipping: Money
    cash_on_delivery: bool
    buyer_id: str | None
    province: str | None
    city: str | None


@dataclass(frozen=True, slots=True)
class _Line:
    row: int
    sku_code: str | None
    title: str | None
    units: int
    unit_price: Money


@dataclass
class _Pending:
    order_no: str
    first_row: int
    head: _Head | None = None
    lines: list[_Line] = field(default_factory=list)
    broken: bool = False


@dataclass
class _RowCells:
    """One row's cells, taken column by column, with the failures met on the way."""

    columns: Mapping[str, int]
    cells: Sequence[object]
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    def cell(self, column: str) -> object:
        """The cell under `column`; None when the layout or the row lacks it."""
        position = self.columns.get(column)
        return None if position is None or position >= len(self.cells) else self.cells[position]

    def text(self, column: str) -> str:
        """The cell under `column` as text, padding removed."""
        return _text(self.cell(column))

    def take(self, column: str, parse: Callable[[object], _Value], fallback: _Value) -> _Value:
        """The cell parsed; on failure the fallback, and the failure noted."""
        try:
            return parse(self.cell(column))
        except (_BadCell, CellProblem) as bad:
            self.failures.append((column, self.text(column), str(bad)))
            return fallback


def _line_of(number: int, row: _RowCells) -> _Line:
    # The seller's own code: 商家SKUID (outerSkuId) where the layout has it, else 货号.
    sku_column = "商家SKUID" if row.text("商家SKUID") else "货号"
    return _Line(
        row=number,
        sku_code=row.take(sku_column, _sku_code, None),
        title=row.take("商品名称", _title, None),
        units=row.take("订购数量", _units, 0),
        unit_price=row.take("京东价", _amount, Money(0)),
    )


def _head_of(row: _RowCells, within: Callable[[datetime], datetime]) -> _Head:
    """The order's cells of a row; its times checked `within` the file's bounds."""
    status, deleted = row.take("订单状态", _status, (OrderStatus.UNPAID, False))
    province, city = _place(row.text("客户地址"))

    def optional_time(cell: object) -> datetime | None:
        moment = _optional_time(cell)
        return None if moment is None else within(moment)

    return _Head(
        status=status,
        deleted=deleted,
        created_at=row.take("下单时间", lambda cell: within(_time(cell)), None),
        paid_at=row.take("付款确认时间", optional_time, None),
        ended_at=row.take("订单完成时间", optional_time, None),
        payable=row.take("应付金额", _amount, Money(0))
        + row.take("余额支付", _optional_amount, Money(0)),
        shipping=row.take("运费金额", _amount, Money(0)),
        cash_on_delivery="货到付款" in row.text("支付方式"),
        buyer_id=row.text("下单帐号") or None,
        province=province,
        city=city,
    )


def read_jd_orders(path: Path, *, as_of: datetime) -> JdOrderReading:
    """A reading of a JD order export whose records() stream orders as of `as_of`."""
    return JdOrderReading(path, as_of=as_of)


class JdOrderReading:
    """One JD order export: records() yields its orders; problems fill up as it goes."""

    def __init__(self, path: Path, *, as_of: datetime, pending_limit: int = _PENDING_LIMIT):
        if as_of.tzinfo is None:
            raise ValueError("as_of needs a time zone")
        self.path, self.as_of, self.pending_limit = path, as_of, pending_limit
        self.file = path.name
        self.problems: list[ImportProblem] = []
        self._columns: dict[str, int] = {}
        self._within = moment_bound(as_of)  # times from 2000 to a year past the as-of time

    def records(self) -> Iterator[OrderRecord]:
        """Each valid order once, its lines in file order; orders with a bad cell are left out."""
        self.problems.clear()
        self._columns = {}
        try:
            yield from self._read(_rows_of(self.path))
        except UnreadableFile as unreadable:
            self._report(unreadable.row, "", "", str(unreadable))

    def _read(self, numbered: Iterator[tuple[int, Sequence[object]]]) -> Iterator[OrderRecord]:
        header = next(numbered, None)
        if header is None:
            raise UnreadableFile("the file is empty; a JD order export starts with a header row")
        if not self._take_header(header[1]):
            return
        pending: OrderedDict[str, _Pending] = OrderedDict()
        finished: set[str] = set()
        for number, cells in numbered:
            if all(_text(cell) == "" for cell in cells):
                continue
            order = self._order_of(number, cells, pending, finished)
            if order is None:
                continue
            self._take_row(number, cells, order)
            if len(pending) > self.pending_limit:
                oldest = pending.popitem(last=False)[1]
                finished.add(oldest.order_no)
                yield from self._finish(oldest)
        for order in pending.values():
            yield from self._finish(order)

    def _take_header(self, cells: Sequence[object]) -> bool:
        names = header_names(["" if cell is None else str(cell) for cell in cells])
        for position, name in enumerate(names):
            self._columns.setdefault(name, position)  # unknown columns are simply not read
        # Only JD's own layouts reach here (detect.py), so the header is a JD export's; the
        # import's ProblemLog cuts any message past 2,000 characters (issue 16, point 6).
        listed = ", ".join(name for name in names if name) or "no names at all"
        for name in sorted(JD_REQUIRED_COLUMNS - self._columns.keys()):
            self._report(1, name, "", f"missing; the header row has: {listed}")
        return self._columns.keys() >= JD_REQUIRED_COLUMNS

    def _order_of(
        self,
        number: int,
        cells: Sequence[object],
        pending: OrderedDict[str, _Pending],
        finished: set[str],
    ) -> _Pending | None:
        cell = self._cell("订单号", cells)
        try:
            order_no = _order_number(cell)
        except _BadCell as bad:
            self._report(number, "订单号", _text(cell), str(bad))
            return None
        if order_no in finished:
            message = (
                f"this order's earlier rows are more than {self.pending_limit} orders back; "
                "sort the file by 订单号 and import it again"
            )
            self._report(number, "订单号", order_no, message)
            return None
        order = pending.setdefault(order_no, _Pending(order_no, number))
        pending.move_to_end(order_no)
        return order

    def _take_row(self, number: int, cells: Sequence[object], order: _Pending) -> None:
        row = _RowCells(self._columns, cells)
        line = _line_of(number, row)
        head = _head_of(row, self._within)
        if head.payable < head.shipping and not row.failures:
            row.failures.append(
                ("应付金额", row.text("应付金额"), "less than the shipping (运费金额)")
            )
        for column, value, message in row.failures:
            self._report(number, column, value, message)
        order.broken = order.broken or bool(row.failures)
        order.head = order.head or head
        order.lines.append(line)

    def _finish(self, order: _Pending) -> Iterator[OrderRecord]:
        head = order.head
        if order.broken or head is None:
            return
        paid_before = head.paid_at is not None or (
            head.status in _PAST_PAYMENT and not head.cash_on_delivery
        )
        status = OrderStatus.CLOSED if head.deleted else head.status
        paid = head.payable if paid_before else Money(0)
        refund = paid if status is OrderStatus.CLOSED else Money(0)
        yield OrderRecord(
            order_no=order.order_no,
            status=status,
            as_of=self.as_of,
            created_at=head.created_at,
            paid_at=head.paid_at,
            shipped_at=None,  # no layout found has a shipping time
            completed_at=(head.ended_at or self.as_of) if status is OrderStatus.COMPLETED else None,
            total=head.payable,
            paid=paid,
            goods_amount=head.payable - head.shipping,
            shipping=head.shipping,
            refund=refund,
            buyer_id=head.buyer_id,
            province=head.province,
            city=head.city,
            lines=self._lines(order, head, status, refunded=not refund.is_zero),
            source=SourceRow(self.file, order.first_row),
        )

    def _lines(
        self, order: _Pending, head: _Head, status: OrderStatus, *, refunded: bool
    ) -> tuple[OrderLineRecord, ...]:
        # A whole order refunded before completion: each line gives back its share of the goods
        # amount, split as the importer splits it (price × units, largest remainder).
        weights = [line.unit_price.fen * line.units for line in order.lines]
        shares = allocate(head.payable - head.shipping, weights) if refunded else None
        return tuple(
            OrderLineRecord(
                line_no=number,
                sku_code=line.sku_code,
                title=line.title,
                units=line.units,
                unit_price=line.unit_price,
                line_amount=None,  # not in the export: the importer allocates the goods amount
                status=status,
                refund_units=line.units if shares else 0,
                refund_amount=shares[number - 1] if shares else Money(0),
                refunded_at=(head.ended_at or self.as_of) if shares else None,
                source=SourceRow(self.file, line.row),
            )
            for number, line in enumerate(order.lines, start=1)
        )

    def _cell(self, column: str, cells: Sequence[object]) -> object:
        position = self._columns.get(column)
        return None if position is None or position >= len(cells) else cells[position]

    def _report(self, row: int, column: str, value: str, message: str) -> None:
        self.problems.append(ImportProblem(self.file, row, column, value, message))


def _text(cell: object) -> str:
    """A cell as shown, without the padding JD and Excel add: tabs, spaces, ="…", a leading '."""
    if cell is None:
        return ""
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    text = str(cell).strip().lstrip("\ufeff").strip()
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1].strip()
    return text.removeprefix("'").strip()


def _order_number(cell: object) -> str:
    text = _text(cell)
    if _ORDER_NUMBER.fullmatch(text):
        return text
    raise _BadCell(_EXCEL_ORDER_NO if _EXCEL_NUMBER.fullmatch(text) else _NOT_ORDER_NO)


def _units(cell: object) -> int:
    """A whole number of units, 1 to a million (an XLSX number may come as 2.0)."""
    text = _text(cell)
    if not _UNITS.fullmatch(text):
        raise _BadCell("not a whole number of units")
    return units(text.split(".")[0])


def _sku_code(cell: object) -> str | None:
    text = _text(cell)
    return _checked_sku_code(text) if text else None


def _title(cell: object) -> str | None:
    text = _text(cell)
    return _checked_title(text) if text else None


def _amount(cell: object) -> Money:
    if isinstance(cell, float):
        # An XLSX number: repr() is the text the workbook holds, so 932.45 stays exact.
        if not math.isfinite(cell):
            raise _BadCell(_NOT_AMOUNT)
        cell = Decimal(repr(cell))
    value: str | int | Decimal = cell if isinstance(cell, int | Decimal) else _text(cell)
    if value == "":
        raise _BadCell("empty")
    try:
        money = Money.of_yuan(value)
    except InvalidAmount:
        raise _BadCell(_NOT_AMOUNT) from None
    except ValueError:  # more digits than Python turns into a number (4,300)
        raise _BadCell(AMOUNT_TOO_LARGE) from None
    if money.is_negative:
        raise _BadCell("a negative amount")
    if money > LARGEST_AMOUNT:
        raise _BadCell(AMOUNT_TOO_LARGE)
    return money


def _optional_amount(cell: object) -> Money:
    return Money(0) if _text(cell) == "" else _amount(cell)


def _time(cell: object) -> datetime:
    if isinstance(cell, datetime):
        return cell if cell.tzinfo is not None else cell.replace(tzinfo=SHANGHAI)
    text = _text(cell)
    if text == "":
        raise _BadCell("empty")
    match = _TIME.fullmatch(text)  # JD writes Beijing time without an offset
    if match is None:
        raise _BadCell(_NOT_TIME)
    try:
        return datetime(**{k: int(v) for k, v in match.groupdict("0").items()}, tzinfo=SHANGHAI)
    except ValueError:
        raise _BadCell(_NOT_TIME) from None


def _optional_time(cell: object) -> datetime | None:
    return None if _text(cell) == "" else _time(cell)


def _status(cell: object) -> tuple[OrderStatus, bool]:
    """The status the word names and whether JD marked the order (删除): cancelled and refunded."""
    shown = _text(cell)
    word = shown.replace("（", "(").replace("）", ")").replace(" ", "")
    deleted = word.startswith(_DELETED)
    status = _STATUS_WORDS.get(word.removeprefix(_DELETED).removeprefix(_LOCKED))
    if status is None or (deleted and status is OrderStatus.COMPLETED):
        raise _BadCell(f"unknown order status '{shown_text(shown)}'")
    return status, deleted


def _place(address: str) -> tuple[str | None, str | None]:
    """Province and city from an address's first words; the rest of it is never kept (R-D1)."""
    match = _PLACE.match(re.sub(r"\s+", "", address[:40]))
    if match is None:
        return None, None
    province = _PROVINCE_OF_SHORT[match["short"]]
    if province in _MUNICIPALITIES:
        return province, province
    city = _CITY.match(match["rest"])
    # NUL …: no place name (kept, PostgreSQL would refuse it)
    return province, city[0] if city and city[0].isprintable() else None


def _rows_of(path: Path) -> Iterator[tuple[int, Sequence[object]]]:
    """The numbered rows of a CSV or XLSX export, read as they are needed."""
    try:
        with path.open("rb") as file:
            start = file.read(len(_ZIP_START))
    except OSError as error:
        raise UnreadableFile(f"cannot be opened: {error.strerror or error}") from None
    if start.startswith(_ZIP_START):
        return enumerate(_xlsx_rows(path), start=1)
    if start.startswith(_OLD_EXCEL_START):
        raise UnreadableFile("an old .xls workbook; export CSV again or save it as .xlsx")
    return numbered_rows(path, csv_encoding(path))


def _xlsx_rows(path: Path) -> Iterator[Sequence[object]]:
    """The first sheet's rows, as values."""
    return first_sheet_rows(path)

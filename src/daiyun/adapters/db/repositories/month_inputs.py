"""What a month's statement reads: a contract's stored order lines, refunds, SKU-less orders.

`stream_month_source` gives the month as MonthDrafting takes it (domain/settlement/
month_columns.py): the lines completed in the month and the lines its refunds name, each line
with its refunds on rows of their own, sorted by (order number, line number), in Arrow batches
of about _BATCH_BYTES of the database's text, so that no more of the month is ever held. On
PostgreSQL the server writes the rows as CSV (`COPY (SELECT …) TO STDOUT`) and Arrow parses
them; on SQLite they are fetched a batch at a time. `read_month_inputs` reads the whole month
into objects: what draft_statement takes, kept as the reference the stream is tested against.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pyarrow as pa
from psycopg import ClientCursor, pq
from psycopg import errors as psycopg_errors
from pyarrow import csv
from sqlalchemy import (
    Connection,
    Integer,
    Row,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.sql import Select

from daiyun.adapters.db.repositories.stored_rows import microseconds_of
from daiyun.adapters.db.tables import (
    contract,
    order_line,
    refund,
    sales_order,
    sku,
    statement,
    statement_recognition,
    store,
)
from daiyun.domain.calendar import Month
from daiyun.domain.contracts import Platform
from daiyun.domain.money import Money
from daiyun.domain.orders import OrderStatus
from daiyun.domain.pricing import PriceCheck
from daiyun.domain.settlement import LineKey, RefundRecord, SettlementLine, UnsettleableOrder
from daiyun.domain.settlement.drafting import NO_SKU_LINES
from daiyun.domain.settlement.month_columns import SOURCE_SCHEMA
from daiyun.domain.settlement.records import MonthInputs

__all__ = [
    "month_line_refunds",
    "orders_without_sku_lines",
    "read_month_inputs",
    "read_out_of_bounds_sales",
    "refunds_naming_no_line",
    "stream_month_source",
]

_IN_CHUNK = 900
_STREAM_ROWS = 20_000
# Enum members by stored text: a dict lookup per line instead of an Enum call per line.
_PLATFORMS = {member.value: member for member in Platform}
_STATUSES = {member.value: member for member in OrderStatus}
_PRICE_CHECKS = {member.value: member for member in PriceCheck}
_NO_SHIPPING = Money(0)
_first_line = order_line.alias()  # Core: the ORM's import costs 0.1 s of every command
_lower_line = order_line.alias()
# Rows of a month's source per batch: about this much CSV text on PostgreSQL (some 60,000
# lines), this many rows on SQLite.
_BATCH_BYTES = 8 << 20
_SQLITE_BATCH_ROWS = 50_000


def read_month_inputs(connection: Connection, contract_code: str, month: Month) -> MonthInputs:
    """R-S1: every line of the contract's stores completed in the month or refunded in it."""
    period = month.period()
    stores = select(store.c.id).join(contract, contract.c.id == store.c.contract_id)
    stores = stores.where(contract.c.code == contract_code)
    store_ids = [int(each) for each in connection.execute(stores).scalars()]
    refunds, refunded = _refunds(connection, store_ids, period.start, period.end)
    in_month = and_(
        order_line.c.completed_at >= period.start, order_line.c.completed_at < period.end
    )
    completed_in_month = select(order_line.c.order_id).where(in_month)
    query = _line_query(month, completed_in_month).where(in_month, _of_stores(store_ids))
    month_lines = _MonthLines()
    # Streamed (a server-side cursor on PostgreSQL): the driver never holds the whole month.
    streamed = query.execution_options(stream_results=True, yield_per=_STREAM_ROWS)
    for row in connection.execute(streamed):
        month_lines.take(row)
    by_order: dict[int, list[int]] = {}
    for order_id, line_no in refunded:
        by_order.setdefault(order_id, []).append(line_no)
    order_ids = list(by_order)
    for start in range(0, len(order_ids), _IN_CHUNK):
        chunk = order_ids[start : start + _IN_CHUNK]
        query = _line_query(month, chunk).where(order_line.c.order_id.in_(chunk))
        for row in connection.execute(query):
            if int(row.line_no) in by_order[int(row.order_id)] and not month_lines.holds(row):
                month_lines.take(row)
    return MonthInputs(
        lines=month_lines.lines,
        refunds=refunds,
        unsettleable=_orders_without_sku_lines(connection, store_ids, period.start, period.end),
        recognised_elsewhere=frozenset(month_lines.elsewhere),
        line_ids=month_lines.line_ids,
    )


class _MonthLines:
    """The month's lines as they are read: each row becomes its line at once, and is let go."""

    def __init__(self) -> None:
        self.lines: list[SettlementLine] = []
        self.line_ids: dict[LineKey, int] = {}
        self.elsewhere: list[LineKey] = []
        # One Money per amount and one text per SKU, category and store: they repeat across a
        # month's lines, and a million copies of each would double the month's memory.
        self._money: dict[int, Money] = {0: _NO_SHIPPING}
        self._texts: dict[str, str] = {}

    def holds(self, row: Row[Any]) -> bool:
        """Whether this stored line was taken already."""
        return self.line_ids.get((row.order_no, int(row.line_no))) == int(row.id)

    def take(self, row: Row[Any]) -> None:
        line = _settlement_line(row, self._money, self._texts)
        line_id, key = int(row[0]), (line.order_no, line.line_no)
        self.line_ids[key] = line_id
        if row[-1]:
            self.elsewhere.append(key)
        self.lines.append(line)


def read_out_of_bounds_sales(
    connection: Connection, store_ids: Sequence[int], month: Month
) -> list[SettlementLine]:
    """R-P5: lines paid in the month whose price broke the floor or the cap when imported."""
    period = month.period()
    paid_in_month = select(sales_order.c.id).where(
        _of_stores(store_ids),
        sales_order.c.paid_at >= period.start,
        sales_order.c.paid_at < period.end,
    )
    query = _line_query(month, paid_in_month).where(
        _of_stores(store_ids),
        sales_order.c.paid_at >= period.start,
        sales_order.c.paid_at < period.end,
        order_line.c.price_check.in_([PriceCheck.BELOW_GUIDE.value, PriceCheck.ABOVE_CAP.value]),
    )
    return [_settlement_line(row) for row in connection.execute(query)]


def _of_stores(store_ids: Sequence[int]) -> Any:
    return sales_order.c.store_id.in_(list(store_ids))


def _line_query(month: Month, order_ids: Any) -> Any:
    """The lines' columns; `order_ids` (a select or a list) holds at least the lines' orders."""
    # interfaces.md: the order's shipping is carried by its lowest line number, among all of
    # its lines: one grouped pass over the orders read, joined once (not a subquery per row).
    first_lines = (
        select(_first_line.c.order_id, func.min(_first_line.c.line_no).label("line_no"))
        .where(_first_line.c.order_id.in_(order_ids))
        .group_by(_first_line.c.order_id)
        .subquery()
    )
    # R-S1: recognised by an issued statement of another month of any of the contract's
    # months; this month's own earlier version does not count against its re-draft. The
    # recognition's primary key is the order line: the outer join adds no row.
    elsewhere = (
        select(statement_recognition.c.order_line_id)
        .join(statement, statement.c.id == statement_recognition.c.statement_id)
        .where(statement.c.month != str(month))
        .subquery()
    )
    return (
        select(
            order_line.c.id,
            order_line.c.order_id,
            sales_order.c.order_no,
            order_line.c.line_no,
            order_line.c.sku_code,
            sku.c.category,
            store.c.platform,
            order_line.c.units,
            order_line.c.line_amount_fen,
            order_line.c.guide_price_fen,
            order_line.c.status,
            order_line.c.completed_at,
            order_line.c.price_check,
            sales_order.c.shipping_fen,
            sales_order.c.paid_at,
            store.c.code.label("store_code"),
            (order_line.c.line_no == first_lines.c.line_no).label("carries_shipping"),
            elsewhere.c.order_line_id.is_not(None).label("elsewhere"),
        )
        .join(sales_order, sales_order.c.id == order_line.c.order_id)
        .join(store, store.c.id == sales_order.c.store_id)
        .join(first_lines, first_lines.c.order_id == order_line.c.order_id)
        .outerjoin(sku, sku.c.id == order_line.c.sku_id)
        .outerjoin(elsewhere, elsewhere.c.order_line_id == order_line.c.id)
    )


def _settlement_line(
    row: Sequence[Any], money: dict[int, Money] | None = None, texts: dict[str, str] | None = None
) -> SettlementLine:
    # Positional unpacking, in _line_query's column order: no lookup by name per value.
    (
        _, _, order_no, line_no, sku_code, category, platform, units, amount, guide_price,
        status, completed_at, price_check, shipping, paid_at, store_code, carries_shipping, _,
    ) = row  # fmt: skip
    known = {} if money is None else money
    if texts is not None:
        sku_code = sku_code and texts.setdefault(sku_code, sku_code)
        category = category and texts.setdefault(category, category)
        store_code = texts.setdefault(store_code, store_code)
    amount, shipping = int(amount), int(shipping) if carries_shipping else 0
    actual = known.get(amount) or known.setdefault(amount, Money(amount))
    shipped = known.get(shipping) or known.setdefault(shipping, Money(shipping))
    guide = None
    if guide_price is not None:
        guide_price = int(guide_price)
        guide = known.get(guide_price) or known.setdefault(guide_price, Money(guide_price))
    return SettlementLine(
        order_no,
        int(line_no),
        sku_code or None,
        category,
        _PLATFORMS[platform],
        int(units),
        actual,
        guide,  # R-P1: the guide price snapshot stored on the line when it was paid.
        _STATUSES[status],
        completed_at,
        _PRICE_CHECKS[price_check],
        None,  # promotion_price: set by apply_promotions (R-S2)
        shipped,  # interfaces.md: the order's shipping is carried by its first line only.
        store_code,
        paid_at,
    )


def _refunds(
    connection: Connection, store_ids: Sequence[int], start: Any, end: Any
) -> tuple[list[RefundRecord], set[tuple[int, int]]]:
    """R-S9: line refunds completed in the month, and the (order id, line no) they name."""
    query = (
        select(
            refund.c.order_id,
            sales_order.c.order_no,
            refund.c.refund_key,
            refund.c.units,
            refund.c.amount_fen,
            refund.c.reason,
            refund.c.completed_at,
        )
        .join(sales_order, sales_order.c.id == refund.c.order_id)
        .where(
            _of_stores(store_ids),
            refund.c.status == "completed",
            refund.c.completed_at >= start,
            refund.c.completed_at < end,
        )
    )
    records: list[RefundRecord] = []
    named: set[tuple[int, int]] = set()
    for row in connection.execute(query):
        line_no = _refunded_line_no(row.refund_key)
        if line_no is None:
            continue  # an order-level refund of a report without lines: never recognised
        named.add((int(row.order_id), line_no))
        records.append(
            RefundRecord(
                row.order_no,
                line_no,
                int(row.units),
                Money(int(row.amount_fen)),
                row.reason,
                row.completed_at,
            )
        )
    return records, named


def _refunded_line_no(refund_key: str) -> int | None:
    """The line a refund names: the order repository keys line refunds "line N:TOTAL"."""
    where, _, _ = refund_key.partition(":")
    kind, _, number = where.partition(" ")
    return int(number) if kind == "line" and number.isdigit() else None


def _orders_without_sku_lines(
    connection: Connection, store_ids: Sequence[int], start: Any, end: Any
) -> list[UnsettleableOrder]:
    """R-S1: orders completed in the month that have no SKU lines: listed, never guessed."""
    query = select(sales_order.c.order_no, sales_order.c.completed_at).where(
        _of_stores(store_ids),
        sales_order.c.has_sku_lines.is_(False),
        sales_order.c.status == OrderStatus.COMPLETED.value,
        sales_order.c.completed_at >= start,
        sales_order.c.completed_at < end,
    )
    return [
        UnsettleableOrder(row.order_no, NO_SKU_LINES, row.completed_at)
        for row in connection.execute(query)
    ]


# --- the month as a stream of column batches (issue 22) ------------------------------------------


def stream_month_source(
    connection: Connection,
    contract_code: str,
    month: Month,
    *,
    shipping: bool,
    promotions: bool,
) -> Iterator[pa.RecordBatch]:
    """R-S1: the contract's lines completed in the month or named by its refunds, with those
    refunds, as batches of SOURCE_SCHEMA sorted by (order number, line number). `shipping`:
    whether the order's shipping is wanted on the line that carries it (R-S6: only when the
    brand has the shipping income), else 0 everywhere; `promotions`: whether the store and the
    payment time are wanted (R-P4: only approved promotions look at them), else NULL."""
    store_ids = _store_ids(connection, contract_code)
    query = _source_query(connection, store_ids, month, shipping, promotions)
    if connection.dialect.name == "postgresql":
        return _copied_batches(connection, query)
    return _fetched_batches(connection, query)


def month_line_refunds(connection: Connection, contract_code: str, month: Month) -> int:
    """How many refunds of the month name a line (each is on one row of the month's source
    when its line is stored: a difference is a refund naming no stored line)."""
    month_refunds = _month_refunds(connection, _store_ids(connection, contract_code), month)
    query = select(func.count()).where(month_refunds.c.line_no.is_not(None))
    return int(connection.execute(query).scalar_one())


def refunds_naming_no_line(
    connection: Connection, contract_code: str, month: Month, most: int = 5
) -> list[LineKey]:
    """The first (order number, line number) pairs, in that order, that refunds of the month
    name while no such line is stored (draft_statement refuses to draft them)."""
    month_refunds = _month_refunds(connection, _store_ids(connection, contract_code), month)
    query = (
        select(sales_order.c.order_no, month_refunds.c.line_no)
        .join(sales_order, sales_order.c.id == month_refunds.c.order_id)
        .outerjoin(
            order_line,
            and_(
                order_line.c.order_id == month_refunds.c.order_id,
                order_line.c.line_no == month_refunds.c.line_no,
            ),
        )
        .where(month_refunds.c.line_no.is_not(None), order_line.c.id.is_(None))
        .group_by(sales_order.c.order_no, month_refunds.c.line_no)
        .order_by(_sorted(connection, sales_order.c.order_no), month_refunds.c.line_no)
        .limit(most)
    )
    return [(str(order_no), int(line_no)) for order_no, line_no in connection.execute(query)]


def orders_without_sku_lines(
    connection: Connection, contract_code: str, month: Month
) -> list[UnsettleableOrder]:
    """R-S1: the contract's orders completed in the month that have no SKU lines."""
    period = month.period()
    store_ids = _store_ids(connection, contract_code)
    return _orders_without_sku_lines(connection, store_ids, period.start, period.end)


def _store_ids(connection: Connection, contract_code: str) -> list[int]:
    stores = select(store.c.id).join(contract, contract.c.id == store.c.contract_id)
    stores = stores.where(contract.c.code == contract_code)
    return [int(each) for each in connection.execute(stores).scalars()]


def _month_refunds(connection: Connection, store_ids: Sequence[int], month: Month) -> Any:
    """R-S9: the stores' refunds completed in the month, with the line number each names
    (NULL for an order-level refund: never recognised), as a common table expression."""
    period = month.period()
    return (
        select(
            refund.c.order_id,
            _refunded_line_number(connection).label("line_no"),
            refund.c.units,
            refund.c.amount_fen,
            refund.c.reason,
            refund.c.completed_at,
        )
        .join(sales_order, sales_order.c.id == refund.c.order_id)
        .where(
            _of_stores(store_ids),
            refund.c.status == "completed",
            refund.c.completed_at >= period.start,
            refund.c.completed_at < period.end,
        )
        .cte("month_refund")
    )


def _refunded_line_number(connection: Connection) -> Any:
    """_refunded_line_no in SQL: N of a refund key "line N:TOTAL" (or "line N"), else NULL."""
    key = refund.c.refund_key
    if connection.dialect.name == "postgresql":
        return cast(func.substring(key, r"^line ([0-9]+)(?::|$)"), Integer)
    # SQLite has no regular expressions: the text between "line " and the first ":" (or the
    # end), taken only when it is all digits.
    colon = func.instr(key, ":")
    end = case((colon > 0, colon), else_=func.length(key) + 1)
    number = func.substr(key, 6, end - 6)
    digits = and_(key.like("line %"), number != "", ~number.op("GLOB")("*[^0-9]*"))
    return case((digits, cast(number, Integer)), else_=null())


def _source_query(
    connection: Connection,
    store_ids: Sequence[int],
    month: Month,
    shipping: bool,
    promotions: bool,
) -> Select[Any]:
    period = month.period()
    month_refunds = _month_refunds(connection, store_ids, month)
    in_month = and_(
        order_line.c.completed_at >= period.start, order_line.c.completed_at < period.end
    )
    completed = _source_lines(connection, month, (shipping, promotions), month_refunds).where(
        in_month, _of_stores(store_ids)
    )
    named = (
        select(month_refunds.c.order_id, month_refunds.c.line_no)
        .where(month_refunds.c.line_no.is_not(None))
        .distinct()
        .subquery("named")
    )
    # R-S9: the lines the month's refunds name, completed in another month or not at all.
    refunded = (
        _source_lines(connection, month, (shipping, promotions), month_refunds)
        .join(
            named,
            and_(
                named.c.order_id == order_line.c.order_id,
                named.c.line_no == order_line.c.line_no,
            ),
        )
        .where(or_(order_line.c.completed_at.is_(None), ~in_month))
    )
    lines = union_all(completed, refunded).subquery("source")
    return select(*(lines.c[name] for name in SOURCE_SCHEMA.names)).order_by(
        _sorted(connection, lines.c.order_no), lines.c.line_no
    )


def _sorted(connection: Connection, order_no: Any) -> Any:
    """Order numbers sorted by their characters' code points, as Python sorts them (binary
    UTF-8 on both databases, whatever collation the server would otherwise use)."""
    return order_no.collate("C") if connection.dialect.name == "postgresql" else order_no


def _source_lines(
    connection: Connection, month: Month, wanted: tuple[bool, bool], month_refunds: Any
) -> Select[Any]:
    """Source rows (SOURCE_SCHEMA): a line's columns, on one row per refund of the month;
    `wanted`: whether the shipping, and the store and payment time, are (see
    stream_month_source)."""
    shipping, promotions = wanted
    moment = _moment_column(connection)
    # R-S1: recognised by an issued statement of another month (see _line_query).
    elsewhere = (
        select(statement_recognition.c.order_line_id)
        .join(statement, statement.c.id == statement_recognition.c.statement_id)
        .where(statement.c.month != str(month))
        .subquery()
    )
    carried: Any = literal(0)
    if shipping:
        # interfaces.md: the order's shipping is carried by its lowest line number among all of
        # its lines; looked for only where the order has shipping to carry.
        lower = exists().where(
            _lower_line.c.order_id == order_line.c.order_id,
            _lower_line.c.line_no < order_line.c.line_no,
        )
        carried = case(
            (sales_order.c.shipping_fen == 0, 0), (lower, 0), else_=sales_order.c.shipping_fen
        )
    return (
        select(
            order_line.c.id.label("line_id"),
            sales_order.c.order_no,
            order_line.c.line_no,
            func.nullif(order_line.c.sku_code, cast(literal(""), String)).label("sku"),
            sku.c.category,
            store.c.platform,
            order_line.c.units,
            order_line.c.line_amount_fen.label("actual_fen"),
            order_line.c.guide_price_fen.label("guide_fen"),
            order_line.c.status,
            moment(order_line.c.completed_at).label("completed_at"),
            order_line.c.price_check,
            carried.label("shipping_fen"),
            (store.c.code if promotions else null()).label("store"),
            (moment(sales_order.c.paid_at) if promotions else null()).label("paid_at"),
            case((elsewhere.c.order_line_id.is_(None), 0), else_=1).label("elsewhere"),
            month_refunds.c.units.label("refund_units"),
            month_refunds.c.amount_fen.label("refund_fen"),
            month_refunds.c.reason.label("refund_reason"),
            moment(month_refunds.c.completed_at).label("refund_at"),
        )
        .join(sales_order, sales_order.c.id == order_line.c.order_id)
        .join(store, store.c.id == sales_order.c.store_id)
        .outerjoin(sku, sku.c.id == order_line.c.sku_id)
        .outerjoin(elsewhere, elsewhere.c.order_line_id == order_line.c.id)
        .outerjoin(
            month_refunds,
            and_(
                month_refunds.c.order_id == order_line.c.order_id,
                month_refunds.c.line_no == order_line.c.line_no,
            ),
        )
    )


def _moment_column(connection: Connection) -> Callable[[Any], Any]:
    """A moment column as the stream carries it: on PostgreSQL the moment in UTC without a
    zone, written as text and parsed by Arrow (cheaper for the server than working out
    microseconds in numeric); on SQLite microseconds since 1970 (stored_rows.microseconds_of)."""
    if connection.dialect.name == "postgresql":
        return lambda column: func.timezone("UTC", column)
    return lambda column: microseconds_of(column, False)


def _copied_batches(connection: Connection, query: Select[Any]) -> Iterator[pa.RecordBatch]:
    """PostgreSQL: the rows as CSV from `COPY (query) TO STDOUT`, parsed by Arrow about
    _BATCH_BYTES at a time. Each message of a COPY is one whole row, so the text gathered up to
    a message's end is whole rows. CSV tells NULL (an empty field) from an empty text (`""`)."""
    compiled = query.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    driver: Any = connection.connection.driver_connection
    text = ClientCursor(driver).mogrify(compiled.string, compiled.params)
    # For this statement only: moments written as ISO text Arrow reads; no JIT compiling (its
    # fraction of a second is not won back on a scan that a sort and the transfer dominate).
    settings = ("DateStyle", "jit")
    before = [connection.exec_driver_sql(f"SHOW {name}").scalar() for name in settings]
    connection.exec_driver_sql("SET LOCAL DateStyle = 'ISO, YMD'")
    connection.exec_driver_sql("SET LOCAL jit = off")
    rows = bytearray()
    for message in _copy_out(driver.pgconn, f"COPY ({text}) TO STDOUT (FORMAT csv)"):
        rows += message
        if len(rows) >= _BATCH_BYTES:
            yield _parsed(rows)
            rows = bytearray()
    if rows:
        yield _parsed(rows)
    # Back as they were for the rest of the unit of work (a failure rolls them back with it).
    for name, value in zip(settings, before, strict=True):
        connection.exec_driver_sql(
            "SELECT set_config(%(name)s, %(value)s, true)", {"name": name, "value": value}
        )


def _copy_out(pgconn: Any, statement_text: str) -> Iterator[memoryview]:
    """The messages of a `COPY … TO STDOUT`, read straight from libpq: psycopg's own COPY
    object costs twice the processor time per row, and a month has millions of rows. Run on the
    unit of work's connection, inside its transaction; when the reader stops early, the rest
    is read and dropped so that the connection is left ready for the rollback."""
    pgconn.send_query(statement_text.encode())
    started = pgconn.get_result()
    if started is None or started.status != pq.ExecStatus.COPY_OUT:
        _finish(pgconn, started)
        raise RuntimeError("COPY … TO STDOUT did not start")
    done = False
    try:
        while True:
            size, message = pgconn.get_copy_data(0)  # blocks until a row (or the end) comes
            if size < 0:
                done = True
                break
            yield message
    finally:
        while not done:
            size, _ = pgconn.get_copy_data(0)
            done = size < 0
        _finish(pgconn, pgconn.get_result())


def _finish(pgconn: Any, result: Any) -> None:
    """Read the statement's results to the end; raise the first error among them."""
    failed = None
    while result is not None:
        if failed is None and result.status not in (
            pq.ExecStatus.COMMAND_OK, pq.ExecStatus.COPY_OUT, pq.ExecStatus.TUPLES_OK
        ):  # fmt: skip
            failed = psycopg_errors.error_from_result(result, encoding="utf-8")
        result = pgconn.get_result()
    if failed is not None:
        raise failed


def _parsed(rows: bytearray) -> pa.RecordBatch:
    table = csv.read_csv(
        io.BytesIO(rows),
        read_options=csv.ReadOptions(column_names=SOURCE_SCHEMA.names, use_threads=False),
        # Only a quoted field can hold a line break; rows without quotes parse faster.
        parse_options=csv.ParseOptions(newlines_in_values=b'"' in rows),
        convert_options=_CSV_TYPES,
    ).combine_chunks()
    columns = [
        table.column(name).chunk(0).cast(pa.int64())
        if name in _MOMENTS
        else table.column(name).chunk(0)
        for name in SOURCE_SCHEMA.names
    ]
    return pa.RecordBatch.from_arrays(columns, schema=SOURCE_SCHEMA)


# Moments arrive as UTC text "2026-10-15 12:34:56.123456" (see _moment_column).
_MOMENTS = frozenset({"completed_at", "paid_at", "refund_at"})
_CSV_TYPES = csv.ConvertOptions(
    column_types={
        field.name: pa.timestamp("us") if field.name in _MOMENTS else field.type
        for field in SOURCE_SCHEMA
    },
    null_values=[""],
    strings_can_be_null=True,  # an empty field is NULL …
    quoted_strings_can_be_null=False,  # … and "" an empty text
)


def _fetched_batches(connection: Connection, query: Select[Any]) -> Iterator[pa.RecordBatch]:
    """SQLite: the rows fetched a batch at a time, made columns."""
    streamed = query.execution_options(stream_results=True, yield_per=_SQLITE_BATCH_ROWS)
    result = connection.execute(streamed)
    while rows := result.fetchmany(_SQLITE_BATCH_ROWS):
        columns = list(zip(*rows, strict=True))
        yield pa.RecordBatch.from_arrays(
            [
                pa.array(values, field.type)
                for values, field in zip(columns, SOURCE_SCHEMA, strict=True)
            ],
            schema=SOURCE_SCHEMA,
        )

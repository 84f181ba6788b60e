"""A month's statement inputs as a stream of Arrow batches, in bounded memory (issue 22).

`StreamedMonth` gives the month as MonthDrafting takes it (domain/settlement/month_columns.py):
the contract's lines completed in the month and the lines its refunds name, sorted by (order
number, line number), each line with the month's refunds of it on rows of their own, in
batches of about _BATCH_BYTES of the database's text, so that no more of the month is held.

- The refunds of the month (a few in a hundred lines, a few dozen bytes each as Arrow columns)
  are read first, sorted the same way, each with the line it names looked up by the
  (order, line number) key; the few lines they name that completed in another month (or not
  at all) are read by id. Both are joined to the lines by Arrow, batch by batch.
- The lines completed in the month are one sorted SELECT. On PostgreSQL the server writes it
  as CSV (`COPY (SELECT …) TO STDOUT`), read straight from libpq and parsed by Arrow; on SQLite
  it is fetched a batch at a time. They are summed as the batches pass, as the inputs'
  fingerprint sums them (month_fingerprint.line_values): the fingerprint of exactly what was
  read, its other parts read before the lines (a change in between makes the issue refuse,
  never pass).
"""

from __future__ import annotations

import io
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from psycopg import ClientCursor, pq
from psycopg import errors as psycopg_errors
from pyarrow import csv
from sqlalchemy import (
    Connection,
    Integer,
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
)
from sqlalchemy.sql import Select

from daiyun.adapters.db.repositories.month_fingerprint import (
    fingerprint_of,
    ints_of,
    line_values,
    read_fingerprint_parts,
)
from daiyun.adapters.db.repositories.month_inputs import store_ids_of
from daiyun.adapters.db.repositories.stored_rows import microseconds_of
from daiyun.adapters.db.tables import (
    order_line,
    refund,
    sales_order,
    sku,
    statement,
    statement_recognition,
    store,
)
from daiyun.domain.calendar import Month
from daiyun.domain.settlement import LineKey
from daiyun.domain.settlement.month_columns import SOURCE_SCHEMA

__all__ = ["StreamedMonth"]

# Rows per batch: about this much CSV text on PostgreSQL (some 60,000 lines), this many rows
# on SQLite.
_BATCH_BYTES = 8 << 20
_SQLITE_BATCH_ROWS = 50_000
_lower_line = order_line.alias()
_named_line = order_line.alias()

_REFUND_FIELDS = ("refund_units", "refund_fen", "refund_reason", "refund_at")
_LINE_FIELDS = tuple(name for name in SOURCE_SCHEMA.names if name not in _REFUND_FIELDS)
# The lines as read: their fields, and what else the fingerprint's line_values reads.
_LINES_SCHEMA = pa.schema(
    [SOURCE_SCHEMA.field(name) for name in _LINE_FIELDS]
    + [(name, pa.int64()) for name in ("order_id", "store_id", "sku_id", "order_shipping")]
)
_REFUNDS_SCHEMA = pa.schema(
    [SOURCE_SCHEMA.field("order_no"), SOURCE_SCHEMA.field("line_no")]
    + [SOURCE_SCHEMA.field(name) for name in _REFUND_FIELDS]
    # The line it names is stored; its id when it did not complete in the month.
    + [("line_found", pa.int64()), ("other_month_line", pa.int64())]
)
_KEYS = ["order_no", "line_no"]
_SORTED = [("order_no", "ascending"), ("line_no", "ascending")]
_IN_CHUNK = 900  # ids per statement (SQLite's limit on parameters)
_MOST_NAMED = 5  # refunds naming no stored line, named in the refusal


class StreamedMonth:
    """The month's source (SOURCE_SCHEMA batches), and what reading it found out."""

    def __init__(
        self,
        connection: Connection,
        contract_code: str,
        month: Month,
        *,
        shipping: bool,
        promotions: bool,
    ) -> None:
        """Reads the fingerprint's other parts and the month's refunds now; the lines when
        iterated. `shipping`: whether the order's shipping is wanted on the line that carries
        it (R-S6: only when the brand has the shipping income), else 0 everywhere;
        `promotions`: whether the store and the payment time are (R-P4: only approved
        promotions look at them), else NULL."""
        self._connection = connection
        store_ids = store_ids_of(connection, contract_code)
        self._parts = read_fingerprint_parts(connection, contract_code, month)
        refunds = _read(connection, _refunds_query(connection, store_ids, month), _REFUNDS_SCHEMA)
        found = pc.equal(refunds.column("line_found"), 1)
        # R-S9: refunds naming no stored line (draft_statement refuses them), the first few.
        missing = refunds.filter(pc.invert(found)).slice(0, _MOST_NAMED)
        self.lines_not_found: list[LineKey] = list(
            zip(
                missing.column("order_no").to_pylist(),
                missing.column("line_no").to_pylist(),
                strict=True,
            )
        )
        self._refunds = refunds.filter(found).select(
            [
                name
                for name in _REFUNDS_SCHEMA.names
                if name not in ("line_found", "other_month_line")
            ]
        )
        # The month's refunds that name a stored line: each comes on a row with its line.
        self.line_refunds = len(self._refunds)
        other_month = pc.unique(pc.drop_null(refunds.column("other_month_line"))).to_pylist()
        self._others = _other_month_lines(connection, month, shipping, promotions, other_month)
        self._lines = _lines_query(connection, store_ids, month, shipping, promotions)
        self._sums: list[int] | None = None

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        sums = [0, 0, 0, 0]  # lines completed in the month: count, ids, values, weighted
        refunds, others = _ByKey(self._refunds), _ByKey(self._others)
        for lines in _batches(self._connection, self._lines, _LINES_SCHEMA):
            # R-S8: the fingerprint sums the lines completed in the month.
            elsewhere = ints_of(lines.column("elsewhere")) != 0
            for index, total in enumerate(line_values(lines, elsewhere)):
                sums[index] += total
            lines = _merged(lines.select(_LINE_FIELDS), others.up_to(lines))
            yield _with_refunds(lines, refunds.up_to(lines))
        rest = others.rest().select(_LINE_FIELDS)
        if len(rest):
            yield _with_refunds(_batch(rest), refunds.rest())
        self._sums = sums

    def inputs_fingerprint(self) -> str:
        """month_fingerprint.read_inputs_fingerprint of what was read (once read whole)."""
        if self._sums is None:
            raise ValueError("the month's lines were not all read")
        return fingerprint_of(self._parts, tuple(self._sums))


# --- joining the refunds to the lines -------------------------------------------------------------


class _ByKey:
    """Rows sorted by (order number, line number), handed out batch by batch: those up to each
    batch's last line, then the rest."""

    def __init__(self, rows: pa.Table) -> None:
        self._rows = rows
        self._order_no = rows.column("order_no")
        self._line_no = rows.column("line_no")
        self._next = 0

    def up_to(self, lines: pa.RecordBatch) -> pa.Table:
        if len(lines) == 0 or self._next == len(self._rows):
            return self._rows.slice(self._next, 0)
        last = (lines.column("order_no")[-1].as_py(), lines.column("line_no")[-1].as_py())
        end = bisect_right(
            range(len(self._rows)),
            last,
            lo=self._next,
            key=lambda at: (self._order_no[at].as_py(), self._line_no[at].as_py()),
        )
        taken, self._next = self._rows.slice(self._next, end - self._next), end
        return taken

    def rest(self) -> pa.Table:
        taken, self._next = self._rows.slice(self._next), len(self._rows)
        return taken


def _merged(lines: pa.RecordBatch, others: pa.Table) -> pa.RecordBatch:
    """The batch's lines and the other months' lines among them, in (order, line) order."""
    if len(others) == 0:
        return lines
    both = pa.concat_tables([pa.Table.from_batches([lines]), others.select(_LINE_FIELDS)])
    return _batch(both.take(pc.sort_indices(both, sort_keys=_SORTED)))


def _batch(table: pa.Table) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays(
        [table.column(name).combine_chunks() for name in table.column_names],
        names=table.column_names,
    )


def _with_refunds(lines: pa.RecordBatch, refunds: pa.Table) -> pa.RecordBatch:
    """The lines with their refunds (SOURCE_SCHEMA): a line's row once per refund, in order."""
    count = len(lines)
    if len(refunds) == 0:
        none = [pa.nulls(count, SOURCE_SCHEMA.field(name).type) for name in _REFUND_FIELDS]
        return pa.RecordBatch.from_arrays([*lines.columns, *none], schema=SOURCE_SCHEMA)
    numbered = pa.Table.from_batches([lines]).append_column(
        "row", pa.array(np.arange(count, dtype=np.int64))
    )
    joined = numbered.join(refunds, keys=_KEYS, join_type="left outer", use_threads=False).sort_by(
        "row"
    )
    return pa.RecordBatch.from_arrays(
        [joined.column(name).combine_chunks() for name in SOURCE_SCHEMA.names],
        schema=SOURCE_SCHEMA,
    )


# --- the queries ---------------------------------------------------------------------------------


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
            sales_order.c.store_id.in_(list(store_ids)),
            refund.c.status == "completed",
            refund.c.completed_at >= period.start,
            refund.c.completed_at < period.end,
        )
        .cte("month_refund")
    )


def _refunds_query(connection: Connection, store_ids: Sequence[int], month: Month) -> Select[Any]:
    """The month's refunds that name a line, with its order number, in (order number, line
    number) order (_REFUNDS_SCHEMA); the line each names looked up by the (order, line number)
    key, one index probe per refund (a join would have the planner scan every line)."""
    period = month.period()
    month_refunds = _month_refunds(connection, store_ids, month)
    moment = _moment_column(connection)
    named = and_(
        _named_line.c.order_id == month_refunds.c.order_id,
        _named_line.c.line_no == month_refunds.c.line_no,
    )
    found = case((exists().where(named), 1), else_=0)
    other_month = (
        select(_named_line.c.id)
        .where(
            named,
            or_(
                _named_line.c.completed_at.is_(None),
                _named_line.c.completed_at < period.start,
                _named_line.c.completed_at >= period.end,
            ),
        )
        .scalar_subquery()
    )
    return (
        select(
            sales_order.c.order_no,
            month_refunds.c.line_no,
            month_refunds.c.units.label("refund_units"),
            month_refunds.c.amount_fen.label("refund_fen"),
            month_refunds.c.reason.label("refund_reason"),
            moment(month_refunds.c.completed_at).label("refund_at"),
            found.label("line_found"),
            other_month.label("other_month_line"),
        )
        .join(sales_order, sales_order.c.id == month_refunds.c.order_id)
        .where(month_refunds.c.line_no.is_not(None))
        .order_by(_sorted(connection, sales_order.c.order_no), month_refunds.c.line_no)
    )


def _other_month_lines(
    connection: Connection, month: Month, shipping: bool, promotions: bool, ids: list[int]
) -> pa.Table:
    """R-S9: the lines the month's refunds name that completed in another month (or not at
    all), by id, sorted by (order number, line number) (_LINES_SCHEMA)."""
    batches: list[pa.RecordBatch] = []
    for start in range(0, len(ids), _IN_CHUNK):
        query = _line_columns(connection, month, shipping, promotions).where(
            order_line.c.id.in_(ids[start : start + _IN_CHUNK])
        )
        batches += _batches(connection, query, _LINES_SCHEMA)
    table = pa.Table.from_batches(batches, schema=_LINES_SCHEMA)
    return table.take(pc.sort_indices(table, sort_keys=_SORTED))


def _refunded_line_number(connection: Connection) -> Any:
    """month_inputs._refunded_line_no in SQL: N of a refund key "line N:TOTAL", else NULL."""
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


def _lines_query(
    connection: Connection,
    store_ids: Sequence[int],
    month: Month,
    shipping: bool,
    promotions: bool,
) -> Select[Any]:
    """R-S1: the stores' lines completed in the month, in (order number, line number) order."""
    period = month.period()
    return (
        _line_columns(connection, month, shipping, promotions)
        .where(
            order_line.c.completed_at >= period.start,
            order_line.c.completed_at < period.end,
            sales_order.c.store_id.in_(list(store_ids)),
        )
        .order_by(_sorted(connection, sales_order.c.order_no), order_line.c.line_no)
    )


def _sorted(connection: Connection, order_no: Any) -> Any:
    """Order numbers sorted by their characters' code points, as Python sorts them (binary
    UTF-8 on both databases, whatever collation the server would otherwise use)."""
    return order_no.collate("C") if connection.dialect.name == "postgresql" else order_no


def _line_columns(
    connection: Connection, month: Month, shipping: bool, promotions: bool
) -> Select[Any]:
    """_LINES_SCHEMA's columns of order_line rows."""
    moment = _moment_column(connection)
    # R-S1: recognised by an issued statement of another month (this month's own does not count).
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
            moment(sales_order.c.paid_at).label("paid_at"),
            case((elsewhere.c.order_line_id.is_(None), 0), else_=1).label("elsewhere"),
            order_line.c.order_id,
            sales_order.c.store_id,
            order_line.c.sku_id,
            sales_order.c.shipping_fen.label("order_shipping"),
        )
        .join(sales_order, sales_order.c.id == order_line.c.order_id)
        .join(store, store.c.id == sales_order.c.store_id)
        .outerjoin(sku, sku.c.id == order_line.c.sku_id)
        .outerjoin(elsewhere, elsewhere.c.order_line_id == order_line.c.id)
    )


def _moment_column(connection: Connection) -> Callable[[Any], Any]:
    """A moment column as the stream carries it: on PostgreSQL the moment in UTC without a
    zone, written as text and parsed by Arrow (cheaper for the server than working out
    microseconds in numeric); on SQLite microseconds since 1970 (stored_rows.microseconds_of)."""
    if connection.dialect.name == "postgresql":
        return lambda column: func.timezone("UTC", column)
    return lambda column: microseconds_of(column, False)


# --- reading -------------------------------------------------------------------------------------


def _read(connection: Connection, query: Select[Any], schema: pa.Schema) -> pa.Table:
    """A small query's rows whole, as an Arrow table."""
    return pa.Table.from_batches(list(_batches(connection, query, schema)), schema=schema)


def _batches(
    connection: Connection, query: Select[Any], schema: pa.Schema
) -> Iterator[pa.RecordBatch]:
    if connection.dialect.name == "postgresql":
        return _copied_batches(connection, query, schema)
    return _fetched_batches(connection, query, schema)


def _copied_batches(
    connection: Connection, query: Select[Any], schema: pa.Schema
) -> Iterator[pa.RecordBatch]:
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
    options = _csv_options(schema)
    rows = bytearray()
    for message in _copy_out(driver.pgconn, f"COPY ({text}) TO STDOUT (FORMAT csv)"):
        rows += message
        if len(rows) >= _BATCH_BYTES:
            yield _parsed(rows, schema, options)
            rows = bytearray()
    if rows:
        yield _parsed(rows, schema, options)
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


# Moments arrive as UTC text "2026-10-15 12:34:56.123456" (see _moment_column).
_MOMENTS = frozenset({"completed_at", "paid_at", "refund_at"})


def _csv_options(schema: pa.Schema) -> csv.ConvertOptions:
    return csv.ConvertOptions(
        column_types={
            field.name: pa.timestamp("us") if field.name in _MOMENTS else field.type
            for field in schema
        },
        null_values=[""],
        strings_can_be_null=True,  # an empty field is NULL …
        quoted_strings_can_be_null=False,  # … and "" an empty text
    )


def _parsed(rows: bytearray, schema: pa.Schema, options: csv.ConvertOptions) -> pa.RecordBatch:
    table = csv.read_csv(
        io.BytesIO(rows),
        read_options=csv.ReadOptions(column_names=schema.names, use_threads=False),
        # Only a quoted field can hold a line break; rows without quotes parse faster.
        parse_options=csv.ParseOptions(newlines_in_values=b'"' in rows),
        convert_options=options,
    ).combine_chunks()
    columns = [
        table.column(name).chunk(0).cast(pa.int64())
        if name in _MOMENTS
        else table.column(name).chunk(0)
        for name in schema.names
    ]
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def _fetched_batches(
    connection: Connection, query: Select[Any], schema: pa.Schema
) -> Iterator[pa.RecordBatch]:
    """SQLite: the rows fetched a batch at a time, made columns."""
    streamed = query.execution_options(stream_results=True, yield_per=_SQLITE_BATCH_ROWS)
    result = connection.execute(streamed)
    while rows := result.fetchmany(_SQLITE_BATCH_ROWS):
        columns = list(zip(*rows, strict=True))
        yield pa.RecordBatch.from_arrays(
            [pa.array(values, field.type) for values, field in zip(columns, schema, strict=True)],
            schema=schema,
        )

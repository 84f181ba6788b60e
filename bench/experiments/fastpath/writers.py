"""Stage 3: writing the transformed frames into daiyun's real tables (indexes, FKs), with ids."""
from __future__ import annotations
import io, time
import polars as pl
import pyarrow as pa

ORDER_COLS = ["id", "store_id", "platform", "order_no", "status", "as_of", "created_at", "paid_at",
              "shipped_at", "completed_at", "closed_at", "total_fen", "paid_fen", "shipping_fen",
              "refund_fen", "has_sku_lines", "buyer_key", "province", "city", "source_file", "source_row"]
LINE_COLS = ["id", "order_id", "line_no", "sku_id", "sku_code", "title", "units", "unit_price_fen",
             "line_amount_fen", "guide_price_fen", "price_check", "status", "completed_at",
             "refund_units", "refund_fen", "refund_reason", "refunded_at", "source_file", "source_row"]
REFUND_COLS = ["id", "order_id", "order_line_id", "refund_key", "units", "amount_fen", "reason",
               "status", "completed_at"]
INT4 = {"line_no", "units", "refund_units", "source_row"}
TIMES = {"as_of", "created_at", "paid_at", "shipped_at", "completed_at", "closed_at", "refunded_at"}


def with_ids(res, store_id, order_base, line_base, refund_base):
    """Frames in column order with ids: orders base+o, lines/refunds base+position."""
    o = res.orders.with_columns(id=pl.col("o").cast(pl.Int64) + order_base, store_id=pl.lit(store_id, pl.Int64))
    first_o = int(res.orders["o"][0]) if res.orders.height else 0
    l = res.lines.with_columns(id=pl.int_range(pl.len(), dtype=pl.Int64) + line_base,
                               order_id=pl.col("o").cast(pl.Int64) + order_base)
    r = res.refunds.with_columns(id=pl.int_range(pl.len(), dtype=pl.Int64) + refund_base,
                                 order_id=pl.col("o").cast(pl.Int64) + order_base)
    def shape(df, cols):
        return df.select([pl.col(c).cast(pl.Int32) if c in INT4 else pl.col(c) for c in cols])
    return shape(o, ORDER_COLS), shape(l, LINE_COLS), shape(r, REFUND_COLS)


# --- PostgreSQL ------------------------------------------------------------------------------
def pg_reserve_ids(conn, table, n):
    """The reference's way: n nextval()s (ids need not be contiguous under concurrency)."""
    rows = conn.execute(f"SELECT nextval('{table}_id_seq') FROM generate_series(1, {n})").fetchall()
    return [r[0] for r in rows]


def pg_reserve_block(conn, table, n):
    """One round trip: lock the sequence row by setval under an advisory lock; contiguous ids."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (table,))
    first = conn.execute(f"SELECT nextval('{table}_id_seq')").fetchone()[0]
    conn.execute(f"SELECT setval('{table}_id_seq', %s)", (first + n - 1,))
    return first


_PG_TYPES = {}


def _pg_types(conn, table, cols):
    key = (table, tuple(cols))
    if key not in _PG_TYPES:
        found = dict(conn.execute(
            "select column_name, case when data_type like 'character%%' then 'text' "
            "when data_type='bigint' then 'int8' when data_type='integer' then 'int4' "
            "when data_type='boolean' then 'bool' when data_type like 'timestamp%%' then 'timestamptz' "
            "else data_type end from information_schema.columns where table_name=%s", (table,)).fetchall())
        _PG_TYPES[key] = [found[c] for c in cols]
    return _PG_TYPES[key]


def pg_copy_binary_rows(conn, table, df):
    types = _pg_types(conn, table, df.columns)  # not inside COPY: the connection is busy there
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(df.columns)}) FROM STDIN (FORMAT BINARY)") as cp:
        cp.set_types(types)
        for row in df.iter_rows():
            cp.write_row(row)


def pg_copy_csv_polars(conn, table, df):
    buf = io.BytesIO()
    df.write_csv(buf, include_header=False, datetime_format="%Y-%m-%d %H:%M:%S%.6f%z")
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(df.columns)}) FROM STDIN (FORMAT CSV)") as cp:
        cp.write(buf.getbuffer())


def pg_adbc_ingest(aconn, table, df):
    with aconn.cursor() as cur:
        cur.adbc_ingest(table, df.to_arrow(), mode="append")


# --- SQLite ------------------------------------------------------------------------------------
def sqlite_frame(df):
    """As daiyun stores on SQLite: naive UTC text with microseconds, booleans as 0/1."""
    return df.with_columns([pl.col(c).dt.strftime("%Y-%m-%d %H:%M:%S%.6f") for c in df.columns if c in TIMES] +
                           [pl.col(c).cast(pl.Int64) for c, t in df.schema.items() if t == pl.Boolean])


def sqlite_executemany(con, table, df):
    df = sqlite_frame(df)
    marks = ", ".join("?" for _ in df.columns)
    con.executemany(f"INSERT INTO {table} ({', '.join(df.columns)}) VALUES ({marks})", df.iter_rows())


def sqlite_adbc_ingest(aconn, table, df):
    with aconn.cursor() as cur:
        cur.adbc_ingest(table, sqlite_frame(df).to_arrow(), mode="append")

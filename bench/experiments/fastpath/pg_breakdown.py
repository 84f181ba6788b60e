"""Where PostgreSQL's time goes on daiyun's real tables: FK triggers, indexes, plain tables."""
import sys, time, gc
from pathlib import Path
import psycopg, polars as pl
import fastpath as fp, writers as w
folder = Path(sys.argv[1]); repeat = int(sys.argv[2])
ORDER = next(folder.glob("ExportOrderList*.csv")); ITEM = next(folder.glob("ExportOrderDetailList*.csv"))
cat, store_id, platform = fp.catalogue_from_sqlite("/tmp/fastpath/db/fresh_template.db", "benchbrand-tmall")
o, i = fp.read_export(ORDER, ITEM)
res = fp.transform(o, i, cat, secret=b"k", platform=platform, as_of=fp.as_of_of(ORDER), order_file=ORDER.name)
N = res.lines.height
conn = psycopg.connect("postgresql://postgres@127.0.0.1:5432/fastpath_scratch")
so, ol, rf = w.with_ids(res, store_id, 1, 1, 1)
def run(label, setup, tables=("sales_order", "order_line", "refund"), writer=w.pg_copy_csv_polars):
    times = []; parts = {}
    for _ in range(repeat):
        conn.execute("TRUNCATE refund, order_line, sales_order RESTART IDENTITY CASCADE"); conn.commit()
        for t in ("p_order", "p_line", "p_refund"): conn.execute(f"DROP TABLE IF EXISTS {t}")
        conn.commit(); gc.collect()
        t0 = time.perf_counter()
        setup()
        for name, df in zip(("sales_order", "order_line", "refund"), (so, ol, rf)):
            t = time.perf_counter()
            writer(conn, dict(zip(("sales_order", "order_line", "refund"), tables))[name], df)
            parts[name] = time.perf_counter() - t
        t = time.perf_counter(); conn.commit(); parts["commit"] = time.perf_counter() - t
        times.append(time.perf_counter() - t0)
    print(f"{label:60s} {min(times):6.3f} s {N/min(times):>10,.0f} lines/s  last: " + ", ".join(f"{k} {v:.3f}" for k, v in parts.items()), flush=True)
run("real schema (PK, unique keys, FKs), csv COPY", lambda: None)
run("real schema, binary COPY of python tuples", lambda: None, writer=w.pg_copy_binary_rows)
run("real schema, FK triggers off (session_replication_role)", lambda: conn.execute("SET LOCAL session_replication_role = replica"))
def plain():
    conn.execute("CREATE TABLE p_order (LIKE sales_order INCLUDING DEFAULTS)")
    conn.execute("CREATE TABLE p_line (LIKE order_line INCLUDING DEFAULTS)")
    conn.execute("CREATE TABLE p_refund (LIKE refund INCLUDING DEFAULTS)")
run("plain tables created in the same transaction (no index)", plain, ("p_order", "p_line", "p_refund"))
def plain_frozen():
    plain(); 
run("same, binary COPY python tuples", plain, ("p_order", "p_line", "p_refund"), writer=w.pg_copy_binary_rows)
conn.execute("TRUNCATE refund, order_line, sales_order RESTART IDENTITY CASCADE"); conn.commit()
for t in ("p_order", "p_line", "p_refund"): conn.execute(f"DROP TABLE IF EXISTS {t}")
conn.commit()

"""End to end, one process: hash the files, stream-read, transform, write, commit; prints JSON-ish
summary. Usage: e2e.py DIR sqlite:PATH|postgresql:URL [--writer csv|rows|adbc|executemany] [--thread]"""
import sys, time
T0 = time.perf_counter()
import os, argparse, hashlib, threading, queue, json
from pathlib import Path
import polars as pl, pyarrow as pa
T_IMPORT_LIBS = time.perf_counter()
import fastpath as fp, writers as w
T_IMPORT = time.perf_counter()

ap = argparse.ArgumentParser()
ap.add_argument("folder", type=Path); ap.add_argument("target"); ap.add_argument("--writer", default="csv")
ap.add_argument("--thread", action="store_true"); ap.add_argument("--block", type=int, default=1 << 24)
a = ap.parse_args()
ORDER = next(a.folder.glob("ExportOrderList*.csv")); ITEM = next(a.folder.glob("ExportOrderDetailList*.csv"))
SECRET = b"fastpath-secret-key-for-bench-0123456789"
hashes = {}
def sha(p):
    with open(p, "rb") as f: hashes[p.name] = hashlib.file_digest(f, "sha256").hexdigest()
hashers = [threading.Thread(target=sha, args=(p,)) for p in (ORDER, ITEM)]
for h in hashers: h.start()

kind, _, where = a.target.partition(":")
if kind == "sqlite":
    import sqlite3
    con = sqlite3.connect(where, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL"); con.execute("PRAGMA synchronous=NORMAL"); con.execute("PRAGMA foreign_keys=ON")
    cat, store_id, platform = fp.catalogue_from_sqlite(where, "benchbrand-tmall")
    con.execute("BEGIN IMMEDIATE")
    base = {t: (con.execute(f"select max(id) from {t}").fetchone()[0] or 0) + 1 for t in ("sales_order", "order_line", "refund")}
    if a.writer == "adbc":
        import adbc_driver_sqlite.dbapi as adbc
        # ADBC cannot join sqlite3's transaction: a second connection would wait for our lock.
        con.execute("ROLLBACK")
        aconn = adbc.connect(where, autocommit=True)
        with aconn.cursor() as cur:
            cur.execute("PRAGMA synchronous=NORMAL"); cur.execute("PRAGMA foreign_keys=ON"); cur.execute(f"PRAGMA cache_size=-{os.environ.get('CACHE_KB', '2000')}"); cur.execute("BEGIN IMMEDIATE")
        def write(t, df): w.sqlite_adbc_ingest(aconn, t, df)
        def commit():
            with aconn.cursor() as cur: cur.execute("COMMIT")
    else:
        def write(t, df): w.sqlite_executemany(con, t, df)
        def commit(): con.execute("COMMIT")
    known = lambda nos: con.execute("select count(*) from sales_order where order_no in (select value from json_each(?))", (json.dumps(nos),)).fetchone()[0] if a.writer != "adbc" else 0
else:
    import psycopg
    conn = psycopg.connect(where)
    import sqlite3  # catalogue from the template for the prototype (same contents as the PG one)
    cat, store_id, platform = fp.catalogue_from_sqlite("/tmp/fastpath/db/fresh_template.db", "benchbrand-tmall")
    store_id = conn.execute("select id from store where code='benchbrand-tmall'").fetchone()[0]
    base = None
    writer = {"csv": w.pg_copy_csv_polars, "rows": w.pg_copy_binary_rows}[a.writer]
    def write(t, df): writer(conn, t, df)
    def commit(): conn.commit()
    def known(nos):
        return conn.execute("select count(*) from sales_order where order_no = any(%s) and store_id=%s", (nos, store_id)).fetchone()[0]

q = queue.Queue(maxsize=2)
def writer_loop():
    while (item := q.get()) is not None:
        if callable(item): item = item()
        for t, df in item: write(t, df)
wt = threading.Thread(target=writer_loop) if a.thread else None
if wt: wt.start()
T_SETUP = time.perf_counter()
t_read = t_tr = t_write = 0.0
orders_n = lines_n = refunds_n = violations = 0
as_of = fp.as_of_of(ORDER)
nxt = {"sales_order": None, "order_line": None, "refund": None}
t = time.perf_counter()
for orders, items in fp.stream_export(ORDER, ITEM, a.block):
    t1 = time.perf_counter(); t_read += t1 - t
    res = fp.transform(orders, items, cat, secret=SECRET, platform=platform, as_of=as_of,
                       order_file=ORDER.name, o_offset=orders_n)
    # exactly once: orders already stored take the reference path (none in a fresh import)
    if not (kind == "postgresql" and wt) and known(res.orders["order_no"].to_list()):
        raise SystemExit("orders already stored: reference path")
    if kind == "postgresql" and wt:  # ids and writing on the writer thread (one connection)
        def job(res=res, n=orders_n):
            bo = w.pg_reserve_block(conn, "sales_order", res.orders.height) - n
            bl = w.pg_reserve_block(conn, "order_line", res.lines.height)
            br = w.pg_reserve_block(conn, "refund", max(res.refunds.height, 1))
            so, ol, rf = w.with_ids(res, store_id, bo, bl, br)
            return [("sales_order", so), ("order_line", ol), ("refund", rf)]
        q.put(job); t = time.perf_counter(); t_tr += t - t1
        orders_n += res.orders.height; lines_n += res.lines.height; refunds_n += res.refunds.height
        violations += res.price_violations
        continue
    if kind == "postgresql":
        bo = w.pg_reserve_block(conn, "sales_order", res.orders.height) - orders_n
        bl = w.pg_reserve_block(conn, "order_line", res.lines.height)
        br = w.pg_reserve_block(conn, "refund", max(res.refunds.height, 1))
    else:
        bo, bl, br = base["sales_order"], base["order_line"] + lines_n, base["refund"] + refunds_n
    so, ol, rf = w.with_ids(res, store_id, bo, bl, br)
    t2 = time.perf_counter(); t_tr += t2 - t1
    batch = [("sales_order", so), ("order_line", ol), ("refund", rf)]
    if wt: q.put(batch)
    else:
        for tname, df in batch: write(tname, df)
    t = time.perf_counter(); t_write += t - t2
    orders_n += res.orders.height; lines_n += res.lines.height; refunds_n += res.refunds.height
    violations += res.price_violations
if wt: q.put(None); wt.join()
for h in hashers: h.join()
t3 = time.perf_counter()
commit()
T_END = time.perf_counter()
t_write += T_END - t3
print(json.dumps({"orders": {"new": orders_n}, "lines": {"new": lines_n}, "refunds": refunds_n,
      "price_violations": violations, "sha256": hashes}, ensure_ascii=False))
print(f"imports libs {T_IMPORT_LIBS-T0:.3f} s + daiyun/fastpath {T_IMPORT-T_IMPORT_LIBS:.3f} s, setup {T_SETUP-T_IMPORT:.3f}, "
      f"read {t_read:.3f}, transform {t_tr:.3f}, write {t_write:.3f} (incl. commit / waiting on writer thread), "
      f"in-process total {T_END-T0:.3f} s", file=sys.stderr)

"""Stage 3 bench: each writer, real daiyun schema, fresh tables per run, commit included."""
import sys, time, gc, os, shutil, sqlite3
from pathlib import Path
import polars as pl, psycopg
import fastpath as fp, writers as w

folder = Path(sys.argv[1]); repeat = int(sys.argv[2]); which = sys.argv[3].split(",")
ORDER = next(folder.glob("ExportOrderList*.csv")); ITEM = next(folder.glob("ExportOrderDetailList*.csv"))
SECRET = b"fastpath-secret-key-for-bench-0123456789"
PG = "postgresql://postgres@127.0.0.1:5432/fastpath_scratch"
cat, store_id, platform = fp.catalogue_from_sqlite("/tmp/fastpath/db/fresh_template.db", "benchbrand-tmall")
orders, items = fp.read_export(ORDER, ITEM)
res = fp.transform(orders, items, cat, secret=SECRET, platform=platform, as_of=fp.as_of_of(ORDER), order_file=ORDER.name)
del orders, items
N = res.lines.height
print(f"{N} lines, {res.orders.height} orders, {res.refunds.height} refunds")

def pg_clean(conn):
    conn.execute("TRUNCATE refund, order_line, sales_order RESTART IDENTITY CASCADE"); conn.commit()

def report(name, times, parts=""):
    best = min(times)
    print(f"{name:44s} best {best:6.3f} s  {N/best:>10,.0f} lines/s  runs {[round(t,3) for t in times]} {parts}", flush=True)

if any(x.startswith("pg") for x in which):
    conn = psycopg.connect(PG)
    for name, fn in [("pg_binary_rows", w.pg_copy_binary_rows), ("pg_csv_polars", w.pg_copy_csv_polars)]:
        if name not in which: continue
        for ids in ("series", "block"):
            times = []
            for _ in range(repeat):
                pg_clean(conn); gc.collect()
                t0 = time.perf_counter()
                if ids == "series":
                    ob = w.pg_reserve_ids(conn, "sales_order", res.orders.height)[0]
                    lb = w.pg_reserve_ids(conn, "order_line", N)[0]
                    rb = w.pg_reserve_ids(conn, "refund", res.refunds.height)[0]
                else:
                    ob = w.pg_reserve_block(conn, "sales_order", res.orders.height)
                    lb = w.pg_reserve_block(conn, "order_line", N)
                    rb = w.pg_reserve_block(conn, "refund", res.refunds.height)
                t1 = time.perf_counter()
                so, ol, rf = w.with_ids(res, store_id, ob, lb, rb)
                t2 = time.perf_counter()
                fn(conn, "sales_order", so); fn(conn, "order_line", ol); fn(conn, "refund", rf)
                conn.commit()
                times.append(time.perf_counter() - t0)
            report(f"{name} (ids: {ids})", times, f"(ids {t1-t0:.3f} s, frames {t2-t1:.3f} s)")
    if "pg_adbc" in which:
        import adbc_driver_postgresql.dbapi as adbc
        aconn = adbc.connect(PG)
        times = []
        for _ in range(repeat):
            pg_clean(conn); gc.collect()
            t0 = time.perf_counter()
            with aconn.cursor() as cur:
                ob = w.pg_reserve_block(conn, "sales_order", res.orders.height)  # ids via psycopg (same tx not needed for bench)
                lb = w.pg_reserve_block(conn, "order_line", N); rb = w.pg_reserve_block(conn, "refund", res.refunds.height)
                conn.commit()
            so, ol, rf = w.with_ids(res, store_id, ob, lb, rb)
            for t, df in (("sales_order", so), ("order_line", ol), ("refund", rf)):
                w.pg_adbc_ingest(aconn, t, df)
            aconn.commit()
            times.append(time.perf_counter() - t0)
        report("pg_adbc_ingest (arrow)", times)
        aconn.close()
    # check: what is stored equals, for the last run
    print("pg counts", conn.execute("select (select count(*) from sales_order),(select count(*) from order_line),(select count(*) from refund),(select sum(line_amount_fen) from order_line)").fetchone(),
          "expected sum", res.lines["line_amount_fen"].sum())
    pg_clean(conn); conn.close()

def sqlite_fresh(i):
    path = f"/tmp/fastpath/db/w{i}.db"
    for f in Path("/tmp/fastpath/db").glob(f"w{i}.db*"): f.unlink()
    shutil.copy("/tmp/fastpath/db/fresh_template.db", path)
    return path

for name in ("sqlite_executemany", "sqlite_adbc"):
    if name not in which: continue
    times = []
    for i in range(repeat):
        path = sqlite_fresh(i); gc.collect()
        if name == "sqlite_executemany":
            con = sqlite3.connect(path, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL"); con.execute("PRAGMA synchronous=NORMAL"); con.execute("PRAGMA foreign_keys=ON")
            t0 = time.perf_counter()
            con.execute("BEGIN IMMEDIATE")
            base = lambda t: (con.execute(f"select max(id) from {t}").fetchone()[0] or 0) + 1
            so, ol, rf = w.with_ids(res, store_id, base("sales_order"), base("order_line"), base("refund"))
            for t, df in (("sales_order", so), ("order_line", ol), ("refund", rf)):
                w.sqlite_executemany(con, t, df)
            con.execute("COMMIT")
            times.append(time.perf_counter() - t0)
            got = con.execute("select count(*), sum(line_amount_fen) from order_line").fetchone(); con.close()
        else:
            import adbc_driver_sqlite.dbapi as adbc
            aconn = adbc.connect(path, autocommit=True)
            with aconn.cursor() as cur:
                cur.execute("PRAGMA journal_mode=WAL"); cur.fetchall(); cur.execute("PRAGMA synchronous=NORMAL"); cur.execute("PRAGMA foreign_keys=ON")
            aconn.adbc_connection.set_autocommit(False) if hasattr(aconn, "adbc_connection") else None
            t0 = time.perf_counter()
            with aconn.cursor() as cur:
                def base(t):
                    cur.execute(f"select max(id) from {t}"); return (cur.fetchone()[0] or 0) + 1
                so, ol, rf = w.with_ids(res, store_id, base("sales_order"), base("order_line"), base("refund"))
            for t, df in (("sales_order", so), ("order_line", ol), ("refund", rf)):
                w.sqlite_adbc_ingest(aconn, t, df)
            aconn.commit()
            times.append(time.perf_counter() - t0)
            with aconn.cursor() as cur:
                cur.execute("select count(*), sum(line_amount_fen) from order_line"); got = cur.fetchone()
            aconn.close()
        print("   stored", got)
    report(name, times)

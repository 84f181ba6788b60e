"""Stage 2: transform (read included separately), and exactness checks against daiyun itself."""
import sys, time, gc, os, resource
from pathlib import Path
import polars as pl
import fastpath as fp

folder = Path(sys.argv[1]); repeat = int(sys.argv[2]); verify = len(sys.argv) > 3 and sys.argv[3]
ORDER = next(folder.glob("ExportOrderList*.csv")); ITEM = next(folder.glob("ExportOrderDetailList*.csv"))
SECRET = os.environ.get("DAIYUN_SECRET_KEY", "fastpath-secret-key-for-bench-0123456789").encode()
cat, store_id, platform = fp.catalogue_from_sqlite("/tmp/fastpath/db/fresh_template.db", "benchbrand-tmall")
for run in range(repeat):
    gc.collect(); timings = {}
    t0 = time.perf_counter()
    orders, items = fp.read_export(ORDER, ITEM)
    t1 = time.perf_counter()
    res = fp.transform(orders, items, cat, secret=SECRET, platform=platform, as_of=fp.as_of_of(ORDER),
                       order_file=ORDER.name, timings=timings)
    t2 = time.perf_counter()
    n = res.lines.height
    print(f"run {run}: read {t1-t0:.3f} s ({n/(t1-t0):,.0f} l/s), transform {t2-t1:.3f} s ({n/(t2-t1):,.0f} l/s), "
          f"both {t2-t0:.3f} s ({n/(t2-t0):,.0f} l/s); violations {res.price_violations}")
print("   transform parts:", ", ".join(f"{k} {v:.3f}" for k, v in timings.items()))
print("maxrss MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

if verify:
    from daiyun.domain.money import allocate, Money
    # 1. allocation equals the reference on every order
    t = time.perf_counter()
    li = res.lines.join(res.orders.select("o"), on="o").sort("o", "line_no")
    goods = fp.transform.__globals__  # noqa
    import pyarrow.compute as pc
    from daiyun.adapters.platforms.cells import amount
    goods_fen = [amount(v.decode("gb18030")).fen for v in orders["买家应付货款"].to_pylist()]
    bad = 0; checked = 0
    for (o,), g in li.group_by(["o"], maintain_order=True):
        weights = [p * u for p, u in zip(g["unit_price_fen"].to_list(), g["units"].to_list())]
        want = [m.fen for m in allocate(Money(goods_fen[o]), weights)]
        checked += 1
        if want != g["line_amount_fen"].to_list():
            bad += 1
    print(f"allocation: {checked} orders checked against daiyun.domain.money.allocate, {bad} differ ({time.perf_counter()-t:.1f} s)")
    # 2. every stored row equals what the reference import stored (ids from 1, fresh database)
    import sqlite3
    con = sqlite3.connect(verify)
    def ts(c): return pl.col(c).dt.strftime("%Y-%m-%d %H:%M:%S%.6f")
    so = res.orders.with_columns(id=pl.col("o") + 1, store_id=pl.lit(store_id), has_sku_lines=pl.lit(1),
                                 **{c: ts(c) for c in ["as_of", "created_at", "paid_at", "shipped_at", "completed_at", "closed_at"]})
    cols = [r[1] for r in con.execute("pragma table_info(sales_order)")]
    mine = so.select(cols).rows(); theirs = con.execute(f"select {','.join(cols)} from sales_order order by id").fetchall()
    print("sales_order rows equal:", mine == theirs, len(mine), len(theirs))
    if mine != theirs:
        print(next((a, b) for a, b in zip(mine, theirs) if a != b))
    ol = res.lines.with_columns(id=pl.int_range(1, pl.len() + 1), order_id=pl.col("o") + 1,
                                **{c: ts(c) for c in ["completed_at", "refunded_at"]})
    cols = [r[1] for r in con.execute("pragma table_info(order_line)")]
    mine = ol.select(cols).rows(); theirs = con.execute(f"select {','.join(cols)} from order_line order by id").fetchall()
    print("order_line rows equal:", mine == theirs, len(mine), len(theirs))
    if mine != theirs:
        print(next((a, b) for a, b in zip(mine, theirs) if a != b))
    rf = res.refunds.with_columns(id=pl.int_range(1, pl.len() + 1), order_id=pl.col("o") + 1, completed_at=ts("completed_at"))
    cols = [r[1] for r in con.execute("pragma table_info(refund)")]
    mine = rf.select(cols).rows(); theirs = con.execute(f"select {','.join(cols)} from refund order by id").fetchall()
    print("refund rows equal:", mine == theirs, len(mine), len(theirs))
    if mine != theirs:
        print(next((a, b) for a, b in zip(mine, theirs) if a != b))

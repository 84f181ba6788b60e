"""Every row of sales_order, order_line, refund equal between two SQLite databases (ids too)."""
import sqlite3, sys
a, b = (sqlite3.connect(p) for p in sys.argv[1:3])
ok = True
for t in ("sales_order", "order_line", "refund"):
    cols = [r[1] for r in a.execute(f"pragma table_info({t})")]
    ra = a.execute(f"select {','.join(cols)} from {t} order by id").fetchall()
    rb = b.execute(f"select {','.join(cols)} from {t} order by id").fetchall()
    same = ra == rb; ok &= same
    print(t, len(ra), len(rb), "EQUAL" if same else next((x, y) for x, y in zip(ra, rb) if x != y))
    if not same:
        ta = a.execute(f"select typeof(completed_at), count(*) from {t} group by 1").fetchall(); print(ta)
sys.exit(0 if ok else 1)

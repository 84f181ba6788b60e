"""Schema variant: which FK costs what (scratch database only; restored at the end)."""
import sys, time
exec(open("pg_breakdown.py").read().split("def run(")[0])
exec("def run(" + open("pg_breakdown.py").read().split("def run(")[1].split('run("real schema')[0])
drops = {
  "without fk order_line.sku_id": ["ALTER TABLE order_line DROP CONSTRAINT fk_order_line_sku_id_sku"],
  "without fk sku_id, sales_order.store_id": ["ALTER TABLE order_line DROP CONSTRAINT fk_order_line_sku_id_sku",
                                             "ALTER TABLE sales_order DROP CONSTRAINT fk_sales_order_store_id_store"],
}
for label, stmts in drops.items():
    for s in stmts: conn.execute(s)
    conn.commit()
    run(f"real schema {label}", lambda: None)
    conn.execute("ALTER TABLE order_line ADD CONSTRAINT fk_order_line_sku_id_sku FOREIGN KEY (sku_id) REFERENCES sku(id)") if "sku" in label else None
    if "store" in label:
        conn.execute("ALTER TABLE sales_order ADD CONSTRAINT fk_sales_order_store_id_store FOREIGN KEY (store_id) REFERENCES store(id)")
    conn.commit()

"""Money in: Alipay account statements imported, and (later) reconciled with orders (R-X1)."""

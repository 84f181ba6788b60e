"""Fulfilment: shipping against its SLA (R-F2)."""

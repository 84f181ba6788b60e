"""Pricing: the catalogue's SKUs and guide prices, listing prices against guide price and cap,
repricing tasks (R-P1–R-P5)."""

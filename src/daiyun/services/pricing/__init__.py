"""Pricing: listing prices against guide price and cap, guide prices, repricing (R-P1–R-P5)."""

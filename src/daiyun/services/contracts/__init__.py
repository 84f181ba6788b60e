"""Contracts and catalogue: brands, contracts, stores, SKUs and guide prices as loaded."""

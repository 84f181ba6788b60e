"""Contracts: brands, their contracts, terms and stores as loaded, and the views of them."""

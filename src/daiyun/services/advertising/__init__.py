"""Advertising: the month's ad spend against the contract's budget band (R-B6)."""

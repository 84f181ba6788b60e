"""Readers of platform files and APIs, each returning (records, errors)."""

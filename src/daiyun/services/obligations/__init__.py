"""Obligations: every dated duty of a contract, as of a day (R-O1)."""

"""Adapters: database, platform files, exports."""

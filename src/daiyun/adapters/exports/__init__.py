"""Statement and report files."""

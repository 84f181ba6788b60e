"""Helpers of the benchmarks in bench/ (a subpackage, so `make bench` does not run them)."""

"""Benchmarks run by ``make bench`` (``bench_*.py``: not collected by pytest, no assertions on time)."""

"""Benchmarks: matching quality against baselines, and cost as the knowledge grows.

Run from the project root with `make bench`, or `python -m benchmarks.accuracy` and
`python -m benchmarks.scale`. They print figures; nothing here asserts a time.
"""

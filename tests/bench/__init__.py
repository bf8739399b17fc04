"""Benchmarks (make bench): not tests, and never collected by pytest."""

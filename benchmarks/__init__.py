"""Throughput and quality benchmarks run by `make bench`; figures are printed, never asserted."""

"""`make bench`: every operation's cost as a ratio to its floor (docs/BENCHMARKS.md)."""

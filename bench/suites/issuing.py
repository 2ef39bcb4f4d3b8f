"""Placeholder until this suite lands."""

from bench.context import BenchContext
from bench.report import Figure


def run(context: BenchContext) -> list[Figure]:
    return []

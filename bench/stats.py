"""Summaries of repeated measurements: median, p95, p99 and spread."""

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Series:
    """Repeated timings (seconds) or rates of one operation."""

    samples: tuple[float, ...]

    @classmethod
    def of(cls, values: list[float]) -> "Series":
        if not values:
            raise ValueError("a series needs at least one sample")
        return cls(samples=tuple(values))

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.samples)
        if len(ordered) == 1:
            return ordered[0]
        position = fraction * (len(ordered) - 1)
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    @property
    def p99(self) -> float:
        return self.percentile(0.99)

    @property
    def spread(self) -> float:
        """Interquartile range relative to the median: how much repeated runs disagree."""
        median = self.median
        if median == 0:
            return 0.0
        return (self.percentile(0.75) - self.percentile(0.25)) / median

    def summary(self) -> dict[str, Any]:
        return {
            "n": len(self.samples),
            "median": self.median,
            "p95": self.p95,
            "p99": self.p99,
            "min": min(self.samples),
            "max": max(self.samples),
            "spread": self.spread,
        }


def timed(operation: Callable[[], object], *, repeat: int, warmup: int = 1) -> Series:
    """Wall-clock seconds of `operation`, `repeat` times after `warmup` unmeasured calls."""
    for _ in range(warmup):
        operation()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        operation()
        samples.append(time.perf_counter() - started)
    return Series.of(samples)


def interleaved(
    operations: dict[str, Callable[[], object]], *, repeat: int, warmup: int = 1
) -> dict[str, Series]:
    """Time several operations in turns (a, b, a, b...) so drift hits each equally: ratios
    between them are then measured in the same run on the same machine."""
    for _ in range(warmup):
        for operation in operations.values():
            operation()
    samples: dict[str, list[float]] = {name: [] for name in operations}
    for _ in range(repeat):
        for name, operation in operations.items():
            started = time.perf_counter()
            operation()
            samples[name].append(time.perf_counter() - started)
    return {name: Series.of(values) for name, values in samples.items()}


def as_dict(series: Series) -> dict[str, Any]:
    return {**asdict(series), **series.summary()}

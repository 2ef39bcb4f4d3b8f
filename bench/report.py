"""One figure per measured quantity, the table `make bench` prints, and latest.json."""

import json
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.stats import Series

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


@dataclass
class Figure:
    """A measured quantity. `series` holds the raw samples (seconds, rows/s, requests/s...);
    a ratio figure holds `ratio` and the target it must meet (`at_most` or `at_least`)."""

    suite: str
    name: str
    unit: str
    series: Series | None = None
    ratio: float | None = None
    at_most: float | None = None
    at_least: float | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def met(self) -> bool | None:
        """None for a figure without a ratio; else whether the ratio meets its target."""
        if self.ratio is None or (self.at_most is None and self.at_least is None):
            return None
        if self.at_most is not None and self.ratio > self.at_most:
            return False
        return not (self.at_least is not None and self.ratio < self.at_least)

    def target_text(self) -> str:
        if self.at_most is not None:
            return f"<= {self.at_most:g}"
        if self.at_least is not None:
            return f">= {self.at_least:g}"
        return ""

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "suite": self.suite,
            "name": self.name,
            "unit": self.unit,
            "ratio": self.ratio,
            "target": self.target_text() or None,
            "met": self.met,
            "note": self.note,
            **self.extra,
        }
        if self.series is not None:
            data.update(self.series.summary())
        return data


def number_text(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def table(figures: list[Figure]) -> str:
    header = f"{'suite':<10} {'figure':<54} {'median':>12} {'p95':>12} {'spread':>7} "
    header += f"{'ratio':>7} {'target':>8} {'met':>4}"
    lines = [header, "-" * len(header)]
    for figure in figures:
        series = figure.series
        median = number_text(series.median, figure.unit) if series else ""
        p95 = number_text(series.p95, figure.unit) if series else ""
        spread = f"{series.spread:.0%}" if series else ""
        ratio = f"{figure.ratio:.2f}" if figure.ratio is not None else ""
        met = {True: "yes", False: "NO", None: ""}[figure.met]
        unit = "" if figure.unit == "s" else f" [{figure.unit}]"
        lines.append(
            f"{figure.suite:<10} {(figure.name + unit)[:54]:<54} {median:>12} {p95:>12} "
            f"{spread:>7} {ratio:>7} {figure.target_text():>8} {met:>4}"
        )
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    import os

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
    }


def write(
    figures: list[Figure],
    *,
    context: dict[str, Any],
    run: dict[str, str] | None = None,
    path: Path = RESULTS,
) -> dict[str, Any]:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "run": run or {},
        "machine": machine(),
        "context": context,
        "figures": [figure.as_json() for figure in figures],
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return document

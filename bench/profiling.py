"""BENCH_PROFILE=1: where a suite misses a target, it runs the operation again under
pyinstrument (a sampling profiler) and writes the call tree to bench/results/profiles/
<name>.txt; docs/BENCHMARKS.md quotes what they showed. Off by default: profiling slows the
operation it watches, so no figure of the table is ever taken under it."""

import os
from collections.abc import Callable
from pathlib import Path

PROFILES = Path(__file__).resolve().parent / "results" / "profiles"


def profiling_on() -> bool:
    return os.environ.get("BENCH_PROFILE") == "1"


def profile_write(name: str, operation: Callable[[], object], *, repeat: int = 20) -> Path:
    """Run `operation` `repeat` times under pyinstrument; write its call tree; return the file."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    try:
        for _ in range(repeat):
            operation()
    finally:
        profiler.stop()
    PROFILES.mkdir(parents=True, exist_ok=True)
    path = PROFILES / f"{name}.txt"
    path.write_text(
        profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False),
        encoding="utf-8",
    )
    return path


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory_profile_write(name: str, operation: Callable[[], object], *, rounds: int) -> Path:
    """Run `operation` `rounds` times, then `rounds` times more under tracemalloc, and write
    the allocations that grew between the two snapshots beside the process's RSS growth: RSS
    growing where Python's allocations do not points at native memory (C libraries' caches,
    fragmentation)."""
    import tracemalloc

    for _ in range(rounds):  # warm-up: caches that fill once are not growth
        operation()
    tracemalloc.start(10)
    rss_before, first = _rss_mb(), tracemalloc.take_snapshot()
    for _ in range(rounds):
        operation()
    rss_after, second = _rss_mb(), tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = second.compare_to(first, "traceback")
    python_growth = sum(stat.size_diff for stat in grown) / 2**20
    lines = [
        f"{rounds} operations after {rounds} of warm-up",
        f"RSS {rss_before:.1f} MB -> {rss_after:.1f} MB ({rss_after - rss_before:+.1f} MB)",
        f"Python allocations (tracemalloc) {python_growth:+.2f} MB",
        "",
        "largest growth by allocation site:",
    ]
    for stat in grown[:15]:
        lines.append(f"{stat.size_diff / 1024:+10.1f} KB {stat.count_diff:+7d} blocks")
        lines.extend(f"      {frame}" for frame in stat.traceback.format()[-6:])
    PROFILES.mkdir(parents=True, exist_ok=True)
    path = PROFILES / f"{name}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

"""Issue #32: on SQLite (the embedded default), how long another write waits while a letter
is signed. A signing there renders and signs outside any transaction and holds the database's
write lock only for the short one that numbers and saves the letter (letters/signing_lock.py);
a clerk's write meanwhile should hardly notice.

bench/sqlite_signing.py builds the demo office on a SQLite file and signs letters one after
another with pauses between; bench/sqlite_writer.py, another process, writes all the while
(a login into the audit chain, every 10 ms). A write overlapping a signing is compared with
the writes of the pauses. Target: the longest write during a signing < 100 ms.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.context import BenchContext
from bench.report import Figure
from bench.stats import Series

ROOT = Path(__file__).resolve().parents[2]
TARGET_MS = 100


def _measured(signings: int) -> dict[str, list]:
    work = Path(tempfile.mkdtemp(prefix="bench-sqlite-"))
    (work / "files").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.batch_settings",
        "DATABASE_URL": f"sqlite:///{work / 'autentika.sqlite3'}",
        "BENCH_BATCH_FILES_DIR": str(work / "files"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "bench.sqlite_signing", str(signings)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench/sqlite_signing.py failed: {done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def writes_split(
    *, signings: list[tuple[float, float]], writes: list[tuple[float, float]]
) -> tuple[list[float], list[float]]:
    """The durations of the writes (start, seconds) that overlap a signing (start, end), and
    of those that do not."""
    during: list[float] = []
    apart: list[float] = []
    for start, seconds in writes:
        overlaps = any(start < end and start + seconds > begin for begin, end in signings)
        (during if overlaps else apart).append(seconds)
    return during, apart


def run(context: BenchContext) -> list[Figure]:
    measured = _measured(context.repeat(6, 2))
    spans = [(float(start), float(end)) for start, end in measured["signings"]]
    writes = [(float(start), float(seconds)) for start, seconds in measured["writes"]]
    during, apart = writes_split(signings=spans, writes=writes)
    signing = Series.of([end - start for start, end in spans])
    longest = max(during) * 1000
    return [
        Figure(suite="sqlite_wait", name="a letter signed (SQLite file)", unit="s", series=signing),
        Figure(
            suite="sqlite_wait",
            name="another write during a signing (SQLite)",
            unit="s",
            series=Series.of(during),
        ),
        Figure(
            suite="sqlite_wait",
            name="another write with no signing (SQLite)",
            unit="s",
            series=Series.of(apart),
        ),
        Figure(
            suite="sqlite_wait",
            name="longest write during a signing (SQLite)",
            unit="ms",
            ratio=longest,
            at_most=TARGET_MS,
            note=f"{len(during)} writes during {len(spans)} signings, {len(apart)} apart",
        ),
    ]

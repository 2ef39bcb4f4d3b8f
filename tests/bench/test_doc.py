"""docs/BENCHMARKS.md's latest-run section, written by make bench from latest.json."""

from bench.doc import BEGIN, END, doc_updated, section

DOCUMENT = {
    "run": {"commit": "abc1234", "finished_at": "2026-12-08 02:10 UTC"},
    "machine": {
        "python": "3.11.2",
        "platform": "Linux-6.1-x86_64",
        "processor": "x86_64",
        "cores": 2,
    },
    "context": {"suites_seconds": {"commands": 61.0, "sqlite_wait": 59.0}, "quick": False},
    "figures": [
        {
            "suite": "sqlite_wait",
            "name": "a letter signed (SQLite file)",
            "unit": "s",
            "ratio": None,
            "target": None,
            "met": None,
            "median": 0.5368,
            "p95": 0.7439,
            "spread": 0.34,
        },
        {
            "suite": "commands",
            "name": "verify_letter / bare validation (CPU medians)",
            "unit": "x",
            "ratio": 2.113,
            "target": "<= 1.5",
            "met": False,
        },
    ],
}

HAND_WRITTEN = "# Benchmarks\n\nHow to run it.\n\n## An earlier run\nIts reading.\n"


def test_the_section_names_the_commit_time_machine_and_every_figure():
    text = section(DOCUMENT)
    assert "Commit `abc1234`, finished 2026-12-08 02:10 UTC" in text
    assert "Linux-6.1-x86_64 (x86_64, 2 cores, Python 3.11.2)" in text
    assert "commands 61 s, sqlite_wait 59 s (2.0 min in all)" in text
    assert "| sqlite_wait | a letter signed (SQLite file) | 536.8 ms | 743.9 ms | 34% |" in text
    assert (
        "| commands | verify_letter / bare validation (CPU medians) [x] |  |  |  | 2.11 | <= 1.5 "
        "| **no** |" in text
    )


def test_the_first_section_goes_before_the_first_heading_and_the_rest_is_kept():
    updated = doc_updated(HAND_WRITTEN, section(DOCUMENT))
    assert updated.startswith("# Benchmarks\n\nHow to run it.\n\n" + BEGIN)
    assert updated.endswith(END + "\n\n## An earlier run\nIts reading.\n")


def test_a_later_run_replaces_the_section_and_nothing_else():
    once = doc_updated(HAND_WRITTEN, section(DOCUMENT))
    later = {**DOCUMENT, "run": {"commit": "def5678", "finished_at": "2026-12-09 09:00 UTC"}}
    twice = doc_updated(once, section(later))
    assert "abc1234" not in twice and "def5678" in twice
    assert twice.count(BEGIN) == 1 and twice.count(END) == 1
    assert twice == doc_updated(HAND_WRITTEN, section(later))

"""No part holds too much of the code, no module grows too long (docs/DECISIONS.md, #29).

The measure: physical lines of the .py files under autentika/, migrations left out (the one the
review of 2026-12-06 used: letters/ then 8,000 lines, 27%)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "autentika"
PART_SHARE_LIMIT = 0.15
MODULE_LINE_LIMIT = 400


def _modules() -> dict[Path, int]:
    return {
        path: len(path.read_text(encoding="utf-8").splitlines())
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts
    }


def test_letters_and_signing_each_hold_under_15_percent_of_the_code():
    lines = _modules()
    total = sum(lines.values())
    shares = {
        part: sum(n for path, n in lines.items() if path.relative_to(ROOT).parts[0] == part) / total
        for part in ("letters", "signing")
    }
    assert {part: share for part, share in shares.items() if share >= PART_SHARE_LIMIT} == {}


def test_no_module_is_over_400_lines():
    assert {
        str(path.relative_to(ROOT)): n for path, n in _modules().items() if n > MODULE_LINE_LIMIT
    } == {}

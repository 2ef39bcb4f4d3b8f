"""The README's configuration table, read as the tests that check it need it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_variables() -> list[str]:
    """The variables of the README's "Configuration (environment variables)" table."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Configuration (environment variables)", 1)[1].split("\n## ", 1)[0]
    names: list[str] = []
    for line in section.splitlines():
        if line.startswith("| `"):
            names += re.findall(r"`([A-Z][A-Z0-9_]+)`", line.split("|")[1])
    return names

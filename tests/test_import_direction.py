"""Imports point one way, from a later part of the procedure to an earlier one (the order of
docs/ARCHITECTURE.md): a part never imports a later part. Read from the source itself."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "autentika"
ORDER = [
    "core",
    "organization",
    "results",
    "cases",
    "signing",
    "letters",
    "bulk",
    "handover",
    "verification",
    "notifications",
    "portal",
    "reports",
    "operations",
    "api",
    "demo",
    "config",
]


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "autentika" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_every_part_is_in_the_order():
    parts = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    assert parts == set(ORDER)


def test_no_part_imports_a_later_part():
    backwards = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        part = path.relative_to(ROOT).parts[0]
        if part not in ORDER:
            continue
        for imported in _imports(path):
            if imported in ORDER and ORDER.index(imported) > ORDER.index(part):
                backwards.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert backwards == []

"""How the tests share what they share: fixtures used by several folders live in the plugin
package tests/fixtures/ (registered by tests/conftest.py), plain helpers in tests/support/;
no test imports a conftest, each fixture name is defined once, and a folder's conftest holds
only what that folder uses. Read from the source."""

import ast
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _fixtures(path: Path) -> set[str]:
    """The names of the fixtures a module defines."""
    return {
        node.name
        for node in _tree(path).body
        if isinstance(node, ast.FunctionDef) and _is_fixture(node)
    }


def _is_fixture(node: ast.FunctionDef) -> bool:
    return any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)


def _requested(path: Path) -> set[str]:
    """The fixtures a module's tests and fixtures request (their parameters)."""
    return {
        arg.arg
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.FunctionDef) and (node.name.startswith("test") or _is_fixture(node))
        for arg in node.args.args
    }


def _folder_conftests() -> list[Path]:
    return [path for path in sorted(TESTS.rglob("conftest.py")) if path.parent != TESTS]


def test_no_module_imports_a_conftest():
    importing = []
    for path in sorted([*TESTS.rglob("*.py"), *(ROOT / "bench").rglob("*.py")]):
        for node in ast.walk(_tree(path)):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            if any(name.split(".")[-1] == "conftest" for name in names):
                importing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert importing == []


def test_every_plugin_module_is_registered():
    modules = {
        f"tests.fixtures.{path.stem}"
        for path in (TESTS / "fixtures").glob("*.py")
        if path.stem != "__init__"
    }
    registered = next(
        ast.literal_eval(node.value)
        for node in _tree(TESTS / "conftest.py").body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "pytest_plugins"
    )
    assert set(registered) == modules


def test_each_shared_fixture_name_is_defined_once():
    sources = [*sorted((TESTS / "fixtures").glob("*.py")), *sorted(TESTS.rglob("conftest.py"))]
    names = Counter(name for path in sources for name in _fixtures(path))
    assert [name for name, count in names.items() if count > 1] == []


def test_a_folders_conftest_holds_only_what_that_folder_uses():
    used_elsewhere = []
    for path in _folder_conftests():
        own = _fixtures(path)
        for other in sorted(TESTS.rglob("*.py")):
            if other.is_relative_to(path.parent):
                continue
            # a module's own fixture of the same name is that module's, not the folder's
            for name in sorted(own & _requested(other) - _fixtures(other)):
                used_elsewhere.append(f"{path.relative_to(TESTS)}: {name} in {other.name}")
    assert used_elsewhere == []

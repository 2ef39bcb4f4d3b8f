"""The demo and test services (autentika/demo/) stay out of the product: no module of
autentika/ outside the demo package imports it or the packages only its dependency group
`demo` installs (pyproject.toml), production settings do not install it, and under production
settings every other module imports and the system checks run with those packages absent (what
`uv sync --no-group demo` installs)."""

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "autentika"
# The packages of the dependency group `demo` (pyproject.toml) and the demo package itself.
DEMO_ONLY = ("autentika.demo", "certomancer", "csc_dummy", "werkzeug", "yaml")
# The settings that install the demo app (development and tests) may name it.
DEMO_SETTINGS = {
    PACKAGE / "config" / "settings" / "dev.py",
    PACKAGE / "config" / "settings" / "test.py",
}


def _is_demo_only(name: str) -> bool:
    return any(name == top or name.startswith(f"{top}.") for top in DEMO_ONLY)


def _imported_names(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _product_modules() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if (PACKAGE / "demo") not in path.parents and path not in DEMO_SETTINGS
    ]


def test_no_product_module_imports_the_demo_package_or_its_dependencies():
    offending = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _product_modules()
        for name in sorted(_imported_names(path))
        if _is_demo_only(name)
    ]
    assert offending == []


def test_the_demo_modules_are_found_by_the_check():
    """The check above reads real imports: the demo package's own modules import them."""
    names = set().union(*(_imported_names(p) for p in (PACKAGE / "demo").rglob("*.py")))
    assert any(_is_demo_only(n) for n in names if not n.startswith("autentika."))


def test_production_settings_do_not_install_the_demo_app():
    from autentika.config.settings import base, prod

    assert "autentika.demo" not in prod.INSTALLED_APPS
    assert "autentika.demo" not in base.INSTALLED_APPS


PRODUCTION_IMPORT = textwrap.dedent(
    """
    import importlib, importlib.abc, sys
    from pathlib import Path

    BLOCKED = {blocked!r}

    class Blocker(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if any(name == top or name.startswith(top + ".") for top in BLOCKED):
                raise ModuleNotFoundError(f"No module named {{name!r}} (demo group absent)")
            return None

    sys.meta_path.insert(0, Blocker())
    import django
    django.setup()
    root = Path({root!r})
    for path in sorted((root / "autentika").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        settings_of_demo = parts[1:3] == ("config", "settings") and parts[-1] in ("dev", "test")
        if parts[1] == "demo" or settings_of_demo:
            continue
        name = ".".join(p for p in parts if p != "__init__")
        importlib.import_module(name)
    from django.core.management import call_command
    call_command("check")
    print("imported and checked")
    """
)


def test_every_product_module_imports_under_production_settings_without_the_demo_group(
    tmp_path,
):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "autentika.config.settings.prod",
        "SECRET_KEY": "production-import-check-" + "x" * 40,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "AUTENTIKA_INTEGRITY_KEY": "production-import-check-integrity-key-0123456789",
        "AUTENTIKA_FILES_DIR": str(tmp_path / "files"),
    }
    script = PRODUCTION_IMPORT.format(blocked=DEMO_ONLY, root=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "imported and checked" in result.stdout

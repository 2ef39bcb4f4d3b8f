"""docs/DEPLOY.md as CI runs it (scripts/deploy-check runs its `sh deploy` blocks in a fresh
Debian root): the script it makes is valid bash, configures only documented variables, installs
files the repository has, and keeps the guide's promises about roles and dependencies."""

import re
import subprocess
from pathlib import Path

from tests.support.readme import readme_variables

ROOT = Path(__file__).resolve().parents[2]
INSTALLED_CODE = "/opt/autentika/"


def guide_script() -> str:
    answer = subprocess.run(
        [str(ROOT / "scripts" / "deploy-check"), "--print"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return answer.stdout


def test_the_deploy_blocks_make_one_valid_bash_script():
    script = guide_script()
    assert script.count("== block ") >= 8
    answer = subprocess.run(
        ["bash", "-n"], input=script, capture_output=True, text=True, timeout=30, check=False
    )
    assert (answer.returncode, answer.stderr) == (0, "")


def test_the_environment_file_sets_only_variables_of_the_readme_table():
    script = guide_script()
    written = script.split("cat >/etc/autentika/autentika.env) <<EOF\n", 1)[1].split("\nEOF\n")[0]
    names = re.findall(r"(?m)^([A-Z][A-Z0-9_]*)=", written)
    assert "DATABASE_URL" in names and "GUNICORN_THREADS" in names
    assert sorted(set(names) - set(readme_variables())) == []


def test_every_file_the_guide_installs_is_in_the_repository():
    paths = set(re.findall(rf"{INSTALLED_CODE}([\w./-]+)", guide_script()))
    assert "deploy/autentika-manage" in paths and "deploy/nginx/autentika.conf" in paths
    for path in paths:
        if not path.startswith(".venv"):
            assert (ROOT / path).exists(), path


def test_production_installs_neither_the_test_tools_nor_the_demo_services():
    script = guide_script()
    assert "uv sync --frozen --quiet \\\n  --no-dev --no-group demo" in script


def test_the_schema_is_made_by_the_owner_and_the_app_connects_as_the_role_owning_nothing():
    script = guide_script()
    assert "AUTENTIKA_AS_OWNER=1 autentika-manage migrate" in script
    assert "AUTENTIKA_AS_OWNER=1 autentika-manage db_roles" in script
    assert script.index("autentika-manage migrate") < script.index("autentika-manage db_roles")
    assert "DATABASE_URL=postgres://autentika_app:" in script
    assert "DATABASE_URL=postgres://autentika_owner:" in script.split("owner.env")[0]

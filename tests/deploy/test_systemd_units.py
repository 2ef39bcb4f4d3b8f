"""The systemd units of deploy/systemd/: systemd's own `systemd-analyze verify` accepts them,
and they say what docs/DEPLOY.md promises (the service user, the environment file, the
confinement, restarts, the daily maintenance with real commands and arguments)."""

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
INSTALLED_CODE = "/opt/autentika"
SERVICES = ("autentika-web.service", "autentika-worker.service", "autentika-maintenance.service")


def unit(name: str) -> configparser.RawConfigParser:
    """A unit's sections and keys; a key given several times (ExecStart) keeps every value."""
    parser = configparser.RawConfigParser(strict=False, dict_type=_MultiDict, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read_string((UNITS / name).read_text())
    return parser


class _MultiDict(dict):
    def __setitem__(self, key: str, value: object) -> None:
        if isinstance(value, list) and key in self:
            self[key].extend(value)
        else:
            super().__setitem__(key, value)


def values(name: str, section: str, key: str) -> list[str]:
    return unit(name)[section][key].split("\n")


NO_SYSTEMD_ANALYZE = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze absent"
)


def rendered_units(tmp_path: Path) -> Path:
    """The units with the code's folder at a temporary one holding this checkout's Python and
    gunicorn (systemd-analyze checks that each command exists)."""
    code = tmp_path / "opt-autentika"
    bin_dir = code / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)
    (bin_dir / "gunicorn").symlink_to(Path(sys.executable).with_name("gunicorn"))
    rendered = tmp_path / "units"
    rendered.mkdir()
    for path in UNITS.iterdir():
        (rendered / path.name).write_text(path.read_text().replace(INSTALLED_CODE, str(code)))
    return rendered


@NO_SYSTEMD_ANALYZE
def test_systemd_accepts_every_unit(tmp_path):
    """`systemd-analyze verify` (offline, no systemd running): every directive known and
    valid, every command present."""
    rendered = rendered_units(tmp_path)
    answer = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *sorted(map(str, rendered.iterdir()))],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert (answer.returncode, answer.stdout + answer.stderr) == (0, "")


def test_the_units_are_the_three_services_and_the_daily_timer():
    assert sorted(path.name for path in UNITS.iterdir()) == sorted(
        [*SERVICES, "autentika-maintenance.timer"]
    )


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_runs_as_the_service_user_with_the_environment_file_confined(name):
    service = unit(name)["Service"]
    assert (service["User"], service["Group"]) == ("autentika", "autentika")
    assert service["EnvironmentFile"] == "/etc/autentika/autentika.env"
    assert service["WorkingDirectory"] == INSTALLED_CODE
    assert service["ProtectSystem"] == "strict"
    assert "/var/lib/autentika" in service["ReadWritePaths"].split()
    for hardening in ("PrivateTmp", "NoNewPrivileges", "ProtectHome", "PrivateDevices"):
        assert service[hardening] == "yes", hardening
    assert service["CapabilityBoundingSet"] == ""
    assert service["UMask"] == "0027"  # nothing the app writes is readable by other users


def test_the_web_server_is_gunicorn_with_the_deployment_configuration():
    service = unit("autentika-web.service")["Service"]
    assert shlex.split(service["ExecStart"]) == [
        f"{INSTALLED_CODE}/.venv/bin/gunicorn",
        "--config",
        f"{INSTALLED_CODE}/deploy/gunicorn.conf.py",
    ]
    assert service["Restart"] == "on-failure"


def test_the_web_and_the_worker_share_the_metrics_folder_across_restarts():
    """A letter is counted in the worker that signs it and answered by gunicorn's /metrics:
    both write into one multi-process folder that neither one's restart removes."""
    for name in ("autentika-web.service", "autentika-worker.service"):
        service = unit(name)["Service"]
        assert service["Environment"] == "PROMETHEUS_MULTIPROC_DIR=/run/autentika-metrics"
        assert service["RuntimeDirectory"] == "autentika-metrics"
        assert service["RuntimeDirectoryPreserve"] == "yes"


def test_the_worker_runs_every_queue_and_comes_back_after_a_failure():
    service = unit("autentika-worker.service")["Service"]
    command = shlex.split(service["ExecStart"])
    assert command[:3] == [f"{INSTALLED_CODE}/.venv/bin/python", "manage.py", "db_worker"]
    assert command[3:] == ["--queue-name", "*"]
    assert service["Restart"] == "on-failure"


def _maintenance_commands() -> list[list[str]]:
    """Each manage.py command the maintenance runs, with its arguments (the backup's shell line
    gives two)."""
    commands = []
    for line in values("autentika-maintenance.service", "Service", "ExecStart"):
        words = shlex.split(line)
        if words[0] == "/bin/sh":
            for part in words[2].split("&&"):
                part_words = shlex.split(part)
                if part_words[1:2] == ["manage.py"]:
                    commands.append(part_words[2:])
        else:
            assert words[1] == "manage.py", line
            commands.append(words[2:])
    return commands


def test_the_daily_maintenance_runs_the_operations_commands_in_order():
    """docs/OPERATIONS.md's daily jobs: the KIP reminders and the sweep first (they need no
    outside service), the audit checkpoint before the backup, the backup checked, then the
    archive timestamps."""
    assert [command[0] for command in _maintenance_commands()] == [
        "kip_reminders",
        "files_sweep",
        "audit_checkpoint",
        "backup",
        "restore",
        "letters_maintain",
    ]
    service = unit("autentika-maintenance.service")["Service"]
    assert service["Type"] == "oneshot"
    assert "/var/backups/autentika" in service["ReadWritePaths"].split()


def test_every_maintenance_command_exists_and_takes_its_arguments():
    commands = get_commands()
    for name, *arguments in _maintenance_commands():
        parser = load_command_class(commands[name], name).create_parser("manage.py", name)
        options = parser.parse_args([arg.replace("$$dir", "/var/backups/x") for arg in arguments])
        if name == "files_sweep":
            assert options.delete is True  # orphans are removed, not only listed
        if name == "restore":
            assert options.check is True  # the fresh backup is checked, nothing restored


def test_the_timer_starts_the_maintenance_daily_and_catches_up_after_downtime():
    timer = unit("autentika-maintenance.timer")
    assert timer["Timer"]["OnCalendar"].startswith("*-*-* ")
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"


@NO_SYSTEMD_ANALYZE
@pytest.mark.parametrize("name", SERVICES)
def test_each_service_s_exposure_is_rated_ok_by_systemd(name, tmp_path):
    """`systemd-analyze security` rates what a compromised service could still do, from 0 (fully
    confined) to 10; under 4 is its "OK"."""
    service = rendered_units(tmp_path) / name
    answer = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", "--threshold=40", "--no-pager", service],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert answer.returncode == 0, answer.stdout[-300:]

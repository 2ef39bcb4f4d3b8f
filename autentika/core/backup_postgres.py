"""Backup and restore on PostgreSQL (core/backup.py): `pg_dump --format=custom` and
`pg_restore`, run as the owner with the server's own client programs."""

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from autentika.core.backup import BackupError


def _postgres_command(program: str, settings_dict: dict[str, Any]) -> tuple[list[str], dict]:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} tidak ditemukan; pasang paket postgresql-client (versi server yang sama)."
        )
    arguments = [executable, "--no-owner", "--no-privileges"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            arguments += [flag, str(settings_dict[key])]
    environment = {**os.environ}
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return arguments, environment


def _postgres_run(arguments: list[str], environment: dict) -> None:
    result = subprocess.run(arguments, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        program = Path(arguments[0]).name
        raise BackupError(f"{program} gagal (kode {result.returncode}): {result.stderr.strip()}")


def postgres_dump(settings_dict: dict[str, Any], target: Path) -> None:
    arguments, environment = _postgres_command("pg_dump", settings_dict)
    arguments += ["--format=custom", f"--file={target}", str(settings_dict["NAME"])]
    _postgres_run(arguments, environment)


def postgres_load(settings_dict: dict[str, Any], source_file: Path) -> None:
    # --clean --if-exists: a database that `migrate` prepared (tables, no data) is accepted too.
    arguments, environment = _postgres_command("pg_restore", settings_dict)
    arguments += [
        "--clean",
        "--if-exists",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={settings_dict['NAME']}",
        str(source_file),
    ]
    _postgres_run(arguments, environment)

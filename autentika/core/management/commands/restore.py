"""`manage.py restore DIR`: check a backup's manifest, then restore it into an empty database
and the files folder (docs/OPERATIONS.md). `--check` only checks the manifest (its TSA
timestamp first, then its signature, then every file)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.core.backup import BackupError, backup_check, backup_restore, manifest_time


class Command(BaseCommand):
    help = "Pulihkan cadangan dari DIR ke basis data kosong; --check hanya memeriksa MANIFEST.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--check", action="store_true", help="hanya periksa isi cadangan, tanpa memulihkan"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        try:
            if options["check"]:
                manifest = backup_check(directory=directory)
                self.stdout.write(
                    f"Cadangan utuh: {len(manifest['files'])} berkas cocok dengan MANIFEST.json; "
                    f"stempel waktu TSA {manifest_time(manifest).isoformat(timespec='seconds')}."
                )
                return
            manifest = backup_restore(directory=directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Pemulihan selesai: {len(manifest['files'])} berkas dari cadangan "
            f"{manifest['created_at']}. Jalankan `manage.py migrate` lalu `manage.py verify_audit`."
        )

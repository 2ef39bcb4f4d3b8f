"""`manage.py backup DIR`: the database, every stored file and MANIFEST.json
(docs/OPERATIONS.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Cadangkan basis data, semua berkas tersimpan (termasuk kunci) dan MANIFEST.json ke DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="folder baru atau kosong")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(directory=options["directory"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Cadangan selesai: {result.files} berkas, {result.size} bita di {result.directory}."
        )

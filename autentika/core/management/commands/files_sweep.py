"""`manage.py files_sweep`: stored files that no row names (left by a process killed between
writing a file and committing its row). Lists them; `--delete` removes them, and the scans
kept for a refused form past their hour (core/kept_uploads.py)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from autentika.core.kept_uploads import kept_sweep
from autentika.core.stored_files import unreferenced_files


class Command(BaseCommand):
    help = "Daftar berkas tersimpan yang tidak dirujuk data mana pun; --delete menghapusnya."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--delete", action="store_true", help="hapus berkas yatim")
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=60,
            help="hanya berkas yang lebih tua dari ini (transaksi yang masih berjalan aman)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - dt.timedelta(minutes=options["older_than_minutes"])
        orphans = unreferenced_files(older_than=cutoff)
        for storage, name in orphans:
            if options["delete"]:
                storage.delete(name)
            self.stdout.write(("dihapus: " if options["delete"] else "yatim: ") + name)
        self.stdout.write(f"{len(orphans)} berkas yatim.")
        if options["delete"]:
            self.stdout.write(f"{kept_sweep()} berkas sementara kedaluwarsa dihapus.")

"""`manage.py db_roles`: the PostgreSQL login role the application connects as (it owns
nothing). Run it as the owner of the tables, after `migrate` (core/db_roles.py)."""

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from autentika.core.db_roles import DEFAULT_APP_ROLE, app_role_ensure


class Command(BaseCommand):
    help = (
        "Buat atau perbarui peran PostgreSQL aplikasi (tidak memiliki tabel apa pun): hanya "
        "SELECT/INSERT/UPDATE/DELETE, jejak audit hanya SELECT/INSERT. Jalankan sebagai pemilik "
        "tabel, setelah migrate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--role", default=DEFAULT_APP_ROLE, help="nama peran aplikasi")
        parser.add_argument(
            "--password-env",
            default="AUTENTIKA_APP_DB_PASSWORD",
            help="variabel lingkungan berisi kata sandi peran (tidak diubah bila kosong)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("db_roles hanya untuk PostgreSQL (DATABASE_URL=postgres://...).")
        name = options["password_env"]
        password = (
            settings.AUTENTIKA_APP_DB_PASSWORD
            if name == "AUTENTIKA_APP_DB_PASSWORD"
            else os.environ.get(name, "")
        ) or None
        try:
            with transaction.atomic():
                statements = app_role_ensure(role=options["role"], password=password)
        except ValueError as error:
            raise CommandError(str(error)) from error
        for statement in statements:
            self.stdout.write(statement + ";")
        self.stdout.write(
            f"Peran {options['role']} siap. Jalankan aplikasi dan db_worker dengan "
            f"DATABASE_URL=postgres://{options['role']}:…@host/basis-data; migrate dan "
            "db_roles tetap dengan pemilik tabel."
        )

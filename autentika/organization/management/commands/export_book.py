import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.core.periods import Period
from autentika.core.registry import books
from autentika.organization.selectors import office_get


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Tanggal tidak sah: '{value}' (gunakan YYYY-MM-DD).") from error


class Command(BaseCommand):
    # Read-only: no system checks (they import the URL configuration and run every app's
    # checks, most of the command's start-up); the server's start and `manage.py check` run them.
    requires_system_checks: list[str] = []
    help = "Export an office book (e.g. the register) for a year or a period, as PDF or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("book", help=f"one of: {', '.join(sorted(books())) or '-'}")
        parser.add_argument("--office", required=True)
        parser.add_argument("--year", type=int)
        parser.add_argument("--from", dest="date_from")
        parser.add_argument("--to", dest="date_to")
        parser.add_argument("--format", choices=["pdf", "xlsx"], required=True)
        parser.add_argument("--out", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        exporters = books().get(options["book"])
        if exporters is None:
            raise CommandError(
                f"Buku tidak dikenal: '{options['book']}'. Yang ada: {', '.join(sorted(books()))}."
            )
        try:
            office = office_get(code=options["office"])
            period = self._period(options)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        content = exporters[options["format"]](office=office, period=period)
        Path(options["out"]).write_bytes(content)
        self.stdout.write(
            f"{options['book']} {period.label}: {options['out']} ({len(content)} bita)"
        )

    def _period(self, options: dict[str, Any]) -> Period:
        if options["date_from"] or options["date_to"]:
            if options["year"]:
                raise CommandError("Pilih --year atau --from/--to, tidak keduanya.")
            if not (options["date_from"] and options["date_to"]):
                raise CommandError("--from dan --to harus diisi keduanya.")
            return Period.between(_date(options["date_from"]), _date(options["date_to"]))
        if not options["year"]:
            raise CommandError("Sebutkan --year YYYY atau --from DATE --to DATE.")
        return Period.year(options["year"])

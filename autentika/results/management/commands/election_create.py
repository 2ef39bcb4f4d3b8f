from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.organization.models import Office
from autentika.results.election_services import election_create
from autentika.results.management.lookups import user_named
from autentika.results.models import Legislature


class Command(BaseCommand):
    help = "Catat pemilu baru pada sebuah kantor (arsip hasil)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", required=True, help="kode kantor, mis. kpu-sumut")
        parser.add_argument("--code", required=True, help="kode pemilu, mis. dprd-sumut-2024")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--legislature", required=True, choices=Legislature.values)
        parser.add_argument("--name", default="", help="nama pemilu (bawaan: dari lembaga+tahun)")
        parser.add_argument("--threshold", default=None, help="ambang batas parlemen, persen")
        parser.add_argument("--user", required=True, help="pengguna pengelola arsip hasil")

    def handle(self, *args: Any, **options: Any) -> None:
        office = Office.objects.filter(code=options["office"]).first()
        if office is None:
            raise CommandError(f"Kantor “{options['office']}” tidak ditemukan.")
        actor = user_named(options["user"])
        threshold = None
        if options["threshold"] is not None:
            try:
                threshold = Decimal(options["threshold"])
            except InvalidOperation:
                raise CommandError("--threshold harus angka, mis. 4") from None
        try:
            election = election_create(
                office=office,
                code=options["code"],
                year=options["year"],
                legislature=options["legislature"],
                name=options["name"],
                threshold_percent=threshold,
                actor=actor,
            )
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Pemilu dicatat: {election.name} ({office.code}/{election.code})")

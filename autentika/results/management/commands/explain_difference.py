import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.results.explanations import (
    explanation_state_label,
    figure_explanation_record,
)
from autentika.results.management.lookups import election_named, user_named
from autentika.results.models import CertifiedFigure, Figure, SettlingDocument
from autentika.results.selectors import election_current_version


class Command(BaseCommand):
    help = (
        "Catat penjelasan selisih antara jumlah per dapil dan total yang tercetak dalam "
        "keputusan, untuk satu partai pada versi hasil terkini (diaudit). Tanpa penjelasan, "
        "surat yang memuat angka partai itu tidak dapat ditandatangani. Penjelasan yang "
        "menyatakan total di atas total keputusan menunggu konfirmasi orang kedua "
        "(confirm_explanation)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", required=True)
        parser.add_argument("--election", required=True, help="kode pemilu")
        parser.add_argument("--party", required=True, type=int, help="nomor urut partai")
        parser.add_argument("--figure", required=True, choices=Figure.values)
        parser.add_argument("--certify", required=True, choices=CertifiedFigure.values)
        parser.add_argument("--document", required=True, choices=SettlingDocument.values)
        parser.add_argument("--document-number", required=True, help="nomor dokumen penentu")
        parser.add_argument(
            "--document-date", required=True, help="tanggal dokumen penentu (YYYY-MM-DD)"
        )
        parser.add_argument(
            "--explanation", required=True, help="penjelasan dengan kata-kata, tanpa angka"
        )
        parser.add_argument("--user", required=True, help="pengguna pengelola arsip hasil")

    def handle(self, *args: Any, **options: Any) -> None:
        election = election_named(office=options["office"], code=options["election"])
        version = election_current_version(election=election)
        party = election.parties.filter(number=options["party"]).first()
        if version is None or party is None:
            raise CommandError("Pemilu itu belum punya hasil, atau nomor partai tidak dikenal.")
        actor = user_named(options["user"])
        try:
            document_date = dt.date.fromisoformat(options["document_date"])
        except ValueError as error:
            raise CommandError("Tanggal dokumen penentu ditulis TTTT-BB-HH.") from error
        try:
            item = figure_explanation_record(
                version=version,
                party=party,
                figure=options["figure"],
                certified=options["certify"],
                document_kind=options["document"],
                document_number=options["document_number"],
                document_date=document_date,
                explanation=options["explanation"],
                actor=actor,
            )
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError("; ".join(messages)) from error
        self.stdout.write(
            f"Dicatat: {item} (versi {version.number}); keadaan: {explanation_state_label(item)}."
        )

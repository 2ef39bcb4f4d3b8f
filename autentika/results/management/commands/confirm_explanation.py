from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.results.explanations import figure_explanation_confirm
from autentika.results.management.lookups import election_named, user_named
from autentika.results.models import Figure, FigureExplanation
from autentika.results.selectors import election_current_version


class Command(BaseCommand):
    help = (
        "Konfirmasi penjelasan selisih yang menyatakan total di atas total keputusan (empat "
        "mata): oleh pemegang jabatan penandatangan yang bukan pencatatnya (diaudit)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", required=True)
        parser.add_argument("--election", required=True, help="kode pemilu")
        parser.add_argument("--party", required=True, type=int, help="nomor urut partai")
        parser.add_argument("--figure", required=True, choices=Figure.values)
        parser.add_argument("--user", required=True, help="pengguna yang mengonfirmasi")

    def handle(self, *args: Any, **options: Any) -> None:
        election = election_named(office=options["office"], code=options["election"])
        version = election_current_version(election=election)
        explanation = FigureExplanation.objects.filter(
            version=version, party__number=options["party"], figure=options["figure"]
        ).first()
        if version is None or explanation is None:
            raise CommandError("Tidak ada penjelasan selisih itu pada versi hasil terkini.")
        actor = user_named(options["user"])
        try:
            item = figure_explanation_confirm(explanation=explanation, actor=actor)
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError("; ".join(messages)) from error
        self.stdout.write(f"Dikonfirmasi: {item} (versi {version.number}).")

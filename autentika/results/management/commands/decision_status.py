from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.results.decision_status import decision_status_change
from autentika.results.management.lookups import election_named, user_named
from autentika.results.models import DecisionStatus


class Command(BaseCommand):
    help = (
        "Ubah status keputusan penetapan hasil dari sementara menjadi resmi (diaudit). "
        "Keputusan contoh (sampel) tidak pernah menjadi resmi: hasil resmi masuk melalui impor "
        "baru dengan keputusan resmi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", required=True)
        parser.add_argument("--election", required=True, help="kode pemilu")
        parser.add_argument("--decision", required=True, help="nomor keputusan")
        parser.add_argument("--status", required=True, choices=DecisionStatus.values)
        parser.add_argument("--reason", required=True, help="alasan, mis. dasar penetapannya")
        parser.add_argument("--user", required=True, help="pengguna pengelola arsip hasil")

    def handle(self, *args: Any, **options: Any) -> None:
        election = election_named(office=options["office"], code=options["election"])
        decision = election.decisions.filter(number=options["decision"]).first()
        if decision is None:
            raise CommandError(f"Keputusan Nomor {options['decision']} tidak ditemukan.")
        actor = user_named(options["user"])
        try:
            decision = decision_status_change(
                decision=decision, actor=actor, status=options["status"], reason=options["reason"]
            )
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError("; ".join(messages)) from error
        self.stdout.write(f"{decision}: status kini {decision.get_status_display()}.")

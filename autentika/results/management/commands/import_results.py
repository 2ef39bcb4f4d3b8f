import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from autentika.results.election_services import decision_create
from autentika.results.import_types import ResultsFileInvalid
from autentika.results.management.lookups import user_named
from autentika.results.models import Decision, DecisionStatus, Election
from autentika.results.services import results_import


class Command(BaseCommand):
    help = (
        "Impor berkas hasil (CSV atau XLSX sesuai templat) sebagai versi baru hasil pemilu. "
        "Keputusan: --decision-number saja memakai keputusan yang sudah dicatat dengan nomor "
        "itu; bila belum ada, --decision-date dan --decision-title wajib dan keputusan dicatat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--office", required=True)
        parser.add_argument("--election", required=True)
        parser.add_argument("--decision-number", default="")
        parser.add_argument("--decision-date", default="", help="YYYY-MM-DD")
        parser.add_argument("--decision-title", default="")
        parser.add_argument(
            "--decision-status",
            default="",
            choices=DecisionStatus.values,
            help="status keputusan baru (bawaan: official); tidak mengubah keputusan yang ada",
        )
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--user", required=True, help="pengguna pengelola arsip hasil")

    def handle(self, *args: Any, **options: Any) -> None:
        election = (
            Election.objects.filter(office__code=options["office"], code=options["election"])
            .select_related("office")
            .first()
        )
        if election is None:
            raise CommandError(
                f"Pemilu “{options['election']}” di kantor “{options['office']}” tidak ditemukan."
            )
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        content = path.read_bytes()
        actor = user_named(options["user"])
        dry_run = options["dry_run"]
        try:
            with transaction.atomic():
                decision = self._decision(election, options, actor)
                report = results_import(
                    election=election,
                    decision=decision,
                    file_name=path.name,
                    content=content,
                    actor=actor,
                    dry_run=dry_run,
                )
                if dry_run:
                    transaction.set_rollback(True)
        except ResultsFileInvalid as error:
            for issue in error.issues:
                self.stderr.write(issue.message)
            raise CommandError(
                f"Berkas ditolak: {len(error.issues)} masalah; tidak ada yang disimpan."
            ) from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        prefix = "[uji coba, tidak disimpan] " if dry_run else ""
        self.stdout.write(prefix + report.summary())

    def _decision(self, election: Election, options: dict[str, Any], actor: Any) -> Any:
        number = options["decision_number"].strip()
        decisions = election.decisions.order_by("-date", "-id")
        if not number:
            decision = decisions.first()
            if decision is None:
                raise CommandError(
                    "Pemilu ini belum punya keputusan: beri --decision-number, "
                    "--decision-date dan --decision-title."
                )
            return self._status_kept(decision, options["decision_status"])
        existing = decisions.filter(number=number).first()
        if existing is not None:
            return self._status_kept(existing, options["decision_status"])
        if not options["decision_date"] or not options["decision_title"]:
            raise CommandError(
                f"Keputusan Nomor {number} belum dicatat: beri juga --decision-date dan "
                "--decision-title."
            )
        try:
            date = dt.date.fromisoformat(options["decision_date"])
        except ValueError:
            raise CommandError("--decision-date harus berbentuk YYYY-MM-DD.") from None
        return decision_create(
            election=election,
            number=number,
            date=date,
            title=options["decision_title"],
            status=options["decision_status"] or DecisionStatus.OFFICIAL,
            actor=actor,
        )

    def _status_kept(self, decision: Decision, status: str) -> Decision:
        """Figures imported under a recorded decision take its status; an import never
        changes it (sample figures never become official by a new file under their decision)."""
        if status and status != decision.status:
            raise CommandError(
                f"Keputusan Nomor {decision.number} sudah dicatat berstatus "
                f"{decision.get_status_display().lower()}; impor tidak mengubah status keputusan. "
                "Hasil resmi diimpor di bawah keputusan resmi yang baru (beri nomor, tanggal dan "
                "judulnya); keputusan sementara dinyatakan resmi dengan manage.py decision_status."
            )
        return decision

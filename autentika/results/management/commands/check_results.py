import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.results.checks import election_check
from autentika.results.models import Election
from autentika.results.selectors import election_current_version


class Command(BaseCommand):
    # Read-only: no system checks (they import the URL configuration and run every app's
    # checks, most of the command's start-up); the server's start and `manage.py check` run them.
    requires_system_checks: list[str] = []
    help = (
        "Periksa hasil pemilu (kursi per dapil, hitung ulang Sainte-Laguë, total partai, DPT). "
        "Status keluar 0 bila semua sesuai, 1 bila ada temuan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--election", default="", help="kode pemilu (bawaan: semua)")
        parser.add_argument("--office", default="", help="kode kantor (bawaan: semua)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        elections = Election.objects.select_related("office").order_by("office__code", "code")
        if options["office"]:
            elections = elections.filter(office__code=options["office"])
        if options["election"]:
            elections = elections.filter(code=options["election"])
            if not elections.exists():
                raise CommandError(f"Pemilu “{options['election']}” tidak ditemukan.")
        report: list[dict[str, Any]] = []
        for election in elections:
            version = election_current_version(election=election)
            findings = election_check(election=election, version=version)
            report.append(
                {
                    "office": election.office.code,
                    "code": election.code,
                    "name": election.name,
                    "version": version.number if version else None,
                    "decision_status": version.decision.status if version else None,
                    "findings": [finding.as_dict() for finding in findings],
                }
            )
        count = sum(len(item["findings"]) for item in report)
        if options["json"]:
            self.stdout.write(json.dumps({"ok": count == 0, "elections": report}, indent=2))
        else:
            for item in report:
                status = "sesuai" if not item["findings"] else f"{len(item['findings'])} temuan"
                self.stdout.write(f"{item['office']}/{item['code']} ({item['name']}): {status}")
                for finding in item["findings"]:
                    self.stdout.write(f"  - {finding['message']}")
        if count:
            raise CommandError(f"{count} temuan.", returncode=1)

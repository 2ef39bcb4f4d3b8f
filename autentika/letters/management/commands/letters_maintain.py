import datetime as dt
import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from autentika.letters.archive import RENEW_MARGIN, letters_maintain


class Command(BaseCommand):
    help = (
        "Keep issued letters verifiable: extend the archive timestamp chain (PAdES B-LTA) of "
        "letters whose last timestamp certificate expires soon, and record signer certificates "
        "revoked after signing. Run daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--renew-days",
            type=int,
            default=RENEW_MARGIN.days,
            help="renew when the last timestamp certificate expires within this many days",
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="run it in the background task queue instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            from autentika.letters.tasks import letters_maintain as task

            result = task.enqueue()
            self.stdout.write(f"Dijadwalkan: {result.id}")
            return
        summary = letters_maintain(renew_margin=dt.timedelta(days=options["renew_days"]))
        self.stdout.write(json.dumps(asdict(summary), ensure_ascii=False, indent=2))

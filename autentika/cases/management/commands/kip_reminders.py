from typing import Any

from django.core.management.base import BaseCommand

from autentika.cases.kip_services import kip_reminders_record


class Command(BaseCommand):
    help = (
        "Remind the desk holding each unanswered request whose legal deadline (UU 14/2008 "
        "art. 22) is at most 2 working days away. Run daily (cron or a systemd timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = kip_reminders_record()
        self.stdout.write(f"Pengingat batas waktu dikirim untuk {count} permohonan.")

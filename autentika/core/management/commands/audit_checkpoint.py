"""`manage.py audit_checkpoint`: timestamp the audit chain's head with the TSA
(core/audit_checkpoint.py); run daily from cron and whenever wanted."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from autentika.core.audit_checkpoint import CheckpointError, audit_checkpoint_take


class Command(BaseCommand):
    help = "Beri stempel waktu TSA pada ujung rantai jejak audit (titik periksa)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checkpoint = audit_checkpoint_take(tsa_url=settings.AUTENTIKA_TSA_URL)
        except CheckpointError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Titik periksa #{checkpoint.pk}: urutan {checkpoint.sequence}, ujung rantai "
            f"{checkpoint.head_hash}, diberi stempel waktu oleh {checkpoint.tsa_url}."
        )

"""Tanda tangan massal from the command line: every draft awaiting the signer's signature in an
office, signed as one action with one worker process per core.

    manage.py letters_sign_bulk --office kpu-sumut --signer ketua [--workers N] [--list]

The password, the key's passphrase and (when a second factor is required) the authenticator
code are read from a prompt, or one per line from stdin when it is not a terminal; never from
the command line. They are checked as on the web: the password first, then the code, each
wrong one counted toward its lockout (`bulk_signing_command_line_check`). The batch is signed in
this process (a batch started on the web page is signed by the task worker, bulk/runs.py).
"""

import getpass
import sys
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.bulk.models import BulkSigning, BulkSigningItemState
from autentika.bulk.selectors import bulk_progress, drafts_awaiting_signature
from autentika.bulk.services import (
    bulk_signing_command_line_check,
    bulk_signing_run,
    bulk_signing_start,
)
from autentika.organization.models import Office
from autentika.organization.second_factor import second_factor_enabled


class Command(BaseCommand):
    help = "Tanda tangan massal: sign every draft awaiting the signer's signature in an office."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", help="office code, e.g. kpu-sumut")
        parser.add_argument("--signer", help="the signer's username (Ketua, or a Plt/Plh)")
        parser.add_argument("--workers", type=int, default=None, help="worker processes")
        parser.add_argument("--list", action="store_true", help="only list the drafts")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["office"] or not options["signer"]:
            raise CommandError("--office and --signer are required.")
        office = Office.objects.filter(code=options["office"]).first()
        if office is None:
            raise CommandError(f"Kantor {options['office']} tidak ditemukan.")
        signer = get_user_model().objects.filter(username=options["signer"]).first()
        if signer is None:
            raise CommandError(f"Pengguna {options['signer']} tidak ditemukan.")
        drafts = list(drafts_awaiting_signature(user=signer, office=office))
        for draft in drafts:
            self.stdout.write(f"agenda {draft.case.agenda_label}  {draft.case.sender}")
        self.stdout.write(f"{len(drafts)} konsep menunggu tanda tangan {signer.get_username()}.")
        if options["list"] or not drafts:
            return
        password = self._secret("Kata sandi akun: ")
        passphrase = self._secret("Frasa sandi sertifikat: ")
        code = ""
        if settings.AUTENTIKA_OTP_REQUIRED or second_factor_enabled(signer):
            code = self._secret("Kode verifikasi dua langkah: ")
        try:
            bulk_signing_command_line_check(
                office=office, actor=signer, drafts=len(drafts), password=password, code=code
            )
            batch = bulk_signing_start(
                office=office,
                actor=signer,
                draft_ids=[draft.pk for draft in drafts],
                password=password,
                passphrase=passphrase,
                workers=options["workers"],
            )
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        self.stdout.write(
            f"{len(drafts)} surat akan diberi nomor dan ditandatangani dengan "
            f"{batch.workers} proses."
        )
        batch = bulk_signing_run(batch=batch, password=password, passphrase=passphrase)
        self._report(batch)
        if bulk_progress(batch=batch).signed < len(drafts):
            raise CommandError("Tidak semua surat ditandatangani; lihat alasan di atas.")

    def _secret(self, prompt: str) -> str:
        if sys.stdin.isatty():
            return getpass.getpass(prompt)
        return sys.stdin.readline().rstrip("\n")

    def _report(self, batch: BulkSigning) -> None:
        for item in batch.items.select_related("draft__case", "letter").order_by("order"):
            if item.state == BulkSigningItemState.SIGNED and item.letter:
                self.stdout.write(
                    f"agenda {item.draft.case.agenda_label}: Nomor {item.letter.number}"
                )
            else:
                self.stdout.write(
                    f"agenda {item.draft.case.agenda_label}: {item.get_state_display()}: "
                    f"{item.error}"
                )
        counts = bulk_progress(batch=batch)
        self.stdout.write(
            f"Selesai: {counts.signed} ditandatangani, {counts.failed} gagal, "
            f"{counts.skipped} tidak diproses."
        )

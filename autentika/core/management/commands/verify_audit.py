"""`manage.py verify_audit`: walk the keyed audit hash chain (links, keyed hashes, time order),
then every TSA checkpoint (its token, and the event it names still there with that hash); exit
1 naming the first fault."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from autentika.core.audit_chain import audit_chain_verify
from autentika.core.integrity import AUDIT_CHAIN, integrity_key_id


class Command(BaseCommand):
    # Read-only: no system checks (they import the URL configuration and run every app's
    # checks, most of the command's start-up); the server's start and `manage.py check` run them.
    requires_system_checks: list[str] = []
    help = (
        "Periksa rantai hash berkunci jejak audit (taut, hash, urutan waktu); keluar dengan kode 1 "
        "pada kesalahan pertama."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        checked, problem = audit_chain_verify()
        if problem is not None:
            raise CommandError(f"Jejak audit RUSAK ({problem.kind}): {problem.message}")
        from autentika.core.audit_checkpoint import checkpoint_problems
        from autentika.core.models import AuditCheckpoint

        if problems := checkpoint_problems():
            raise CommandError(f"Jejak audit RUSAK (checkpoint): {problems[0]}")
        from autentika.core.models import AuditChainHead

        head = AuditChainHead.objects.filter(pk=1).first()
        tip = head.hash if head else "-"
        self.stdout.write(
            f"Jejak audit utuh: {checked} peristiwa; ujung rantai {tip}; "
            f"kunci rantai {integrity_key_id(purpose=AUDIT_CHAIN)}; "
            f"{AuditCheckpoint.objects.count()} titik periksa bertanda waktu TSA sah."
        )

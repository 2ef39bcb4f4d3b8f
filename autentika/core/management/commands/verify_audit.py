"""`manage.py verify_audit`: walk the audit hash chain; exit 1 naming the first broken event."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from autentika.core.audit_chain import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Periksa rantai hash jejak audit; keluar dengan kode 1 pada peristiwa pertama yang rusak."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        checked, problem = audit_chain_verify()
        if problem is not None:
            raise CommandError(f"Jejak audit RUSAK ({problem.kind}): {problem.message}")
        from autentika.core.models import AuditChainHead

        head = AuditChainHead.objects.filter(pk=1).first()
        tip = head.hash if head else "-"
        self.stdout.write(f"Jejak audit utuh: {checked} peristiwa; ujung rantai {tip}.")

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _audit_guard(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """After migrate and after flush (which empties the database): the chain's head exists and
    SQLite refuses UPDATE and DELETE on the audit log."""
    from autentika.core.audit_chain import GENESIS, sqlite_triggers_install
    from autentika.core.models import AuditChainHead

    AuditChainHead.objects.using(using).get_or_create(pk=1, defaults={"hash": GENESIS})
    sqlite_triggers_install(using)


class CoreConfig(AppConfig):
    name = "autentika.core"
    label = "core"
    verbose_name = "Inti"

    def ready(self) -> None:
        post_migrate.connect(_audit_guard, sender=self)
        from autentika.core.text_hygiene import text_hygiene_install

        text_hygiene_install()

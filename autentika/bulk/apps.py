from typing import Any

from django.apps import AppConfig


class BulkConfig(AppConfig):
    """Tanda tangan massal. Its models keep `app_label = "letters"` (their tables and
    migrations are the letters app's); this app brings the pages, the command and the menu."""

    name = "autentika.bulk"
    label = "bulk"
    verbose_name = "Tanda tangan massal"

    def ready(self) -> None:
        from autentika.core.permissions import Action
        from autentika.core.registry import NavItem, register_nav_item, register_signing_queuer

        register_nav_item(
            NavItem("Tanda tangan massal", "bulk:list", Action.LETTER_SIGN_BULK, order=21)
        )
        register_signing_queuer(_single_signing_queue)


def _single_signing_queue(*, request: Any, draft: Any, password: str, passphrase: str) -> Any:
    """`bulk/single.py: single_signing_queue`, imported at the first signing: it brings the
    whole signing path (pyHanko's signers, WeasyPrint), which a process that never signs (a
    command that verifies) should not load at start-up."""
    from autentika.bulk.single import single_signing_queue

    return single_signing_queue(
        request=request, draft=draft, password=password, passphrase=passphrase
    )

from typing import Any

from django.apps import AppConfig


def _kept_pages_forget(event: Any) -> None:
    # Imported at the first event: the page cache reads letters through the signature checks
    # (pyHanko, aiohttp), which a process that never verifies need not import at its start.
    from autentika.verification.page_cache import pages_forget_on_audit_event

    pages_forget_on_audit_event(event)


class VerificationConfig(AppConfig):
    name = "autentika.verification"
    label = "verification"
    verbose_name = "Verifikasi publik"

    def ready(self) -> None:
        from autentika.core.permissions import Action
        from autentika.core.registry import NavItem, register_nav_item

        register_nav_item(
            NavItem("Pencabutan Surat", "verification:manage", Action.LETTER_REVOKE, order=70)
        )
        from autentika.core.registry import ListenerWhen, register_audit_listener

        register_audit_listener(
            "verification.kept_pages", _kept_pages_forget, when=ListenerWhen.COMMIT
        )

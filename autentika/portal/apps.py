from typing import Any

from django.apps import AppConfig

from autentika.core.registry import Counter


def party_landing(user: object) -> str | None:
    """Party users start at their portal, not at the staff home page."""
    from django.urls import reverse

    from autentika.portal.selectors import account_of

    return reverse("portal:home") if account_of(user) is not None else None


def queue_counters(user: Any, office: Any) -> list[Counter]:
    """Tata Usaha's home counts the online requests waiting to be recorded, as the bell does."""
    from django.urls import reverse

    from autentika.core.permissions import Action
    from autentika.organization.access import user_may
    from autentika.portal.selectors import pending_submissions

    if office is None or not user_may(user, Action.PORTAL_MANAGE, office=office):
        return []
    waiting = pending_submissions(office=office).count()
    return [
        Counter("Permohonan daring menunggu dicatat", waiting, reverse("portal:queue"), "warning")
    ]


class PortalConfig(AppConfig):
    name = "autentika.portal"
    label = "portal"
    verbose_name = "Portal partai"

    def ready(self) -> None:
        from autentika.core.permissions import Action
        from autentika.core.registry import (
            NavItem,
            register_counter_provider,
            register_landing,
            register_nav_item,
        )

        register_nav_item(NavItem("Portal Partai", "portal:home", Action.PORTAL_USE, order=5))
        register_nav_item(
            NavItem("Permohonan Daring", "portal:queue", Action.PORTAL_MANAGE, order=16)
        )
        register_nav_item(NavItem("Akun Partai", "portal:accounts", Action.PORTAL_MANAGE, order=80))
        register_landing(party_landing)
        register_counter_provider(queue_counters)
        from autentika.core.registry import ListenerWhen, register_audit_listener
        from autentika.portal.notices import notices_on_audit_event

        register_audit_listener("portal.notices", notices_on_audit_event, when=ListenerWhen.COMMIT)

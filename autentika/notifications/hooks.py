from typing import Any

from django.urls import reverse

from autentika.core.permissions import Action
from autentika.core.registry import (
    Counter,
    ListenerWhen,
    NavItem,
    register_audit_listener,
    register_nav_item,
)
from autentika.notifications.services import desk_on_audit_event, unread_count


def notification_counters(user: Any, office: Any) -> list[Counter]:
    return [
        Counter(
            "Notifikasi belum dibaca",
            unread_count(user=user),
            reverse("notifications:list"),
            "info",
        )
    ]


def register() -> None:
    # notices follow the step once it is committed: a rolled-back step tells nobody, a failing
    # notice never undoes the step
    register_audit_listener("notifications.desk", desk_on_audit_event, when=ListenerWhen.COMMIT)
    register_nav_item(NavItem("Notifikasi", "notifications:list", Action.VIEW_HOME, order=90))

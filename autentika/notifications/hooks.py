from typing import Any

from django.db.models.signals import post_save
from django.urls import reverse

from autentika.core.models import AuditEvent
from autentika.core.permissions import Action
from autentika.core.registry import Counter, NavItem, register_nav_item
from autentika.notifications.services import on_audit_event_saved, unread_count


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
    post_save.connect(
        on_audit_event_saved, sender=AuditEvent, dispatch_uid="notifications_from_audit"
    )
    register_nav_item(NavItem("Notifikasi", "notifications:list", Action.VIEW_HOME, order=90))

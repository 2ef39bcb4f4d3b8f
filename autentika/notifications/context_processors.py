from typing import Any

from django.http import HttpRequest

from autentika.notifications.services import unread_count


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """`unread_notifications` for the navigation badge."""
    return {"unread_notifications": unread_count(user=request.user)}

from typing import Any

from django.http import HttpRequest

from autentika.core.registry import nav_items
from autentika.organization.access import assignments_read_once, user_may


def navigation(request: HttpRequest) -> dict[str, Any]:
    office = getattr(request, "office", None)
    items = []
    if request.user.is_authenticated:
        # one moment, no write between the questions: the assignments are read once
        with assignments_read_once():
            items = [
                item for item in nav_items() if user_may(request.user, item.action, office=office)
            ]
    return {"nav_items": items, "current_office": office}

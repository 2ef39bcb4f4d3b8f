from typing import Any

from django.http import HttpRequest

from autentika.core.registry import nav_items
from autentika.organization.access import user_may


def navigation(request: HttpRequest) -> dict[str, Any]:
    office = getattr(request, "office", None)
    items = (
        [item for item in nav_items() if user_may(request.user, item.action, office=office)]
        if request.user.is_authenticated
        else []
    )
    return {"nav_items": items, "current_office": office}

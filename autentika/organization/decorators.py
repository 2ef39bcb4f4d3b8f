from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from autentika.core.permissions import PERMISSIONS, Action
from autentika.organization.access import user_may


def office_permission_required(action: Action) -> Callable[..., Any]:
    """Login, an office, and the table's rule for the action within that office."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            office = getattr(request, "office", None)
            if not office or not user_may(request.user, action, office=office):
                raise PermissionDenied(
                    f"Anda tidak berwenang: {PERMISSIONS[action].description.lower()}."
                )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

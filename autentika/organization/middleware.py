from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from autentika.organization.models import Office
from autentika.organization.selectors import user_offices

SESSION_OFFICE_KEY = "autentika_office_id"


class OfficeRequest(HttpRequest):
    """A request after `CurrentOfficeMiddleware`: `office` is the user's current office."""

    office: Any


def _current_office(request: HttpRequest) -> Office | None:
    offices = user_offices(user=request.user)
    chosen = request.session.get(SESSION_OFFICE_KEY)
    for office in offices:
        if office.pk == chosen:
            return office
    return offices[0] if offices else None


class CurrentOfficeMiddleware:
    """`request.office`: the office whose data this request sees. Every office-owned query is
    scoped by it, even while an installation serves one office."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        authenticated = user is not None and user.is_authenticated
        request.office = _current_office(request) if authenticated else None  # type: ignore[attr-defined]
        return self.get_response(request)

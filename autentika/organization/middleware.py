from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from autentika.organization.selectors import user_offices

SESSION_OFFICE_KEY = "autentika_office_id"


def _current_office(request: HttpRequest):  # type: ignore[no-untyped-def]
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
        request.office = SimpleLazyObject(lambda: _current_office(request))  # type: ignore[attr-defined]
        return self.get_response(request)

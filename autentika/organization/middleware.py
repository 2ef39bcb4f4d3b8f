from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from autentika.organization.access import assignments_read_once
from autentika.organization.models import Office
from autentika.organization.selectors import user_offices

SESSION_OFFICE_KEY = "autentika_office_id"
SAFE_METHODS = ("GET", "HEAD")


class OfficeRequest(HttpRequest):
    """A request after `CurrentOfficeMiddleware`: `office` is the user's current office;
    `htmx` from django-htmx's middleware (true for a request htmx sent)."""

    office: Any
    htmx: HtmxDetails


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


class AssignmentsReadOnceMiddleware:
    """A GET or HEAD request reads the user's assignments once: the second factor, the
    permission decorators, the workflow's steps and the menu ask them several times each."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        with assignments_read_once():
            return self.get_response(request)


class SecondFactorMiddleware:
    """Before any other page: a signed-in user with an authenticator app enters its code (or a
    recovery code); a user who must have one (organization/second_factor.py) and has none
    enrols. Logging out and static files stay open."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        from autentika.organization import second_factor

        user = request.user
        if not user.is_authenticated or second_factor.session_verified(user):
            return None
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        match = request.resolver_match
        name = match.url_name if match is not None else None
        if name == "logout":
            return None
        if second_factor.second_factor_enabled(user):
            target = "otp_verify"
        elif second_factor.second_factor_required(user):
            target = "otp_setup"
        else:
            return None
        if name == target:
            return None
        url = reverse(target)
        if request.method == "GET" and name != "home":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)

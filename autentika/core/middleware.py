"""Session and cache rules for signed-in users: an idle session ends, and nothing a signed-in
user sees (pages, PDFs, scans, books) is kept by the browser's or a proxy's cache."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

SESSION_SEEN_KEY = "autentika_last_seen"


def _idle_seconds() -> int:
    return int(settings.AUTENTIKA_SESSION_IDLE_MINUTES) * 60


class IdleTimeoutMiddleware:
    """Logs a user out after AUTENTIKA_SESSION_IDLE_MINUTES without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(SESSION_SEEN_KEY)
            if seen is not None and now - int(seen) > _idle_seconds():
                logout(request)
                messages.info(
                    request,
                    "Sesi Anda berakhir karena tidak ada aktivitas selama "
                    f"{settings.AUTENTIKA_SESSION_IDLE_MINUTES} menit; silakan masuk lagi.",
                )
                return redirect_to_login(request.get_full_path())
            if seen is None or now - int(seen) >= 60:  # one session write a minute at most
                request.session[SESSION_SEEN_KEY] = now
        return self.get_response(request)


class NoStoreForUsersMiddleware:
    """`Cache-Control: no-store` (and private, no-cache) on every response to a signed-in
    user, so a shared computer's cache or a proxy never keeps an office's documents."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response

"""Session and cache rules for signed-in users: an idle session ends, and nothing a signed-in
user sees (pages, PDFs, scans, books) is kept by the browser's or a proxy's cache."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.cache import add_never_cache_headers

from autentika.core.registry import expired_post_keepers

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
                user = request.user
                kept_at = _post_kept(request, user)
                logout(request)
                messages.info(
                    request,
                    "Sesi Anda berakhir karena tidak ada aktivitas selama "
                    f"{settings.AUTENTIKA_SESSION_IDLE_MINUTES} menit; silakan masuk lagi.",
                )
                if kept_at:
                    messages.warning(
                        request,
                        "Teks yang Anda kirim belum disimpan sebagai versi, tetapi disimpan "
                        "sementara untuk Anda; setelah masuk, pulihkan dari halaman konsep.",
                    )
                return redirect_to_login(kept_at or request.get_full_path())
            if seen is None or now - int(seen) >= 60:  # one session write a minute at most
                request.session[SESSION_SEEN_KEY] = now
        return self.get_response(request)


def _post_kept(request: HttpRequest, user: object) -> str | None:
    """A POST that arrives after the session ended is not dropped: a part that can keep it
    (the draft editor) does, for this user, when its CSRF token is valid (#28)."""
    if request.method != "POST":
        return None
    if CsrfViewMiddleware(lambda r: HttpResponse()).process_view(request, _view, (), {}):
        return None  # a forged or stale form: nothing kept
    for keeper in expired_post_keepers():
        if url := keeper(request, user):
            return url
    return None


def _view(request: HttpRequest) -> HttpResponse:  # the callback CSRF's check inspects
    return HttpResponse()


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

"""The read-only answer (#30): while the primary database is down and the replica answers,
every page that is not served by the replica answers 503 "layanan sementara hanya-baca" (JSON
under /api/), from `errors.server_error` wherever the outage was met (a view, or a middleware
loading the session).

Nothing typed is lost: a POST that could not be saved is given back on that page as a form of
the same fields, to the same address, with its CSRF token, so the user copies the text or sends
it again once the primary is back ("Kirim ulang"). Only a POST whose CSRF token is valid is given
back (another site cannot put its text on our page; the check needs the cookie only), and never
a password, passphrase or code. The page is rendered without context processors (no database)."""

from django.db import DEFAULT_DB_ALIAS
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.template import loader

from autentika.core.replica import REPLICA, database_answers, replica_configured

RETRY_AFTER_SECONDS = 60
MESSAGE = (
    "Layanan sementara hanya-baca: basis data utama sedang tidak dapat dihubungi; data belum "
    "tersimpan. Verifikasi surat tetap berjalan. Coba lagi beberapa saat lagi."
)
# fields never written back into a page
SECRET_WORDS = ("password", "passphrase", "sandi", "otp", "token")
CSRF_FIELD = "csrfmiddlewaretoken"


def primary_down() -> bool:
    """The primary does not answer and the replica does: the read-only state."""
    return (
        replica_configured()
        and not database_answers(DEFAULT_DB_ALIAS)
        and database_answers(REPLICA)
    )


def read_only_response(request: HttpRequest) -> HttpResponse | None:
    """The read-only answer when the primary is down (None otherwise)."""
    if not primary_down():
        return None
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": MESSAGE}, status=503)
    else:
        context = {"action": request.get_full_path(), **_posted(request)}
        page = loader.get_template("read_only.html").render(context)
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _posted(request: HttpRequest) -> dict[str, object]:
    if request.method != "POST" or not _csrf_valid(request):
        return {"fields": [], "files": []}
    fields = [
        (name, value, name == CSRF_FIELD or (len(value) < 60 and "\n" not in value))
        for name, values in request.POST.lists()
        if name == CSRF_FIELD or not any(word in name.lower() for word in SECRET_WORDS)
        for value in values
    ]
    files = [upload.name for uploads in request.FILES.lists() for upload in uploads[1]]
    return {"fields": fields, "files": files}


def _csrf_valid(request: HttpRequest) -> bool:
    check = CsrfViewMiddleware(lambda r: HttpResponse())
    return check.process_view(request, _view, (), {}) is None


def _view(request: HttpRequest) -> HttpResponse:  # the callback CSRF's check inspects
    return HttpResponse()

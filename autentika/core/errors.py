"""Error answers that need nothing that may be broken: the 500 and 503 pages are static
templates rendered without context processors (no database, no session, no user), and the
API (/api/) answers JSON instead of HTML.

A request Django refuses as malformed (handler400: a bad Host header, too many fields) answers
the static Indonesian 400 page, a body above DATA_UPLOAD_MAX_MEMORY_SIZE the 413 page, and an
address longer than MAX_URL_LENGTH the 414 page (`UrlLengthMiddleware`, first of all
middleware; docs/DECISIONS.md).

A database that cannot be reached (OperationalError, InterfaceError) or storage that is full
or read-only gives 503 "layanan sedang gangguan" with Retry-After, wherever it is raised: in a
view or in a middleware (sessions, authentication) before any view; "layanan sementara
hanya-baca" instead when only the primary is down and the read replica answers (read_only.py)."""

import errno
import logging
import sys
from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

from autentika.core.read_only import read_only_response

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 60
_STORAGE_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT}
# Characters of path and query string: browsers and proxies keep about 2,000 safely; no page
# of Autentika needs more (gunicorn refuses a request line above 4,094 bytes itself).
MAX_URL_LENGTH = 2048

MESSAGES = {
    400: "Permintaan tidak sah; tidak ada data yang tersimpan.",
    403: "Akses ditolak.",
    404: "Tidak ditemukan.",
    413: "Kiriman terlalu besar; tidak ada data yang tersimpan.",
    414: "Alamat terlalu panjang.",
    500: "Terjadi kesalahan pada server; coba lagi nanti.",
    503: "Layanan sedang gangguan; data belum tersimpan. Coba lagi beberapa saat lagi.",
}


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(status: int) -> JsonResponse:
    response = JsonResponse({"detail": MESSAGES[status]}, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def is_outage(error: BaseException | None) -> bool:
    if isinstance(error, OperationalError | InterfaceError):
        return True
    return isinstance(error, OSError) and error.errno in _STORAGE_ERRNOS


def _static_page(template: str, status: int) -> HttpResponse:
    response = HttpResponse(loader.get_template(template).render(), status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: 503 for an outage (the read-only page when only the primary database is
    down and the replica answers: read_only.py), 500 otherwise; JSON under /api/."""
    status = 503 if is_outage(sys.exc_info()[1]) else 500
    if status == 503 and (read_only := read_only_response(request)):
        return read_only
    if is_api(request):
        return json_error(status)
    return _static_page(f"{status}.html", status)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return json_error(404)
    return defaults.page_not_found(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return json_error(403)
    return defaults.permission_denied(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a malformed request (bad Host header, too many fields) answers the static
    400 page; a body above DATA_UPLOAD_MAX_MEMORY_SIZE the 413 page; JSON under /api/."""
    status = 413 if isinstance(exception, RequestDataTooBig) else 400
    if is_api(request):
        return json_error(status)
    return _static_page(f"{status}.html", status)


class UrlLengthMiddleware:
    """414 for an address (path and query string) longer than MAX_URL_LENGTH, before any other
    middleware reads it (a proxy in front answers its own 414 for longer request lines)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if len(request.path) + len(query) > MAX_URL_LENGTH:
            return json_error(414) if is_api(request) else _static_page("414.html", 414)
        return self.get_response(request)

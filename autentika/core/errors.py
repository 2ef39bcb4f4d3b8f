"""Error answers that need nothing that may be broken: the 500 and 503 pages are static
templates rendered without context processors (no database, no session, no user), and the
API (/api/) answers JSON instead of HTML.

A database that cannot be reached (OperationalError, InterfaceError) or storage that is full
or read-only gives 503 "layanan sedang gangguan" with Retry-After, wherever it is raised: in a
view or in a middleware (sessions, authentication) before any view."""

import errno
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 60
_STORAGE_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT}

MESSAGES = {
    403: "Akses ditolak.",
    404: "Tidak ditemukan.",
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
    """handler500: 503 for an outage, 500 otherwise; JSON under /api/."""
    status = 503 if is_outage(sys.exc_info()[1]) else 500
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

"""The product's URLs plus the minimal view the serving suite measures as its floor: the same
middleware, the same server and database, and no work of its own."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from autentika.config.urls import urlpatterns as product_urlpatterns

MINIMAL_PATH = "/bench/minimal/"
ONE_ROW_PATH = "/bench/one-row/"


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


def one_row(request: HttpRequest, token: str) -> HttpResponse:
    """The minimal view plus the one query a kept QR page makes (what can change about the
    letter, by its token): how much of the QR page's cost is that database round trip."""
    from autentika.verification.services import letter_by_token

    found = letter_by_token(token, state_only=True)
    return HttpResponse(b"ok" if found is not None else b"none", content_type="text/plain")


urlpatterns = [
    path(MINIMAL_PATH.strip("/") + "/", minimal),
    path(ONE_ROW_PATH.strip("/") + "/<str:token>/", one_row),
    *product_urlpatterns,
]

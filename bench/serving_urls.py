"""The product's URLs plus the minimal view the serving suite measures as its floor: the same
middleware, the same server and database, and no work of its own."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from autentika.config.urls import urlpatterns as product_urlpatterns

MINIMAL_PATH = "/bench/minimal/"


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(MINIMAL_PATH.strip("/") + "/", minimal), *product_urlpatterns]

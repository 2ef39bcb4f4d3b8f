"""The project's URLs with the results archive at /hasil/, whether or not config/urls.py
includes it yet."""

from django.urls import include, path

from autentika.config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *[p for p in project_urlpatterns if getattr(p, "namespace", None) != "results"],
    path("hasil/", include("autentika.results.urls")),
]

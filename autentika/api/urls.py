from django.urls import URLPattern, URLResolver, path

from autentika.api.views import api

urlpatterns: list[URLPattern | URLResolver] = [path("", api.urls)]

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "autentika.api"
    label = "api"
    verbose_name = "API"

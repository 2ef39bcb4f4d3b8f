from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "autentika.core"
    label = "core"
    verbose_name = "Inti"

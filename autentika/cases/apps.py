from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "autentika.cases"
    label = "cases"
    verbose_name = "Permohonan"

    def ready(self) -> None:
        from autentika.cases import hooks

        hooks.register()

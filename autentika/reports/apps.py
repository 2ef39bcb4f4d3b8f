from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "autentika.reports"
    label = "reports"
    verbose_name = "Laporan"

    def ready(self) -> None:
        from autentika.reports import hooks

        hooks.register()

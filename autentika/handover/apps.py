from django.apps import AppConfig


class HandoverConfig(AppConfig):
    name = "autentika.handover"
    label = "handover"
    verbose_name = "Serah terima"

    def ready(self) -> None:
        from autentika.handover import hooks

        hooks.register()

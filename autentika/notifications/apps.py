from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "autentika.notifications"
    label = "notifications"
    verbose_name = "Notifikasi"

    def ready(self) -> None:
        from autentika.notifications import hooks

        hooks.register()

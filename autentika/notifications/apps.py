from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "autentika.notifications"
    label = "notifications"
    verbose_name = "Notifikasi"

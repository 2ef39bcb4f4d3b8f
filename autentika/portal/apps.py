from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "autentika.portal"
    label = "portal"
    verbose_name = "Portal partai"

from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "autentika.organization"
    label = "organization"
    verbose_name = "Organisasi"

    def ready(self) -> None:
        from autentika.organization import access, signals  # noqa: F401

        access.register_rules()

from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "autentika.organization"
    label = "organization"
    verbose_name = "Organisasi"

    def ready(self) -> None:
        from autentika.organization import access, signals  # noqa: F401

        access.register_rules()

        from autentika.core.registry import register_demo_seeder
        from autentika.organization.demo import demo_second_factor_seed

        register_demo_seeder(demo_second_factor_seed, order=10)

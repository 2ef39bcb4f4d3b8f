from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "autentika.organization"
    label = "organization"
    verbose_name = "Organisasi"

    def ready(self) -> None:
        from autentika.organization import access, checks, signals  # noqa: F401

        access.register_rules()

        from autentika.core.permissions import Action
        from autentika.core.registry import NavItem, register_demo_seeder, register_nav_item
        from autentika.organization.demo import demo_second_factor_seed

        register_demo_seeder(demo_second_factor_seed, order=10)
        register_nav_item(
            NavItem(
                "Pengaturan Kantor",
                "organization:settings_current",
                Action.OFFICE_MANAGE,
                order=95,
            )
        )

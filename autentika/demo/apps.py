from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "autentika.demo"
    label = "demo"
    verbose_name = "Layanan demo dan uji"

    def ready(self) -> None:
        from autentika.core.registry import register_demo_seeder
        from autentika.demo.signers import demo_signers_seed

        register_demo_seeder(demo_signers_seed, order=40)

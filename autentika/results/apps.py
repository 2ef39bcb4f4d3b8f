from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "autentika.results"
    label = "results"
    verbose_name = "Arsip hasil pemilu"

    def ready(self) -> None:
        from autentika.core.permissions import Action
        from autentika.core.registry import NavItem, register_demo_seeder, register_nav_item
        from autentika.results.demo import results_demo_seed

        register_nav_item(
            NavItem("Arsip Hasil", "results:election_list", Action.RESULTS_VIEW, order=20)
        )
        register_demo_seeder(results_demo_seed, order=20)

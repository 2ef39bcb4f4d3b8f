from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _national_parties_present(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """After migrate and after flush (which empties the database): the national parties'
    identities of data/parties.csv are there, as migration 0003 put them in a new archive."""
    from autentika.results.models import PoliticalParty
    from autentika.results.parties import party_registry_load

    if using == "default" and not PoliticalParty.objects.using(using).exists():
        party_registry_load()


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
        post_migrate.connect(_national_parties_present, sender=self)

"""Give every existing participation its party identity, matched by name (never by ballot
number), using the registry in data/parties.csv where it knows the name."""

import csv
import re
from pathlib import Path

from django.db import migrations, models
from django.db.models.deletion import PROTECT
from django.utils.text import slugify

REGISTRY = Path(__file__).resolve().parents[3] / "data" / "parties.csv"


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    PoliticalParty = apps.get_model("results", "PoliticalParty")
    Party = apps.get_model("results", "Party")
    known: dict[str, object] = {}
    if REGISTRY.exists():
        with REGISTRY.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                identity, _ = PoliticalParty.objects.get_or_create(
                    code=row["code"],
                    defaults={
                        "short_name": row["short_name"],
                        "full_name": row["full_name"],
                        "aliases": "\n".join(a for a in row["aliases"].split("|") if a),
                        "source": "data/parties.csv",
                    },
                )
                for name in (row["code"], row["short_name"], row["full_name"], *row["aliases"].split("|")):
                    if name:
                        known[_key(name)] = identity
    for party in Party.objects.filter(political_party__isnull=True).order_by("id"):
        identity = known.get(_key(party.short_name)) or known.get(_key(party.full_name or ""))
        if identity is None:
            code = slugify(party.short_name)[:50] or f"partai-{party.pk}"
            identity, _ = PoliticalParty.objects.get_or_create(
                code=code,
                defaults={"short_name": party.short_name, "full_name": party.full_name},
            )
            known[_key(party.short_name)] = identity
        party.political_party = identity
        party.save(update_fields=["political_party"])


class Migration(migrations.Migration):
    dependencies = [("results", "0002_party_identity")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="party",
            name="political_party",
            field=models.ForeignKey(
                on_delete=PROTECT,
                related_name="participations",
                to="results.politicalparty",
                verbose_name="partai politik (identitas)",
            ),
        ),
    ]

"""Party identity across elections.

A `PoliticalParty` is one party; each `Party` row is its participation in one election (the
ballot number and name registered there). A request names a participation; every other
requested election is resolved through the identity, following only explicit rename links,
never the ballot number, which parties change between elections.
"""

import csv
import re
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from autentika.results.models import (
    Election,
    Party,
    PartyLink,
    PartyLinkKind,
    PoliticalParty,
)

REGISTRY_FILE = Path(__file__).resolve().parents[2] / "data" / "parties.csv"


def party_key(name: str) -> str:
    """What a party name is matched by: case, spaces and punctuation do not matter
    ("PDI-P" = "PDIP" = "pdi p")."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _names(identity: PoliticalParty) -> set[str]:
    names = {identity.code, identity.short_name, identity.full_name, *identity.alias_list}
    return {party_key(name) for name in names if name}


def party_identity_find(*names: str) -> PoliticalParty | None:
    """The identity any of the names (short, full, alias or code) belongs to."""
    wanted = {party_key(name) for name in names if name and party_key(name)}
    if not wanted:
        return None
    for identity in PoliticalParty.objects.all():
        if wanted & _names(identity):
            return identity
    return None


def party_identity_for(*, short_name: str, full_name: str = "", source: str) -> PoliticalParty:
    """The identity of a party named in an import, created when no known name matches (a
    party new to this archive; the admin can link it later)."""
    found = party_identity_find(short_name, full_name)
    if found is not None:
        return found
    base = slugify(short_name)[:50] or "partai"
    code, n = base, 1
    while PoliticalParty.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return PoliticalParty.objects.create(
        code=code, short_name=short_name, full_name=full_name, source=source
    )


@transaction.atomic
def party_registry_load(path: Path = REGISTRY_FILE) -> int:
    """Load (or refresh) the identities of `data/parties.csv`; returns how many are new."""
    created = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            _, is_new = PoliticalParty.objects.update_or_create(
                code=row["code"],
                defaults={
                    "short_name": row["short_name"],
                    "full_name": row["full_name"],
                    "aliases": "\n".join(a for a in row["aliases"].split("|") if a),
                    "source": "data/parties.csv (nomor urut Pemilu 2019 dan 2024; "
                    "data/PROVENANCE.md)",
                },
            )
            created += is_new
    return created


def registry_ballot_numbers(path: Path = REGISTRY_FILE) -> dict[str, dict[int, int]]:
    """code -> {election year: ballot number}, as `data/parties.csv` records them."""
    numbers: dict[str, dict[int, int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for year in (2019, 2024):
                if row[f"ballot_number_{year}"]:
                    numbers.setdefault(row["code"], {})[year] = int(row[f"ballot_number_{year}"])
    return numbers


@dataclass(frozen=True)
class Resolution:
    """The party's own participation in an election, or why there is none."""

    party: Party | None
    link: PartyLink | None = None
    reason: str = ""


def _renamed_identities(identity: PoliticalParty) -> list[tuple[PoliticalParty, PartyLink]]:
    """Identities reachable through rename links (in either direction), nearest first."""
    seen = {identity.pk}
    queue: deque[PoliticalParty] = deque([identity])
    found: list[tuple[PoliticalParty, PartyLink]] = []
    while queue:
        current = queue.popleft()
        links = PartyLink.objects.filter(kind=PartyLinkKind.RENAMED).select_related(
            "predecessor", "successor"
        )
        for link in links.filter(predecessor=current) | links.filter(successor=current):
            other = link.successor if link.predecessor_id == current.pk else link.predecessor
            if other.pk not in seen:
                seen.add(other.pk)
                found.append((other, link))
                queue.append(other)
    return found


def party_in_election(*, party: Party, election: Election) -> Resolution:
    """The participation of `party`'s identity in `election`."""
    if party.election_id == election.pk:
        return Resolution(party)
    identity = party.political_party
    own = election.parties.filter(political_party=identity).first()
    if own is not None:
        return Resolution(own)
    for other, link in _renamed_identities(identity):
        renamed = election.parties.filter(political_party=other).first()
        if renamed is not None:
            return Resolution(renamed, link=link)
    merged = PartyLink.objects.filter(kind=PartyLinkKind.MERGED, successor=identity)
    merged_note = ""
    if merged.exists():
        names = ", ".join(str(link.predecessor) for link in merged.select_related("predecessor"))
        merged_note = (
            f" Partai yang bergabung ke dalamnya ({names}) adalah peserta tersendiri; perolehan "
            "mereka bukan perolehan partai ini."
        )
    return Resolution(
        None,
        reason=f"{identity} tidak tercatat sebagai peserta {election.name}.{merged_note}",
    )


def party_in_requested(*, party: Party, elections: Any) -> Party:
    """The participation a request names: the chosen one when it stood in a requested
    election, else the same party's (its identity's) participation in the latest requested
    election it stood in; unchanged when it stood in none (the caller refuses that). The
    choice lists each party once (#28), so the row chosen may belong to another election."""
    if any(election.pk == party.election_id for election in elections):
        return party
    for election in sorted(elections, key=lambda e: (e.year, e.pk), reverse=True):
        found = party_in_election(party=party, election=election).party
        if found is not None:
            return found
    return party

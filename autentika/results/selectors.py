from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from autentika.organization.models import Office
from autentika.results.models import (
    Dapil,
    DecisionStatus,
    Election,
    Party,
    PartyResult,
    ResultVersion,
)


def elections_of_office(*, office: Office) -> QuerySet[Election]:
    return Election.objects.filter(office=office)


def parties_of_office(*, office: Office) -> QuerySet[Party]:
    return Party.objects.filter(election__office=office).select_related("election")


def parties_once(parties: QuerySet[Party]) -> QuerySet[Party]:
    """Each party once (#28): of the participations given, the latest election's per
    identity (a choice listing "Golkar" for 2019 and again for 2024 read as two parties)."""
    latest: dict[int, int] = {}
    rows = parties.order_by("political_party_id", "-election__year", "-election_id")
    for pk, identity in rows.values_list("pk", "political_party_id"):
        latest.setdefault(identity, pk)
    return Party.objects.filter(pk__in=latest.values()).select_related("election")


def election_current_version(*, election: Election) -> ResultVersion | None:
    return election.versions.select_related("decision").order_by("-number").first()


@dataclass(frozen=True)
class Completeness:
    """The SOP's completeness standard for one election: is its decision archived?"""

    has_results: bool
    status: str  # DecisionStatus value, or "" when nothing is archived
    message: str

    @property
    def is_official(self) -> bool:
        return self.status == DecisionStatus.OFFICIAL

    def allows_drafting(self, *, training_mode: bool) -> bool:
        """Official results always; sample or provisional ones only in training mode."""
        return self.has_results and (self.is_official or training_mode)


def election_completeness(*, election: Election) -> Completeness:
    version = election_current_version(election=election)
    if version is None:
        return Completeness(
            False, "", f"Keputusan penetapan hasil {election.name} belum diarsipkan."
        )
    decision = version.decision
    if decision.is_official:
        return Completeness(
            True, decision.status, f"Keputusan Nomor {decision.number} diarsipkan (resmi)."
        )
    return Completeness(
        True,
        decision.status,
        f"Keputusan Nomor {decision.number} diarsipkan dengan status "
        f"{decision.get_status_display().lower()}, bukan resmi.",
    )


@dataclass(frozen=True)
class PartySummary:
    party: Party
    votes: int
    seats: int
    decision_votes: int | None
    decision_seats: int | None


@dataclass(frozen=True)
class DapilSummary:
    dapil: Dapil
    votes: int
    seats: int
    winners: list[tuple[Party, int]]


def election_of_office(*, office: Office, code: str) -> Election:
    """The office's election by code; another office's election does not exist here."""
    return Election.objects.get(office=office, code=code)


def version_party_summary(*, version: ResultVersion) -> list[PartySummary]:
    sums = {
        row["party"]: row
        for row in version.party_results.values("party").annotate(
            votes=Sum("votes"), seats=Sum("seats")
        )
    }
    totals = {total.party_id: total for total in version.party_totals.all()}
    summaries = []
    for party in version.election.parties.order_by("number"):
        row, total = sums.get(party.pk), totals.get(party.pk)
        if row is None and total is None:
            continue
        summaries.append(
            PartySummary(
                party=party,
                votes=row["votes"] if row else 0,
                seats=row["seats"] if row else 0,
                decision_votes=total.votes if total else None,
                decision_seats=total.seats if total else None,
            )
        )
    return summaries


def version_dapil_summary(*, version: ResultVersion) -> list[DapilSummary]:
    by_dapil: dict[int, list[PartyResult]] = {}
    for row in version.party_results.select_related("party").order_by("party__number"):
        by_dapil.setdefault(row.dapil_id, []).append(row)
    summaries = []
    for dapil in version.election.dapil.order_by("id"):
        rows = by_dapil.get(dapil.pk, [])
        winners = sorted(
            ((r.party, r.seats) for r in rows if r.seats),
            key=lambda pair: (-pair[1], pair[0].number),
        )
        summaries.append(
            DapilSummary(
                dapil=dapil,
                votes=sum(r.votes for r in rows),
                seats=sum(r.seats for r in rows),
                winners=winners,
            )
        )
    return summaries


def party_dapil_results(*, version: ResultVersion, party: Party) -> QuerySet[PartyResult]:
    return version.party_results.filter(party=party).select_related("dapil").order_by("dapil_id")

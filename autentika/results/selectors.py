from dataclasses import dataclass

from django.db.models import QuerySet

from autentika.organization.models import Office
from autentika.results.models import DecisionStatus, Election, Party, ResultVersion


def elections_of_office(*, office: Office) -> QuerySet[Election]:
    return Election.objects.filter(office=office)


def parties_of_office(*, office: Office) -> QuerySet[Party]:
    return Party.objects.filter(election__office=office).select_related("election")


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

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from autentika.cases.models import Case, CaseState, Disposition
from autentika.core.periods import Period
from autentika.core.permissions import Duty
from autentika.core.read_once import ReadOnce
from autentika.organization.access import current_step_held, takes_the_step
from autentika.organization.models import Assignment, ChainPurpose, Office, Position
from autentika.organization.selectors import (
    chain_with_route,
    position_holders,
    user_assignments_today,
)
from autentika.results.models import Election, Party
from autentika.results.selectors import Completeness, election_completeness

OPEN_STATES = (
    CaseState.DISPOSITION,
    CaseState.INCOMPLETE,
    CaseState.DRAFTING,
    CaseState.REVIEW,
    CaseState.SIGNING,
)


def cases_of_office(*, office: Office) -> QuerySet[Case]:
    return Case.objects.filter(office=office).select_related(
        "party", "party__election", "current_position", "current_assignee", "registered_by"
    )


def registered_in(period: Period) -> Q:
    """Cases registered in the period. The agenda year is the registration's local year
    (cases/registration.py): the bound the (office, year, number) index serves. Whole years
    need nothing more; the dates are added only for a period that starts or ends within a
    year, since PostgreSQL cannot estimate them and then sorts the year's rows instead of
    reading the index in order (docs/BENCHMARKS.md "scale")."""
    years = Q(agenda_year__gte=period.start.year, agenda_year__lte=period.end.year)
    if period.whole_years:
        return years
    return years & Q(registered_at__date__gte=period.start, registered_at__date__lte=period.end)


def register_search(
    *,
    office: Office,
    period: Period | None = None,
    query: str = "",
    party_short_name: str = "",
    state: str = "",
) -> QuerySet[Case]:
    cases = cases_of_office(office=office).prefetch_related("elections", "documents")
    if period is not None:
        cases = cases.filter(registered_in(period))
    if query:
        # The matching parties' ids first (a few rows), not a join: every branch of the OR is
        # then a condition on the case's own columns, which PostgreSQL answers from indexes
        # (trigram: cases migration 0006; party_id) instead of testing each request of the
        # year (docs/BENCHMARKS.md "scale").
        matches = Q(subject__icontains=query) | Q(letter_number__icontains=query)
        parties = list(
            Party.objects.filter(
                Q(short_name__icontains=query) | Q(full_name__icontains=query)
            ).values_list("pk", flat=True)
        )
        if parties:
            matches |= Q(party_id__in=parties)
        cases = cases.filter(matches)
    if party_short_name:
        cases = cases.filter(party__short_name=party_short_name)
    if state:
        cases = cases.filter(state=state)
    return cases.order_by("agenda_year", "agenda_number")


def duplicate_registrations(
    *, office: Office, party_short_name: str, letter_number: str
) -> QuerySet[Case]:
    return Case.objects.filter(
        office=office,
        party__short_name__iexact=party_short_name,
        letter_number__iexact=letter_number.strip(),
    )


# Inside `CASE_FACTS.scope()` (a page drawn after its writes) each fact of a case is read once:
# the workflow asks them once per step it offers.
CASE_FACTS = ReadOnce("case facts")


def case_active_disposition(*, case: Case) -> Disposition | None:
    """The disposition that brought the case to its current desk, if not withdrawn."""
    at_desk = [
        d
        for d in case_disposition_list(case=case)
        if d.withdrawn_at is None and d.to_position_id == case.current_position_id
    ]
    return max(at_desk, key=lambda d: (d.created_at, d.pk), default=None)


def case_last_disposition_id(*, case: Case) -> int:
    """The id of the case's last disposition, withdrawn or not (0: none yet)."""
    return max((d.pk for d in case_disposition_list(case=case)), default=0)


def case_draft(*, case: Case) -> Any | None:
    """The case's reply draft, if it has one (the draft belongs to a later part: reached through
    the relation), with its `case` set to this very object."""
    if not case.pk:
        return None
    draft_model = Case.draft.related.related_model  # type: ignore[attr-defined]

    def read() -> Any | None:
        draft: Any = draft_model._default_manager.filter(case_id=case.pk).first()
        if draft is not None:
            draft.case = case
        return draft

    return CASE_FACTS.read(("draft", case.pk), read)


def case_dispositions(*, case: Case) -> QuerySet[Disposition]:
    return case.dispositions.select_related("from_user", "read_by").order_by("created_at", "id")


def case_disposition_list(*, case: Case) -> list[Disposition]:
    """`case_dispositions`, read once inside a `CASE_FACTS` scope (a case has a handful)."""
    if not case.pk:
        return []
    return CASE_FACTS.read(("dispositions", case.pk), lambda: list(case_dispositions(case=case)))


def disposition_targets(*, case: Case) -> tuple[list[Position], bool]:
    """Positions the current holder may dispose to, under the office's chain as it is now,
    and whether levels may be skipped."""
    chain, route = chain_with_route(office=case.office, purpose=ChainPurpose.DISPOSITION)
    if case.current_position in route:
        remaining = route[route.index(case.current_position) + 1 :]
    else:
        visited = {d.from_position_id for d in case.dispositions.filter(withdrawn_at__isnull=True)}
        remaining = [p for p in route if p.pk not in visited and p != case.current_position]
    if not remaining:
        return [], chain.allow_skip
    return (remaining if chain.allow_skip else remaining[:1]), chain.allow_skip


@dataclass(frozen=True)
class CaseCompleteness:
    per_election: list[tuple[Election, Completeness]]
    training_mode: bool

    @property
    def allows_drafting(self) -> bool:
        return bool(self.per_election) and all(
            c.allows_drafting(training_mode=self.training_mode) for _, c in self.per_election
        )

    @property
    def all_official(self) -> bool:
        return all(c.is_official for _, c in self.per_election)


def case_completeness(*, case: Case) -> CaseCompleteness:
    # the case's elections as given: a page that prefetched them reads them once
    return elections_completeness(
        elections=list(case.elections.all()), training_mode=case.office.training_mode
    )


def elections_completeness(
    *, elections: Sequence[Election], training_mode: bool
) -> CaseCompleteness:
    """Whether the archived results of these elections allow drafting, newest first."""
    return CaseCompleteness(
        per_election=[
            (election, election_completeness(election=election))
            for election in sorted(elections, key=lambda e: (-e.year, e.legislature))
        ],
        training_mode=training_mode,
    )


def desk_holders(*, case: Case, position: Position, on: dt.date | None = None) -> list[Assignment]:
    """Who is to act on the case at this desk: its holders; at a position several staff hold at
    once, the member it was given to and any Plt/Plh, or, while nobody is assigned, the head
    who assigns it."""
    holders = [a for a in position_holders(position=position, on=on) if takes_the_step(a, case)]
    head = position.reports_to
    if position.several_holders and case.current_assignee_id is None and head is not None:
        return holders + list(position_holders(position=head, on=on))
    return holders


def inbox(*, user: Any, office: Office) -> QuerySet[Case]:
    """The cases waiting for this user: at a position they hold; at a position several staff
    hold at once, only those given to them (all of them for a Plt/Plh); and, for the head of
    such a position, those still to be assigned there."""
    assignments = user_assignments_today(user=user, office=office)
    waiting = current_step_held(user=user, assignments=assignments) | Q(
        current_position__reports_to_id__in=[a.position_id for a in assignments],
        current_position__several_holders=True,
        current_assignee__isnull=True,
    )
    waiting &= Q(state__in=OPEN_STATES)
    if any(Duty.HAND_OVER.value in a.position.duties for a in assignments):
        # A signed letter waits for whoever holds the hand-over duty (Tata Usaha).
        waiting |= Q(state=CaseState.SIGNED)
    return (
        cases_of_office(office=office)
        .filter(waiting)
        .order_by("due_on", "agenda_year", "agenda_number")
    )


def awaiting_hand_over(*, office: Office) -> QuerySet[Case]:
    """Signed letters not yet handed over, oldest first."""
    return (
        cases_of_office(office=office)
        .filter(state=CaseState.SIGNED)
        .order_by("agenda_year", "agenda_number")
    )


def inbox_unread(*, user: Any, office: Office) -> QuerySet[Case]:
    waiting = inbox(user=user, office=office)
    return waiting.filter(
        dispositions__to_position_id=F("current_position_id"),
        dispositions__withdrawn_at__isnull=True,
        dispositions__read_at__isnull=True,
    ).distinct()


def inbox_overdue(*, user: Any, office: Office, today: dt.date | None = None) -> QuerySet[Case]:
    return inbox(user=user, office=office).filter(due_on__lt=today or timezone.localdate())

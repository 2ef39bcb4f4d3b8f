"""The period report, computed from the audit log: counts, time per SOP step (time spent in
each case state, from the event that entered it to the one that left it) and end to end
(registration to the first hand-over), overdue cases against the office's step targets."""

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone

from autentika.cases.models import Case, CaseState, agenda_label_of
from autentika.cases.selectors import registered_in
from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.periods import Period
from autentika.letters.models import SignedLetter
from autentika.organization.models import Office
from autentika.reports.models import STEP_STATES, StepTarget

HANDOVER_EVENTS = (AuditEventType.LETTER_HANDED_OVER.value, AuditEventType.LETTER_DOWNLOADED.value)


@dataclass
class StepStat:
    step: str
    label: str
    count: int = 0
    median_hours: float | None = None
    slowest_hours: float | None = None
    slowest_case: str = ""
    target_hours: int | None = None

    @property
    def over_target(self) -> bool:
        return (
            self.target_hours is not None
            and self.median_hours is not None
            and self.median_hours > self.target_hours
        )


@dataclass
class OverdueCase:
    case: Case
    step_label: str
    hours: float
    target_hours: int | None
    reason: str


@dataclass
class Report:
    office: Office
    period: Period
    received: int
    issued: int
    refusals: int
    handed_over: int
    steps: list[StepStat]
    end_to_end: StepStat
    overdue: list[OverdueCase] = field(default_factory=list)


def _hours(delta: dt.timedelta) -> float:
    return round(delta.total_seconds() / 3600, 2)


def targets_of(office: Office) -> dict[str, int]:
    return {t.step: t.target_hours for t in StepTarget.objects.filter(office=office)}


class StateEvent(Protocol):
    @property
    def to_state(self) -> str: ...

    @property
    def occurred_at(self) -> dt.datetime: ...


class EventRow(NamedTuple):
    """The three columns of an audit event the report reads (no model instance per event)."""

    to_state: str
    occurred_at: dt.datetime
    event_type: str


def case_step_durations(
    events: Sequence[StateEvent], *, until: dt.datetime | None = None
) -> tuple[dict[str, dt.timedelta], str, dt.datetime | None]:
    """Time spent in each state by one case (summed when a state is entered again, e.g. a
    returned draft), the state it is in, and since when. `events` in order of occurrence."""
    spent: dict[str, dt.timedelta] = defaultdict(dt.timedelta)
    state, since = "", None
    for event in events:
        if not event.to_state or event.to_state == state:
            continue
        if state and since is not None:
            spent[state] += event.occurred_at - since
        state, since = event.to_state, event.occurred_at
    return dict(spent), state, since


def _stat(step: str, label: str, values: list[tuple[float, str]], target: int | None) -> StepStat:
    stat = StepStat(step=step, label=label, target_hours=target, count=len(values))
    if values:
        stat.median_hours = round(statistics.median(v for v, _ in values), 2)
        stat.slowest_hours, stat.slowest_case = max(values)
    return stat


def report_compute(*, office: Office, period: Period, now: dt.datetime | None = None) -> Report:
    """The period's report. Its figures are distributions over the period's requests, so its
    cost follows the requests of the period: they are read as plain rows (no model instance
    per request or event) and their events by a subquery, not a list of ids
    (docs/BENCHMARKS.md "scale")."""
    now = now or timezone.now()
    period_cases = Case.objects.filter(registered_in(period), office=office)
    cases = list(
        period_cases.order_by("agenda_year", "agenda_number").values_list(
            "pk", "agenda_year", "agenda_number", "registered_at", "due_on"
        )
    )
    letters = SignedLetter.objects.filter(
        office=office, date__gte=period.start, date__lte=period.end
    )
    targets = targets_of(office)
    events_by_case: dict[str, list[EventRow]] = defaultdict(list)
    case_keys = period_cases.annotate(key=Cast("pk", CharField())).values("key")
    for target_id, to_state, occurred_at, event_type in (
        AuditEvent.objects.filter(target_type="cases.case", target_id__in=case_keys)
        .order_by("occurred_at", "id")
        .values_list("target_id", "to_state", "occurred_at", "event_type")
    ):
        events_by_case[target_id].append(EventRow(to_state, occurred_at, event_type))
    per_step: dict[str, list[tuple[float, str]]] = defaultdict(list)
    end_to_end: list[tuple[float, str]] = []
    late: list[tuple[int, str, float, int | None, str]] = []
    labels = {s.value: s.label for s in CaseState}
    today = timezone.localdate(now)
    for pk, year, number, registered_at, due_on in cases:
        label = agenda_label_of(number=number, year=year)
        events = events_by_case.get(str(pk), [])
        spent, state, since = case_step_durations(events)
        for step, delta in spent.items():
            per_step[step].append((_hours(delta), label))
        handed = next((e for e in events if e.event_type in HANDOVER_EVENTS), None)
        if handed is not None:
            end_to_end.append((_hours(handed.occurred_at - registered_at), label))
        elif state and since is not None and state != CaseState.HANDED_OVER:
            hours = _hours(now - since)
            target = targets.get(state)
            if target is not None and hours > target:
                late.append((pk, labels.get(state, state), hours, target, "melewati target"))
            elif due_on and due_on < today:
                late.append((pk, labels.get(state, state), hours, target, "lewat batas waktu"))
    late_cases = Case.objects.select_related("party").in_bulk([item[0] for item in late])
    overdue = [
        OverdueCase(late_cases[pk], step_label, hours, target, reason)
        for pk, step_label, hours, target, reason in late
    ]
    steps = [
        _stat(s.value, s.label, per_step.get(s.value, []), targets.get(s.value))
        for s in STEP_STATES
    ]
    return Report(
        office=office,
        period=period,
        received=len(cases),
        issued=letters.count(),
        refusals=letters.filter(version__kind__startswith="refusal").count(),
        handed_over=len(end_to_end),
        steps=steps,
        end_to_end=_stat(
            "end_to_end", "Ujung ke ujung (dicatat s.d. diserahkan)", end_to_end, None
        ),
        overdue=overdue,
    )


def overdue_cases_of(*, office: Office, cases: Any, now: dt.datetime | None = None) -> set[int]:
    """Ids of the given open cases that exceed their step's target (for inboxes, dashboard)."""
    now = now or timezone.now()
    targets = targets_of(office)
    if not targets:
        return set()
    ids = [str(c.pk) for c in cases]
    events: dict[str, list[AuditEvent]] = defaultdict(list)
    for event in AuditEvent.objects.filter(target_type="cases.case", target_id__in=ids).order_by(
        "occurred_at", "id"
    ):
        events[event.target_id].append(event)
    late = set()
    for case in cases:
        _, state, since = case_step_durations(events.get(str(case.pk), []))
        target = targets.get(state)
        if since is not None and target is not None and _hours(now - since) > target:
            late.add(case.pk)
    return late

"""The period report: counts, time per SOP step (time spent in each case state, from the
event that entered it to the one that left it) and end to end (registration to the first
hand-over), overdue cases against the office's step targets. The times come from each
request's timeline (reports/timeline.py), itself computed from the audit log."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from autentika.cases.models import Case, CaseState, agenda_label_of
from autentika.cases.selectors import registered_in
from autentika.core.periods import Period
from autentika.letters.models import SignedLetter
from autentika.organization.models import Office
from autentika.reports.models import STEP_STATES, CaseTimeline, StepTarget
from autentika.reports.step_figures import StepFigure, step_figures
from autentika.reports.timeline import case_step_durations

__all__ = ["case_step_durations", "overdue_cases_of", "report_compute", "targets_of"]


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


def _seconds_as_hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 2)


def targets_of(office: Office) -> dict[str, int]:
    return {t.step: t.target_hours for t in StepTarget.objects.filter(office=office)}


def _stat(step: str, label: str, figure: StepFigure, target: int | None) -> StepStat:
    stat = StepStat(step=step, label=label, target_hours=target, count=figure.count)
    if figure.count and figure.slowest_year is not None and figure.slowest_number is not None:
        stat.median_hours = _seconds_as_hours(figure.median_seconds)
        stat.slowest_hours = _seconds_as_hours(figure.slowest_seconds)
        stat.slowest_case = agenda_label_of(number=figure.slowest_number, year=figure.slowest_year)
    return stat


def report_compute(*, office: Office, period: Period, now: dt.datetime | None = None) -> Report:
    """The period's report. Its figures are distributions over the period's requests, taken
    from their timelines (reports.CaseTimeline, kept at every step), so neither the requests
    nor their events are read one by one (docs/BENCHMARKS.md "scale")."""
    now = now or timezone.now()
    timelines = CaseTimeline.objects.filter(registered_in(period), office=office)
    letters = SignedLetter.objects.filter(
        office=office, date__gte=period.start, date__lte=period.end
    )
    targets = targets_of(office)
    steps = [s.value for s in STEP_STATES]
    computed = step_figures(timelines=timelines, steps=[*steps, "end_to_end"])
    figures = computed.steps
    labels = {s.value: s.label for s in CaseState}
    today = timezone.localdate(now)
    late: list[tuple[int, str, float, int | None, str]] = []
    open_timelines = timelines.filter(handed_over_at__isnull=True, state_since__isnull=False)
    for pk, state, since, due_on in (
        open_timelines.exclude(state__in=["", CaseState.HANDED_OVER])
        .order_by("agenda_year", "agenda_number")
        .values_list("case_id", "state", "state_since", "case__due_on")
    ):
        if since is None:
            continue
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
    return Report(
        office=office,
        period=period,
        received=computed.rows,  # every registered request has its timeline
        issued=letters.count(),
        refusals=letters.filter(version__kind__startswith="refusal").count(),
        handed_over=figures["end_to_end"].count,
        steps=[
            _stat(s.value, s.label, figures[s.value], targets.get(s.value)) for s in STEP_STATES
        ],
        end_to_end=_stat(
            "end_to_end", "Ujung ke ujung (dicatat s.d. diserahkan)", figures["end_to_end"], None
        ),
        overdue=overdue,
    )


def overdue_cases_of(*, office: Office, cases: Any, now: dt.datetime | None = None) -> set[int]:
    """Ids of the given open cases that exceed their step's target (for inboxes, dashboard)."""
    now = now or timezone.now()
    targets = targets_of(office)
    if not targets:
        return set()
    late = set()
    for pk, state, since in CaseTimeline.objects.filter(
        case_id__in=[c.pk for c in cases], state_since__isnull=False
    ).values_list("case_id", "state", "state_since"):
        target = targets.get(state)
        if target is not None and since is not None and _hours(now - since) > target:
            late.add(pk)
    return late

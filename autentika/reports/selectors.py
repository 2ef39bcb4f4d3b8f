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
from autentika.core.formatting import format_date_id
from autentika.core.periods import Period
from autentika.letters.models import SignedLetter
from autentika.organization.models import Office
from autentika.organization.workdays import WorkCalendar, office_calendar
from autentika.reports.kip_figures import KipFigures, kip_figures
from autentika.reports.models import END_TO_END, STEP_STATES, CaseTimeline, StepTarget, TargetUnit
from autentika.reports.step_figures import StepFigure, step_figures
from autentika.reports.targets import target_deadline, targets_of
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
    target: StepTarget | None = None

    @property
    def target_label(self) -> str:
        return self.target.label if self.target else ""

    @property
    def over_target(self) -> bool:
        # The figures are clock hours: compared only with a target in (working) hours, which
        # they exceed whenever the working hours do.
        return (
            self.target is not None
            and self.target.unit == TargetUnit.WORKING_HOURS
            and self.median_hours is not None
            and self.median_hours > self.target.amount
        )


@dataclass
class OverdueCase:
    case: Case
    step_label: str
    hours: float  # working hours in the step so far (the office's calendar)
    target: str  # the target's label ("2 hari kerja"), "" when none
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
    kip: KipFigures = field(default_factory=KipFigures)


def _seconds_as_hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 2)


def _stat(step: str, label: str, figure: StepFigure, target: StepTarget | None) -> StepStat:
    stat = StepStat(step=step, label=label, target=target, count=figure.count)
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
    computed = step_figures(office=office, period=period, steps=[*steps, "end_to_end"])
    figures = computed.steps
    late = _late_cases(office=office, timelines=timelines, now=now)
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
            "end_to_end",
            "Ujung ke ujung (dicatat s.d. diserahkan)",
            figures["end_to_end"],
            targets.get(END_TO_END),
        ),
        overdue=late,
        kip=kip_figures(office=office, period=period, now=now),
    )


BEFORE_SIGNATURE = {CaseState.DISPOSITION, CaseState.INCOMPLETE, CaseState.DRAFTING}
BEFORE_SIGNATURE |= {CaseState.REVIEW, CaseState.SIGNING}


def _lateness(
    *,
    calendar: WorkCalendar,
    targets: dict[str, StepTarget],
    state: str,
    since: dt.datetime,
    received_at: dt.datetime,
    due_on: dt.date | None,
    kip_deadline: dt.date | None,
    now: dt.datetime,
) -> tuple[str, str] | None:
    """(target label, reason) when the open case is late, on the office's calendar."""
    today = calendar.local(now).date()
    if kip_deadline and state in BEFORE_SIGNATURE and today > kip_deadline:
        return f"{format_date_id(kip_deadline)} (UU KIP)", "lewat batas waktu jawaban UU KIP"
    target = targets.get(state)
    if target is not None and now > target_deadline(calendar=calendar, since=since, target=target):
        return target.label, "melewati target tahap"
    whole = targets.get(END_TO_END)
    if (
        whole is not None
        and state in BEFORE_SIGNATURE
        and now > target_deadline(calendar=calendar, since=received_at, target=whole)
    ):
        return whole.label, "melewati target sejak dicatat"
    if due_on and due_on < today:
        return (target.label if target else ""), "lewat batas waktu disposisi"
    return None


def _late_cases(*, office: Office, timelines: Any, now: dt.datetime) -> list[OverdueCase]:
    calendar = office_calendar(office)
    targets = targets_of(office)
    labels = {s.value: s.label for s in CaseState}
    late: list[tuple[int, str, float, str, str]] = []
    rows = (
        timelines.filter(handed_over_at__isnull=True, state_since__isnull=False)
        .exclude(state__in=["", CaseState.HANDED_OVER])
        .order_by("agenda_year", "agenda_number")
        .values_list(
            "case_id",
            "state",
            "state_since",
            "case__received_at",
            "case__due_on",
            "case__kip_due_on",
            "case__kip_extended_due_on",
        )
    )
    for pk, state, since, received_at, due_on, kip_due, kip_extended in rows:
        found = _lateness(
            calendar=calendar,
            targets=targets,
            state=state,
            since=since,
            received_at=received_at,
            due_on=due_on,
            kip_deadline=kip_extended or kip_due,
            now=now,
        )
        if found:
            hours = round(calendar.working_seconds_between(since, now) / 3600, 2)
            late.append((pk, labels.get(state, state), hours, *found))
    cases = Case.objects.select_related("party").in_bulk([item[0] for item in late])
    return [
        OverdueCase(cases[pk], label, hours, target, why) for pk, label, hours, target, why in late
    ]


def overdue_cases_of(*, office: Office, cases: Any, now: dt.datetime | None = None) -> set[int]:
    """Ids of the given open cases that are late on the office's calendar: past their step's
    target or the whole target (for inboxes, dashboard)."""
    now = now or timezone.now()
    timelines = CaseTimeline.objects.filter(case_id__in=[c.pk for c in cases])
    return {item.case.pk for item in _late_cases(office=office, timelines=timelines, now=now)}

"""The legal deadline in the period report (issue #31): of the requests registered in the
period, how many were answered (their first letter signed) by their KIP due date (count and
share), how many late, how many extended, how many still open and past due; and the rows worth
naming (open, late or extended), each with its due date: one aggregate over the timelines'
index (on PostgreSQL a year's counts are read from its tally, reports.YearTally), then the
named rows (at most `ROWS_SHOWN`, from their partial index), so the report's cost stays flat as
a year fills (docs/BENCHMARKS.md "scale")."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from autentika.cases.kip import UNANSWERED
from autentika.cases.models import Case
from autentika.cases.selectors import registered_in
from autentika.core.formatting import format_decimal_id
from autentika.core.periods import Period
from autentika.organization.models import Office
from autentika.organization.workdays import office_today
from autentika.reports.models import CaseTimeline, YearTally


@dataclass
class KipRow:
    case: Case
    deadline: dt.date
    answered_on: dt.date | None
    status: str  # "tepat waktu", "terlambat", "belum dijawab", "lewat batas waktu"


@dataclass
class KipFigures:
    registered: int = 0
    answered: int = 0
    on_time: int = 0
    late: int = 0
    extended: int = 0
    open_past_due: int = 0
    rows: list[KipRow] = field(default_factory=list)

    @property
    def on_time_share(self) -> float | None:
        """Percentage of the answered requests answered by their due date."""
        return round(100 * self.on_time / self.answered, 1) if self.answered else None

    @property
    def on_time_share_text(self) -> str:
        share = self.on_time_share
        return "" if share is None else f"{format_decimal_id(share, 1)}%"


def _status(*, deadline: dt.date, answered_on: dt.date | None, state: str, today: dt.date) -> str:
    if answered_on is not None:
        return "tepat waktu" if answered_on <= deadline else "terlambat"
    if state in UNANSWERED and today > deadline:
        return "lewat batas waktu"
    return "belum dijawab"


# KipFigures' counts and the YearTally columns keeping them for a year (PostgreSQL)
TALLIED = {
    "registered": "kip_registered",
    "answered": "kip_answered",
    "on_time": "kip_on_time",
    "late": "kip_late",
    "extended": "kip_extended",
}
ROWS_SHOWN = 500  # the named requests (open, late or extended) at most, latest agenda last


def _counts(
    *, office: Office, period: Period, timelines: QuerySet[CaseTimeline], past_due: Q
) -> dict[str, int]:
    if connection.vendor == "postgresql" and period.one_year is not None:
        # a year's counts are kept by triggers (reports.YearTally); the open ones past due
        # are among the few named rows (index timeline_kip_named)
        kept = YearTally.objects.filter(office=office, agenda_year=period.one_year)
        counts: dict[str, int] = kept.values(
            **{name: F(column) for name, column in TALLIED.items()}
        ).first() or dict.fromkeys(TALLIED, 0)
        return {**counts, "open_past_due": timelines.filter(past_due).count()}
    # counted on columns of the report's index (case included): read from the index alone
    return timelines.aggregate(
        registered=Count("case_id"),
        answered=Count("case_id", filter=Q(answered_on__isnull=False)),
        on_time=Count("case_id", filter=Q(answered_on__lte=F("kip_due_on"))),
        late=Count("case_id", filter=Q(answered_on__gt=F("kip_due_on"))),
        extended=Count("case_id", filter=Q(kip_extended=True)),
        open_past_due=Count("case_id", filter=past_due),
    )


def kip_figures(*, office: Office, period: Period, now: dt.datetime | None = None) -> KipFigures:
    """Counted from the requests' timelines (reports.CaseTimeline keeps each one's due date in
    force and the date its first letter was signed, in the report's index): one aggregate read
    from the index alone, then the named rows (at most `ROWS_SHOWN`)."""
    today = office_today(office, now)
    timelines = CaseTimeline.objects.filter(
        registered_in(period), office=office, kip_due_on__isnull=False
    )
    # the unanswered are among the named rows (reports.CaseTimeline.kip_named, indexed)
    unanswered = Q(kip_named=True, answered_on__isnull=True, state__in=UNANSWERED)
    past_due = unanswered & Q(kip_due_on__lt=today)
    counts = _counts(office=office, period=period, timelines=timelines, past_due=past_due)
    figures = KipFigures(
        registered=counts["registered"],
        answered=counts["answered"],
        on_time=counts["on_time"],
        late=counts["late"],
        extended=counts["extended"],
        open_past_due=counts["open_past_due"],
    )
    named = list(
        timelines.filter(kip_named=True)
        .filter(unanswered | Q(answered_on__gt=F("kip_due_on")) | Q(kip_extended=True))
        .order_by("-agenda_year", "-agenda_number")
        .values_list("case_id", "kip_due_on", "answered_on", "state")[:ROWS_SHOWN]
    )
    cases = Case.objects.select_related("party").in_bulk([row[0] for row in named])
    for pk, deadline, answered_on, state in reversed(named):
        assert deadline is not None  # the rows are filtered on a due date
        status = _status(deadline=deadline, answered_on=answered_on, state=state, today=today)
        figures.rows.append(KipRow(cases[pk], deadline, answered_on, status))
    return figures

"""The legal deadline in the period report (issue #31): of the requests registered in the
period, how many were answered (their first letter signed) by their KIP due date (count and
share), how many late, how many extended, how many still open and past due; and the rows worth
naming (open, late or extended), each with its due date: one aggregate query, then the named
rows (at most `ROWS_SHOWN`), so the report's cost stays flat as a year fills (docs/BENCHMARKS.md
"scale")."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from autentika.cases.kip import UNANSWERED
from autentika.cases.models import Case
from autentika.cases.selectors import registered_in
from autentika.core.formatting import format_decimal_id
from autentika.core.periods import Period
from autentika.letters.models import SignedLetter
from autentika.organization.models import Office
from autentika.organization.workdays import office_today


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


ROWS_SHOWN = 500  # the named requests (open, late or extended) at most, latest agenda last


def _annotated(*, office: Office, period: Period) -> Any:
    first_letter = (
        SignedLetter.objects.filter(case=OuterRef("pk")).order_by("date").values("date")[:1]
    )
    return (
        Case.objects.filter(registered_in(period), office=office, kip_due_on__isnull=False)
        .order_by()
        .annotate(
            deadline=Coalesce("kip_extended_due_on", "kip_due_on"),
            answered_on=Subquery(first_letter),
        )
    )


def kip_figures(*, office: Office, period: Period, now: dt.datetime | None = None) -> KipFigures:
    """Counted in the database (one aggregate); only the named rows are read."""
    today = office_today(office, now)
    cases = _annotated(office=office, period=period)
    unanswered = Q(answered_on__isnull=True, state__in=UNANSWERED)
    counts = cases.aggregate(
        registered=Count("pk"),
        answered=Count("pk", filter=Q(answered_on__isnull=False)),
        on_time=Count("pk", filter=Q(answered_on__lte=F("deadline"))),
        late=Count("pk", filter=Q(answered_on__gt=F("deadline"))),
        extended=Count("pk", filter=Q(kip_extended_due_on__isnull=False)),
        open_past_due=Count("pk", filter=unanswered & Q(deadline__lt=today)),
    )
    figures = KipFigures(**counts)
    named = (
        cases.filter(
            Q(answered_on__isnull=True)
            | Q(answered_on__gt=F("deadline"))
            | Q(kip_extended_due_on__isnull=False)
        )
        .select_related("party")
        .order_by("-agenda_year", "-agenda_number")[:ROWS_SHOWN]
    )
    for case in reversed(list(named)):
        deadline, answered_on = case.deadline, case.answered_on  # type: ignore[attr-defined]
        status = _status(deadline=deadline, answered_on=answered_on, state=case.state, today=today)
        figures.rows.append(KipRow(case, deadline, answered_on, status))
    return figures

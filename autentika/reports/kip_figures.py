"""The legal deadline in the period report (issue #31): of the requests registered in the
period, how many were answered (their first letter signed) by their KIP due date (count and
share), how many late, how many extended, how many still open and past due; and the rows worth
naming (open, late or extended), each with its due date. One aggregate query."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Min

from autentika.cases.kip import UNANSWERED
from autentika.cases.models import Case
from autentika.cases.selectors import registered_in
from autentika.core.formatting import format_decimal_id
from autentika.core.periods import Period
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


def kip_figures(*, office: Office, period: Period, now: dt.datetime | None = None) -> KipFigures:
    today = office_today(office, now)
    cases = (
        Case.objects.filter(registered_in(period), office=office, kip_due_on__isnull=False)
        .select_related("party")
        .annotate(answered_on=Min("letters__date"))
        .order_by("agenda_year", "agenda_number")
    )
    figures = KipFigures()
    for case in cases:
        deadline = case.kip_deadline
        assert deadline is not None  # filtered
        answered_on = getattr(case, "answered_on", None)
        status = _status(deadline=deadline, answered_on=answered_on, state=case.state, today=today)
        figures.registered += 1
        figures.extended += case.kip_extended_due_on is not None
        if answered_on is not None:
            figures.answered += 1
            figures.on_time += status == "tepat waktu"
            figures.late += status == "terlambat"
        figures.open_past_due += status == "lewat batas waktu"
        if status != "tepat waktu" or case.kip_extended_due_on is not None:
            figures.rows.append(KipRow(case, deadline, answered_on, status))
    return figures

"""Count, median and slowest request of each step over an office's requests of a period. On
PostgreSQL, for one whole year (the report's usual period), one statement reads the counts
from the year's tally (reports.YearTally, kept by triggers) and each step's middle and last
times from its ordered index: no row of the year is sorted or counted; for other periods two
aggregate queries (percentile_cont and max; then the latest agenda holding each step's max),
so the rows never leave the database. Elsewhere (SQLite, the embedded default for an office's
few hundred requests a year) the same figures in Python. All give the slowest tie to the latest
agenda key and the median of an even count as the mean of the two middle times."""

import statistics
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Aggregate, BigIntegerField, Count, F, FloatField, Max, Min, Q, QuerySet
from django.db.models.functions import Cast

from autentika.cases.selectors import registered_in
from autentika.core.periods import Period
from autentika.organization.models import Office
from autentika.reports.models import CaseTimeline, count_column, seconds_column


@dataclass(frozen=True)
class StepFigure:
    count: int
    median_seconds: float | None = None
    slowest_seconds: float | None = None
    slowest_year: int | None = None
    slowest_number: int | None = None


@dataclass(frozen=True)
class StepFigures:
    rows: int  # the requests the figures are over
    steps: dict[str, StepFigure]


class Median(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


AGENDA_KEY_SPAN = 10_000_000  # agenda numbers of a year stay below it


def _agenda_key() -> Any:
    """One integer per request ordering as (agenda year, agenda number)."""
    return Cast("agenda_year", BigIntegerField()) * AGENDA_KEY_SPAN + F("agenda_number")


def _postgres(timelines: QuerySet[CaseTimeline], steps: list[str]) -> StepFigures:
    """Two passes over the period's rows in the covering index: count, median and largest
    time per step; then, per step, the latest agenda among the requests with that time."""
    timelines = timelines.order_by()
    aggregates: dict[str, Any] = {
        "rows": Count("*"),  # from the index alone (the primary key is not in it)
        "first_year": Min("agenda_year"),
        "last_year": Max("agenda_year"),
    }
    for step in steps:
        column = seconds_column(step)
        aggregates[f"{step}__n"] = Count(column)
        aggregates[f"{step}__median"] = Median(F(column))
        aggregates[f"{step}__max"] = Max(column)
    values = timelines.aggregate(**aggregates)
    counted = [step for step in steps if values[f"{step}__n"]]
    # within one year (a year's report) the agenda number alone orders the requests
    one_year = values["first_year"] == values["last_year"]
    key = F("agenda_number") if one_year else _agenda_key()
    holders = (
        timelines.aggregate(
            **{
                step: Max(key, filter=Q(**{seconds_column(step): values[f"{step}__max"]}))
                for step in counted
            }
        )
        if counted
        else {}
    )
    figures = {step: StepFigure(count=0) for step in steps}
    for step in counted:
        year, number = (
            (values["first_year"], int(holders[step]))
            if one_year
            else divmod(int(holders[step]), AGENDA_KEY_SPAN)
        )
        figures[step] = StepFigure(
            count=values[f"{step}__n"],
            median_seconds=values[f"{step}__median"],
            slowest_seconds=values[f"{step}__max"],
            slowest_year=year,
            slowest_number=number,
        )
    return StepFigures(rows=values["rows"], steps=figures)


def _python(timelines: QuerySet[CaseTimeline], steps: list[str]) -> StepFigures:
    columns = [seconds_column(step) for step in steps]
    rows = list(timelines.order_by().values_list("agenda_year", "agenda_number", *columns))
    figures = {}
    for index, step in enumerate(steps, start=2):
        values = [(row[index], row[0], row[1]) for row in rows if row[index] is not None]
        if not values:
            figures[step] = StepFigure(count=0)
            continue
        seconds, year, number = max(values)
        figures[step] = StepFigure(
            count=len(values),
            median_seconds=statistics.median(v[0] for v in values),
            slowest_seconds=seconds,
            slowest_year=year,
            slowest_number=number,
        )
    return StepFigures(rows=len(rows), steps=figures)


def _year_sql(steps: list[str]) -> str:
    """One statement: the year's tally row, and per step its one or two middle times (offset
    from the tally's count, in the same snapshot) and its slowest time with the latest agenda
    number holding it, each read from the step's ordered partial index (reports.CaseTimeline
    `timeline_<step>_order`)."""
    year_rows = "c.office_id = %(office)s AND c.agenda_year = %(year)s"
    columns = ["t.requests"]
    for step in steps:
        seconds, count = seconds_column(step), count_column(step)
        timed = f"FROM reports_casetimeline c WHERE {year_rows} AND c.{seconds} IS NOT NULL"
        columns += [
            f"t.{count}",
            f"ARRAY(SELECT c.{seconds} {timed} ORDER BY c.{seconds} "
            f"OFFSET GREATEST((t.{count} - 1) / 2, 0) LIMIT 2)",
            f"(SELECT c.{seconds} {timed} ORDER BY c.{seconds} DESC LIMIT 1)",
            f"(SELECT c.agenda_number {timed} "
            f"ORDER BY c.{seconds} DESC, c.agenda_number DESC LIMIT 1)",
        ]
    return (
        f"SELECT {', '.join(columns)} FROM reports_yeartally t "
        "WHERE t.office_id = %(office)s AND t.agenda_year = %(year)s"
    )


def _postgres_year(office: Office, year: int, steps: list[str]) -> StepFigures:
    with connection.cursor() as cursor:
        cursor.execute(_year_sql(steps), {"office": office.pk, "year": year})
        row = cursor.fetchone()
    if row is None:  # no request registered in the year
        return StepFigures(rows=0, steps={step: StepFigure(count=0) for step in steps})
    figures = {}
    for index, step in enumerate(steps):
        count, middle, slowest, holder = row[1 + 4 * index : 5 + 4 * index]
        if not count:
            figures[step] = StepFigure(count=0)
            continue
        figures[step] = StepFigure(
            count=count,
            median_seconds=middle[0] if count % 2 else (middle[0] + middle[1]) / 2,
            slowest_seconds=slowest,
            slowest_year=year,
            slowest_number=holder,
        )
    return StepFigures(rows=row[0], steps=figures)


def step_figures(*, office: Office, period: Period, steps: list[str]) -> StepFigures:
    timelines = CaseTimeline.objects.filter(registered_in(period), office=office)
    if connection.vendor != "postgresql":
        return _python(timelines, steps)
    year = period.one_year
    if year is not None:
        return _postgres_year(office, year, steps)
    return _postgres(timelines, steps)

"""Count, median and slowest request of each step over a set of CaseTimeline rows. On
PostgreSQL two aggregate queries (percentile_cont and max; then the latest agenda holding
each step's max), so the rows never leave the database; elsewhere
(SQLite, the embedded default for an office's few hundred requests a year) the same figures
in Python. Both give the slowest tie to the latest agenda key."""

import statistics
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Aggregate, BigIntegerField, Count, F, FloatField, Max, Min, Q, QuerySet
from django.db.models.functions import Cast

from autentika.reports.models import CaseTimeline, seconds_column


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


def step_figures(*, timelines: QuerySet[CaseTimeline], steps: list[str]) -> StepFigures:
    if connection.vendor == "postgresql":
        return _postgres(timelines, steps)
    return _python(timelines, steps)

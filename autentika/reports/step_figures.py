"""Count, median and slowest request of each step over a set of CaseTimeline rows. On
PostgreSQL one aggregate query (percentile_cont; the slowest by the largest array of
[seconds, agenda year, agenda number]), so the rows never leave the database; elsewhere
(SQLite, the embedded default for an office's few hundred requests a year) the same figures
in Python. Both give the slowest tie to the latest agenda key."""

import statistics
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast

from autentika.reports.models import CaseTimeline, seconds_column


@dataclass(frozen=True)
class StepFigure:
    count: int
    median_seconds: float | None = None
    slowest_seconds: float | None = None
    slowest_year: int | None = None
    slowest_number: int | None = None


class Median(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class Slowest(Aggregate):
    """max(ARRAY[seconds, year, number]): arrays compare element by element."""

    function = "MAX"
    template = "%(function)s(ARRAY[%(expressions)s])"

    def __init__(self, column: str) -> None:
        from django.contrib.postgres.fields import ArrayField

        as_float = [Cast(name, FloatField()) for name in (column, "agenda_year", "agenda_number")]
        # arrays order NULL above every number: rows never in the step are left out
        super().__init__(
            *as_float,
            output_field=ArrayField(FloatField()),
            filter=Q(**{f"{column}__isnull": False}),
        )


def _postgres(timelines: QuerySet[CaseTimeline], steps: list[str]) -> dict[str, StepFigure]:
    aggregates: dict[str, Any] = {}
    for step in steps:
        column = seconds_column(step)
        aggregates[f"{step}__n"] = Count(column)
        aggregates[f"{step}__median"] = Median(F(column))
        aggregates[f"{step}__slowest"] = Slowest(column)
    values = timelines.order_by().aggregate(**aggregates)
    figures = {}
    for step in steps:
        count, slowest = values[f"{step}__n"], values[f"{step}__slowest"]
        if not count:
            figures[step] = StepFigure(count=0)
            continue
        seconds, year, number = slowest
        figures[step] = StepFigure(
            count=count,
            median_seconds=values[f"{step}__median"],
            slowest_seconds=seconds,
            slowest_year=int(year),
            slowest_number=int(number),
        )
    return figures


def _python(timelines: QuerySet[CaseTimeline], steps: list[str]) -> dict[str, StepFigure]:
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
    return figures


def step_figures(*, timelines: QuerySet[CaseTimeline], steps: list[str]) -> dict[str, StepFigure]:
    if connection.vendor == "postgresql":
        return _postgres(timelines, steps)
    return _python(timelines, steps)

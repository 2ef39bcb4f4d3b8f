import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from autentika.core.formatting import format_date_id


@dataclass(frozen=True)
class Period:
    """A closed range of days, for books and reports: a calendar year or from-to dates."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> "Period":
        if end < start:
            raise ValidationError(
                f"Periode tidak sah: berakhir {format_date_id(end)}, "
                f"sebelum dimulai {format_date_id(start)}."
            )
        return cls(start, end)

    @property
    def whole_years(self) -> bool:
        """From a 1 January to a 31 December."""
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)

    @property
    def one_year(self) -> int | None:
        """The year when the period is one whole calendar year (a year's report)."""
        if self.whole_years and self.start.year == self.end.year:
            return self.start.year
        return None

    @property
    def label(self) -> str:
        if self.whole_years and self.start.year == self.end.year:
            return f"Tahun {self.start.year}"
        return f"{format_date_id(self.start)} s.d. {format_date_id(self.end)}"

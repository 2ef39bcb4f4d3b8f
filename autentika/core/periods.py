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
    def label(self) -> str:
        if (
            self.start.month == 1
            and self.start.day == 1
            and self.end == dt.date(self.start.year, 12, 31)
        ):
            return f"Tahun {self.start.year}"
        return f"{format_date_id(self.start)} s.d. {format_date_id(self.end)}"

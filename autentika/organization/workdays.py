"""The working-day calendar of an office (issue #31): Saturdays, Sundays, Indonesia's national
holidays and cuti bersama (the `holidays` package, pinned, checked against the SKB of the three
ministers for 2024-2026: docs/DECISIONS.md), the office's own closures (`OfficeClosure`), its
working hours and its time zone (WIB, WITA or WIT).

`WorkCalendar` is pure once built (`office_calendar` reads the office's closures once), so the
deadline rules below are plain functions of dates and moments.
"""

import datetime as dt
import functools
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field

from autentika.organization.models import Office, OfficeClosure

# Corrections to the package where it differs from the SKB in force: date -> name (a holiday
# to add) or None (a date the package lists that is a working day). None needed for
# 2024-2026 with holidays 0.108 (docs/DECISIONS.md, tests/organization/test_workdays.py).
HOLIDAY_CORRECTIONS: dict[dt.date, str | None] = {}


@functools.lru_cache(maxsize=32)
def national_holidays(year: int) -> dict[dt.date, str]:
    """Libur nasional and cuti bersama of one year, in Indonesian."""
    import holidays  # 100 ms of every process's start-up otherwise, most of which count no day

    listed = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    days = {day: str(name) for day, name in listed.items()}
    for day, name in HOLIDAY_CORRECTIONS.items():
        if day.year != year:
            continue
        if name is None:
            days.pop(day, None)
        else:
            days[day] = name
    return days


@dataclass(frozen=True)
class WorkCalendar:
    time_zone: str = "Asia/Jakarta"
    work_starts: dt.time = dt.time(8, 0)
    work_ends: dt.time = dt.time(16, 0)
    closures: tuple[tuple[dt.date, dt.date, str], ...] = field(default=())

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def closed_because(self, day: dt.date) -> str:
        """Why the office does not work that day ("" on a working day)."""
        if day.weekday() >= 5:
            return "Sabtu" if day.weekday() == 5 else "Minggu"
        if name := national_holidays(day.year).get(day):
            return name
        for starts, ends, reason in self.closures:
            if starts <= day <= ends:
                return reason
        return ""

    def is_working_day(self, day: dt.date) -> bool:
        return not self.closed_because(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day after `day`."""
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (`day` itself not counted)."""
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.zone)

    def receipt_day(self, moment: dt.datetime) -> dt.date:
        """The working day a request received at `moment` counts as received on: that day when
        it came on a working day before the office closed (before opening counts as that
        day), otherwise the next working day (evening, weekend, holiday, closure)."""
        local = self.local(moment)
        day = local.date()
        if self.is_working_day(day) and local.time() < self.work_ends:
            return day
        return self.next_working_day(day)

    def working_seconds_between(self, start: dt.datetime, end: dt.datetime) -> float:
        """Seconds of working hours between two moments (0 when end is not after start)."""
        if end <= start:
            return 0.0
        start, end = self.local(start), self.local(end)
        total = 0.0
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                opens = dt.datetime.combine(day, self.work_starts, tzinfo=self.zone)
                closes = dt.datetime.combine(day, self.work_ends, tzinfo=self.zone)
                lo, hi = max(opens, start), min(closes, end)
                if hi > lo:
                    total += (hi - lo).total_seconds()
            day += dt.timedelta(days=1)
        return total

    def closing_time(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.work_ends, tzinfo=self.zone)

    def working_hours_later(self, start: dt.datetime, hours: float) -> dt.datetime:
        """The moment `hours` working hours after `start`."""
        remaining = hours * 3600
        local = self.local(start)
        day = local.date()
        while True:
            if self.is_working_day(day):
                opens = dt.datetime.combine(day, self.work_starts, tzinfo=self.zone)
                begin = max(opens, local)
                available = (self.closing_time(day) - begin).total_seconds()
                if available > 0:
                    if remaining <= available:
                        return begin + dt.timedelta(seconds=remaining)
                    remaining -= available
            day += dt.timedelta(days=1)

    def working_days_later(self, start: dt.datetime, days: int) -> dt.datetime:
        """Closing time of the `days`-th working day after the day `start` counts as."""
        return self.closing_time(self.add_working_days(self.receipt_day(start), days))

    def working_days_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Whole working days from the receipt day of `start` to the local day of `end`
        (0 on the same day)."""
        day, last = self.receipt_day(start), self.local(end).date()
        count = 0
        while day < last:
            day = self.next_working_day(day)
            if day <= last:
                count += 1
        return count


def calendar_of(
    *, time_zone: str, work_starts: dt.time, work_ends: dt.time, closures: Iterable[OfficeClosure]
) -> WorkCalendar:
    return WorkCalendar(
        time_zone=time_zone,
        work_starts=work_starts,
        work_ends=work_ends,
        closures=tuple((c.starts_on, c.ends_on, c.reason) for c in closures),
    )


def office_calendar(office: Office) -> WorkCalendar:
    """The office's calendar, its closures read once."""
    return calendar_of(
        time_zone=office.time_zone,
        work_starts=office.work_starts,
        work_ends=office.work_ends,
        closures=OfficeClosure.objects.filter(office=office),
    )


def office_today(office: Office, now: dt.datetime | None = None) -> dt.date:
    """The date at the office (its own time zone)."""
    from django.utils import timezone

    return (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(office.time_zone)).date()

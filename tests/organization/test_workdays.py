"""The working-day calendar on the real 2024-2026 calendars. Expected dates are written here by
hand from the SKB of the three ministers (libur nasional and cuti bersama), never computed by
the code under test."""

import datetime as dt
import zoneinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from autentika.organization.workdays import WorkCalendar, national_holidays

D = dt.date
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")

# SKB 2025: Idul Fitri 31 March-1 April, cuti bersama 28 March and 2, 3, 4, 7 April 2025.
IDUL_FITRI_2025 = [D(2025, 3, 31), D(2025, 4, 1)]
CUTI_BERSAMA_IDUL_FITRI_2025 = [
    D(2025, 3, 28),
    D(2025, 4, 2),
    D(2025, 4, 3),
    D(2025, 4, 4),
    D(2025, 4, 7),
]
# SKB 2024 and 2026: Idul Fitri and its cuti bersama.
LEBARAN_2024 = [
    D(2024, 4, 8),
    D(2024, 4, 9),
    D(2024, 4, 10),
    D(2024, 4, 11),
    D(2024, 4, 12),
    D(2024, 4, 15),
]
LEBARAN_2026 = [D(2026, 3, 20), D(2026, 3, 23), D(2026, 3, 24)]  # weekdays; 21-22 Sat-Sun


def test_idul_fitri_2025_as_the_skb_says() -> None:
    days = national_holidays(2025)
    for day in IDUL_FITRI_2025 + CUTI_BERSAMA_IDUL_FITRI_2025:
        assert day in days, day
    calendar = WorkCalendar()
    assert calendar.is_working_day(D(2025, 3, 27))
    assert calendar.is_working_day(D(2025, 4, 8))
    for day in (*LEBARAN_2024, *LEBARAN_2026, D(2024, 2, 14), D(2025, 12, 26), D(2026, 12, 24)):
        assert not calendar.is_working_day(day), day


def test_last_working_day_before_idul_fitri_2025() -> None:
    calendar = WorkCalendar()
    # Thursday 27 March 2025, 10:00 WIB: the next working day is Tuesday 8 April.
    assert calendar.next_working_day(D(2025, 3, 27)) == D(2025, 4, 8)
    # Ten working days: 8, 9, 10, 11, 14, 15, 16, 17 April, (18 Good Friday), 21, 22 April.
    assert calendar.add_working_days(D(2025, 3, 27), 10) == D(2025, 4, 22)


def test_receipt_day_outside_hours_and_on_holidays() -> None:
    calendar = WorkCalendar()
    assert calendar.receipt_day(dt.datetime(2025, 2, 5, 7, 0, tzinfo=WIB)) == D(2025, 2, 5)
    assert calendar.receipt_day(dt.datetime(2025, 2, 5, 15, 59, tzinfo=WIB)) == D(2025, 2, 5)
    assert calendar.receipt_day(dt.datetime(2025, 2, 5, 23, 0, tzinfo=WIB)) == D(2025, 2, 6)
    assert calendar.receipt_day(dt.datetime(2025, 2, 8, 10, 0, tzinfo=WIB)) == D(2025, 2, 10)
    assert calendar.receipt_day(dt.datetime(2025, 3, 31, 10, 0, tzinfo=WIB)) == D(2025, 4, 8)


def test_time_zones_differ() -> None:
    # 15:30 WIB is 17:30 WIT: still open in Medan, closed in Jayapura.
    moment = dt.datetime(2025, 2, 5, 15, 30, tzinfo=WIB)
    assert WorkCalendar(time_zone="Asia/Jakarta").receipt_day(moment) == D(2025, 2, 5)
    assert WorkCalendar(time_zone="Asia/Jayapura").receipt_day(moment) == D(2025, 2, 6)


def test_office_closure_is_not_a_working_day() -> None:
    calendar = WorkCalendar(closures=((D(2025, 2, 6), D(2025, 2, 7), "Banjir"),))
    assert calendar.closed_because(D(2025, 2, 6)) == "Banjir"
    assert calendar.next_working_day(D(2025, 2, 5)) == D(2025, 2, 10)


def test_working_seconds() -> None:
    calendar = WorkCalendar()
    # Friday 7 Feb 2025 15:00 to Monday 10 Feb 09:00: one hour Friday, one hour Monday.
    start = dt.datetime(2025, 2, 7, 15, 0, tzinfo=WIB)
    end = dt.datetime(2025, 2, 10, 9, 0, tzinfo=WIB)
    assert calendar.working_seconds_between(start, end) == 2 * 3600


@settings(max_examples=60)
@given(st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 11, 30)), st.integers(1, 20))
def test_added_working_days_are_working_days(day: dt.date, count: int) -> None:
    calendar = WorkCalendar()
    due = calendar.add_working_days(day, count)
    assert calendar.is_working_day(due)
    between = [day + dt.timedelta(days=i) for i in range(1, (due - day).days + 1)]
    assert sum(calendar.is_working_day(d) for d in between) == count


@settings(max_examples=60)
@given(
    st.datetimes(
        min_value=dt.datetime(2024, 1, 1),
        max_value=dt.datetime(2026, 11, 30),
        timezones=st.just(WIB),
    ),
    st.sampled_from(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]),
)
def test_receipt_day_is_the_first_working_day_not_before_the_local_date(
    moment: dt.datetime, zone: str
) -> None:
    calendar = WorkCalendar(time_zone=zone)
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    day = calendar.receipt_day(moment)
    assert calendar.is_working_day(day)
    assert day >= local.date()
    if calendar.is_working_day(local.date()) and local.time() < dt.time(16, 0):
        assert day == local.date()
    else:
        assert day > local.date()
        skipped = [local.date() + dt.timedelta(days=i) for i in range(1, (day - local.date()).days)]
        assert not any(calendar.is_working_day(d) for d in skipped)

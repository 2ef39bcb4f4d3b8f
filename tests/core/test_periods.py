"""Periods of books and reports: a whole year is what the register and the report can answer
from the agenda year alone (cases.selectors.registered_in)."""

import datetime as dt

from autentika.core.periods import Period


def test_only_a_first_of_january_to_a_thirty_first_of_december_is_whole_years():
    assert Period.year(2025).whole_years
    assert Period.between(dt.date(2024, 1, 1), dt.date(2025, 12, 31)).whole_years
    assert not Period.between(dt.date(2025, 1, 2), dt.date(2025, 12, 31)).whole_years
    assert not Period.between(dt.date(2025, 1, 1), dt.date(2025, 12, 30)).whole_years


def test_a_label_names_one_year_only_for_that_calendar_year():
    assert Period.year(2025).label == "Tahun 2025"
    assert Period.between(dt.date(2024, 1, 1), dt.date(2025, 12, 31)).label != "Tahun 2024"

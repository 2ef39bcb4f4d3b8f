"""The report's legal-deadline figures: the status of a request against its due date, and the
share answered on time (values written by hand)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autentika.reports.kip_figures import KipFigures, _status

DUE = dt.date(2025, 4, 22)


@pytest.mark.parametrize(
    ("answered_on", "state", "today", "status"),
    [
        (dt.date(2025, 4, 22), "signed", dt.date(2025, 5, 1), "tepat waktu"),
        (dt.date(2025, 4, 23), "handed_over", dt.date(2025, 5, 1), "terlambat"),
        (None, "drafting", dt.date(2025, 4, 22), "belum dijawab"),
        (None, "review", dt.date(2025, 4, 23), "lewat batas waktu"),
    ],
)
def test_status(answered_on, state, today, status) -> None:
    assert _status(deadline=DUE, answered_on=answered_on, state=state, today=today) == status


def test_share_of_answered_on_time() -> None:
    figures = KipFigures(registered=5, answered=3, on_time=2, late=1)
    assert figures.on_time_share == 66.7
    assert figures.on_time_share_text == "66,7%"
    assert KipFigures().on_time_share is None


@settings(max_examples=50)
@given(st.integers(1, 500), st.data())
def test_share_between_0_and_100(answered: int, data: st.DataObject) -> None:
    on_time = data.draw(st.integers(0, answered))
    share = KipFigures(answered=answered, on_time=on_time).on_time_share
    assert share is not None and 0 <= share <= 100
    if on_time == answered:
        assert share == 100

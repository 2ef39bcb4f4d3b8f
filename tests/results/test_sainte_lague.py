from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autentika.results.sainte_lague import allocate, eligible_parties, passes_threshold


def test_textbook_case():
    # Quotients: A 53000, 17667, 10600; B 24000, 8000; C 23000, 7667; D 2000.
    # Seven seats in order: A, B, C, A, A(10600), B(8000), C(7667).
    result = allocate({1: 53_000, 2: 24_000, 3: 23_000, 4: 2_000}, 7)
    assert result.seats == {1: 3, 2: 2, 3: 2, 4: 0}
    assert result.boundary_tie == frozenset()


def test_odd_divisors_differ_from_dhondt():
    # A=100, B=40, two seats: D'Hondt gives A both (100/2 = 50 > 40); Sainte-Laguë gives
    # B the second (100/3 = 33.3 < 40).
    assert allocate({1: 100, 2: 40}, 2).seats == {1: 1, 2: 1}


def test_tie_at_the_last_seat_goes_to_more_votes_then_lower_ballot_number():
    # A=300 (quotients 300, 100), B=100 (100): the second seat ties at 100; A has more votes.
    result = allocate({1: 100, 2: 300}, 2)
    assert result.seats == {1: 0, 2: 2}
    assert result.boundary_tie == frozenset({1, 2})
    # Equal votes: the lower ballot number wins the tie.
    result = allocate({5: 700, 3: 700, 9: 100}, 1)
    assert result.seats == {3: 1, 5: 0, 9: 0}
    assert result.boundary_tie == frozenset({3, 5})


def test_a_tie_before_the_last_seat_is_not_reported():
    # Both tied parties get a seat: nothing was decided by the tie-break.
    result = allocate({1: 500, 2: 500, 3: 100}, 2)
    assert result.seats == {1: 1, 2: 1, 3: 0}
    assert result.boundary_tie == frozenset()


def test_ineligible_parties_get_no_seat():
    result = allocate({1: 1000, 2: 900, 3: 5000}, 3, eligible={1, 2})
    assert result.seats == {1: 2, 2: 1, 3: 0}


def test_no_eligible_party_no_seats_and_bad_input_refused():
    assert allocate({1: 10}, 3, eligible=set()).seats == {1: 0}
    with pytest.raises(ValueError):
        allocate({1: -1}, 1)
    with pytest.raises(ValueError):
        allocate({1: 1}, -1)


def test_threshold_is_exact_percent_of_the_national_total():
    assert passes_threshold(4, 100, Decimal(4))
    assert not passes_threshold(3, 100, Decimal("3.01"))
    assert not passes_threshold(0, 0, Decimal(4))
    assert eligible_parties({1: 96, 2: 4, 3: 0}, Decimal(4)) == {1, 2}
    assert eligible_parties({1: 96, 2: 4, 3: 0}, None) == {1, 2, 3}


votes_maps = st.dictionaries(
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=0, max_value=2_000_000),
    min_size=1,
    max_size=18,
)


@settings(max_examples=200, deadline=None)
@given(votes=votes_maps, seats=st.integers(min_value=0, max_value=30))
def test_seats_always_add_up_to_the_dapil_seats(votes, seats):
    assert sum(allocate(votes, seats).seats.values()) == seats


@settings(max_examples=200, deadline=None)
@given(
    votes=votes_maps,
    seats=st.integers(min_value=1, max_value=20),
    extra=st.integers(min_value=1, max_value=500_000),
    data=st.data(),
)
def test_more_votes_never_cost_a_seat(votes, seats, extra, data):
    party = data.draw(st.sampled_from(sorted(votes)))
    before = allocate(votes, seats).seats[party]
    after = allocate({**votes, party: votes[party] + extra}, seats).seats[party]
    assert after >= before


@settings(max_examples=200, deadline=None)
@given(votes=votes_maps, seats=st.integers(min_value=0, max_value=20))
def test_one_more_seat_never_takes_a_seat_away(votes, seats):
    smaller, larger = allocate(votes, seats).seats, allocate(votes, seats + 1).seats
    assert all(larger[n] >= smaller[n] for n in votes)

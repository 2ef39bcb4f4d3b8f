"""Seat allocation by Sainte-Laguë with odd divisors 1, 3, 5, ... (UU 7/2017 Pasal 415).

Pure functions over plain numbers: no database, no Django.

Ties. KPU's rules on seat determination give a tied last seat to the party whose votes are
spread more widely (more regions where it received votes): not a number in the archive. The
code therefore breaks a tie deterministically — higher votes in
the dapil first, then the lower ballot number — and reports the tie (`Allocation.boundary_tie`)
so the checks flag it for a person to compare with the decision.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True)
class Allocation:
    seats: dict[int, int]
    # Ballot numbers whose quotients were equal at the boundary between the last seat awarded
    # and the first one not awarded: the tie-break decided between them.
    boundary_tie: frozenset[int] = field(default_factory=frozenset)


def _priority(votes: int, seats_so_far: int, number: int) -> tuple[Fraction, int, int]:
    # Larger is better: the quotient, then more votes, then the lower ballot number.
    return (Fraction(votes, 2 * seats_so_far + 1), votes, -number)


def allocate(
    votes: Mapping[int, int], seats: int, *, eligible: Iterable[int] | None = None
) -> Allocation:
    """Allocate `seats` among parties (keyed by ballot number) by their `votes`.

    Only the `eligible` parties (all when None) take part; the others get 0 seats.
    """
    if seats < 0:
        raise ValueError("seats must be >= 0")
    if any(v < 0 for v in votes.values()):
        raise ValueError("votes must be >= 0")
    allowed = set(votes) if eligible is None else set(eligible) & set(votes)
    result = {number: 0 for number in votes}
    if not allowed:
        return Allocation(result)
    last_quotient: Fraction | None = None
    for _ in range(seats):
        winner = max(allowed, key=lambda n: _priority(votes[n], result[n], n))
        last_quotient = Fraction(votes[winner], 2 * result[winner] + 1)
        result[winner] += 1
    tie: frozenset[int] = frozenset()
    if last_quotient is not None:
        # The next quotient of each party; a tie matters when a party that missed out had the
        # same quotient as the last seat awarded.
        missed = {n for n in allowed if Fraction(votes[n], 2 * result[n] + 1) == last_quotient}
        if missed:
            won_at_boundary = {
                n
                for n in allowed
                if result[n] > 0 and Fraction(votes[n], 2 * result[n] - 1) == last_quotient
            }
            tie = frozenset(missed | won_at_boundary)
    return Allocation(result, tie)


def passes_threshold(party_votes: int, total_votes: int, threshold_percent: Decimal) -> bool:
    """At least `threshold_percent` of the national valid votes (exact, no rounding)."""
    if total_votes <= 0:
        return False
    return Decimal(party_votes) * 100 >= Decimal(threshold_percent) * total_votes


def eligible_parties(
    national_votes: Mapping[int, int], threshold_percent: Decimal | None
) -> set[int]:
    """The parties that take part in seat allocation anywhere (all when no threshold)."""
    if threshold_percent is None:
        return set(national_votes)
    total = sum(national_votes.values())
    return {
        number
        for number, party_votes in national_votes.items()
        if passes_threshold(party_votes, total, threshold_percent)
    }

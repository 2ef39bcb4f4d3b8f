"""Consistency checks of an election's current results version.

Each finding names the dapil, the party, the recorded and the expected value:
- every dapil's party seats add up to the dapil's seats;
- seats recomputed by Sainte-Laguë (with the national threshold where the election has one)
  equal the recorded seats, dapil by dapil; a tie at a dapil's last seat is reported too;
- each party's sums over the dapil equal the decision's own party totals, where it prints them
  (for a vote difference, the dapil furthest from the party's usual share is named);
- a dapil's votes never exceed its voters on the list (DPT), where known.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from autentika.results import sainte_lague
from autentika.results.models import Election, ResultVersion
from autentika.results.selectors import election_current_version


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    dapil: str = ""
    party: str = ""
    recorded: int | None = None
    expected: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _fmt(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _signed(value: int) -> str:
    return ("+" if value > 0 else "-") + _fmt(abs(value))


def election_check(*, election: Election, version: ResultVersion | None = None) -> list[Finding]:
    version = version or election_current_version(election=election)
    if version is None:
        return [Finding("no_results", f"{election.name}: belum ada hasil yang diimpor.")]
    rows = list(
        version.party_results.select_related("dapil", "party").order_by("dapil_id", "party__number")
    )
    dapil_rows: dict[int, list[Any]] = defaultdict(list)
    dapil_of: dict[int, Any] = {}
    national: dict[int, int] = defaultdict(int)
    party_names: dict[int, str] = {}
    for row in rows:
        dapil_rows[row.dapil_id].append(row)
        dapil_of[row.dapil_id] = row.dapil
        national[row.party.number] += row.votes
        party_names[row.party.number] = f"{row.party.number} {row.party.short_name}"
    eligible = sainte_lague.eligible_parties(national, election.threshold_percent)
    findings: list[Finding] = []
    for dapil_id, items in dapil_rows.items():
        dapil = dapil_of[dapil_id]
        recorded = sum(r.seats for r in items)
        if recorded != dapil.seats:
            findings.append(
                Finding(
                    "dapil_seat_sum",
                    f"Dapil {dapil.name}: kursi partai berjumlah {recorded}, "
                    f"padahal alokasi kursi dapil {dapil.seats}.",
                    dapil=dapil.name,
                    recorded=recorded,
                    expected=dapil.seats,
                )
            )
        allocation = sainte_lague.allocate(
            {r.party.number: r.votes for r in items}, dapil.seats, eligible=eligible
        )
        for r in items:
            expected = allocation.seats[r.party.number]
            if expected != r.seats:
                findings.append(
                    Finding(
                        "seat_allocation",
                        f"Dapil {dapil.name}, partai {party_names[r.party.number]}: kursi tercatat "
                        f"{r.seats}, hitung ulang Sainte-Laguë {expected}.",
                        dapil=dapil.name,
                        party=party_names[r.party.number],
                        recorded=r.seats,
                        expected=expected,
                    )
                )
        if allocation.boundary_tie:
            tied = ", ".join(party_names[n] for n in sorted(allocation.boundary_tie))
            findings.append(
                Finding(
                    "tie_at_last_seat",
                    f"Dapil {dapil.name}: kursi terakhir jatuh pada nilai hasil bagi yang sama "
                    f"({tied}). Aturan memberikannya kepada partai dengan persebaran suara lebih "
                    f"luas; cocokkan dengan keputusan.",
                    dapil=dapil.name,
                    party=tied,
                )
            )
        if dapil.voters is not None:
            votes = sum(r.votes for r in items)
            if votes > dapil.voters:
                findings.append(
                    Finding(
                        "votes_exceed_voters",
                        f"Dapil {dapil.name}: suara sah partai {_fmt(votes)} melebihi pemilih "
                        f"dalam DPT {_fmt(dapil.voters)}.",
                        dapil=dapil.name,
                        recorded=votes,
                        expected=dapil.voters,
                    )
                )
    findings.extend(_total_findings(version, rows, national, party_names))
    return findings


def _total_findings(
    version: ResultVersion,
    rows: list[Any],
    national: dict[int, int],
    party_names: dict[int, str],
) -> list[Finding]:
    findings: list[Finding] = []
    seats_sum: dict[int, int] = defaultdict(int)
    dapil_votes: dict[str, int] = defaultdict(int)
    party_dapil: dict[tuple[int, str], int] = {}
    for row in rows:
        seats_sum[row.party.number] += row.seats
        dapil_votes[row.dapil.name] += row.votes
        party_dapil[row.party.number, row.dapil.name] = row.votes
    all_votes = sum(national.values())
    for total in version.party_totals.select_related("party").order_by("party__number"):
        number = total.party.number
        name = party_names.get(number, f"{number} {total.party.short_name}")
        if total.votes is not None and total.votes != national.get(number, 0):
            recorded = national.get(number, 0)
            difference = recorded - total.votes
            where = ""
            if all_votes and dapil_votes:
                share = total.votes / all_votes
                # The dapil whose votes for the party stray furthest, in the direction of the
                # difference, from the party's national share of that dapil's votes.
                sign = 1 if difference > 0 else -1
                suspect = max(
                    dapil_votes,
                    key=lambda d: sign * (party_dapil.get((number, d), 0) - share * dapil_votes[d]),
                )
                where = (
                    f" Penyimpangan terbesar di dapil {suspect} "
                    f"({_fmt(party_dapil.get((number, suspect), 0))} suara)."
                )
            else:
                suspect = ""
            findings.append(
                Finding(
                    "party_total_votes",
                    f"Partai {name}: jumlah suara seluruh dapil {_fmt(recorded)}, total dalam "
                    f"keputusan {_fmt(total.votes)} (selisih {_signed(difference)}).{where}",
                    dapil=suspect,
                    party=name,
                    recorded=recorded,
                    expected=total.votes,
                )
            )
        if total.seats is not None and total.seats != seats_sum.get(number, 0):
            findings.append(
                Finding(
                    "party_total_seats",
                    f"Partai {name}: jumlah kursi seluruh dapil {seats_sum.get(number, 0)}, "
                    f"total dalam keputusan {total.seats}.",
                    party=name,
                    recorded=seats_sum.get(number, 0),
                    expected=total.seats,
                )
            )
    return findings

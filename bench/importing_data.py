"""A generated national-size results set in the import template (docs/IMPORT_TEMPLATE.md):
the per-dapil table (`hasil`), the decision's party totals (`total_partai`) and the candidates
(`calon`), each as CSV text. Consistent by construction, so every check passes: each dapil's
seats are Sainte-Laguë's allocation of its votes (and add up to the dapil's seats), the totals
are the dapil sums, candidates stand only where their party does and the party's best-voted
candidates up to its seats in the dapil are the elected ones."""

import csv
import io
import random
from dataclasses import dataclass

from autentika.results import sainte_lague
from autentika.results.import_types import CANDIDATES_HEADERS, MAIN_HEADERS, TOTALS_HEADERS

# The 18 national parties of 2024 (data/parties_2024.csv), by ballot number.
PARTIES = {
    1: "PKB",
    2: "Gerindra",
    3: "PDI-P",
    4: "Golkar",
    5: "NasDem",
    6: "Buruh",
    7: "Gelora",
    8: "PKS",
    9: "PKN",
    10: "Hanura",
    11: "Garuda",
    12: "PAN",
    13: "PBB",
    14: "Demokrat",
    15: "PSI",
    16: "Perindo",
    17: "PPP",
    24: "Ummat",
}


@dataclass(frozen=True)
class ResultsSet:
    main: str
    totals: str
    candidates: str
    dapil: int
    rows: int  # per-dapil rows
    total_rows: int
    candidate_rows: int

    @property
    def all_rows(self) -> int:
        return self.rows + self.total_rows + self.candidate_rows


def _csv(header: tuple[str, ...], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def results_set_generate(*, dapil: int, candidates: int, seed: int = 17) -> ResultsSet:
    """`dapil` dapil x the 18 parties, and about `candidates` candidate rows."""
    rng = random.Random(seed)
    pairs = dapil * len(PARTIES)
    per_pair, extra_share = divmod(candidates, pairs)
    main: list[list[object]] = []
    candidate_rows: list[list[object]] = []
    sums = {number: [0, 0] for number in PARTIES}
    for index in range(1, dapil + 1):
        name = f"DAPIL {index:04d}"
        seats = rng.randint(3, 12)
        votes = {number: rng.randint(500, 60_000) for number in PARTIES}
        allocation = sainte_lague.allocate(votes, seats).seats
        for number, party in PARTIES.items():
            main.append([name, seats, number, party, votes[number], allocation[number]])
            sums[number][0] += votes[number]
            sums[number][1] += allocation[number]
            standing = per_pair + (1 if rng.randrange(pairs) < extra_share else 0)
            shares = sorted((rng.randint(1, 1000) for _ in range(standing)), reverse=True)
            whole = sum(shares) or 1
            for order, share in enumerate(shares, 1):
                candidate_votes = votes[number] * 8 // 10 * share // whole
                elected = "ya" if order <= allocation[number] else "tidak"
                candidate_rows.append(
                    [
                        name,
                        number,
                        order,
                        f"Calon {index}-{number}-{order}",
                        candidate_votes,
                        elected,
                    ]
                )
    totals: list[list[object]] = [
        [number, PARTIES[number], votes, seats] for number, (votes, seats) in sums.items()
    ]
    return ResultsSet(
        main=_csv(MAIN_HEADERS, main),
        totals=_csv(TOTALS_HEADERS, totals),
        candidates=_csv(CANDIDATES_HEADERS, candidate_rows),
        dapil=dapil,
        rows=len(main),
        total_rows=len(totals),
        candidate_rows=len(candidate_rows),
    )

"""Demo results, loaded by `seed_demo` from the files shipped in `data/` (see data/PROVENANCE.md).

- KPU Provinsi Sumatera Utara, DPRD Provinsi 2024: the 12 real dapil and seats, the 18 national
  parties, the official seats per party as the decision's totals. Per-dapil votes are not public:
  they are generated (seeded, so always the same) so that Sainte-Laguë gives exactly the official
  seats per party. Status `sample`. No candidate names get invented votes.
- KPU Provinsi Sumatera Utara, DPRD Provinsi 2019: the provisional count (Situng) per dapil, with
  seats derived by Sainte-Laguë and the official seats per party as totals. Status `provisional`.
- KPU RI, DPR RI 2024: 84 dapil, 1,512 rows of near-official votes with a known defect, the
  official party totals of parties_2024.csv. Status `provisional` (docs/DECISIONS.md).
"""

import csv
import datetime as dt
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from autentika.core.permissions import Duty
from autentika.organization.models import Office
from autentika.organization.selectors import duty_holder
from autentika.results import sainte_lague
from autentika.results.election_services import decision_create, election_create
from autentika.results.import_reading import Table
from autentika.results.import_types import MAIN_HEADERS, MAIN_SHEET, TOTALS_HEADERS, TOTALS_SHEET
from autentika.results.importing import parse_tables
from autentika.results.models import Dapil, DecisionStatus, Election, Legislature, Party
from autentika.results.parties import party_registry_load
from autentika.results.services import results_import_parsed

DATA_DIR = Path(settings.BASE_DIR) / "data"
SAMPLE_SEED = 20240528


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class DemoElection:
    office: str
    code: str
    year: int
    legislature: Legislature
    threshold: Decimal | None
    decision_number: str
    decision_date: dt.date
    decision_title: str
    status: DecisionStatus
    source: str


SUMUT_2024 = DemoElection(
    "kpu-sumut",
    "dprd-sumut-2024",
    2024,
    Legislature.DPRD_PROVINSI,
    None,
    "21 Tahun 2024",
    dt.date(2024, 5, 28),
    "Penetapan Perolehan Kursi Partai Politik dan Calon Terpilih Anggota Dewan Perwakilan "
    "Rakyat Daerah Provinsi Sumatera Utara dalam Pemilihan Umum Tahun 2024 "
    "(SAMPEL: suara per dapil dibuat untuk latihan)",
    DecisionStatus.SAMPLE,
    "demo:sumut-2024-sampel",
)
SUMUT_2019 = DemoElection(
    "kpu-sumut",
    "dprd-sumut-2019",
    2019,
    Legislature.DPRD_PROVINSI,
    None,
    "Situng 2019 (bukan keputusan)",
    dt.date(2019, 4, 17),
    "Hitung sementara (Situng KPU) Pemilu Anggota DPRD Provinsi Sumatera Utara 2019; kursi per "
    "dapil dihitung ulang dengan Sainte-Laguë dari suara sementara",
    DecisionStatus.PROVISIONAL,
    "data/sumut_dprd_2019_situng_dapil.csv",
)
DPR_2024 = DemoElection(
    "kpu-ri",
    "dpr-ri-2024",
    2024,
    Legislature.DPR,
    Decimal(4),
    "360 Tahun 2024",
    dt.date(2024, 3, 20),
    "Penetapan Hasil Pemilihan Umum Presiden dan Wakil Presiden, Anggota Dewan Perwakilan "
    "Rakyat, Anggota Dewan Perwakilan Daerah, Anggota Dewan Perwakilan Rakyat Daerah Provinsi, "
    "dan Anggota Dewan Perwakilan Rakyat Daerah Kabupaten/Kota secara Nasional dalam Pemilihan "
    "Umum Tahun 2024 (suara per dapil: rekap publik, bukan lampiran resmi)",
    DecisionStatus.PROVISIONAL,
    "data/dpr_ri_2024_party_dapil.csv",
)


def national_parties_2024() -> list[dict[str, str]]:
    return [row for row in _read("parties_2024.csv") if row["scope"] == "national"]


def sample_votes(
    dapil_seats: list[tuple[str, int]], party_seats: dict[int, int], *, seed: int = SAMPLE_SEED
) -> dict[tuple[str, int], tuple[int, int]]:
    """Invented votes per dapil and party whose Sainte-Laguë allocation gives each party exactly
    `party_seats` in total (and each dapil exactly its seats). Deterministic for a seed.

    The seats are dealt out at random, then each dapil gets a cut-off λ: a party meant to win s
    seats gets votes strictly between λ(2s-1) and λ(2s+1), a party meant to win none less than λ;
    then exactly the intended quotients exceed λ.
    """
    if sum(party_seats.values()) != sum(seats for _, seats in dapil_seats):
        raise ValueError("party seats and dapil seats must add up to the same total")
    rng = random.Random(seed)
    tokens = [number for number, seats in sorted(party_seats.items()) for _ in range(seats)]
    rng.shuffle(tokens)
    result: dict[tuple[str, int], tuple[int, int]] = {}
    position = 0
    for name, seats in dapil_seats:
        won = {number: 0 for number in party_seats}
        for number in tokens[position : position + seats]:
            won[number] += 1
        position += seats
        cutoff = rng.randint(25_000, 45_000)
        margin = cutoff // 20
        votes = {}
        for number, count in won.items():
            if count:
                low, high = cutoff * (2 * count - 1) + margin, cutoff * (2 * count + 1) - margin
            else:
                low, high = margin, cutoff - margin
            votes[number] = rng.randint(low, high)
        allocation = sainte_lague.allocate(votes, seats)
        if allocation.seats != won or allocation.boundary_tie:
            raise AssertionError(f"sample votes for {name} do not reproduce the seats")
        for number in party_seats:
            result[name, number] = (votes[number], won[number])
    return result


def _table(headers: tuple[str, ...], rows: list[list[object]]) -> Table:
    return [(1, list(headers))] + [(line, list(row)) for line, row in enumerate(rows, 2)]


def _sumut_2024_tables() -> dict[str, Table]:
    dapil = [(row["dapil_name"], int(row["seats"])) for row in _read("sumut_dprd_2024_dapil.csv")]
    names = {int(row["ballot_number"]): row["short_name"] for row in national_parties_2024()}
    official = {
        int(row["party_number"]): int(row["seats"])
        for row in _read("sumut_dprd_2024_seats_by_party.csv")
    }
    seats = {number: official.get(number, 0) for number in names}
    figures = sample_votes(dapil, seats)
    main = [
        [name, dapil_seats, number, names[number], *figures[name, number]]
        for name, dapil_seats in dapil
        for number in sorted(names)
    ]
    totals = [[number, names[number], "", seats[number]] for number in sorted(names)]
    return {
        MAIN_SHEET: _table(MAIN_HEADERS, main),
        TOTALS_SHEET: _table(TOTALS_HEADERS, totals),
    }


def _sumut_2019_tables() -> dict[str, Table]:
    """Provisional votes; dapil seats as in 2024 (the same per dapil, PROVENANCE.md); seats per
    party derived by Sainte-Laguë from those votes (derived figures, not results)."""
    rows = _read("sumut_dprd_2019_situng_dapil.csv")
    dapil_seats = {
        row["dapil_name"]: int(row["seats"]) for row in _read("sumut_dprd_2024_dapil.csv")
    }
    votes: dict[str, dict[int, int]] = {}
    for row in rows:
        votes.setdefault(row["dapil"], {})[int(row["party_number_2019"])] = int(row["votes_situng"])
    derived = {name: sainte_lague.allocate(v, dapil_seats[name]).seats for name, v in votes.items()}
    names = {int(row["party_number_2019"]): row["party"] for row in rows}
    main = [
        [name, dapil_seats[name], number, names[number], count, derived[name][number]]
        for name, by_party in votes.items()
        for number, count in by_party.items()
    ]
    official = {
        int(row["party_number_2019"]): int(row["seats"])
        for row in _read("sumut_dprd_2019_seats_by_party.csv")
    }
    totals = [[number, names[number], "", official.get(number, 0)] for number in sorted(names)]
    return {
        MAIN_SHEET: _table(MAIN_HEADERS, main),
        TOTALS_SHEET: _table(TOTALS_HEADERS, totals),
    }


def _dpr_2024_tables() -> dict[str, Table]:
    names = {int(row["ballot_number"]): row["short_name"] for row in national_parties_2024()}
    main = [
        [
            row["dapil"],
            int(row["dapil_seats"]),
            int(row["party_number"]),
            names[int(row["party_number"])],
            int(row["votes"]),
            int(row["seats_source_sheet"]),
        ]
        for row in _read("dpr_ri_2024_party_dapil.csv")
    ]
    totals = [
        [
            int(row["ballot_number"]),
            row["short_name"],
            int(row["dpr_national_valid_votes_2024_official"]),
            int(row["dpr_seats_2024_official"]),
        ]
        for row in national_parties_2024()
    ]
    return {
        MAIN_SHEET: _table(MAIN_HEADERS, main),
        TOTALS_SHEET: _table(TOTALS_HEADERS, totals),
    }


def _describe_sumut_2024(election: Election) -> None:
    info = {row["dapil_name"]: row for row in _read("sumut_dprd_2024_dapil.csv")}
    dapil = list(election.dapil.all())
    for item in dapil:
        item.code, item.areas = info[item.name]["dapil_code"], info[item.name]["areas"]
    Dapil.objects.bulk_update(dapil, ["code", "areas"])
    _party_full_names(election)


def _describe_dpr_2024(election: Election) -> None:
    voters = {row["dapil"]: int(row["dpt_total"]) for row in _read("dpr_ri_2024_dapil.csv")}
    dapil = list(election.dapil.all())
    for item in dapil:
        item.voters = voters[item.name]
    Dapil.objects.bulk_update(dapil, ["voters"])
    _party_full_names(election)


def _party_full_names(election: Election) -> None:
    """Each participation's full name as registered in that election's year, looked up by the
    party's identity (data/parties.csv), never by its ballot number."""
    column = f"full_name_{election.year}"
    full = {row["code"]: row.get(column, "") for row in _read("parties.csv")}
    parties = list(election.parties.select_related("political_party"))
    for party in parties:
        party.full_name = full.get(party.political_party.code, "") or party.full_name
    Party.objects.bulk_update(parties, ["full_name"])


DEMO_ELECTIONS: tuple[
    tuple[DemoElection, Callable[[], dict[str, Table]], Callable[..., None]], ...
] = (
    (SUMUT_2024, _sumut_2024_tables, _describe_sumut_2024),
    (SUMUT_2019, _sumut_2019_tables, _party_full_names),
    (DPR_2024, _dpr_2024_tables, _describe_dpr_2024),
)


@transaction.atomic
def demo_election_seed(
    spec: DemoElection, tables: Callable[[], dict[str, Table]], describe: Callable[..., None]
) -> tuple[Election | None, bool]:
    """Create the election, its decision and its one version, unless already there."""
    office = Office.objects.filter(code=spec.office).first()
    if office is None:
        return None, False
    # recorded as the office's keeper of the results archive, as by hand
    actor = duty_holder(office=office, duty=Duty.MANAGE_RESULTS)
    election = Election.objects.filter(office=office, code=spec.code).first()
    if election is not None and election.versions.exists():
        return election, False
    if election is None:
        election = election_create(
            office=office,
            code=spec.code,
            year=spec.year,
            legislature=spec.legislature,
            threshold_percent=spec.threshold,
            actor=actor,
        )
    decision = election.decisions.filter(number=spec.decision_number).first() or decision_create(
        election=election,
        number=spec.decision_number,
        date=spec.decision_date,
        title=spec.decision_title,
        status=spec.status,
        actor=actor,
    )
    data = tables()
    parsed = parse_tables(spec.source, data, is_xlsx=False)
    digest = hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()
    results_import_parsed(
        election=election,
        decision=decision,
        parsed=parsed,
        file_name=spec.source,
        sha256=digest,
        actor=actor,
        note="Data demo (seed_demo); lihat data/PROVENANCE.md.",
    )
    describe(election)
    return election, True


def results_demo_seed(write: Callable[[str], None]) -> None:
    created = party_registry_load()
    write(f"Daftar partai politik dimuat ({created} baru; data/parties.csv)")
    for spec, tables, describe in DEMO_ELECTIONS:
        election, created = demo_election_seed(spec, tables, describe)
        if election is None:
            continue
        state = "dimuat" if created else "sudah ada"
        write(f"Hasil demo {state}: {election.name} ({spec.office}/{spec.code}, {spec.status})")

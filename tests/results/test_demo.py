from collections import Counter

from django.core.management import call_command

from autentika.results.checks import election_check
from autentika.results.demo import sample_votes
from autentika.results.models import (
    CandidateResult,
    DecisionStatus,
    Election,
    PartyResult,
    ResultVersion,
)
from autentika.results.sainte_lague import allocate
from autentika.results.selectors import election_current_version

OFFICIAL_SUMUT_2024 = {
    "Golkar": 22,
    "PDI-P": 21,
    "Gerindra": 13,
    "NasDem": 12,
    "PKS": 10,
    "PAN": 6,
    "Demokrat": 5,
    "Hanura": 5,
    "PKB": 4,
    "PPP": 1,
    "Perindo": 1,
}


def test_seed_demo_loads_the_three_elections_idempotently(db, capsys):
    call_command("seed_demo")
    counts = (ResultVersion.objects.count(), PartyResult.objects.count())
    call_command("seed_demo")
    assert (
        (ResultVersion.objects.count(), PartyResult.objects.count())
        == counts
        == (3, 216 + 192 + 1512)
    )
    assert "Hasil demo sudah ada" in capsys.readouterr().out
    assert not CandidateResult.objects.exists()

    sumut_2024 = Election.objects.get(office__code="kpu-sumut", code="dprd-sumut-2024")
    version = election_current_version(election=sumut_2024)
    assert version.decision.status == DecisionStatus.SAMPLE
    assert version.decision.number == "21 Tahun 2024"
    assert sumut_2024.dapil.count() == 12 and sumut_2024.parties.count() == 18
    seats = Counter()
    for row in version.party_results.select_related("party"):
        seats[row.party.short_name] += row.seats
    assert {name: n for name, n in seats.items() if n} == OFFICIAL_SUMUT_2024
    assert election_check(election=sumut_2024) == []
    assert sumut_2024.dapil.get(name="SUMATERA UTARA 1").code == "120001"

    sumut_2019 = Election.objects.get(office__code="kpu-sumut", code="dprd-sumut-2019")
    assert election_current_version(election=sumut_2019).decision.status == "provisional"

    dpr = Election.objects.get(office__code="kpu-ri", code="dpr-ri-2024")
    dpr_version = election_current_version(election=dpr)
    assert dpr_version.decision.status == DecisionStatus.PROVISIONAL
    assert dpr.dapil.count() == 84 and dpr.parties.get(number=3).full_name.startswith("Partai")
    findings = election_check(election=dpr)
    assert Counter(f.code for f in findings) == {"party_total_votes": 18, "votes_exceed_voters": 1}
    # A real one in the shipped data: the noken dapil's party votes exceed its DPT by 22.
    over = next(f for f in findings if f.code == "votes_exceed_voters")
    assert (over.dapil, over.recorded - over.expected) == ("PAPUA PEGUNUNGAN", 22)


def test_sample_votes_reproduce_the_intended_seats():
    dapil = [("A", 5), ("B", 3)]
    figures = sample_votes(dapil, {1: 4, 2: 3, 3: 1, 4: 0}, seed=7)
    assert figures == sample_votes(dapil, {1: 4, 2: 3, 3: 1, 4: 0}, seed=7)
    for name, seats in dapil:
        votes = {n: figures[name, n][0] for n in (1, 2, 3, 4)}
        won = {n: figures[name, n][1] for n in (1, 2, 3, 4)}
        assert allocate(votes, seats).seats == won
    assert sum(figures[d, 1][1] for d, _ in dapil) == 4

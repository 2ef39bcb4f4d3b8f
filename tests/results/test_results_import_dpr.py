import csv
import io
from collections import Counter

from autentika.results.checks import election_check
from autentika.results.models import PartyResult
from autentika.results.services import results_import
from tests.support.results import dpr_2024_csv, keeper, official_party_totals, xlsx_bytes


def test_dpr_2024_reproduces_580_seats_and_every_dapil(dpr_election, dpr_decision):
    report = results_import(
        election=dpr_election,
        decision=dpr_decision,
        file_name="dpr_ri_2024.csv",
        content=dpr_2024_csv(),
        actor=keeper(dpr_election.office),
    )
    assert report.version is not None and report.rows == 1512
    assert len(report.new_dapil) == 84 and len(report.new_parties) == 18
    assert report.total_seats == 580
    findings = election_check(election=dpr_election)
    assert [f for f in findings if f.code != "party_total_votes"] == []
    seats = Counter()
    for row in PartyResult.objects.filter(version=report.version).select_related("party"):
        seats[row.party.short_name] += row.seats
    assert seats["PDIP"] == 110 and seats["GOLKAR"] == 102 and sum(seats.values()) == 580


def test_reconciliation_with_official_totals_reports_the_real_discrepancies(
    dpr_election, dpr_decision
):
    main = [list(r) for r in csv.reader(io.StringIO(dpr_2024_csv().decode()))]
    content = xlsx_bytes({"hasil": main, "total_partai": official_party_totals()})
    report = results_import(
        election=dpr_election,
        decision=dpr_decision,
        file_name="dpr_ri_2024.xlsx",
        content=content,
        actor=keeper(dpr_election.office),
    )
    assert report.totals == 18
    findings = election_check(election=dpr_election)
    assert {f.code for f in findings} == {"party_total_votes"}  # seats all agree
    largest = max(findings, key=lambda f: abs((f.recorded or 0) - (f.expected or 0)))
    assert largest.party == "13 PBB"
    assert largest.recorded - largest.expected == 129_362
    assert largest.dapil == "JAWA TENGAH VIII"
    assert "selisih +129.362" in largest.message and "JAWA TENGAH VIII" in largest.message
    by_party = {f.party: f.recorded - f.expected for f in findings}
    assert by_party["16 PERINDO"] == -24_213 and by_party["4 GOLKAR"] == 3_834
    assert sum(by_party.values()) == 105_832  # the national excess PROVENANCE.md names

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from autentika.core.models import AuditEvent, AuditEventType
from autentika.results.election_services import election_create
from autentika.results.models import Election, ResultVersion
from autentika.results.services import results_import
from tests.support.results import SMALL_CSV, keeper


@pytest.fixture
def imported(keeper_election, decision):  # type: ignore[no-untyped-def]
    results_import(
        election=keeper_election,
        decision=decision,
        file_name="hasil.csv",
        content=SMALL_CSV.encode(),
        actor=keeper(keeper_election.office),
    )
    return keeper_election


def test_pages_need_login(client, keeper_election):
    response = client.get(reverse("results:election_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_tu_may_view_but_not_import(client, demo_user, imported):
    client.force_login(demo_user("tu"))
    page = client.get(reverse("results:election_list")).content.decode()
    assert imported.name in page and "Catat pemilu" not in page
    detail = client.get(reverse("results:election_detail", args=[imported.code]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Impor hasil" not in html and "1.300" in html and "Alfa" in html
    assert client.get(reverse("results:results_upload", args=[imported.code])).status_code == 403
    assert client.get(reverse("results:election_new")).status_code == 403
    party = client.get(reverse("results:party_detail", args=[imported.code, 1]))
    assert party.status_code == 200 and "DAPIL B" in party.content.decode()


def test_another_offices_election_is_404(client, demo_user, sumut, ri):
    other = election_create(
        office=ri,
        code="dpr-2024",
        year=2024,
        legislature="DPR",
        threshold_percent=4,
        actor=keeper(ri),
    )
    client.force_login(demo_user("kasubbag"))
    for name, args in (
        ("results:election_detail", [other.code]),
        ("results:party_detail", [other.code, 1]),
        ("results:results_upload", [other.code]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404
    assert other.name not in client.get(reverse("results:election_list")).content.decode()


def test_kasubbag_creates_an_election(client, demo_user, sumut):
    client.force_login(demo_user("kasubbag"))
    response = client.post(
        reverse("results:election_new"),
        {"code": "dprd-2029", "year": 2029, "legislature": "DPRD_PROVINSI", "name": ""},
    )
    election = Election.objects.get(office=sumut, code="dprd-2029")
    assert response["Location"] == reverse("results:election_detail", args=["dprd-2029"])
    assert AuditEvent.objects.get(event_type=AuditEventType.ELECTION_CREATED).actor.username == (
        "kasubbag"
    )
    again = client.post(
        reverse("results:election_new"),
        {"code": "dprd-2029", "year": 2029, "legislature": "DPRD_PROVINSI", "threshold_percent": 4},
    )
    html = again.content.decode()
    assert again.status_code == 200 and "sudah dipakai" in html and "hanya berlaku" in html
    assert Election.objects.filter(office=sumut).count() == 1 and election.pk


def test_upload_preview_then_confirm(client, demo_user, keeper_election):
    client.force_login(demo_user("kasubbag"))
    url = reverse("results:results_upload", args=[keeper_election.code])
    response = client.post(
        url,
        {
            "file": SimpleUploadedFile("hasil.csv", SMALL_CSV.encode(), "text/csv"),
            "number": "5 Tahun 2024",
            "date": "2024-05-28",
            "title": "Penetapan hasil",
            "status": "sample",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Pratinjau impor" in html
    assert "Akan dibuat versi 1" in html and "SPESIMEN" in html
    assert not ResultVersion.objects.exists() and not keeper_election.decisions.exists()
    token = response.context["token"]
    confirmed = client.post(
        reverse("results:results_confirm", args=[keeper_election.code]), {"token": token}
    )
    assert confirmed["Location"] == reverse("results:election_detail", args=[keeper_election.code])
    version = ResultVersion.objects.get()
    assert version.created_by.username == "kasubbag" and version.decision.status == "sample"
    detail = client.get(confirmed["Location"]).content.decode()
    assert "SAMPEL" in detail and "1.950" in detail
    # Confirming twice does nothing.
    replay = client.post(
        reverse("results:results_confirm", args=[keeper_election.code]), {"token": token}
    )
    assert replay.status_code == 302 and ResultVersion.objects.count() == 1


def test_upload_refused_shows_every_message(client, demo_user, keeper_election):
    client.force_login(demo_user("pelaksana"))
    response = client.post(
        reverse("results:results_upload", args=[keeper_election.code]),
        {
            "file": SimpleUploadedFile("rusak.csv", SMALL_CSV.replace("400", "-5").encode()),
            "number": "5",
            "date": "2024-05-28",
            "title": "t",
            "status": "official",
        },
    )
    html = response.content.decode()
    assert "Berkas ditolak" in html and "rusak.csv, baris 3, kolom suara_sah" in html
    assert not ResultVersion.objects.exists()


def test_template_downloads_are_importable_templates(client, demo_user, sumut):
    client.force_login(demo_user("tu"))
    csv_response = client.get(reverse("results:template_download", args=["csv"]))
    assert csv_response.content.decode().strip() == (
        "dapil,kursi_dapil,nomor_partai,partai,suara_sah,kursi"
    )
    xlsx = client.get(reverse("results:template_download", args=["xlsx"]))
    assert xlsx.content[:2] == b"PK" and "templat-hasil-pemilu.xlsx" in xlsx["Content-Disposition"]
    assert client.get(reverse("results:template_download", args=["pdf"])).status_code == 404


def test_election_page_shows_findings(client, demo_user, keeper_election, decision):
    results_import(
        election=keeper_election,
        decision=decision,
        file_name="hasil.csv",
        content=SMALL_CSV.replace("DAPIL B,2,1,Alfa,300,1", "DAPIL B,2,1,Alfa,30,1").encode(),
        actor=keeper(keeper_election.office),
    )
    client.force_login(demo_user("tu"))
    html = client.get(
        reverse("results:election_detail", args=[keeper_election.code])
    ).content.decode()
    assert "Dapil DAPIL B, partai 1 Alfa: kursi tercatat 1, hitung ulang Sainte-Laguë 0." in html

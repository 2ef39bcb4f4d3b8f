import functools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from autentika.core.pdf import html_to_pdf
from autentika.results.models import Decision
from tests.security import samples
from tests.support.results import SMALL_CSV


@functools.cache
def sk_pdf() -> bytes:
    """The decision's PDF, made when first used (not while every worker collects the tests)."""
    return html_to_pdf("<p>Keputusan KPU Nomor 5 Tahun 2024</p>")


def _upload(client, election, document):
    return client.post(
        reverse("results:results_upload", args=[election.code]),
        {
            "file": SimpleUploadedFile("hasil.csv", SMALL_CSV.encode(), "text/csv"),
            "number": "5 Tahun 2024",
            "date": "2024-05-28",
            "title": "Penetapan hasil",
            "status": "official",
            "document": document,
        },
    )


def test_the_signed_decision_is_archived_with_the_import(client, demo_user, keeper_election):
    client.force_login(demo_user("kasubbag"))
    response = _upload(
        client, keeper_election, SimpleUploadedFile("sk.pdf", sk_pdf(), "application/pdf")
    )
    client.post(
        reverse("results:results_confirm", args=[keeper_election.code]),
        {"token": response.context["token"]},
    )
    decision = Decision.objects.get()
    assert decision.document.read() == sk_pdf()
    client.force_login(demo_user("tu"))
    page = client.get(
        reverse("results:election_detail", args=[keeper_election.code])
    ).content.decode()
    assert "Berkas SK bertanda tangan (PDF)" in page
    download = client.get(
        reverse("results:decision_document", args=[keeper_election.code, decision.pk])
    )
    assert b"".join(download.streaming_content) == sk_pdf()


def test_a_decision_file_that_is_not_a_pdf_is_refused(client, demo_user, keeper_election):
    client.force_login(demo_user("kasubbag"))
    fake = SimpleUploadedFile("sk.pdf", samples.png(), "application/pdf")
    page = _upload(client, keeper_election, fake).content.decode()
    assert "Berkas SK harus PDF." in page
    assert not Decision.objects.exists()

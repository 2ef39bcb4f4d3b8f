import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from autentika.cases.models import AgendaCounter, Case, CaseDocument, CaseState
from autentika.cases.registration import DuplicateRequestError
from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.uploads import Upload
from tests.security import samples
from tests.support.documents import scan_pdf


def test_registered_request_gets_the_next_agenda_number_and_goes_to_the_ketua(
    register, official_without_figures
):
    first = register()
    second = register(letter_number="046/DPD-GOLKAR/SU/I/2025")
    assert (first.agenda_number, second.agenda_number) == (1, 2)
    assert first.agenda_year == timezone.localdate().year
    assert first.state == CaseState.DISPOSITION
    assert first.current_position.code == "KETUA"
    document = first.documents.get()
    assert document.content_type == "application/pdf"
    assert document.file.read() == scan_pdf()
    event = AuditEvent.objects.get(
        event_type=AuditEventType.CASE_REGISTERED, target_id=str(first.pk)
    )
    assert event.acting_position.code == "TU"
    assert event.data["completeness"] == {"dprd-sumut-2024": "official"}


def test_agenda_numbers_restart_each_calendar_year(register, official_without_figures):
    jakarta = timezone.get_current_timezone()
    december = dt.datetime(2024, 12, 31, 23, 50, tzinfo=jakarta)
    january = dt.datetime(2025, 1, 1, 0, 10, tzinfo=jakarta)
    old = register(registered_at=december, received_at=december, letter_date=dt.date(2024, 12, 30))
    new = register(
        registered_at=january,
        received_at=january,
        letter_date=dt.date(2024, 12, 30),
        letter_number="02/DPD/2025",
    )
    assert (old.agenda_year, old.agenda_number) == (2024, 1)
    assert (new.agenda_year, new.agenda_number) == (2025, 1)


def _nothing_written():
    assert not Case.objects.exists()
    assert not CaseDocument.objects.exists()
    assert not AgendaCounter.objects.filter(last_number__gt=0).exists()


def test_registering_without_the_letter_scan_is_refused(register, official_without_figures):
    with pytest.raises(ValidationError, match="Pindaian surat permohonan wajib diunggah"):
        register(letter_scan=None)
    _nothing_written()


def test_a_file_that_claims_to_be_a_pdf_but_is_not_is_refused(register, official_without_figures):
    fake = Upload("surat.pdf", b"<html>bukan pdf</html>")
    with pytest.raises(ValidationError, match=r"surat.pdf\) bukan berkas PDF, JPG, atau PNG"):
        register(letter_scan=fake)
    _nothing_written()


def test_a_bad_attachment_refuses_the_whole_registration(register, official_without_figures):
    with pytest.raises(ValidationError, match="Lampiran"):
        register(attachments=[Upload("lampiran.png", b"GIF89a....")])
    _nothing_written()


def test_png_and_jpg_scans_are_accepted_by_content(register, official_without_figures):
    png = Upload("scan.bin", samples.png())
    jpg = Upload("lampiran.jpeg", samples.jpeg())
    case = register(letter_scan=png, attachments=[jpg])
    assert sorted(d.content_type for d in case.documents.all()) == ["image/jpeg", "image/png"]


def test_letter_date_in_the_future_is_refused(register, official_without_figures):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="tidak boleh di masa depan"):
        register(letter_date=tomorrow)
    _nothing_written()


def test_duplicate_party_letter_number_needs_a_reason(register, official_without_figures):
    first = register()
    with pytest.raises(
        DuplicateRequestError, match=f"sudah dicatat sebagai agenda {first.agenda_label}"
    ):
        register()
    assert Case.objects.count() == 1
    again = register(duplicate_reason="Surat asli hilang; partai mengirim ulang.")
    assert again.agenda_number == 2
    assert again.duplicate_reason.startswith("Surat asli hilang")


def test_only_a_position_with_the_registering_duty_may_register(
    register, demo_user, official_without_figures
):
    with pytest.raises(PermissionDenied):
        register(actor=demo_user("kabag"))
    _nothing_written()


def test_party_must_take_part_in_a_requested_election(
    register, election_without_figures, sumut, official_without_figures
):
    from autentika.results.models import Election, Party
    from autentika.results.parties import party_identity_for

    other = Election.objects.create(
        office=sumut,
        code="dprd-sumut-2019",
        name="DPRD Sumut 2019",
        year=2019,
        legislature="DPRD_PROVINSI",
    )
    stray = Party.objects.create(
        election=other,
        number=9,
        short_name="PBB",
        political_party=party_identity_for(short_name="PBB", source="test"),
    )
    with pytest.raises(ValidationError, match="PBB harus partai peserta"):
        register(party=stray)


@pytest.mark.parametrize(
    "number",
    [
        "@SUM(A1:A9)",
        "333.333",
        "Nomor 12",
        "\uff11\uff12/DPD/2025",
        "12 / DPD",
        "DPD/GOLKAR",
        "x" * 121,
    ],
)
def test_a_request_number_not_shaped_like_a_letter_number_is_refused(
    register, official_without_figures, number
):
    with pytest.raises(ValidationError, match="tidak berbentuk nomor surat"):
        register(letter_number=number)
    _nothing_written()


@pytest.mark.parametrize(
    "number", ["045/DPD-GOLKAR/SU/I/2025", "12/DPW-NASDEM/2025", "B.12/DPP/2024"]
)
def test_letter_numbers_as_parties_write_them_are_accepted(
    register, official_without_figures, number
):
    assert register(letter_number=number).letter_number == number

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from autentika.cases.models import Case
from tests.support.documents import scan_pdf
from tests.support.organization import LOADED_SAMPLE


def _form(golkar, election, **overrides):
    data = {
        "party": golkar.pk,
        "party_level": "DPD",
        "letter_number": "77/DPD/2025",
        "letter_date": (timezone.localdate()).isoformat(),
        "subject": "Permohonan data autentifikasi",
        "elections": [election.pk],
        "purpose": "financial_aid",
        "channel": "walk_in",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "letter_scan": SimpleUploadedFile("surat.pdf", scan_pdf(), "application/pdf"),
    }
    data.update(overrides)
    return data


def test_tu_registers_through_the_form(client, demo_user, golkar, official_without_figures):
    client.force_login(demo_user("tu"))
    response = client.post(reverse("cases:create"), _form(golkar, official_without_figures))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "cases:detail", args=[case.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert f"Agenda {case.agenda_label}" in page and "Keputusan Nomor 21 Tahun 2024" in page


def test_form_shows_a_fake_pdf_refusal_and_keeps_nothing(
    client, demo_user, golkar, official_without_figures
):
    client.force_login(demo_user("tu"))
    fake = SimpleUploadedFile("surat.pdf", b"not a pdf", "application/pdf")
    page = client.post(
        reverse("cases:create"), _form(golkar, official_without_figures, letter_scan=fake)
    )
    assert "bukan berkas PDF, JPG, atau PNG yang sah" in page.content.decode()
    assert not Case.objects.exists()


def test_duplicate_asks_for_a_reason_then_registers(
    client, demo_user, golkar, official_without_figures
):
    client.force_login(demo_user("tu"))
    client.post(reverse("cases:create"), _form(golkar, official_without_figures))
    page = client.post(
        reverse("cases:create"), _form(golkar, official_without_figures)
    ).content.decode()
    assert "Kemungkinan surat ganda" in page and "Alasan mencatat ulang" in page
    assert Case.objects.count() == 1
    client.post(
        reverse("cases:create"),
        _form(golkar, official_without_figures, duplicate_reason="Dikirim ulang"),
    )
    assert Case.objects.count() == 2


def test_staff_without_the_registering_duty_get_403(client, demo_user, sumut):
    client.force_login(demo_user("kabag"))
    response = client.get(reverse("cases:create"))
    assert response.status_code == 403
    assert "Anda tidak berwenang" in response.content.decode()


def test_disposing_through_the_page_and_reading_marks(
    client, demo_user, register, official_without_figures
):
    case = register()
    client.force_login(demo_user("ketua"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Disposisikan" in page
    sekretaris = case.office.positions.get(code="SEKRETARIS")
    client.post(
        reverse("cases:dispose", args=[case.pk]),
        {
            "to_position": sekretaris.pk,
            "instruction": "balas",
            "urgency": "segera",
            "security_class": "biasa",
            "note": "Segera",
        },
    )
    case.refresh_from_db()
    assert case.current_position == sekretaris
    client.force_login(demo_user("sekretaris"))
    client.get(reverse("cases:detail", args=[case.pk]))
    assert case.dispositions.get().read_at is not None


def test_another_offices_case_and_documents_are_not_found(
    client, register, official_without_figures, loaded_office_user
):
    """Over a sample of the 553 offices `offices_load` creates: their Tata Usaha sees neither
    this office's case nor its scan, nor finds it in the register."""
    case = register()
    document = case.documents.get()
    for office_code in LOADED_SAMPLE:
        client.force_login(loaded_office_user(office_code, "TU"))
        assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
        document_url = reverse("cases:document", args=[case.pk, document.pk])
        assert client.get(document_url).status_code == 404
        register_page = client.get(reverse("cases:register"))
        assert register_page.status_code == 200
        assert case.letter_number not in register_page.content.decode()


def test_documents_are_served_only_to_logged_in_staff(
    client, demo_user, register, official_without_figures
):
    case = register()
    document = case.documents.get()
    url = reverse("cases:document", args=[case.pk, document.pk])
    assert client.get(url).status_code == 302
    client.force_login(demo_user("kabag"))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == scan_pdf()


def test_register_exports_and_sheet_download(client, demo_user, register, official_without_figures):
    case = register()
    client.force_login(demo_user("tu"))
    xlsx = client.get(reverse("cases:register_export", args=["xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get(reverse("cases:register_export", args=["pdf"]))
    assert pdf.content.startswith(b"%PDF")
    bad = client.get(
        reverse("cases:register_export", args=["pdf"]),
        {"date_from": "2025-02-01", "date_to": "2025-01-01"},
    )
    assert bad.status_code == 302
    sheet = client.get(reverse("cases:sheet", args=[case.pk]))
    assert sheet["Content-Type"] == "application/pdf"
    assert client.get(reverse("cases:register_export", args=["doc"])).status_code == 404


def test_home_counters_show_waiting_work(client, demo_user, register, official_without_figures):
    register()
    client.force_login(demo_user("ketua"))
    page = client.get(reverse("home")).content.decode()
    assert "Menunggu tindakan saya" in page and "Belum dibaca" in page

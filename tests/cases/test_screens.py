"""What Tata Usaha and the disposition chain see on their screens (issue: every role's screens).
Each test states what a user checks on the page."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from autentika.cases.models import Disposition
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_each_election_checkbox_has_its_own_label_and_the_list_no_input_class(
    client, demo_user, official_without_figures
):
    client.force_login(demo_user("tu"))
    page = client.get(reverse("cases:create")).content.decode()
    box = re.search(r'<input type="checkbox"[^>]*name="elections"[^>]*id="([^"]+)"', page)
    assert box is not None
    assert f'<label class="form-check-label" for="{box.group(1)}">' in page
    assert 'for=""' not in page
    # The wrapper of the list is a fieldset with a legend, not an input-styled element.
    assert re.search(r'<(div|fieldset)[^>]*id="id_elections"[^>]*form-check-input', page) is None
    assert "<legend" in page


def test_the_ketuas_urgency_and_due_date_carry_down_the_chain(
    client, demo_user, register, dispose, official_without_figures
):
    case = register()
    due = timezone.localdate() + dt.timedelta(days=3)
    dispose(case, "ketua", "SEKRETARIS", urgency="segera", due_on=due)
    client.force_login(demo_user("sekretaris"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert re.search(r'<option value="segera" selected>', page)
    assert f'value="{due.isoformat()}"' in page
    # The next level leaves the date empty: the Ketua's deadline stays the case's.
    dispose(case, "sekretaris", "KABAG", urgency="segera", due_on=None)
    case.refresh_from_db()
    assert case.due_on == due
    sheet = client.get(reverse("cases:sheet", args=[case.pk]))
    text = pdf_text(sheet.content)
    assert "Sifat Segera" in text
    assert "Batas waktu" in text and str(due.year) in text


def test_a_lower_level_cannot_loosen_the_urgency(register, dispose, official_without_figures):
    from django.core.exceptions import ValidationError

    case = register()
    dispose(case, "ketua", "SEKRETARIS", urgency="sangat_segera")
    with pytest.raises(ValidationError, match="Sifat tidak boleh lebih rendah"):
        dispose(case, "sekretaris", "KABAG", urgency="biasa")


def test_a_refused_disposition_keeps_every_value_and_shows_the_error_at_its_field(
    client, demo_user, register, official_without_figures, sumut
):
    case = register()
    client.force_login(demo_user("ketua"))
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(
        reverse("cases:dispose", args=[case.pk]),
        {
            "to_position": sumut.positions.get(code="SEKRETARIS").pk,
            "instruction": "proses",
            "urgency": "sangat_segera",
            "security_class": "terbatas",
            "due_on": yesterday.isoformat(),
            "note": "Mohon segera diproses bersama Kabag Teknis.",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mohon segera diproses bersama Kabag Teknis." in page
    assert '<option value="sangat_segera" selected>' in page
    assert '<option value="terbatas" selected>' in page
    assert "tidak boleh sebelum hari ini" in page
    assert Disposition.objects.count() == 0


def test_a_disposition_note_is_bounded(
    client, demo_user, register, official_without_figures, sumut
):
    case = register()
    client.force_login(demo_user("ketua"))
    response = client.post(
        reverse("cases:dispose", args=[case.pk]),
        {
            "to_position": sumut.positions.get(code="SEKRETARIS").pk,
            "instruction": "proses",
            "urgency": "biasa",
            "security_class": "biasa",
            "note": "x" * 6000,
        },
    )
    assert response.status_code == 400
    assert "paling banyak 1000" in response.content.decode().lower()
    assert Disposition.objects.count() == 0


def test_the_register_exports_print_the_filtered_list(
    client, demo_user, register, official_without_figures
):
    register(subject="Permohonan bantuan keuangan partai politik")
    register(letter_number="99/DPD/2025", subject="Permintaan salinan keputusan")
    client.force_login(demo_user("tu"))
    query = {"year": timezone.localdate().year, "q": "salinan"}
    book = client.get(reverse("cases:register_export", args=["xlsx"]), query)
    sheet = load_workbook(io.BytesIO(book.content)).active
    subjects = [row[5] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert subjects == ["Permintaan salinan keputusan"]
    assert "salinan" in sheet["A2"].value
    pdf = pdf_text(client.get(reverse("cases:register_export", args=["pdf"]), query).content)
    assert "Permintaan salinan keputusan" in pdf
    assert "Permohonan bantuan keuangan" not in pdf


def test_a_long_unbroken_perihal_wraps_on_the_case_page(
    client, demo_user, register, official_without_figures
):
    case = register(subject="A" * 280)
    client.force_login(demo_user("tu"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "text-break" in page


def test_a_long_unbroken_perihal_stays_on_the_printed_pages(
    client, demo_user, register, official_without_figures
):
    from tests.pdf import pdf_words_beyond_the_page

    case = register(subject="B" * 280)
    client.force_login(demo_user("tu"))
    register_pdf = client.get(
        reverse("cases:register_export", args=["pdf"]), {"year": timezone.localdate().year}
    ).content
    sheet_pdf = client.get(reverse("cases:sheet", args=[case.pk])).content
    assert pdf_words_beyond_the_page(register_pdf) == []
    assert pdf_words_beyond_the_page(sheet_pdf) == []


def test_a_case_without_dispositions_says_so_without_a_number(
    client, demo_user, register, official_without_figures
):
    case = register()
    client.force_login(demo_user("tu"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Belum ada disposisi." in page
    assert '<li class="list-group-item text-muted">Belum ada disposisi.' not in page


def test_a_party_without_a_full_name_is_listed_without_an_empty_dash(
    client, demo_user, official_without_figures, golkar
):
    golkar.full_name = ""
    golkar.save()
    client.force_login(demo_user("tu"))
    page = client.get(reverse("cases:create")).content.decode()
    assert ">Golkar</option>" in page
    assert "Golkar — <" not in page


def test_every_page_has_a_favicon(client, demo_user, official_without_figures):
    client.force_login(demo_user("tu"))
    page = client.get(reverse("home")).content.decode()
    assert 'rel="icon"' in page


def test_a_walk_in_sender_gets_a_printable_intake_receipt(
    client, demo_user, register, official_without_figures
):
    case = register()
    client.force_login(demo_user("tu"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    url = reverse("cases:intake_receipt", args=[case.pk])
    assert url in page
    text = pdf_text(client.get(url).content)
    assert "TANDA TERIMA SURAT MASUK" in text
    assert case.agenda_label in text and case.letter_number in text
    assert "Surat permohonan (surat-permohonan.pdf)" in text

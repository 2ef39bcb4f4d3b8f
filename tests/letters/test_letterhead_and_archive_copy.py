"""The letterhead prints the office's logo (when uploaded) and its contact line; the paraf
table is on the archive copy (SALINAN ARSIP) and, when the office's setting is on, not on the
letter sent to the party. Signed letters stay as signed."""

import base64
import datetime as dt
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from autentika.core.models import AuditEvent, AuditEventType
from autentika.letters.drafting import draft_create
from autentika.letters.rendering import Paraf, letter_html, letter_pdf
from tests.pdf import pdf_text
from tests.support.organization import png_bytes

REVIEWER = "Dewi Lestari Siregar"  # the demo Kasubbag, printed only in the paraf table


@pytest.fixture
def version(at_drafter, demo_user, official):
    case = at_drafter()
    draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    return case, draft.current_version


def _render(case, version, render=letter_html, **kwargs):
    paraf = Paraf(
        position_title="Kepala Subbagian Teknis", name=REVIEWER, date=dt.datetime(2025, 1, 6, 9)
    )
    return render(
        case=case,
        version=version,
        parafs=[paraf],
        signature=None,
        signer_position_title="Ketua",
        signer_name="(nama penanda tangan)",
        signer_employee_number="",
        **kwargs,
    )


def test_the_letterhead_prints_the_contact_line(version):
    case, current = version
    office = case.office
    office.telephone = "(061) 4524000"
    office.email = "kpu@sumut.kpu.go.id"
    office.website = "sumut.kpu.go.id"
    office.save()
    text = pdf_text(_render(case, current, render=letter_pdf))
    assert "Telepon (061) 4524000" in text
    assert "Pos-el kpu@sumut.kpu.go.id" in text
    assert "Laman sumut.kpu.go.id" in text


def test_the_letterhead_prints_the_logo_only_once_uploaded(version):
    case, current = version
    assert 'class="logo"' not in _render(case, current)  # the demo has no logo
    logo = png_bytes()
    case.office.logo.save("logo.png", ContentFile(logo))
    html = _render(case, current)
    assert f'src="data:image/png;base64,{base64.b64encode(logo).decode()}"' in html


def test_with_the_setting_on_the_party_letter_has_no_paraf_table(version):
    case, current = version
    assert case.office.paraf_on_archive_copy_only  # the default: Tata Naskah Dinas' practice
    assert REVIEWER not in _render(case, current)
    assert REVIEWER in _render(case, current, archive_copy=True)


def test_with_the_setting_off_the_party_letter_has_the_paraf_table(version):
    case, current = version
    case.office.paraf_on_archive_copy_only = False
    case.office.save()
    assert REVIEWER in _render(case, current)


def test_the_paraf_table_is_kept_on_one_page(version):
    case, current = version
    html = _render(case, current, archive_copy=True)
    assert ".paraf-block { break-inside: avoid;" in html
    assert 'class="paraf-block"' in html


def test_the_archive_copy_of_a_signed_letter_has_the_parafs_and_is_marked(
    client,
    demo_user,
    signed_letter,
):
    letter = signed_letter()
    signed_bytes = bytes(letter.pdf)
    assert REVIEWER not in pdf_text(signed_bytes)  # the setting is on by default
    client.force_login(demo_user("tu"))
    response = client.get(reverse("letters:letter_archive_pdf", args=[letter.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "SALINAN ARSIP" in text
    assert REVIEWER in text
    assert letter.number in text
    letter.refresh_from_db()
    # the signed letter is untouched
    assert bytes(letter.pdf) == signed_bytes
    assert letter.sha256 == hashlib.sha256(signed_bytes).hexdigest()
    event = AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_ACCESSED.value).last()
    assert event is not None and event.data.get("document") == "letter_archive_copy"


def test_the_last_data_rows_stay_with_the_total(version):
    """No last page holds only a row or two: the break falls at least three rows earlier."""
    case, current = version
    html = _render(case, current)
    assert "table.data tr.tail, table.data tr.total { break-before: avoid;" in html
    # one table of three dapil: its last two rows are marked to go with the total
    assert len(current.tables) == 1 and len(current.tables[0]["rows"]) == 3
    assert html.count('<tr class="tail">') == 2

"""The office profile and logo on the settings page: saved with an audit event naming what
changed; a refused form keeps every value and shows the message at its field."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from autentika.core.models import AuditEvent, AuditEventType
from autentika.organization.models import Office
from tests.image_samples import SECRET, png_chunks, png_with_extras
from tests.support.organization import PROFILE, png_bytes


@pytest.fixture
def sekretaris(client, demo_user):
    client.force_login(demo_user("sekretaris"))
    return demo_user("sekretaris")


def test_the_profile_is_saved_and_the_change_audited(client, sekretaris, sumut, settings_url):
    response = client.post(settings_url("profile"), PROFILE)
    assert response.status_code == 302
    office = Office.objects.get(pk=sumut.pk)
    assert office.telephone == "(061) 4524000"
    assert office.email == "kpu@sumut.kpu.go.id"
    event = AuditEvent.objects.get(event_type=AuditEventType.OFFICE_PROFILE_CHANGED.value)
    assert event.actor == sekretaris
    assert event.acting_position.code == "SEKRETARIS"
    # the demo office had no telephone: the event says from what to what
    assert event.data["changes"]["telephone"] == {"from": "", "to": "(061) 4524000"}


def test_saving_an_unchanged_profile_writes_no_event(client, sekretaris, settings_url):
    client.post(settings_url("profile"), PROFILE)
    client.post(settings_url("profile"), PROFILE)
    assert AuditEvent.objects.filter(event_type=AuditEventType.OFFICE_PROFILE_CHANGED).count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("telephone", "telepon kantor", "Nomor telepon hanya boleh berisi angka"),
        ("website", "sumut kpu go id", "Alamat laman tidak boleh memuat spasi"),
        ("email", "bukan-alamat", "Alamat pos-el tidak sah"),
        ("letterhead_lines", "   \n  ", "Kop surat harus memuat sedikitnya satu baris."),
    ],
)
def test_a_refused_profile_keeps_the_values_and_names_the_field(
    client, sekretaris, sumut, settings_url, field, value, message
):
    data = {**PROFILE, "city": "Kota Medan", field: value}
    response = client.post(settings_url("profile"), data)
    assert response.status_code == 400
    form = response.context["profile_form"]
    assert any(message in error for error in form.errors[field])
    page = response.content.decode()
    assert 'value="Kota Medan"' in page  # what was typed elsewhere is still there
    assert Office.objects.get(pk=sumut.pk).city == "Medan"
    assert not AuditEvent.objects.filter(event_type=AuditEventType.OFFICE_PROFILE_CHANGED).exists()


def test_a_real_png_logo_is_stored_and_audited(client, sekretaris, sumut, settings_url):
    content = png_bytes()
    response = client.post(
        settings_url("logo"), {"logo": SimpleUploadedFile("logo.png", content, "image/png")}
    )
    assert response.status_code == 302
    office = Office.objects.get(pk=sumut.pk)
    with office.logo.open("rb") as stored, Image.open(stored) as logo:
        assert logo.format == "PNG"
        assert logo.convert("RGB").tobytes() == Image.open(io.BytesIO(content)).tobytes()
    event = AuditEvent.objects.get(event_type=AuditEventType.OFFICE_LOGO_CHANGED.value)
    assert event.data["content_type"] == "image/png" and event.data["bytes"] == len(content)
    assert event.data["sha256"] == hashlib.sha256(content).hexdigest()


def test_the_logo_is_stored_without_what_is_not_pixels(client, sekretaris, sumut, settings_url):
    """Issue #27: every letter prints the logo drawn again from its pixels: the EXIF, ICC,
    comments and private chunks of the uploaded file stay out."""
    content = png_with_extras()
    response = client.post(
        settings_url("logo"), {"logo": SimpleUploadedFile("logo.png", content, "image/png")}
    )
    assert response.status_code == 302
    with Office.objects.get(pk=sumut.pk).logo.open("rb") as stored:
        logo = stored.read()
    assert SECRET not in logo
    assert set(png_chunks(logo)) <= {b"IHDR", b"IDAT", b"IEND"}
    with Image.open(io.BytesIO(logo)) as shown, Image.open(io.BytesIO(content)) as uploaded:
        assert shown.convert("RGB").tobytes() == uploaded.convert("RGB").tobytes()


def test_a_removed_logo_is_audited_and_no_longer_printed(client, sekretaris, sumut, settings_url):
    logo = SimpleUploadedFile("logo.png", png_bytes(), "image/png")
    client.post(settings_url("logo"), {"logo": logo})
    assert client.post(settings_url("logo_remove")).status_code == 302
    assert not Office.objects.get(pk=sumut.pk).logo
    events = AuditEvent.objects.filter(event_type=AuditEventType.OFFICE_LOGO_CHANGED.value)
    assert events.count() == 2 and events.last().data["removed"] is True


def test_a_png_that_is_not_a_png_is_refused(client, sekretaris, sumut, settings_url):
    fake = SimpleUploadedFile("logo.png", b"GIF89a this is no PNG at all", "image/png")
    response = client.post(settings_url("logo"), {"logo": fake})
    assert response.status_code == 400
    errors = response.context["logo_form"].errors["logo"]
    assert any("bukan gambar PNG atau JPG" in error for error in errors)
    assert not Office.objects.get(pk=sumut.pk).logo


def test_a_png_cut_short_is_refused(client, sekretaris, sumut, settings_url):
    truncated = png_bytes()[:40]
    response = client.post(
        settings_url("logo"), {"logo": SimpleUploadedFile("logo.png", truncated, "image/png")}
    )
    assert response.status_code == 400
    assert any("rusak" in error for error in response.context["logo_form"].errors["logo"])


def test_a_logo_above_one_megabyte_is_refused(client, sekretaris, sumut, settings_url):
    # a valid PNG signature followed by 1 MB and a byte of padding
    too_big = png_bytes() + b"\0" * (1024 * 1024 + 1)
    response = client.post(
        settings_url("logo"), {"logo": SimpleUploadedFile("logo.png", too_big, "image/png")}
    )
    assert response.status_code == 400
    assert any("batasnya 1 MB" in error for error in response.context["logo_form"].errors["logo"])


def test_the_services_refuse_a_user_without_the_duty_themselves(sumut, demo_user):
    """Not only the pages: a command or a later API calling the service is refused too."""
    from django.core.exceptions import PermissionDenied

    from autentika.core.uploads import Upload
    from autentika.organization.settings_services import office_logo_change, office_profile_change

    values = {**PROFILE, "paraf_on_archive_copy_only": True}
    with pytest.raises(PermissionDenied):
        office_profile_change(office=sumut, actor=demo_user("ketua"), **values)
    with pytest.raises(PermissionDenied):
        office_logo_change(office=sumut, actor=demo_user("tu"), upload=Upload("l.png", png_bytes()))
    assert not AuditEvent.objects.filter(event_type=AuditEventType.OFFICE_PROFILE_CHANGED).exists()

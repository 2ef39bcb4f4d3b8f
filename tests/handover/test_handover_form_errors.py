"""The hand-over form says what is wrong at the field typed (the recipient's NIK), and the
receipt names the identity's kind without the form's hint on its format."""

import pytest
from django.urls import reverse
from django.utils import timezone

from autentika.handover.documents import receipt_pdf
from autentika.handover.services import handover_record
from tests.pdf import pdf_text


def _form(**changes):
    data = {
        "recipient_name": "Budi Santoso",
        "recipient_position": "Sekretaris",
        "identity_kind": "nik",
        "identity_number": "12345",
        "handed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "channel": "in_person",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_wrong_nik_is_named_at_its_field(client, signed_letter, demo_user):
    letter = signed_letter()
    client.force_login(demo_user("tu"))
    page = client.post(reverse("handover:create", args=[letter.case.pk]), _form()).content.decode()
    errors = page[page.index('id="id_identity_number-errors"') :]
    assert "NIK harus 16 angka" in errors[: errors.index("</div></div>")]
    # ... and not in an alert above the form.
    assert 'class="alert alert-danger' not in page[: page.index('id="id_identity_number"')]


@pytest.mark.django_db
def test_the_receipt_names_the_identity_without_the_forms_hint(signed_letter, demo_user):
    letter = signed_letter()
    receipt = handover_record(
        letter=letter,
        actor=demo_user("tu"),
        case=letter.case,
        recipient_name="Budi Santoso",
        recipient_position="Sekretaris",
        identity_kind="nik",
        identity_number="1271011203850001",
        handed_at=timezone.now(),
        channel="in_person",
    )
    text = pdf_text(receipt_pdf(receipt=receipt))
    assert "NIK 1271********0001" in text
    assert "16 angka" not in text and "KTP elektronik" not in text
